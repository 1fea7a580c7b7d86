//! Driving an app as a rep does and reading the screen back, for the screen tests that follow.
#![allow(clippy::unwrap_used)]

use crate::common;

use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Presses the keys of a helix-style string (`"hello<ret><C-s>"`).
pub fn press(app: &mut App, keys: &str) {
    for key in common::keys::parse(keys) {
        app.update(Msg::Key(key));
    }
}

/// The screen at `width`×`height` as text, one line per row, trailing blanks cut.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
