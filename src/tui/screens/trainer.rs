//! The trainer's card: for a trainer playing the customer against a trainee elsewhere. The
//! persona, every hidden fact to tick as it is uncovered, and the suggested reply per question.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::conversation::GUARDED;
use crate::core::roleplay::{RoleplayRecord, TrainerSession};
use crate::core::scenario::Reply;
use crate::core::scenario::Scenario;
use crate::core::{Bank, QuestionRef};
use crate::tui::Outcome;
use crate::tui::keymap::{Action, Scope, action_for, is_typing, up_down};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hints_line_picking, pick_list, truncate};

pub struct TrainerState {
    pub scenario: Scenario,
    pub bank: Bank,
    pub trainee: String,
    pub selected: usize,
    pub ticked: Vec<bool>,
    /// The trainer's notes for the debrief talk, oldest first.
    pub notes: Vec<String>,
    /// A note being typed.
    pub typing: Option<String>,
    pub started: Instant,
    pub now: Instant,
    /// Where the session was saved, or why it was not; printed with the checklist.
    pub saved: Option<String>,
}

impl TrainerState {
    pub(crate) fn new(scenario: Scenario, bank: Bank, trainee: &str, now: Instant) -> Self {
        let ticked = vec![false; scenario.facts.len()];
        Self {
            scenario,
            bank,
            trainee: trainee.to_string(),
            selected: 0,
            ticked,
            notes: Vec::new(),
            typing: None,
            started: now,
            now,
            saved: None,
        }
    }

    fn type_note(&mut self, key: &KeyEvent) -> Outcome {
        match action_for(&[Scope::TrainerNote], key) {
            Some(Action::Save) => {
                if let Some(note) = self.typing.take().filter(|n| !n.trim().is_empty()) {
                    self.notes.push(note.trim().to_string());
                }
            }
            Some(Action::Back) => self.typing = None,
            _ => {
                if let Some(text) = &mut self.typing {
                    match key.code {
                        KeyCode::Char(c) if is_typing(key) => text.push(c),
                        KeyCode::Backspace => {
                            text.pop();
                        }
                        _ => {}
                    }
                }
            }
        }
        Outcome::Stay
    }

