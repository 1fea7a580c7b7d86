//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::{Action, BINDINGS, EDITOR_KEYS, Scope, key_for, keys_label, up_down};
use crate::tui::theme::Theme;

/// Every scope, in the order the help lists those it shows after the current screen's.
pub(crate) const SCOPES: &[Scope] = &[
    Scope::Global,
    Scope::Home,
    Scope::Call,
    Scope::Captures,
    Scope::ConfirmDelete,
    Scope::Form,
    Scope::Sheet,
    Scope::Picker,
    Scope::Reading,
    Scope::Search,
    Scope::Detail,
    Scope::Summary,
    Scope::Help,
    Scope::Practice,
    Scope::PracticeTyping,
    Scope::PracticeRecite,
    Scope::PracticeYesNo,
    Scope::PracticeLearn,
    Scope::PracticeDone,
    Scope::RolePlay,
    Scope::Brief,
    Scope::Moves,
    Scope::AskLine,
    Scope::Trainer,
    Scope::TrainerNote,
    Scope::ConfirmEnd,
    Scope::Report,
];

/// What the help shows, in order: the keys in force first (`current`), then the rest of
/// `shown`: keys of other screens or modes (practice on a live call) are left out.
pub(crate) fn scopes_in_order(current: &[Scope], shown: impl Fn(Scope) -> bool) -> Vec<Scope> {
    let mut order: Vec<Scope> = current.to_vec();
    for &scope in SCOPES {
        if !order.contains(&scope) && (shown(scope) || scope == Scope::Global) {
            order.push(scope);
        }
    }
    // Scrolling the help is the least of it.
    if let Some(i) = order.iter().position(|s| *s == Scope::Help) {
        let help = order.remove(i);
        order.push(help);
    }
    order
}

/// `text` in rows of at most `width` columns, broken between words; a word longer than a
/// row is left whole (the paragraph wraps it).
fn word_rows(text: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        if !row.is_empty() && row.width() + 1 + word.width() > width {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
    }
    rows.push(row);
    rows
}

/// One key's line: its keys, then what it does, continued under itself on a narrow terminal.
fn key_rows(keys: Span<'static>, what: &str, column: usize, width: u16) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(column + 2).max(12);
    word_rows(what, room)
        .into_iter()
        .enumerate()
        .map(|(i, row)| match i {
            0 => Line::from(vec![keys.clone(), Span::raw(row)]),
            _ => Line::from(vec![Span::raw(" ".repeat(column + 2)), Span::raw(row)]),
        })
        .collect()
}

/// The help's lines for a panel `width` columns wide (inside its border).
pub(crate) fn lines(theme: &Theme, scopes: &[Scope], width: u16) -> Vec<Line<'static>> {
    let column = BINDINGS
        .iter()
        .map(|b| keys_label(b).chars().count())
        .chain(EDITOR_KEYS.iter().map(|(keys, _)| keys.chars().count()))
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for &scope in scopes {
        lines.push(Line::styled(scope.title(), theme.title()));
        for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
            let keys = Span::styled(format!("  {:<column$}", keys_label(binding)), theme.key());
            lines.extend(key_rows(keys, binding.help, column, width));
        }
        if scope == Scope::Call {
            lines.push(Line::styled("  Answer editor", theme.dim()));
            for (keys, what) in EDITOR_KEYS {
                let keys = Span::styled(format!("  {keys:<column$}"), theme.dim());
                lines.extend(key_rows(keys, what, column, width));
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Your notes save themselves within a second. Any key closes this help.",
        theme.dim(),
    ));
    lines
}

pub fn view(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme, scopes: &[Scope]) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Keys · {} {} {} scroll · any other key closes ",
            up_down(Scope::Help),
            key_for(Scope::Help, Action::PageUp),
            key_for(Scope::Help, Action::PageDown)
        ))
        .border_style(theme.focused_border());
    // Wrapped, so a narrow terminal shows every word of a line, under its first row.
    let help = Paragraph::new(lines(theme, scopes, area.width.saturating_sub(2)))
        .wrap(Wrap { trim: false });
    let rows = help.line_count(area.width.saturating_sub(2));
    let visible = area.height.saturating_sub(2);
    let scroll = scroll.min(
        u16::try_from(rows)
            .unwrap_or(u16::MAX)
            .saturating_sub(visible),
    );
    frame.render_widget(help.block(block).scroll((scroll, 0)), area);
}
