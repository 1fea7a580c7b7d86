//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::keymap::{BINDINGS, EDITOR_KEYS, Scope, keys_label};
use super::theme::Theme;

const SCOPES: [Scope; 7] = [
    Scope::Global,
    Scope::Home,
    Scope::Call,
    Scope::Captures,
    Scope::Form,
    Scope::Picker,
    Scope::Summary,
];

pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for scope in SCOPES {
        lines.push(Line::styled(scope.title(), theme.title()));
        for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys_label(binding)), theme.key()),
                Span::raw(binding.help),
            ]));
        }
        if scope == Scope::Call {
            lines.push(Line::styled(
                "  Answer editor (Ctrl+C quits here; it does not copy)",
                theme.dim(),
            ));
            for (keys, what) in EDITOR_KEYS {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<22}"), theme.dim()),
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

pub fn view(frame: &mut Frame, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(" Keys · any key closes ")
        .border_style(theme.focused_border());
    frame.render_widget(Paragraph::new(lines(theme)).block(block), area);
}
