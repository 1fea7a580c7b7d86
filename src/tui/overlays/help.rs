//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::{Action, BINDINGS, EDITOR_KEYS, Scope, key_for, keys_label, up_down};
use crate::tui::theme::Theme;

const SCOPES: &[Scope] = &[
    Scope::Global,
    Scope::Home,
    Scope::Call,
    Scope::Captures,
    Scope::ConfirmDelete,
    Scope::Form,
    Scope::Sheet,
    Scope::Picker,
    Scope::Summary,
    Scope::Help,
    Scope::Practice,
    Scope::PracticeTyping,
    Scope::PracticeRecite,
    Scope::PracticeYesNo,
    Scope::PracticeLearn,
    Scope::RolePlay,
    Scope::Brief,
    Scope::Moves,
    Scope::Trainer,
    Scope::Report,
];

pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let column = BINDINGS
        .iter()
        .map(|b| keys_label(b).chars().count())
        .chain(EDITOR_KEYS.iter().map(|(keys, _)| keys.chars().count()))
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for &scope in SCOPES {
        lines.push(Line::styled(scope.title(), theme.title()));
        for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<column$}", keys_label(binding)), theme.key()),
                Span::raw(binding.help),
            ]));
        }
        if scope == Scope::Call {
            lines.push(Line::styled("  Answer editor", theme.dim()));
            for (keys, what) in EDITOR_KEYS {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<column$}"), theme.dim()),
                    Span::raw(*what),
                ]));
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

pub fn view(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Keys · {} {} {} scroll · any other key closes ",
            up_down(Scope::Help),
            key_for(Scope::Help, Action::PageUp),
            key_for(Scope::Help, Action::PageDown)
        ))
        .border_style(theme.focused_border());
    let lines = lines(theme);
    let visible = area.height.saturating_sub(2);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(visible));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
