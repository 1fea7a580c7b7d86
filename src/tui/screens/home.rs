//! The home screen: the rep's accounts, a filter, and the way to start a new one.

use crossterm::event::{KeyCode, KeyEvent};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::core::names::clean_account_name;
use crate::core::plural::plural;
use crate::core::{Bank, StepProgress};
use crate::storage::Listed;
use crate::tui::Outcome;
use crate::tui::effects::Effect;
use crate::tui::keymap::{Action, Scope, action_for, is_typing, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit_words, hints_line, truncate};

pub struct Entry {
    pub name: String,
    /// The name lowercased once, for the filter.
    folded: String,
    /// The day of the last call where the rep is.
    pub last_call: Option<Date>,
    /// What was agreed to happen next, one line, and when it is due.
    pub next_step: Option<(String, Due)>,
    pub progress: Vec<StepProgress>,
    /// Why the file could not be read; such accounts are listed but cannot be opened.
    pub error: Option<String>,
    /// Lines the promise guard flags in the account, when a sheet is in use.
    pub warnings: Option<usize>,
}

/// When an account's next step is due, against today where the rep is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    Overdue(Date),
    Today,
    Later(Date),
    Undated,
}

impl Due {
    fn of(date: Option<Date>, today: Date) -> Self {
        match date {
            Some(d) if d < today => Due::Overdue(d),
            Some(d) if d == today => Due::Today,
            Some(d) => Due::Later(d),
            None => Due::Undated,
        }
    }
}

impl Entry {
    /// Accounts that need the rep first: files that can't be read, a next step overdue (the
    /// oldest first), due today, then the next steps to come by their date, then accounts
    /// without a dated next step. Within each, ones the promise guard flags come first; the
    /// rest keep their order.
    fn attention(&self) -> (u8, Option<Date>, bool) {
        if self.error.is_some() {
            return (0, None, false);
        }
        let unflagged = !matches!(self.warnings, Some(n) if n > 0);
        match &self.next_step {
            Some((_, Due::Overdue(d))) => (1, Some(*d), unflagged),
            Some((_, Due::Today)) => (2, None, unflagged),
            Some((_, Due::Later(d))) => (3, Some(*d), unflagged),
            _ => (4, None, unflagged),
        }
    }
}

