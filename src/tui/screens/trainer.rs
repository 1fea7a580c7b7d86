//! The trainer's card: for a trainer playing the customer against a trainee elsewhere. The
//! persona, every hidden fact to tick as it is uncovered, and the suggested reply per question.

use std::time::Instant;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::Bank;
use crate::core::scenario::Scenario;
use crate::tui::Outcome;
use crate::tui::keymap::{Action, Scope, action_for, up_down};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hints_line, pick_list, truncate};

pub struct TrainerState {
    pub scenario: Scenario,
    pub bank: Bank,
    pub selected: usize,
    pub ticked: Vec<bool>,
    pub started: Instant,
    pub now: Instant,
}

impl TrainerState {
    pub fn new(scenario: Scenario, bank: Bank, now: Instant) -> Self {
        let ticked = vec![false; scenario.facts.len()];
        Self {
            scenario,
            bank,
            selected: 0,
            ticked,
            started: now,
            now,
        }
    }

    /// Returns true when the trainer ends the session.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        let count = self.bank.question_refs().count();
        match action_for(&[Scope::Trainer], key) {
            Some(Action::Quit) => return Outcome::Quit,
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
    let [who, facts] = Layout::vertical([Constraint::Length(6), Constraint::Min(3)]).areas(left);
    let persona_lines = vec![
        Line::styled(
            format!("You are {}, {}", persona.name, persona.title),
            theme.ask(),
        ),
        Line::raw(format!("Manner: {}", persona.manner)),
        Line::raw(format!("Open with: “{}”", persona.opening)),
    ];
    frame.render_widget(
        Paragraph::new(persona_lines)
            .wrap(Wrap { trim: true })
            .block(
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
    frame.render_widget(
        Paragraph::new(fact_lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(" Hidden facts · 1-6 ticks ")
                .border_style(theme.focused_border()),
        ),
        facts,
    );
    let [questions, reply] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(right);
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
    frame.render_widget(
        Paragraph::new(hints_line(&[Scope::Trainer], theme, foot.width)),
        foot,
    );
}
