//! `disco report` in a terminal: one part at a time (reps, accounts, trainees, files not read)
//! as a table, and below it the selected row as charts: required questions answered per step
//! as bars, role-play scores and practice retention as sparklines. Read-only.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Cell, HighlightSpacing, Paragraph, Row, Sparkline, Table,
    TableState, Tabs, Wrap,
};
use unicode_width::UnicodeWidthStr;

use crate::core::printable::printable_line;
use crate::core::report::{
    AccountRow, Coverage, NextStepState, RepRow, Report, TraineeRow, sparkline,
};
use crate::tui::Outcome;
use crate::tui::keymap::{Action, Scope, action_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hints_line, truncate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Reps,
    Accounts,
    Trainees,
    Problems,
}

impl Part {
    const ALL: [Part; 4] = [Part::Reps, Part::Accounts, Part::Trainees, Part::Problems];

    fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

pub struct ReportState {
    pub report: Report,
    pub part: Part,
    /// The selected row of each part.
    selected: [usize; 4],
}

/// Rows a page key moves.
const PAGE: usize = 10;

impl ReportState {
    pub(crate) fn new(report: Report) -> Self {
        Self {
            report,
            part: Part::Reps,
            selected: [0; 4],
        }
    }

    fn rows(&self, part: Part) -> usize {
        match part {
            Part::Reps => self.report.reps.len(),
            Part::Accounts => self.report.accounts.len(),
            Part::Trainees => self.report.trainees.len(),
            Part::Problems => self.report.problems.len(),
        }
    }

    pub(crate) fn selected(&self) -> usize {
        self.selected[self.part.index()]
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.rows(self.part).saturating_sub(1);
        let at = &mut self.selected[self.part.index()];
        *at = at.saturating_add_signed(delta).min(last);
    }

    /// The accounts part, at the selected rep's first account (accounts are listed by rep).
    fn show_rep_accounts(&mut self) {
        let Some(rep) = self.report.reps.get(self.selected()) else {
            return;
        };
        if let Some(first) = self.report.accounts.iter().position(|a| a.rep == rep.rep) {
            self.selected[Part::Accounts.index()] = first;
            self.part = Part::Accounts;
        }
    }

    pub(crate) fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        let step = |part: Part, by: isize| {
            let n = Part::ALL.len() as isize;
            Part::ALL[(part.index() as isize + by).rem_euclid(n) as usize]
        };
        match action_for(&[Scope::Report], key) {
            Some(Action::Quit) => return Outcome::Quit,
            Some(Action::NextSection) => self.part = step(self.part, 1),
            Some(Action::PreviousSection) => self.part = step(self.part, -1),
            Some(Action::Up) => self.move_by(-1),
            Some(Action::Down) => self.move_by(1),
            Some(Action::PageUp) => self.move_by(-(PAGE as isize)),
            Some(Action::PageDown) => self.move_by(PAGE as isize),
            Some(Action::Open) if self.part == Part::Reps => self.show_rep_accounts(),
            _ => {}
        }
        Outcome::Stay
    }
}

/// Text from the folder, on one line, with nothing a terminal could act on.
fn shown(text: &str) -> String {
    printable_line(text).into_owned()
}

fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

fn total(coverage: &[Coverage]) -> Coverage {
    coverage.iter().fold(
        Coverage {
            answered: 0,
            required: 0,
        },
        |sum, c| Coverage {
            answered: sum.answered + c.answered,
            required: sum.required + c.required,
        },
    )
}