    /// The session as a role-play record, or `None` when the trainer recorded nothing: an
    /// empty session is not kept.
    pub(crate) fn record(&self, started: Timestamp, ended: Timestamp) -> Option<RoleplayRecord> {
        let ticked: Vec<String> = self
            .scenario
            .facts
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|(f, _)| f.id.clone())
            .collect();
        if ticked.is_empty() && self.notes.is_empty() {
            return None;
        }
        Some(RoleplayRecord {
            schema: crate::core::roleplay::SCHEMA_VERSION,
            scenario: self.scenario.id.clone(),
            scenario_title: self.scenario.title.clone(),
            trainee: self.trainee.clone(),
            account: format!(
                "{} · {} · {} · trainer",
                self.scenario.id,
                self.trainee,
                started.strftime("%Y-%m-%d %H:%M:%S")
            ),
            started,
            transcript: Vec::new(),
            events: Vec::new(),
            turns: Default::default(),
            debrief: None,
            trainer: Some(TrainerSession {
                ticked,
                notes: self.notes.clone(),
                ended,
                facts: self.scenario.facts.len(),
            }),
        })
    }

    /// Returns true when the trainer ends the session.
    pub(crate) fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        if self.typing.is_some() {
            return self.type_note(key);
        }
        let count = entries(self).len();
        match action_for(&[Scope::Trainer], key) {
            Some(Action::Quit) => return Outcome::Quit,
            Some(Action::Notes) => self.typing = Some(String::new()),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Some(Action::Pick(n)) => {
                if let Some(tick) = self.ticked.get_mut(n) {
                    *tick = !*tick;
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// The checklist as plain text, printed when the card closes, for the debrief talk.
    pub(crate) fn checklist(&self) -> String {
        let found = self.ticked.iter().filter(|t| **t).count();
        let secs = self.now.saturating_duration_since(self.started).as_secs();
        let mut out = format!(
            "{}: {} of {} facts uncovered in {:02}:{:02}\n",
            self.scenario.title,
            found,
            self.scenario.facts.len(),
            secs / 60,
            secs % 60
        );
        for (fact, ticked) in self.scenario.facts.iter().zip(&self.ticked) {
            out += &format!(
                "  {} {} ({})\n",
                if *ticked { "✓" } else { "✗" },
                fact.description,
                fact.kind.label()
            );
        }
        if !self.notes.is_empty() {
            out += "Notes\n";
            for note in &self.notes {
                out += &format!("  - {note}\n");
            }
        }
        if let Some(saved) = &self.saved {
            out += saved;
            out += "\n";
        }
        out
    }
}

/// One row of the card's browsable list: everything the trainer may need to say or know,
/// each read in full in the panel below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Question(QuestionRef),
    Intent(usize),
    Move(usize),
    Push(usize),
    Fact(usize),
}

fn entries(state: &TrainerState) -> Vec<Entry> {
    let s = &state.scenario;
    state
        .bank
        .question_refs()
        .map(Entry::Question)
        .chain((0..s.intents.len()).map(Entry::Intent))
        .chain((0..s.moves.len()).map(Entry::Move))
        .chain((0..s.persona.pushes.len()).map(Entry::Push))
        .chain((0..s.facts.len()).map(Entry::Fact))
        .collect()
}

/// The entry's row in the list.
fn entry_row(state: &TrainerState, entry: Entry) -> String {
    let s = &state.scenario;
    match entry {
        Entry::Question(r) => {
            let ask = state.bank.question(r).map_or("", |q| q.ask.as_str());
            format!("{}.{} {ask}", r.step + 1, r.question + 1)
        }
        Entry::Intent(i) => {
            let example = s.intents[i].examples.first().map_or("", String::as_str);
            format!("Ask: {example}")
        }
        Entry::Move(i) => format!("Move: {}", s.moves[i].label),
        Entry::Push(i) => {
            let first = s.persona.pushes[i].say.first().map_or("", String::as_str);
            format!("She pushes: {first}")
        }
        Entry::Fact(i) => format!("Fact {}: {}", i + 1, s.facts[i].description),
    }
}

fn fact_numbers(state: &TrainerState, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| state.scenario.facts.iter().position(|f| &f.id == id))
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the customer answers, with what it reveals and the trust it needs.
fn reply_lines(state: &TrainerState, reply: &Reply, theme: &Theme, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::raw(format!("“{}”", reply.say)));
    for variant in &reply.variants {
        lines.push(Line::styled(
            format!("Asked again: “{variant}”"),
            theme.dim(),
        ));
    }
    if !reply.reveals.is_empty() {
        lines.push(Line::styled(
            format!("Reveals fact {}", fact_numbers(state, &reply.reveals)),
            theme.key(),
        ));
    }
    if let Some(needed) = reply.trust {
        let guarded = reply.guarded.as_deref().unwrap_or(GUARDED);
        lines.push(Line::styled(
            format!(
                "Only with trust {needed} or more (it starts at {}); until then: “{guarded}”",
                state.scenario.persona.trust
            ),
            theme.warn(),
        ));
    }
}

