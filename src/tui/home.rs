//! The home screen: the rep's accounts, a filter, and the way to start a new one.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::keymap::{Action, Scope, action_for};
use super::theme::Theme;
use super::widgets::{hints_line, truncate};
use crate::core::names::clean_account_name;
use crate::core::{Bank, StepProgress};
use crate::storage::Listed;

pub struct Entry {
    pub name: String,
    pub last_call: Option<Timestamp>,
    pub progress: Vec<StepProgress>,
    /// Why the file could not be read; such accounts are listed but cannot be opened.
    pub error: Option<String>,
}

pub enum Row<'a> {
    Account(&'a Entry),
    Create(String),
}

#[derive(Default)]
pub struct HomeState {
    pub filter: String,
    pub entries: Vec<Entry>,
    pub selected: usize,
    pub message: Option<String>,
    /// True until the account list has been read.
    pub loading: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum HomeOutcome {
    Stay,
    Quit,
    Open(String),
}

impl HomeState {
    pub fn loading() -> Self {
        Self {
            loading: true,
            ..Self::default()
        }
    }

    pub fn fill(&mut self, listed: Result<Vec<Listed>, String>, bank: &Bank) {
        self.loading = false;
        match listed {
            Ok(listed) => self.entries = Self::entries(listed, bank),
            Err(err) => self.message = Some(format!("Can't list the accounts: {err}")),
        }
    }

    fn entries(listed: Vec<Listed>, bank: &Bank) -> Vec<Entry> {
        listed
            .into_iter()
            .map(|item| match item.account {
                Ok(account) => Entry {
                    last_call: account.last_call(),
                    progress: account.progress(bank),
                    name: account.name,
                    error: None,
                },
                Err(err) => Entry {
                    name: item
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    last_call: None,
                    progress: Vec::new(),
                    error: Some(err),
                },
            })
            .collect()
    }

    /// Accounts matching the filter, then a row to create the typed name if it is new.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<Row> = self
            .entries
            .iter()
            .filter(|e| needle.is_empty() || e.name.to_lowercase().contains(&needle))
            .map(Row::Account)
            .collect();
        let exact = self
            .entries
            .iter()
            .any(|e| e.error.is_none() && e.name == self.filter.trim());
        if !needle.is_empty() && !exact {
            rows.push(Row::Create(self.filter.trim().to_string()));
        }
        rows
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> HomeOutcome {
        self.message = None;
        let rows = self.rows().len();
        match action_for(&[Scope::Home], key) {
            Some(Action::Quit) => return HomeOutcome::Quit,
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Some(Action::Open) => return self.open_selected(),
            Some(_) => {}
            None => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    self.filter.push(c);
                    self.selected = 0;
                }
                KeyCode::Backspace => {
                    self.filter.pop();
                    self.selected = 0;
                }
                _ => {}
            },
        }
        HomeOutcome::Stay
    }

    pub fn paste(&mut self, text: &str) {
        let line = text.lines().next().unwrap_or("");
        self.filter.extend(line.chars().filter(|c| !c.is_control()));
        self.selected = 0;
    }

    fn open_selected(&mut self) -> HomeOutcome {
        let rows = self.rows();
        let chosen = match rows.get(self.selected) {
            Some(Row::Account(entry)) => match &entry.error {
                Some(err) => Err(format!("Can't open: {err}")),
                None => Ok(entry.name.clone()),
            },
            Some(Row::Create(name)) => {
                clean_account_name(name).map_err(|e| format!("Can't create: {e}."))
            }
            None => Err("Type a customer's name to start a new account.".into()),
        };
        match chosen {
            Ok(name) => HomeOutcome::Open(name),
            Err(message) => {
                self.message = Some(message);
                HomeOutcome::Stay
            }
        }
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
                    "· {} · {} accounts",
                    bank.title,
                    state.entries.iter().filter(|e| e.error.is_none()).count()
                ),
                theme.dim(),
            ),
        ])),
        title,
    );
    let prompt = if state.filter.is_empty() {
        Line::styled(
            "Type a customer's name to find or start an account",
            theme.dim(),
        )
    } else {
        Line::from(vec![
            Span::raw(state.filter.clone()),
            Span::styled("▏", theme.key()),
        ])
    };
    frame.render_widget(
        Paragraph::new(prompt).block(
            Block::bordered()
                .title(" Account ")
                .border_style(theme.focused_border()),
        ),
        filter,
    );
    let block = Block::bordered()
        .title(" Accounts · last call · answered per step ")
        .border_style(theme.dim());
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let rows = state.rows();
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if state.loading {
        lines.push(Line::styled("Reading the accounts…", theme.dim()));
    } else if state.entries.is_empty() && state.filter.is_empty() {
        lines.push(Line::styled("No accounts yet.", theme.ask()));
        lines.push(Line::styled(
            "Type the customer's name above and press Enter to start your first call.",
            theme.dim(),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let text = match row {
            Row::Account(entry) => match &entry.error {
                Some(_) => format!("⚠ {}  can't be read (Enter for details)", entry.name),
                None => {
                    let last = entry
                        .last_call
                        .map(|t| t.strftime("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| "never".into());
                    let right = format!("{last:>10}  {}", progress_text(&entry.progress));
                    let name_width = width.saturating_sub(right.chars().count() + 2);
                    let name = truncate(&entry.name, name_width);
                    let pad = name_width
                        .saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
                    format!("{name}{}  {right}", " ".repeat(pad))
                }
            },
            Row::Create(name) => format!(
                "+ New account “{}”",
                truncate(name, width.saturating_sub(20))
            ),
        };
        let style = if i == state.selected {
            theme.selected()
        } else if matches!(row, Row::Create(_)) {
            theme.key()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    let height = inner.height as usize;
    let scroll = (state.selected + 1).saturating_sub(height) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    if let Some(message) = &state.message {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {message}"), theme.warn())),
            status,
        );
    }
    frame.render_widget(
        Paragraph::new(hints_line(&[Scope::Home], theme, foot.width)),
        foot,
    );
}