pub fn view(frame: &mut Frame, area: Rect, state: &ReportState, theme: &Theme) {
    let report = &state.report;
    // Charts for the selected row: a bar per step (and the next step for an account), or two
    // sparklines for a trainee; they give way to the table on a short terminal.
    let detail_rows = match state.part {
        part if state.rows(part) == 0 => 0,
        Part::Reps => report.steps.len() as u16 + 2,
        Part::Accounts => report.steps.len() as u16 + 3,
        Part::Trainees => 6,
        Part::Problems => 0,
    }
    .min(area.height.saturating_sub(9));
    let [head, tabs, table, detail, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(detail_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let title = format!(" Report · {} · {}", report.today, report.counts());
    frame.render_widget(
        Line::styled(truncate(&title, head.width as usize), theme.title()),
        head,
    );
    let problems = if report.problems.is_empty() {
        "Not read".to_string()
    } else {
        format!("Not read ({})", report.problems.len())
    };
    frame.render_widget(
        Tabs::new([
            "Reps".to_string(),
            "Accounts".into(),
            "Trainees".into(),
            problems,
        ])
        .select(state.part.index())
        .style(theme.dim())
        .highlight_style(theme.selected())
        .divider(" "),
        tabs,
    );
    match state.part {
        Part::Reps => {
            rep_table(frame, table, state, theme);
            if let Some(rep) = report.reps.get(state.selected()) {
                coverage_chart(frame, detail, report, &rep.rep, &rep.coverage, None, theme);
            }
        }
        Part::Accounts => {
            account_table(frame, table, state, theme);
            if let Some(account) = report.accounts.get(state.selected()) {
                let next = next_step_line(account);
                coverage_chart(
                    frame,
                    detail,
                    report,
                    &account.name,
                    &account.coverage,
                    Some(next),
                    theme,
                );
            }
        }
        Part::Trainees => {
            trainee_table(frame, table, state, theme);
            if let Some(trainee) = report.trainees.get(state.selected()) {
                trainee_charts(frame, detail, trainee, theme);
            }
        }
        Part::Problems => problem_list(frame, table, state, theme),
    }
    frame.render_widget(hints_line(&[Scope::Report], theme, foot.width), foot);
}

/// Marks the chosen row in words too, for a terminal without reverse video or colour.
const SELECTED: &str = "› ";

fn table_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(title)
        .border_style(theme.focused_border())
}

fn show_table(
    frame: &mut Frame,
    area: Rect,
    state: &ReportState,
    theme: &Theme,
    table: (Row<'static>, Vec<Vec<String>>, Vec<Constraint>),
    title: &str,
    empty: &str,
) {
    let (header, rows, widths) = table;
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {empty}")).block(table_block(title, theme)),
            area,
        );
        return;
    }
    // The table would cut a long name short with nothing to show it; cut to the column ratatui
    // will give each cell (the same layout as `Table`'s) so a cut name ends in an ellipsis.
    let [_, columns] = Layout::horizontal([
        Constraint::Length(SELECTED.width() as u16),
        Constraint::Fill(0),
    ])
    .areas(Rect::new(0, 0, area.width.saturating_sub(2), 1));
    let spans = Layout::horizontal(widths.clone())
        .flex(Flex::Start)
        .spacing(1)
        .split(columns);
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|cells| {
            Row::new(
                cells
                    .iter()
                    .zip(spans.iter())
                    .map(|(cell, span)| truncate(cell, span.width as usize)),
            )
        })
        .collect();
    let mut table_state = TableState::default().with_selected(Some(state.selected()));
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header.style(theme.key()))
            .row_highlight_style(theme.selected())
            .highlight_symbol(SELECTED)
            .highlight_spacing(HighlightSpacing::Always)
            .block(table_block(title, theme)),
        area,
        &mut table_state,
    );
}

