//! "Listen for" and "Follow-ups": recall what goes with a question, reveal, rate yourself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::view::step_heading;
use super::what_next::rating_line;
use crate::core::drills::Recall;
use crate::core::practice::Rating;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

pub fn view(
    frame: &mut Frame,
    area: Rect,
    prompt: &Recall,
    preview: Option<&[(Rating, String); 4]>,
    theme: &Theme,
) {
    let mut lines = vec![
        step_heading(prompt.step_number, &prompt.step_title, theme),
        Line::raw(""),
        Line::styled("You ask:", theme.dim()),
        Line::raw(format!("“{}”", prompt.ask)),
        Line::raw(""),
        Line::styled(
            format!(
                "{} Say it out loud, then press {}.",
                prompt.task,
                key_for(Scope::Practice, Action::Open)
            ),
            theme.ask(),
        ),
    ];
    if let Some(preview) = preview {
        lines.push(Line::raw(""));
        for answer in &prompt.answer {
            lines.push(Line::styled(format!("• {answer}"), theme.done()));
        }
        lines.push(Line::raw(""));
        lines.push(rating_line(preview, theme));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
