//! A solo role-play on the call screen: disco plays the customer from a scenario. The brief
//! comes first; then each question asked gets the customer's reply in a running transcript.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::core::debrief::{Event, debrief};
use crate::core::scenario::Scenario;
use crate::core::{Account, Bank};
use crate::storage::roleplay::{Line as SaidLine, RoleplayRecord, RoleplayStore, Speaker};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

pub struct RolePlay {
    pub scenario: Scenario,
    pub record: RoleplayRecord,
    store: RoleplayStore,
}

impl RolePlay {
    pub fn new(scenario: Scenario, trainee: &str, account: &str, store: RoleplayStore) -> Self {
        let record = RoleplayRecord {
            schema: 1,
            scenario: scenario.id.clone(),
            scenario_title: scenario.title.clone(),
            trainee: trainee.to_string(),
            account: account.to_string(),
            started: crate::core::account::now(),
            transcript: Vec::new(),
            events: Vec::new(),
            debrief: None,
        };
        Self {
            scenario,
            record,
            store,
        }
    }

    fn say(&mut self, who: Speaker, text: &str) {
        self.record.transcript.push(SaidLine {
            at: crate::core::account::now(),
            who,
            text: text.to_string(),
        });
    }

    pub fn open(&mut self) {
        if self.record.transcript.is_empty() {
            let opening = self.scenario.persona.opening.clone();
            self.say(Speaker::Customer, &opening);
        }
    }

    /// The trainee asks a question of the bank; the customer answers from the scenario.
    pub fn ask(&mut self, question_id: &str, ask: &str) {
        let (reply, _) = self.scenario.reply(question_id);
        let reply = reply.to_string();
        self.say(Speaker::Trainee, ask);
        self.say(Speaker::Customer, &reply);
        self.record.events.push(Event::Asked {
            at: crate::core::account::now(),
            question: question_id.to_string(),
        });
    }

    pub fn make_move(&mut self, index: usize) {
        let Some(m) = self.scenario.moves.get(index).cloned() else {
            return;
        };
        self.say(Speaker::Trainee, &m.say);
        self.say(Speaker::Customer, &m.reaction);
        self.record.events.push(Event::Move {
            at: crate::core::account::now(),
            id: m.id,
        });
    }

    /// Scores the role-play, saves it with its debrief, and returns the debrief to print.
    pub fn finish(&mut self, account: &Account, bank: &Bank) -> String {
        let result = debrief(account, bank, &self.scenario, Some(&self.record.events));
        let who = format!(
            "Trainee: {} · {}",
            self.record.trainee,
            self.record.started.strftime("%Y-%m-%d %H:%M UTC")
        );
        let mut text = result.markdown(&self.scenario.title, &who);
        self.record.debrief = Some(result);
        match self.store.save(&self.record) {
            Ok(path) => text += &format!("\nSaved with the role-play record: {}\n", path.display()),
            Err(err) => text += &format!("\nThe role-play record was not saved: {err:#}\n"),
        }
        text
    }
}

pub fn brief(frame: &mut Frame, area: Rect, roleplay: &RolePlay, theme: &Theme) {
    let s = &roleplay.scenario;
    let area = centered(area, 72, 16);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Role-play · {} · {} ",
            s.title,
            format!("{:?}", s.difficulty).to_lowercase()
        ))
        .border_style(theme.focused_border());
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Company: ", theme.key()),
            Span::raw(format!("{} ({})", s.brief.company, s.brief.industry)),
        ]),
        Line::from(vec![
            Span::styled("You call: ", theme.key()),
            Span::raw(format!("{}, {}", s.brief.contact, s.brief.contact_title)),
        ]),
    ];
    if !s.brief.situation.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(s.brief.situation.clone()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Ask with F2 (the question on screen), capture answers as on a live call, F3 for an off-script move. Ctrl+Q ends the call and shows your debrief.",
        theme.dim(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Enter to start the call.", theme.ask()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

pub fn transcript(frame: &mut Frame, area: Rect, roleplay: &RolePlay, theme: &Theme) {
    let persona = &roleplay.scenario.persona;
    let block = Block::bordered()
        .title(format!(
            " {} · {} · F2 ask · F3 move ",
            persona.name, persona.title
        ))
        .border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = roleplay
        .record
        .transcript
        .iter()
        .map(|line| match line.who {
            Speaker::Trainee => Line::from(vec![
                Span::styled("You: ", theme.key()),
                Span::raw(line.text.clone()),
            ]),
            Speaker::Customer => Line::from(vec![
                Span::styled(format!("{}: ", persona.name), theme.title()),
                Span::raw(line.text.clone()),
            ]),
        })
        .collect();
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: true });
    // The newest lines stay in view.
    let rows = paragraph.line_count(inner.width) as u16;
    let scroll = rows.saturating_sub(inner.height);
    frame.render_widget(paragraph.scroll((scroll, 0)), inner);
}

pub fn moves(frame: &mut Frame, area: Rect, roleplay: &RolePlay, selected: usize, theme: &Theme) {
    let moves = &roleplay.scenario.moves;
    let area = centered(area, 60, moves.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(" Off-script move · ↑↓ Enter ")
        .border_style(theme.focused_border());
    let lines: Vec<Line> = moves
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if i == selected {
                Line::styled(format!("▶ {}", m.label), theme.selected())
            } else {
                Line::raw(format!("  {}", m.label))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
