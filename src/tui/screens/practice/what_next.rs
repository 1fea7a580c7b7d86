//! "What comes next": recall the question that follows, then rate yourself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::drills::WhatNext;
use crate::tui::theme::Theme;

pub fn view(frame: &mut Frame, area: Rect, prompt: &WhatNext, revealed: bool, theme: &Theme) {
    let mut lines = vec![
        Line::styled(
            format!("Step {} · {}", prompt.step_number, prompt.step_title),
            theme.title(),
        ),
        Line::raw(""),
    ];
    match &prompt.previous {
        Some(previous) => {
            lines.push(Line::styled("You just asked:", theme.dim()));
            lines.push(Line::raw(format!("“{previous}”")));
        }
        None => lines.push(Line::styled(
            "This is the first question of the step.",
            theme.dim(),
        )),
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "What do you ask next? Say it out loud, then press Enter.",
        theme.ask(),
    ));
    if revealed {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("“{}”", prompt.answer), theme.done()));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "How well did you know it?  1 Again   2 Hard   3 Good   4 Easy",
            theme.key(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
