//! A solo role-play on the call screen: disco plays the customer from a scenario. The brief
//! comes first; then each question asked gets the customer's reply in a running transcript.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::core::company::Company;
use crate::core::conversation::{Conversation, Meaning};
use crate::core::debrief::debrief_with_sheet;
use crate::core::scenario::Scenario;
use crate::core::{Account, Bank};
use crate::storage::roleplay::{Line as SaidLine, RoleplayRecord, RoleplayStore, Speaker};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::{POINTER, centered, pick_box, pick_list};

pub struct RolePlay {
    pub scenario: Scenario,
    /// The customer: what was said, and the persona's state of mind.
    pub conversation: Conversation,
    pub record: RoleplayRecord,
    /// Where the record goes when the role-play ends.
    pub store: RoleplayStore,
    /// The trainee's question in their own words, until Enter sends it.
    pub ask_line: TextArea<'static>,
    /// Question numbers ("1.3") by id, for showing what a line was taken for.
    numbers: Vec<(String, String)>,
    /// Rows the conversation is scrolled back from its newest line; a new line scrolls it home.
    pub scrolled_back: u16,
}

impl RolePlay {
    pub(crate) fn new(
        scenario: Scenario,
        bank: &Bank,
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
            turns: Default::default(),
            debrief: None,
            trainer: None,
        };
        let numbers = bank
            .question_refs()
            .filter_map(|r| {
                let q = bank.question(r)?;
                Some((q.id.clone(), format!("{}.{}", r.step + 1, r.question + 1)))
            })
            .collect();
        Self {
            conversation: Conversation::new(scenario.clone(), bank, 0),
            scenario,
            record,
            store,
            ask_line: ask_editor(),
            numbers,
            scrolled_back: 0,
        }
    }

    /// The record follows the conversation: its lines and the trainee's questions and moves.
    /// Scrolls the conversation back (`rows` > 0) or on, never past its first line.
    pub(crate) fn scroll(&mut self, rows: i32) {
        // The most rows it can have: every line wrapped at the narrowest panel drawn.
        let most = transcript_paragraph(self, &Theme { color: false }).line_count(20) as i32;
        self.scrolled_back = (i32::from(self.scrolled_back) + rows).clamp(0, most) as u16;
    }

    fn sync_record(&mut self) {
        self.scrolled_back = 0;
        let transcript = &self.conversation.transcript;
        self.record.transcript = transcript
            .turns
            .iter()
            .map(|t| SaidLine {
                at: t.at,
                who: t.speaker,
                text: t.text.clone(),
            })
            .collect();
        self.record.events = transcript.events();
        self.record.turns = transcript.clone();
    }

    pub(crate) fn open(&mut self, now: Timestamp) {
        self.conversation.open(now);
        self.sync_record();
    }

    /// The trainee sends the question on screen word for word (F2).
    pub(crate) fn ask(&mut self, now: Timestamp, question_id: &str) {
        self.conversation.ask_question(question_id, now);
        self.sync_record();
    }

    /// The trainee sends what the ask line holds; returns what it was taken for, or `None`
    /// when the line was empty.
    pub(crate) fn send_ask_line(&mut self, now: Timestamp) -> Option<Meaning> {
        let text = self.ask_line.lines().join(" ");
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let meaning = self.conversation.ask(text, now);
        self.ask_line = ask_editor();
        self.sync_record();
        Some(meaning)
    }

    pub(crate) fn make_move(&mut self, now: Timestamp, index: usize) {
        let Some(id) = self.scenario.moves.get(index).map(|m| m.id.clone()) else {
            return;
        };
        self.conversation.make_move(&id, now);
        self.sync_record();
    }

    fn number(&self, question: &str) -> String {
        self.numbers
            .iter()
            .find(|(id, _)| id == question)
            .map_or_else(|| question.to_string(), |(_, n)| n.clone())
    }

    /// Whether the trainee did nothing at all: no question, no move, nothing captured. Such a
    /// role-play is neither scored nor kept.
    pub(crate) fn is_empty(&self, account: &Account) -> bool {
        !self.conversation.transcript.trainee_spoke()
            && account.answers.values().all(|a| a.text.trim().is_empty())
            && account.captures.values().all(Vec::is_empty)
            && account.notes.trim().is_empty()
    }

    /// Scores the role-play against `company`'s sheet from what was said, keeps the debrief in
    /// the record, and returns it to print. `zone`: where the trainee is, for the time the
    /// role-play started.
    pub(crate) fn debrief(
        &mut self,
        account: &Account,
        bank: &Bank,
        company: Option<&Company>,
        zone: &jiff::tz::TimeZone,
    ) -> String {
        self.sync_record();
        let result = debrief_with_sheet(
            account,
            bank,
            &self.scenario,
            company,
            Some(&self.conversation.transcript.turns),
        );
        let who = format!(
            "Trainee: {} · {}",
            self.record.trainee,
            self.record
                .started
                .to_zoned_datetime(zone.clone())
                .strftime("%Y-%m-%d %H:%M %Z")
        );
        let text =
            result.text(&self.scenario.title, &who) + &self.conversation.transcript.trust_report();
        self.record.debrief = Some(result);
        text
    }
}

