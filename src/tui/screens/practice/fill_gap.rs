//! "Fill the gap": type the missing words of a question; case, punctuation and small typos are
//! forgiven.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::view::next_card_line;
use crate::core::drills::Gap;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

pub fn view(
    frame: &mut Frame,
    area: Rect,
    gap: &Gap,
    input: &TextArea<'_>,
    verdict: Option<bool>,
    back_in: Option<&str>,
    theme: &Theme,
) {
    let [prompt, answer, result] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(3),
        Constraint::Length(3),
    ])
    .areas(area);
    let blank = "_".repeat(gap.missing.chars().count().clamp(3, 30));
    let lines = vec![
        Line::styled("Fill in the missing words.", theme.dim()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!("“{}", gap.before), theme.ask()),
            Span::styled(blank, theme.key()),
            Span::styled(format!("{}”", gap.after), theme.ask()),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), prompt);
    let block = Block::bordered()
        .title(format!(
            " Your answer · {} checks ",
            key_for(Scope::PracticeTyping, Action::Open)
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(answer);
    frame.render_widget(block, answer);
    frame.render_widget(input, inner);
    if let Some(right) = verdict {
        let next = next_card_line(back_in);
        let line = if right {
            Line::styled(format!("Right: “{}”. {next}", gap.missing), theme.done())
        } else {
            Line::styled(
                format!("The words were: “{}”. {next}", gap.missing),
                theme.warn(),
            )
        };
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), result);
    }
}
