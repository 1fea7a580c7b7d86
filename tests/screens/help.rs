//! Help by context: the keys in force first, and only the keys of this screen and mode.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::drive::press;

use std::time::Instant;

use disco::storage::AccountStore;
use disco::tui::App;
use disco::tui::keymap::Scope;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The first section title the help shows, below its border.
fn first_section(shown: &str) -> String {
    shown
        .lines()
        .nth(1)
        .unwrap_or("")
        .trim_matches(['│', ' '])
        .to_string()
}

#[test]
fn f1_on_a_live_call_shows_the_call_keys_first_and_no_practice_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let (_, mut app) = common::call_app(&store, "Acme Corp", Instant::now());
    press(&mut app, "<F1>");
    let shown = screen(&app, 80, 24);
    assert_eq!(first_section(&shown), Scope::Call.title(), "{shown}");
    let all = screen(&app, 100, 200);
    for absent in [
        Scope::Practice,
        Scope::RolePlay,
        Scope::Trainer,
        Scope::Home,
    ] {
        assert!(!all.contains(absent.title()), "{absent:?}\n{all}");
    }
    assert!(all.contains(Scope::Summary.title()), "{all}");
    // From a capture list: the list's keys come first.
    press(&mut app, "<esc><C-l><F1>");
    let shown = screen(&app, 80, 24);
    assert_eq!(first_section(&shown), Scope::Captures.title(), "{shown}");
    app.finish().unwrap();
}

#[test]
fn f1_on_the_home_screen_shows_its_keys_first() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup::new(
        AccountStore::new(dir.path()),
        common::bank(),
        Theme { color: false },
    );
    let mut app = App::home(setup, Instant::now()).unwrap();
    app.wait_for_accounts();
    press(&mut app, "<F1>");
    let shown = screen(&app, 80, 24);
    assert_eq!(first_section(&shown), Scope::Home.title(), "{shown}");
    assert!(shown.contains("Clear the name typed"), "{shown}");
    // Narrow: a long line goes on under itself, never cut.
    let narrow = screen(&app, 60, 20);
    let row = |text: &str| {
        narrow
            .lines()
            .find(|l| l.contains(text))
            .map(str::to_string)
    };
    assert!(row("Open the account, or create the").is_some(), "{narrow}");
    let rest = row("one typed").unwrap_or_default();
    assert!(
        rest.starts_with("│                         one typed"),
        "{narrow}"
    );
}
