//! Search: finds text across the account's answers, records and note, and jumps there.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;

use crate::core::search::{Found, Hit, Place, SearchIndex};
use crate::core::{Account, Bank};
use crate::tui::keymap::{Action, Scope, key_for, up_down};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, truncate};

/// More hits than a screen shows; the count says how many there are in all.
const SHOWN: usize = 200;

#[derive(Debug)]
pub struct SearchState {
    pub query: TextArea<'static>,
    index: SearchIndex,
    pub found: Found,
    pub selected: usize,
    /// Opened while typing the note: closing goes back to it.
    pub from_notes: bool,
}

impl SearchState {
    /// Reads the account once; every key after that only scans what was read.
    pub fn new(account: &Account, bank: &Bank) -> Self {
        let mut query = TextArea::default();
        query.set_cursor_line_style(ratatui::style::Style::new());
        Self {
            query,
            index: SearchIndex::build(account, bank),
            found: Found::default(),
            selected: 0,
            from_notes: false,
        }
    }

    pub fn text(&self) -> &str {
        self.query.lines().first().map_or("", String::as_str)
    }

    /// Types into the query and searches again; true when the query changed.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        if !self.query.input(*key) {
            return false;
        }
        self.refresh();
        true
    }

    pub fn paste(&mut self, text: &str) {
        self.query.insert_str(text.replace('\n', " "));
        self.refresh();
    }

    fn refresh(&mut self) {
        self.found = self.index.find(self.text(), SHOWN);
        self.selected = 0;
    }

    pub fn move_selection(&mut self, by: isize) {
        let last = self.found.hits.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + by).clamp(0, last) as usize;
    }

    pub fn chosen(&self) -> Option<&Hit> {
        self.found.hits.get(self.selected)
    }
}

/// Where a hit is, in the words the call screen uses.
fn place_label(place: &Place, bank: &Bank, account: &Account) -> String {
    match place {
        Place::Answer { at } => format!("{}.{}", at.step + 1, at.question + 1),
        Place::Record {
            list, index, field, ..
        } => {
            let title = bank.capture_list(list).map_or(list.as_str(), |l| &l.title);
            let name = bank
                .capture_list(list)
                .and_then(|l| account.records(&l.id).get(*index)?.get(&l.label_field))
                .map(|n| format!(" · {}", printable(n)))
                .unwrap_or_default();
            format!("{title}{name} · {field}")
        }
        Place::Note => "Note".into(),
    }
}

/// Text from the file as the terminal may show it: no control characters.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The line around the match, cut to `width` so the match stays in sight, with where the
/// match starts in it (in characters).
fn excerpt(hit: &Hit, width: usize) -> (String, usize) {
    let chars: Vec<char> = printable(&hit.text).chars().collect();
    // Cut at the start only when the line is too long to show whole.
    let start = if chars.len() <= width {
        0
    } else {
        hit.column
            .saturating_sub(width / 3)
            .min(chars.len().saturating_sub(width.saturating_sub(1)))
    };
    let lead = if start > 0 { "…" } else { "" };
    let rest: String = chars[start.min(chars.len())..].iter().collect();
    let at = hit.column.saturating_sub(start) + lead.chars().count();
    (truncate(&format!("{lead}{rest}"), width), at)
}

/// A hit's line with the matched words marked, so the eye finds them in the list.
fn marked(text: String, at: usize, len: usize, mark: Style) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let at = at.min(chars.len());
    let end = (at + len).min(chars.len());
    vec![
        Span::raw(chars[..at].iter().collect::<String>()),
        Span::styled(chars[at..end].iter().collect::<String>(), mark),
        Span::raw(chars[end..].iter().collect::<String>()),
    ]
}

pub fn view(
    frame: &mut Frame,
    area: Rect,
    state: &SearchState,
    bank: &Bank,
    account: &Account,
    theme: &Theme,
) {
    let wanted = u16::try_from(state.found.hits.len()).unwrap_or(u16::MAX);
    let area = centered(area, 76, wanted.saturating_add(4).max(8));
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Search answers, records and the note · {} {} ",
            up_down(Scope::Search),
            key_for(Scope::Search, Action::Open)
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [query_row, count_row, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let [label, field] =
        Layout::horizontal([Constraint::Length(5), Constraint::Min(1)]).areas(query_row);
    frame.render_widget(Paragraph::new(Span::styled("Find ", theme.key())), label);
    frame.render_widget(&state.query, field);
    let found = &state.found;
    let count = match (state.text().trim().is_empty(), found.total) {
        (true, _) => "Type to search; letters, digits and 4pm/7am are all text here.".to_string(),
        (false, 0) => "Nothing found.".to_string(),
        (false, n) if n > found.hits.len() => {
            format!(
                "{n} lines hold it; the first {} are listed.",
                found.hits.len()
            )
        }
        (false, 1) => "1 line holds it.".to_string(),
        (false, n) => format!("{n} lines hold it."),
    };
    frame.render_widget(Paragraph::new(Line::styled(count, theme.dim())), count_row);
    let width = list.width as usize;
    let height = list.height as usize;
    let scroll = (state.selected + 1).saturating_sub(height.max(1));
    let query_len = state.text().trim().chars().count();
    let mark = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let lines: Vec<Line> = found
        .hits
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, hit)| {
            let place = truncate(&place_label(&hit.place, bank, account), width / 2);
            let text_width = width.saturating_sub(place.chars().count() + 3);
            let (text, at) = excerpt(hit, text_width);
            let mut spans = vec![Span::styled(format!(" {place}  "), theme.dim())];
            spans.extend(marked(text, at, query_len, mark));
            let line = Line::from(spans);
            if i == state.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