/// The selected entry in full.
fn detail_lines(state: &TrainerState, entry: Entry, theme: &Theme) -> Vec<Line<'static>> {
    let s = &state.scenario;
    let mut lines = Vec::new();
    match entry {
        Entry::Question(r) => {
            let id = state
                .bank
                .question(r)
                .map(|q| q.id.clone())
                .unwrap_or_default();
            match s.replies.get(&id) {
                Some(reply) => reply_lines(state, reply, theme, &mut lines),
                None => lines.push(Line::raw(format!("“{}”", s.default_reply))),
            }
        }
        Entry::Intent(i) => {
            let intent = &s.intents[i];
            lines.push(Line::styled(
                format!("Said as: “{}”", intent.examples.join("”, “")),
                theme.dim(),
            ));
            if let Some(after) = &intent.after {
                lines.push(Line::styled(format!("Only after {after}"), theme.dim()));
            }
            reply_lines(state, &intent.reply, theme, &mut lines);
        }
        Entry::Move(i) => {
            let m = &s.moves[i];
            lines.push(Line::styled(format!("Trainee: “{}”", m.say), theme.dim()));
            lines.push(Line::raw(format!(
                "You react: “{}” (trust {:+})",
                m.reaction, m.effect
            )));
            if let Some(late) = &m.reaction_once_criteria_known {
                let effect = m.effect_once_criteria_known.unwrap_or(m.effect);
                lines.push(Line::raw(format!(
                    "Once your criteria are known: “{late}” (trust {effect:+})"
                )));
            }
        }
        Entry::Push(i) => {
            let push = &s.persona.pushes[i];
            for (n, say) in push.say.iter().enumerate() {
                let when = if n == 0 { "You say" } else { "Then" };
                lines.push(Line::raw(format!("{when}: “{say}”")));
            }
            let start = if push.after == 0 {
                "The opening line is the first push".to_string()
            } else {
                format!("After {} of the trainee's lines", push.after)
            };
            lines.push(Line::styled(
                format!("{start}; again every {} lines", push.every),
                theme.dim(),
            ));
            let until: Vec<&str> = push
                .until
                .iter()
                .filter_map(|id| s.moves.iter().find(|m| &m.id == id))
                .map(|m| m.label.as_str())
                .collect();
            if !until.is_empty() {
                lines.push(Line::styled(
                    format!("Stops once the trainee: {}", until.join("; ")),
                    theme.key(),
                ));
            }
        }
        Entry::Fact(i) => {
            let fact = &s.facts[i];
            lines.push(Line::raw(format!(
                "{} ({})",
                fact.description,
                fact.kind.label()
            )));
            let by: Vec<String> = state
                .bank
                .question_refs()
                .filter_map(|r| {
                    let q = state.bank.question(r)?;
                    let reveals = s.replies.get(&q.id)?.reveals.contains(&fact.id);
                    reveals.then(|| format!("{}.{}", r.step + 1, r.question + 1))
                })
                .chain(
                    s.intents
                        .iter()
                        .filter(|i| i.reply.reveals.contains(&fact.id))
                        .map(|i| format!("“{}”", i.examples.first().map_or("", String::as_str))),
                )
                .collect();
            if !by.is_empty() {
                lines.push(Line::styled(
                    format!("Revealed by {}", by.join(", ")),
                    theme.key(),
                ));
            }
        }
    }
    lines
}