fn name_box(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(ratatui::style::Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

pub enum Row<'a> {
    Account(&'a Entry),
    Create(String),
    /// While choosing: an existing account whose name looks like the one typed.
    LookAlike(&'a str),
    /// While choosing: the explicit "yes, a new account" row.
    ConfirmCreate(&'a str),
}

/// A new name that looks like accounts already here ("Keystone Fastener" when "Keystone
/// Fastener & Supply Co." exists): the rep opens one of those or says it is a new customer.
/// Nothing is created until then, so quitting here creates nothing.
pub struct Choosing {
    pub name: String,
    pub alikes: Vec<String>,
}

#[derive(Default)]
pub struct HomeState {
    /// The name box: edits like the answer box (Ctrl+W, Ctrl+A/E, Ctrl+K…), one line.
    name_box: TextArea<'static>,
    /// The name box's text.
    filter: String,
    entries: Vec<Entry>,
    pub selected: usize,
    pub message: Option<String>,
    /// True until the account list has been read.
    pub loading: bool,
    /// Which entries the filter matches, in order: kept up to date as the filter changes,
    /// so neither a key nor a frame looks at every one of thousands of accounts.
    matches: Vec<usize>,
    /// The lowercased filter `matches` was made for.
    matched: String,
    /// The row offering to create the typed name, when no readable account has it.
    create: Option<String>,
    pub choosing: Option<Choosing>,
    /// The widest readable account name, in columns: the name column needs no more.
    longest_name: usize,
    /// The rep's day when the list was read: a narrow screen leaves this year out of dates.
    today: Option<Date>,
}

impl HomeState {
    pub fn loading() -> Self {
        Self {
            loading: true,
            name_box: name_box(""),
            ..Self::default()
        }
    }

    /// Loading, with something to tell the rep first (a config file that could not be used).
    pub fn loading_saying(message: Option<String>) -> Self {
        Self {
            message,
            ..Self::loading()
        }
    }

    /// Starts by asking about a name that looks like existing accounts (`disco call NAME`).
    pub fn choose(&mut self, name: &str, alikes: Vec<String>) {
        self.set_filter(name);
        self.refilter(true);
        self.selected = 0;
        self.choosing = Some(Choosing {
            name: name.to_string(),
            alikes,
        });
    }

    fn set_filter(&mut self, text: &str) {
        self.name_box = name_box(text);
        self.filter = text.to_string();
    }

    /// `zone` and `today`: where the rep is, for dates and what is overdue.
    pub fn fill(
        &mut self,
        listed: Result<Vec<Listed>, String>,
        bank: &Bank,
        zone: &TimeZone,
        today: Date,
    ) {
        self.loading = false;
        self.today = Some(today);
        match listed {
            Ok(listed) => {
                self.entries = Self::entries(listed, bank, zone, today);
                self.longest_name = self
                    .entries
                    .iter()
                    .filter(|e| e.error.is_none())
                    .map(|e| e.name.width())
                    .max()
                    .unwrap_or(0);
                // Stable: within a rank, the store's order (by name) stays.
                self.entries.sort_by_key(Entry::attention);
            }
            Err(err) => self.message = Some(format!("Can't list the accounts: {err}")),
        }
        self.refilter(true);
    }

    /// Brings `matches` up to date with the filter. Typing one more letter can only narrow
    /// the matches, so only those are searched again.
    fn refilter(&mut self, from_scratch: bool) {
        let needle = self.filter.trim().to_lowercase();
        if from_scratch || !needle.starts_with(&self.matched) {
            self.matches = (0..self.entries.len()).collect();
        }
        if !needle.is_empty() {
            let entries = &self.entries;
            self.matches
                .retain(|&i| entries[i].folded.contains(&needle));
        }
        self.matched = needle;
        let typed = self.filter.trim();
        // An account named exactly so matches the filter too: only the matches need a look.
        let exact = self
            .matches
            .iter()
            .any(|&i| self.entries[i].error.is_none() && self.entries[i].name == typed);
        self.create = (!typed.is_empty() && !exact).then(|| typed.to_string());
    }

    pub fn row_count(&self) -> usize {
        match &self.choosing {
            Some(choosing) => choosing.alikes.len() + 1,
            None => self.matches.len() + usize::from(self.create.is_some()),
        }
    }

    /// Accounts matching the filter, then a row to create the typed name if it is new. While
    /// choosing: the look-alikes, then the row that confirms a new account.
    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        if let Some(choosing) = &self.choosing {
            return match choosing.alikes.get(index) {
                Some(name) => Some(Row::LookAlike(name)),
                None if index == choosing.alikes.len() => Some(Row::ConfirmCreate(&choosing.name)),
                None => None,
            };
        }
        match self.matches.get(index) {
            Some(&i) => self.entries.get(i).map(Row::Account),
            None if index == self.matches.len() => self.create.clone().map(Row::Create),
            None => None,
        }
    }

    fn entries(listed: Vec<Listed>, bank: &Bank, zone: &TimeZone, today: Date) -> Vec<Entry> {
        listed
            .into_iter()
            .map(|item| match item.account {
                Ok(account) => Entry {
                    warnings: item.warnings.map(|w| w.count),
                    last_call: account.last_call().map(|t| zone.to_datetime(t).date()),
                    next_step: account.next_step.as_ref().map(|next| {
                        let line = next.text.lines().next().unwrap_or("").trim().to_string();
                        (line, Due::of(next.date, today))
                    }),
                    progress: account.progress(bank),
                    folded: account.name.to_lowercase(),
                    name: account.name,
                    error: None,
                },
                Err(err) => {
                    let name = item
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Entry {
                        folded: name.to_lowercase(),
                        name,
                        last_call: None,
                        next_step: None,
                        progress: Vec::new(),
                        error: Some(err),
                        warnings: None,
                    }
                }
            })
            .collect()
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        self.message = None;
        if self.choosing.is_some() {
            match key.code {
                // Back to the list, the name still typed: Esc never quits from here.
                KeyCode::Esc => {
                    self.choosing = None;
                    self.selected = 0;
                    return Outcome::Stay;
                }
                KeyCode::Backspace => self.choosing = None,
                _ if is_typing(key) => self.choosing = None,
                _ => {}
            }
        }
        let rows = self.row_count();
        match action_for(&[Scope::Home], key) {
            Some(Action::Quit) => return Outcome::Quit,
            // Reps press Esc to clear a typo: it quits only when there is nothing to clear.
            Some(Action::Back) if self.filter.is_empty() => return Outcome::Quit,
            Some(Action::Back) => {
                self.set_filter("");
                self.selected = 0;
                self.refilter(true);
            }
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Some(Action::Open) => return self.open_selected(),
            Some(_) => {}
            // A tab or a line break has no place in a name.
            None if matches!(key.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Enter) => {}
            None => {
                if self.name_box.input(*key) {
                    self.filter_changed();
                }
            }
        }
        Outcome::Stay
    }

    fn filter_changed(&mut self) {
        self.filter = self.name_box.lines().concat();
        self.selected = 0;
        self.refilter(false);
    }

    pub fn paste(&mut self, text: &str) {
        let line = text.lines().next().unwrap_or("");
        let clean: String = line.chars().filter(|c| !c.is_control()).collect();
        self.name_box.insert_str(clean);
        self.filter_changed();
    }

    fn open_selected(&mut self) -> Outcome {
        let chosen = match self.row(self.selected) {
            Some(Row::Account(entry)) => match &entry.error {
                Some(err) => Err(format!("Can't open: {err}")),
                None => Ok(entry.name.clone()),
            },
            Some(Row::Create(name)) => {
                return match clean_account_name(&name) {
                    Ok(name) => Outcome::Run(Effect::CreateAccount(name)),
                    Err(e) => {
                        self.message = Some(format!("Can't create: {e}."));
                        Outcome::Stay
                    }
                };
            }
            Some(Row::LookAlike(name)) => Ok(name.to_string()),
            Some(Row::ConfirmCreate(name)) => Ok(name.to_string()),
            None => Err("Type a customer's name to start a new account.".into()),
        };
        match chosen {
            Ok(name) => Outcome::Run(Effect::OpenAccount(name)),
            Err(message) => {
                self.message = Some(message);
                Outcome::Stay
            }
        }
    }
}

fn pad_to(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(pad))
}

/// "overdue 20 Nov: Send the quote", "today: …", "1 Dec: …", or "-" when none was agreed.
fn next_step_text(entry: &Entry) -> String {
    let day = |d: &Date| d.strftime("%-d %b").to_string();
    match &entry.next_step {
        None => "-".into(),
        Some((text, due)) => match due {
            Due::Overdue(d) => format!("overdue {}: {text}", day(d)),
            Due::Today => format!("today: {text}"),
            Due::Later(d) => format!("{}: {text}", day(d)),
            Due::Undated => text.clone(),
        },
    }
}

/// The last call's day: `2026-11-24`, or on a narrow screen `24 Nov` this year, `Nov '25` before.
fn last_call_text(day: Option<Date>, today: Option<Date>, narrow: bool) -> String {
    match day {
        None => "never".into(),
        Some(d) if !narrow => d.strftime("%Y-%m-%d").to_string(),
        Some(d) if today.is_some_and(|t| t.year() == d.year()) => d.strftime("%-d %b").to_string(),
        Some(d) => d.strftime("%b '%y").to_string(),
    }
}

fn progress_text(progress: &[StepProgress]) -> String {
    progress
        .iter()
        .map(|p| format!("{}/{}", p.answered, p.total))
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn view(frame: &mut Frame, area: Rect, state: &HomeState, bank: &Bank, theme: &Theme) {
    let [title, filter, list, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" disco ", theme.title()),
            Span::styled(
                format!(
                    "· {} · {}",
                    bank.title,
                    plural(
                        state.entries.iter().filter(|e| e.error.is_none()).count(),
                        "account"
                    )
                ),
                theme.dim(),
            ),
        ])),
        title,
    );
    let name_block = Block::bordered()
        .title(" Account ")
        .border_style(theme.focused_border());
    let name_area = name_block.inner(filter);
    frame.render_widget(name_block, filter);
    if state.filter.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Type a customer's name to find or start an account",
                theme.dim(),
            )),
            name_area,
        );
    } else {
        frame.render_widget(&state.name_box, name_area);
    }
    let mut block = Block::bordered()
        .title(" Accounts · next step · last call · answered per step ")
        .border_style(theme.dim());
    let inner = block.inner(list);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if state.choosing.is_some() {
        // The name is in the box above; the question fits 60 columns.
        lines.push(Line::styled(
            "Same customer as an account you have?",
            theme.ask(),
        ));
    } else if state.loading {
        lines.push(Line::styled("Reading the accounts…", theme.dim()));
    } else if state.entries.is_empty() && state.filter.is_empty() {
        lines.push(Line::styled("No accounts yet.", theme.ask()));
        lines.push(Line::styled(
            format!(
                "Type the customer's name above and press {} to start your first call.",
                key_for(Scope::Home, Action::Open)
            ),
            theme.dim(),
        ));
    }
    // Only the rows in sight are laid out: a frame costs the same over ten accounts or ten
    // thousand (it took 8 ms over 10,000, ten times a second).
    let height = inner.height as usize;
    let scroll = (state.selected + 1).saturating_sub(height);
    let messages = lines.len();
    lines.drain(..scroll.min(messages));
    let first_row = scroll.saturating_sub(messages);
    let last_row = (scroll + height)
        .saturating_sub(messages)
        .min(state.row_count());
    // Rows out of sight are counted on the frame, so the rep knows to scroll.
    let above = first_row;
    let below = state.row_count() - last_row;
    if above + below > 0 {
        let sign = match (above, below) {
            (0, b) => format!(" ↓ {b} more "),
            (a, 0) => format!(" ↑ {a} more "),
            (a, b) => format!(" ↑ {a} · ↓ {b} more "),
        };
        block = block.title_bottom(Line::from(sign).right_aligned());
    }
    frame.render_widget(block, list);
    for (i, row) in (first_row..last_row).filter_map(|i| Some((i, state.row(i)?))) {
        let text = match &row {
            Row::Account(entry) => match &entry.error {
                Some(_) => format!(
                    "⚠ {}  can't be read ({} for details)",
                    entry.name,
                    key_for(Scope::Home, Action::Open)
                ),
                None => {
                    // Below 70 columns the year goes from the date: the name needs the room.
                    let narrow = width < 70;
                    let last = last_call_text(entry.last_call, state.today, narrow);
                    let last_width = if narrow { 7 } else { 10 };
                    // A column only when a sheet is in use.
                    let flagged = match entry.warnings {
                        Some(0) => " ".repeat(6),
                        Some(n) => format!("⚠ {n:<3} "),
                        None => String::new(),
                    };
                    let right = format!(
                        "{flagged}{last:>last_width$}  {}",
                        progress_text(&entry.progress)
                    );
                    let rest = width.saturating_sub(right.width() + 2);
                    // The name is what tells rows apart: it gets the room it needs, or half
                    // when the next step would be squeezed; the next step gets what is left
                    // when that is enough to read, after a gap.
                    let name_width = state
                        .longest_name
                        .min((rest / 2).max(rest.saturating_sub(38)));
                    let next_room = rest.saturating_sub(name_width + 2);
                    let (name_width, next) = if next_room >= 8 {
                        let next = pad_to(&truncate(&next_step_text(entry), next_room), next_room);
                        (name_width, format!("  {next}"))
                    } else {
                        (rest, String::new())
                    };
                    let name = pad_to(&truncate(&entry.name, name_width), name_width);
                    let used = name.width() + next.width() + right.width();
                    let gap = " ".repeat(width.saturating_sub(used).max(2));
                    format!("{name}{next}{gap}{right}")
                }
            },
            Row::Create(name) => format!(
                "+ New account “{}”",
                truncate(name, width.saturating_sub(20))
            ),
            Row::LookAlike(name) => {
                format!("→ Open “{}”", truncate(name, width.saturating_sub(10)))
            }
            Row::ConfirmCreate(name) => format!(
                "+ No, “{}” is another customer: create it",
                truncate(name, width.saturating_sub(40))
            ),
        };
        let overdue = matches!(
            &row,
            Row::Account(Entry {
                next_step: Some((_, Due::Overdue(_))),
                ..
            })
        );
        let style = if i == state.selected {
            theme.selected()
        } else if overdue {
            theme.warn()
        } else if matches!(row, Row::Create(_) | Row::ConfirmCreate(_)) {
            theme.key()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(message) = &state.message {
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit_words(&format!(" {message}"), usize::from(status.width)),
                theme.warn(),
            )),
            status,
        );
    }
    frame.render_widget(
        Paragraph::new(hints_line(&[Scope::Home], theme, foot.width)),
        foot,
    );
}

#[cfg(test)]
mod tests {
    use super::last_call_text;
    use jiff::civil::date;

    #[test]
    fn a_narrow_screen_leaves_only_this_years_year_out() {
        let today = Some(date(2026, 11, 25));
        let this_year = Some(date(2026, 3, 4));
        assert_eq!(last_call_text(this_year, today, false), "2026-03-04");
        assert_eq!(last_call_text(this_year, today, true), "4 Mar");
        assert_eq!(
            last_call_text(Some(date(2025, 11, 30)), today, true),
            "Nov '25"
        );
        assert_eq!(last_call_text(None, today, true), "never");
    }
}
