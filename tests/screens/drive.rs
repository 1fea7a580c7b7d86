//! Driving an app as a rep does and reading the screen back, for the screen tests that follow.
#![allow(clippy::unwrap_used)]

use crate::common;

use disco::storage::AccountStore;
use disco::storage::roleplay::resolve_scenario;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Kim's role-play of the scenario `id` with data in `dir`, no colours, and the clock at
/// 2026-11-24 09:00 UTC.
pub fn kims_roleplay_at_nine(dir: &std::path::Path, id: &str) -> App {
    let start = std::time::Instant::now();
    let setup = Setup::new(
        AccountStore::new(dir),
        common::bank(),
        Theme { color: false },
    )
    .with_clock(disco::clock::Clock::new(
        common::at("2026-11-24T09:00:00Z"),
        start,
    ));
    let scenario = resolve_scenario(id, &common::bank()).unwrap();
    App::roleplay(setup, scenario, "kim", start).unwrap()
}

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