fn header(titles: &[&'static str]) -> Row<'static> {
    Row::new(titles.iter().map(|t| Cell::from(*t)))
}

fn rep_table(frame: &mut Frame, area: Rect, state: &ReportState, theme: &Theme) {
    let rows = state
        .report
        .reps
        .iter()
        .map(|rep: &RepRow| {
            vec![
                shown(&rep.rep),
                rep.accounts.to_string(),
                format!("{}%", total(&rep.coverage).percent()),
                rep.decision_makers.to_string(),
                or_dash(rep.warnings),
                rep.next_steps_due.to_string(),
                rep.next_steps_overdue.to_string(),
                or_dash(rep.days_since_last_call),
            ]
        })
        .collect();
    let widths = vec![
        Constraint::Min(8),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(5),
    ];
    let head = header(&["Rep", "Accts", "Reqd", "DMs", "Warn", "Due", "Late", "Days"]);
    show_table(
        frame,
        area,
        state,
        theme,
        (head, rows, widths),
        " Per rep · Reqd: required answered · Days: since last call ",
        "No accounts yet.",
    );
}

fn next_column(account: &AccountRow) -> String {
    match &account.next_step {
        None => "none".into(),
        Some(next) => match (next.state, next.date) {
            (NextStepState::Overdue, _) => "late".into(),
            (_, Some(date)) => date.strftime("%m-%d").to_string(),
            (_, None) => "undated".into(),
        },
    }
}

fn next_step_line(account: &AccountRow) -> String {
    match &account.next_step {
        None => "No next step agreed".into(),
        Some(next) => {
            let when = match (next.state, next.date) {
                (NextStepState::Overdue, Some(date)) => format!("overdue since {date}"),
                (_, Some(date)) => format!("by {date}"),
                (_, None) => "no date".into(),
            };
            format!("Next: {} ({when})", shown(&next.text))
        }
    }
}

fn account_table(frame: &mut Frame, area: Rect, state: &ReportState, theme: &Theme) {
    let rows = state
        .report
        .accounts
        .iter()
        .map(|account| {
            vec![
                shown(&account.name),
                shown(&account.rep),
                format!("{}%", total(&account.coverage).percent()),
                account.decision_makers.to_string(),
                or_dash(account.warnings),
                next_column(account),
                or_dash(account.days_since_last_call),
            ]
        })
        .collect();
    // The rep column as wide as its longest name (12 at most): the rest goes to account names.
    let rep_width = state
        .report
        .accounts
        .iter()
        .map(|account| shown(&account.rep).width())
        .max()
        .unwrap_or(0)
        .clamp(3, 12) as u16;
    let widths = vec![
        Constraint::Min(10),
        Constraint::Length(rep_width),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(7),
        Constraint::Length(4),
    ];
    let head = header(&["Account", "Rep", "Reqd", "DMs", "Warn", "Next", "Days"]);
    show_table(
        frame,
        area,
        state,
        theme,
        (head, rows, widths),
        " Per account · Next: step's date or late ",
        "No accounts yet.",
    );
}

fn trainee_table(frame: &mut Frame, area: Rect, state: &ReportState, theme: &Theme) {
    let rows = state
        .report
        .trainees
        .iter()
        .map(|trainee: &TraineeRow| {
            let scores: Vec<u64> = trainee.scores.iter().map(|s| u64::from(s.score)).collect();
            let recent = &scores[scores.len().saturating_sub(8)..];
            vec![
                shown(&trainee.trainee),
                trainee.scores.len().to_string(),
                sparkline(recent, 100),
                or_dash(trainee.last_score().map(|s| s.score)),
                trainee
                    .retention_30d
                    .map_or_else(|| "–".to_string(), |r| format!("{:.0}%", r * 100.0)),
                if trainee.cards == 0 {
                    "–".to_string()
                } else {
                    format!("{}/{}", trainee.cards_mastered, trainee.cards)
                },
            ]
        })
        .collect();
    let widths = vec![
        Constraint::Min(8),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Length(6),
        Constraint::Length(6),
    ];
    let head = header(&["Trainee", "Plays", "Scores", "Last", "Recall", "Known"]);
    show_table(
        frame,
        area,
        state,
        theme,
        (head, rows, widths),
        " Role-plays and practice · Recall: remembered, 30 days ",
        "No role-plays or practice yet.",
    );
}

fn problem_list(frame: &mut Frame, area: Rect, state: &ReportState, theme: &Theme) {
    let problems = &state.report.problems;
    let block = table_block(" Files the report could not read ", theme);
    if problems.is_empty() {
        frame.render_widget(Paragraph::new(" Every file was read.").block(block), area);
        return;
    }
    let lines: Vec<Line> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (mark, style) = if i == state.selected() {
                ("› ", theme.selected())
            } else {
                ("  ", theme.ask())
            };
            Line::from(vec![
                Span::raw(mark),
                Span::styled(shown(&p.file), style),
                Span::raw(format!(": {}", shown(&p.reason))),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((state.selected() as u16, 0))
            .block(block),
        area,
    );
}

/// A bar per step: the share of its required questions answered.
fn coverage_chart(
    frame: &mut Frame,
    area: Rect,
    report: &Report,
    name: &str,
    coverage: &[Coverage],
    below: Option<String>,
    theme: &Theme,
) {
    if area.height < 3 {
        return;
    }
    let block = Block::bordered()
        .title(format!(" {} · required answered per step ", shown(name)))
        .border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [bars_area, line_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(below.is_some())),
    ])
    .areas(inner);
    let label_width = (inner.width / 3) as usize;
    let bars: Vec<Bar> = report
        .steps
        .iter()
        .zip(coverage)
        .enumerate()
        .map(|(i, (title, c))| {
            Bar::with_label(
                truncate(&format!("{} {title}", i + 1), label_width),
                c.percent(),
            )
            .text_value(format!("{}% {}/{}", c.percent(), c.answered, c.required))
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .direction(Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .max(100)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.done())
            .value_style(theme.ask()),
        bars_area,
    );
    if let Some(text) = below {
        frame.render_widget(
            Line::raw(truncate(&text, line_area.width as usize)),
            line_area,
        );
    }
}

/// Role-play scores, oldest to newest, and practice remembered per day over 30 days.
fn trainee_charts(frame: &mut Frame, area: Rect, trainee: &TraineeRow, theme: &Theme) {
    if area.height < 3 {
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let scores: Vec<u64> = trainee.scores.iter().map(|s| u64::from(s.score)).collect();
    let shown = &scores[scores
        .len()
        .saturating_sub(left.width.saturating_sub(2) as usize)..];
    let title = match (scores.first(), scores.last()) {
        (Some(first), Some(last)) if scores.len() > 1 => {
            format!(" Scores {first} → {last} ")
        }
        (Some(only), _) => format!(" Score {only} "),
        _ => " No role-plays ".to_string(),
    };
    frame.render_widget(
        Sparkline::default()
            .data(shown)
            .max(100)
            .style(theme.done())
            .block(Block::bordered().title(title).border_style(theme.dim())),
        left,
    );
    let days: Vec<Option<u64>> = trainee
        .retention_days
        .iter()
        // A day practised shows at least the lowest block, so 0% is not mistaken for a day off.
        .map(|d| (d.reviews > 0).then(|| ((d.remembered * 100 / d.reviews) as u64).max(4)))
        .collect();
    let shown = &days[days
        .len()
        .saturating_sub(right.width.saturating_sub(2) as usize)..];
    let title = match trainee.retention_30d {
        Some(r) => format!(" Remembered {:.0}%, 30 days ", r * 100.0),
        None => " No practice in 30 days ".to_string(),
    };
    frame.render_widget(
        Sparkline::default()
            .data(shown.iter().copied())
            .max(100)
            .style(theme.key())
            .block(Block::bordered().title(title).border_style(theme.dim())),
        right,
    );
}
