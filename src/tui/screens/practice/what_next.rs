//! "What comes next": recall the question that follows, then rate yourself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::view::step_heading;
use crate::core::drills::WhatNext;
use crate::core::practice::Rating;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

/// The rating keys, each with the interval it would give: "1 Again 5m   2 Hard 2d ...".
pub(crate) fn rating_line(preview: &[(Rating, String); 4], theme: &Theme) -> Line<'static> {
    let keys: Vec<String> = preview
        .iter()
        .enumerate()
        .map(|(i, (rating, when))| {
            let key = key_for(Scope::Practice, Action::Pick(i));
            format!("{key} {} {when}", rating.label())
        })
        .collect();
    Line::styled(
        format!("How well did you know it?  {}", keys.join("   ")),
        theme.key(),
    )
}

pub fn view(
    frame: &mut Frame,
    area: Rect,
    prompt: &WhatNext,
    preview: Option<&[(Rating, String); 4]>,
    theme: &Theme,
) {
    let mut lines = vec![
        step_heading(prompt.step_number, &prompt.step_title, theme),
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
        format!(
            "What do you ask next? Say it out loud, then press {}.",
            key_for(Scope::Practice, Action::Open)
        ),
        theme.ask(),
    ));
    if let Some(preview) = preview {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("“{}”", prompt.answer), theme.done()));
        lines.push(Line::raw(""));
        lines.push(rating_line(preview, theme));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