pub fn view(frame: &mut Frame, area: Rect, state: &TrainerState, theme: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let secs = state.now.saturating_duration_since(state.started).as_secs();
    let persona = &state.scenario.persona;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" Trainer's card · {}", state.scenario.title),
                theme.title(),
            ),
            Span::raw(format!(
                " · trainee {} · {:02}:{:02}",
                state.trainee,
                secs / 60,
                secs % 60
            )),
        ])),
        head,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    // The opening line first: it is what the trainer says first, and stays in sight when the
    // box is short.
    let persona_lines = vec![
        Line::raw(format!("Open with: “{}”", persona.opening)),
        Line::styled(
            format!("You are {}, {}", persona.name, persona.title),
            theme.ask(),
        ),
        Line::raw(format!("Manner: {}", persona.manner)),
    ];
    let persona_text = Paragraph::new(persona_lines).wrap(Wrap { trim: true });
    let persona_rows = persona_text.line_count(left.width.saturating_sub(2)) as u16 + 2;
    let notes_text = notes_paragraph(state);
    let notes_rows = if state.typing.is_some() || !state.notes.is_empty() {
        (notes_text.line_count(left.width.saturating_sub(2)) as u16 + 2).clamp(3, 6)
    } else {
        0
    };
    let [who, facts, notes] = Layout::vertical([
        Constraint::Length(persona_rows.min(body.height / 2)),
        Constraint::Min(3),
        Constraint::Length(notes_rows),
    ])
    .areas(left);
    frame.render_widget(
        persona_text.block(
            Block::bordered()
                .title(" Persona ")
                .border_style(theme.dim()),
        ),
        who,
    );
    let fact_lines: Vec<Line> = state
        .scenario
        .facts
        .iter()
        .zip(&state.ticked)
        .enumerate()
        .map(|(i, (fact, ticked))| {
            let mark = if *ticked { "[x]" } else { "[ ]" };
            let style = if *ticked {
                theme.done()
            } else {
                ratatui::style::Style::new()
            };
            Line::styled(
                format!(
                    "{} {mark} {} ({})",
                    i + 1,
                    fact.description,
                    fact.kind.label()
                ),
                style,
            )
        })
        .collect();
    let count = state.scenario.facts.len().min(state.ticked.len());
    let block = Block::bordered()
        .title(format!(" Hidden facts · 1-{count} ticks "))
        .border_style(theme.focused_border());
    let inner = block.inner(facts);
    let wrapped = Paragraph::new(fact_lines.clone()).wrap(Wrap { trim: true });
    // Every fact must stay in sight to be ticked: when wrapped they don't fit, one line each
    // (each is in the list on the right, to read in full).
    let paragraph = if wrapped.line_count(inner.width) > inner.height as usize {
        let width = inner.width as usize;
        Paragraph::new(
            fact_lines
                .into_iter()
                .map(|l| {
                    let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    Line::styled(truncate(&text, width), l.style)
                })
                .collect::<Vec<_>>(),
        )
    } else {
        wrapped
    };
    frame.render_widget(paragraph.block(block), facts);
    notes_view(frame, notes, notes_text, state, theme);

    let all = entries(state);
    let selected = state.selected.min(all.len().saturating_sub(1));
    let detail = all
        .get(selected)
        .map(|&e| detail_lines(state, e, theme))
        .unwrap_or_default();
    let detail = Paragraph::new(detail).wrap(Wrap { trim: true });
    let detail_rows = (detail.line_count(right.width.saturating_sub(2)) as u16 + 2)
        .max(4)
        .min(body.height / 2);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_rows)]).areas(right);
    let block = Block::bordered()
        .title(format!(
            " Questions, moves, pushes, facts · {} ",
            up_down(Scope::Trainer)
        ))
        .border_style(theme.dim());
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let width = inner.width as usize;
    let rows = all
        .iter()
        .map(|&e| Line::raw(truncate(&entry_row(state, e), width)));
    pick_list(frame, inner, rows, Some(selected), None, theme.selected());
    let title = match all.get(selected) {
        Some(Entry::Move(_)) => " The trainee's move, your reaction ",
        Some(Entry::Push(_)) => " What you push for ",
        Some(Entry::Fact(_)) => " The fact in full ",
        _ => " Your reply ",
    };
    frame.render_widget(
        detail.block(Block::bordered().title(title).border_style(theme.dim())),
        detail_area,
    );
    let scope = if state.typing.is_some() {
        Scope::TrainerNote
    } else {
        Scope::Trainer
    };
    frame.render_widget(
        Paragraph::new(hints_line_picking(
            &[scope],
            theme,
            foot.width,
            Some(state.scenario.facts.len()),
        )),
        foot,
    );
}

fn notes_paragraph(state: &TrainerState) -> Paragraph<'static> {
    let mut lines: Vec<Line> = state
        .notes
        .iter()
        .map(|n| Line::raw(format!("- {n}")))
        .collect();
    if let Some(text) = &state.typing {
        lines.push(Line::raw(format!("> {text}▏")));
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

/// The notes, wrapped in full; when they outgrow the box, the newest stay in sight.
fn notes_view(
    frame: &mut Frame,
    area: Rect,
    notes: Paragraph<'static>,
    state: &TrainerState,
    theme: &Theme,
) {
    let border = if state.typing.is_some() {
        theme.focused_border()
    } else {
        theme.dim()
    };
    let block = Block::bordered().title(" Notes ").border_style(border);
    let inner = block.inner(area);
    let rows = notes.line_count(inner.width) as u16;
    let scroll = rows.saturating_sub(inner.height);
    frame.render_widget(notes.scroll((scroll, 0)).block(block), area);
}
