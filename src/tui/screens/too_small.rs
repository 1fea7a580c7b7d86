//! Shown instead of the screen when the terminal cannot fit it.

use crate::tui::keymap::{Action, Scope, key_for};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// What most screens need; the call screen, which a rep may squeeze beside a video call,
/// needs less (`call::view::MIN_SIZE`).
pub const MIN_SIZE: (u16, u16) = (56, 16);

pub fn fits(area: Rect, (width, height): (u16, u16)) -> bool {
    area.width >= width && area.height >= height
}

pub fn view(frame: &mut Frame, area: Rect, (min_width, min_height): (u16, u16)) {
    let text = vec![
        Line::raw("Make the window larger."),
        Line::raw(format!(
            "disco needs {min_width}×{min_height}; this is {}×{}.",
            area.width, area.height
        )),
        Line::raw(format!(
            "Your notes are safe. {} saves and quits.",
            key_for(Scope::Global, Action::Quit)
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
