//! Shown instead of the screen when the terminal cannot fit it.

use crate::tui::keymap::{Action, Scope, key_for};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub(crate) const MIN_WIDTH: u16 = 56;
pub(crate) const MIN_HEIGHT: u16 = 16;

pub(crate) fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

pub fn view(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::raw("Make the window larger."),
        Line::raw(format!(
            "disco needs {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}.",
            area.width, area.height
        )),
        Line::raw(format!(
            "Your notes are safe. {} saves and quits.",
            key_for(Scope::Global, Action::Quit)
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
