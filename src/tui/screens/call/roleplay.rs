//! A solo role-play on the call screen: disco plays the customer from a scenario. The brief
//! comes first; then each question asked gets the customer's reply in a running transcript.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::core::debrief::{Event, debrief};
use crate::core::scenario::Scenario;
use crate::core::{Account, Bank};
use crate::storage::roleplay::{Line as SaidLine, RoleplayRecord, RoleplayStore, Speaker};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::{POINTER, centered, pick_box, pick_list};

pub struct RolePlay {
    pub scenario: Scenario,
    pub record: RoleplayRecord,
    /// Where the record goes when the role-play ends.
    pub store: RoleplayStore,
}

impl RolePlay {
    pub fn new(
        scenario: Scenario,
        trainee: &str,
        account: &str,
        store: RoleplayStore,
        started: Timestamp,
    ) -> Self {
        let record = RoleplayRecord {
            schema: crate::core::roleplay::SCHEMA_VERSION,
            scenario: scenario.id.clone(),
            scenario_title: scenario.title.clone(),
            trainee: trainee.to_string(),
            account: account.to_string(),
            started,
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

    fn say(&mut self, at: Timestamp, who: Speaker, text: &str) {
        self.record.transcript.push(SaidLine {
            at,
            who,
            text: text.to_string(),
        });
    }

    pub fn open(&mut self, now: Timestamp) {
        if self.record.transcript.is_empty() {
            let opening = self.scenario.persona.opening.clone();
            self.say(now, Speaker::Customer, &opening);
        }
    }

    /// The trainee asks a question of the bank; the customer answers from the scenario.
    pub fn ask(&mut self, now: Timestamp, question_id: &str, ask: &str) {
        let (reply, _) = self.scenario.reply(question_id);
        let reply = reply.to_string();
        self.say(now, Speaker::Trainee, ask);
        self.say(now, Speaker::Customer, &reply);
        self.record.events.push(Event::Asked {
            at: now,
            question: question_id.to_string(),
        });
    }

    pub fn make_move(&mut self, now: Timestamp, index: usize) {
        let Some(m) = self.scenario.moves.get(index).cloned() else {
            return;
        };
        self.say(now, Speaker::Trainee, &m.say);
        self.say(now, Speaker::Customer, &m.reaction);
        self.record.events.push(Event::Move { at: now, id: m.id });
    }

    /// Scores the role-play, keeps the debrief in the record, and returns it to print.
    /// `zone`: where the trainee is, for the time the role-play started.
    pub fn debrief(&mut self, account: &Account, bank: &Bank, zone: &jiff::tz::TimeZone) -> String {
        let result = debrief(account, bank, &self.scenario, Some(&self.record.events));
        let who = format!(
            "Trainee: {} · {}",
            self.record.trainee,
            self.record
                .started
                .to_zoned_datetime(zone.clone())
                .strftime("%Y-%m-%d %H:%M %Z")
        );
        let text = result.markdown(&self.scenario.title, &who);
        self.record.debrief = Some(result);
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
        format!(
            "Ask with {} (the question on screen), capture answers as on a live call, {} for an off-script move. {} ends the call and shows your debrief.",
            key_for(Scope::RolePlay, Action::Ask),
            key_for(Scope::RolePlay, Action::Moves),
            key_for(Scope::Global, Action::Quit)
        ),
        theme.dim(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} to start the call.", key_for(Scope::Brief, Action::Open)),
        theme.ask(),
    ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

pub fn transcript(frame: &mut Frame, area: Rect, roleplay: &RolePlay, theme: &Theme) {
    let persona = &roleplay.scenario.persona;
    let block = Block::bordered()
        .title(format!(
            " {} · {} · {} ask · {} move ",
            persona.name,
            persona.title,
            key_for(Scope::RolePlay, Action::Ask),
            key_for(Scope::RolePlay, Action::Moves)
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
    let height = moves.len() as u16 + 2;
    let inner = pick_box(
        frame,
        area,
        (60, height),
        "Off-script move",
        Scope::Moves,
        theme,
    );
    let rows = moves.iter().map(|m| Line::raw(m.label.clone()));
    pick_list(
        frame,
        inner,
        rows,
        Some(selected),
        Some(POINTER),
        theme.selected(),
    );
}
