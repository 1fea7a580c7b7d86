//! The trainer's card: for a trainer playing the customer against a trainee elsewhere. The
//! persona, every hidden fact to tick as it is uncovered, and the suggested reply per question.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::Bank;
use crate::core::roleplay::{RoleplayRecord, TrainerSession};
use crate::core::scenario::Scenario;
use crate::tui::Outcome;
use crate::tui::keymap::{Action, Scope, action_for, is_typing, up_down};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hints_line, pick_list, truncate};

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
    pub fn new(scenario: Scenario, bank: Bank, trainee: &str, now: Instant) -> Self {
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
    pub fn record(&self, started: Timestamp, ended: Timestamp) -> Option<RoleplayRecord> {
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
    pub fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        if self.typing.is_some() {
            return self.type_note(key);
        }
        let count = self.bank.question_refs().count();
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
    pub fn checklist(&self) -> String {
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
            Span::raw(format!(" · {:02}:{:02}", secs / 60, secs % 60)),
        ])),
        head,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let persona_lines = vec![
        Line::styled(
            format!("You are {}, {}", persona.name, persona.title),
            theme.ask(),
        ),
        Line::raw(format!("Manner: {}", persona.manner)),
        Line::raw(format!("Open with: “{}”", persona.opening)),
    ];
    let persona_text = Paragraph::new(persona_lines).wrap(Wrap { trim: true });
    // The opening line is what the trainer says first: the persona box fits it whole.
    let persona_rows = persona_text.line_count(left.width.saturating_sub(2)) as u16 + 2;
    let notes_rows = if state.typing.is_some() || !state.notes.is_empty() {
        3
    } else {
        0
    };
    let [who, facts, notes] = Layout::vertical([
        Constraint::Length(persona_rows.min(body.height / 3)),
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
    let block = Block::bordered()
        .title(" Hidden facts · 1-6 ticks ")
        .border_style(theme.focused_border());
    let inner = block.inner(facts);
    let wrapped = Paragraph::new(fact_lines.clone()).wrap(Wrap { trim: true });
    // Every fact must stay in sight to be ticked: when wrapped they don't fit, one line each.
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
    notes_view(frame, notes, state, theme);
    let moves_rows =
        moves_paragraph(state, theme).line_count(right.width.saturating_sub(2)) as u16 + 2;
    let [questions, reply, moves] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(6),
        Constraint::Length(moves_rows.min(body.height / 3)),
    ])
    .areas(right);
    moves_view(frame, moves, state, theme);
    let block = Block::bordered()
        .title(format!(" Questions · {} ", up_down(Scope::Trainer)))
        .border_style(theme.dim());
    let inner = block.inner(questions);
    frame.render_widget(block, questions);
    let width = inner.width as usize;
    let refs: Vec<_> = state.bank.question_refs().collect();
    let rows = refs.iter().map(|&r| {
        let ask = state.bank.question(r).map_or("", |q| q.ask.as_str());
        let text = format!("{}.{} {ask}", r.step + 1, r.question + 1);
        Line::raw(truncate(&text, width))
    });
    pick_list(
        frame,
        inner,
        rows,
        Some(state.selected),
        None,
        theme.selected(),
    );
    let (say, reveals) = refs
        .get(state.selected)
        .and_then(|&r| state.bank.question(r))
        .map(|q| state.scenario.reply(&q.id))
        .unwrap_or((&state.scenario.default_reply, &[]));
    let mut reply_lines = vec![Line::raw(format!("“{say}”"))];
    if !reveals.is_empty() {
        let numbers: Vec<String> = reveals
            .iter()
            .filter_map(|id| state.scenario.facts.iter().position(|f| &f.id == id))
            .map(|i| (i + 1).to_string())
            .collect();
        reply_lines.push(Line::styled(
            format!("Reveals fact {}", numbers.join(", ")),
            theme.key(),
        ));
    }
    frame.render_widget(
        Paragraph::new(reply_lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(" Suggested reply ")
                .border_style(theme.dim()),
        ),
        reply,
    );
    let scope = if state.typing.is_some() {
        Scope::TrainerNote
    } else {
        Scope::Trainer
    };
    frame.render_widget(
        Paragraph::new(hints_line(&[scope], theme, foot.width)),
        foot,
    );
}

/// Each move the trainee may make, with how the customer reacts to it.
fn moves_paragraph<'a>(state: &'a TrainerState, theme: &Theme) -> Paragraph<'a> {
    let lines: Vec<Line> = state
        .scenario
        .moves
        .iter()
        .map(|m| {
            Line::from(vec![
                Span::styled(format!("{}: ", m.label), theme.key()),
                Span::raw(format!("“{}”", m.reaction)),
            ])
        })
        .collect();
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

fn moves_view(frame: &mut Frame, area: Rect, state: &TrainerState, theme: &Theme) {
    frame.render_widget(
        moves_paragraph(state, theme).block(
            Block::bordered()
                .title(" If the trainee… you react ")
                .border_style(theme.dim()),
        ),
        area,
    );
}

fn notes_view(frame: &mut Frame, area: Rect, state: &TrainerState, theme: &Theme) {
    let block = Block::bordered().title(" Notes ");
    let (block, mut lines) = match &state.typing {
        Some(text) => (
            block.border_style(theme.focused_border()),
            vec![Line::raw(format!("> {text}▏"))],
        ),
        None => (block.border_style(theme.dim()), Vec::new()),
    };
    let room = area.height.saturating_sub(2) as usize;
    let older: Vec<Line> = state
        .notes
        .iter()
        .rev()
        .take(room.saturating_sub(lines.len()))
        .rev()
        .map(|n| Line::raw(format!("- {n}")))
        .collect();
    lines.splice(0..0, older);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