pub(crate) fn brief(frame: &mut Frame, area: Rect, roleplay: &RolePlay, theme: &Theme) {
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
            "Ask in your own words with {}, or send the question on screen with {}; capture answers as on a live call, {} for an off-script move. {} ends the call and shows your debrief.",
            key_for(Scope::RolePlay, Action::AskLine),
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

/// The conversation, newest lines in view, with the ask line on its last row.
pub(crate) fn transcript(
    frame: &mut Frame,
    area: Rect,
    roleplay: &RolePlay,
    asking: bool,
    theme: &Theme,
) {
    let persona = &roleplay.scenario.persona;
    let block = Block::bordered()
        .title(format!(" {} · {} ", persona.name, persona.title))
        .border_style(if asking {
            theme.focused_border()
        } else {
            theme.dim()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [inner, ask_row] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    ask_line(frame, ask_row, roleplay, asking, theme);
    let paragraph = transcript_paragraph(roleplay, theme);
    let rows = paragraph.line_count(inner.width) as u16;
    // The newest lines stay in view unless the trainee scrolled back.
    let newest = rows.saturating_sub(inner.height);
    let scroll = newest.saturating_sub(roleplay.scrolled_back);
    frame.render_widget(paragraph.scroll((scroll, 0)), inner);
    if rows > inner.height {
        // Says there is more, and which keys reach it.
        let earlier = format!("{} earlier", key_for(Scope::RolePlay, Action::PageUp));
        let newer = format!("{} newer", key_for(Scope::RolePlay, Action::PageDown));
        let hint = match (scroll > 0, scroll < newest) {
            (true, true) => format!(" {earlier} · {newer} "),
            (true, false) => format!(" {earlier} "),
            _ => format!(" {newer} "),
        };
        let hint = Span::styled(hint, theme.dim());
        let width = (hint.width() as u16).min(area.width.saturating_sub(2));
        // On the bottom border, clear of the persona's name in the title.
        let spot = Rect::new(
            area.right().saturating_sub(width + 1),
            area.bottom().saturating_sub(1),
            width,
            1,
        );
        frame.render_widget(Paragraph::new(Line::from(hint)), spot);
    }
}

fn transcript_paragraph(roleplay: &RolePlay, theme: &Theme) -> Paragraph<'static> {
    let persona = &roleplay.scenario.persona;
    let mut lines: Vec<Line> = Vec::new();
    for turn in &roleplay.conversation.transcript.turns {
        match turn.speaker {
            Speaker::Trainee => {
                let mut spans = vec![
                    Span::styled("You: ", theme.key()),
                    Span::raw(turn.text.clone()),
                ];
                // What the line was taken for, and the words that decided it.
                let taken = match (&turn.question, &turn.intent, &turn.move_id) {
                    (Some(q), _, _) => Some(roleplay.number(q)),
                    (None, Some(intent), _) => Some(intent.replace('-', " ")),
                    (None, None, None) => Some("not placed".to_string()),
                    // A move made in the trainee's own words says which move it was taken for.
                    (None, None, Some(id)) if !turn.matched_words.is_empty() => {
                        let label = roleplay.scenario.moves.iter().find(|m| &m.id == id);
                        Some(format!("move: {}", label.map_or(id.as_str(), |m| &m.label)))
                    }
                    (None, None, Some(_)) => None,
                };
                if let Some(taken) = taken {
                    let words = if turn.matched_words.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", turn.matched_words.join(", "))
                    };
                    spans.push(Span::styled(format!("  → {taken}{words}"), theme.dim()));
                }
                lines.push(Line::from(spans));
            }
            Speaker::Customer => lines.push(Line::from(vec![
                Span::styled(format!("{}: ", persona.name), theme.title()),
                Span::raw(turn.text.clone()),
            ])),
        }
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

pub(crate) fn moves(
    frame: &mut Frame,
    area: Rect,
    roleplay: &RolePlay,
    selected: usize,
    theme: &Theme,
) {
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

/// The line where the trainee asks in their own words.
/// The row where the trainee asks in their own words.
fn ask_line(frame: &mut Frame, area: Rect, roleplay: &RolePlay, focused: bool, theme: &Theme) {
    let prompt = if focused {
        Span::styled("Ask › ", theme.key())
    } else {
        Span::styled(
            format!("{} ask › ", key_for(Scope::RolePlay, Action::AskLine)),
            theme.dim(),
        )
    };
    let width = (prompt.width() as u16).min(area.width);
    let [label, field] =
        Layout::horizontal([Constraint::Length(width), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(prompt)), label);
    if focused {
        frame.render_widget(&roleplay.ask_line, field);
    } else {
        // Unfocused: the text as it stands, without a cursor competing with the answer's.
        let text = roleplay.ask_line.lines().join(" ");
        let line = if text.is_empty() {
            Line::styled("your own words", theme.dim())
        } else {
            Line::raw(text)
        };
        frame.render_widget(Paragraph::new(line), field);
    }
}

fn ask_editor() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}
