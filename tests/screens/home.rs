//! The home screen: the name box, Esc, next steps, what needs attention, local dates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::drive::press;

use std::time::Instant;

use disco::clock::Clock;
use disco::core::account::NextStep;
use disco::storage::AccountStore;
use disco::tui::App;
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

/// A home screen over accounts saved by `setup`, on 25 Nov 2026 at 09:00 UTC, shown in `zone`.
fn home(
    names: &[(&str, Option<(&str, jiff::civil::Date)>)],
    zone: &str,
) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for (name, next) in names {
        let path = common::save_sample(&store, name, &bank);
        let mut account = AccountStore::load(&path).unwrap();
        account.next_step = next.map(|(text, date)| NextStep::new(text.into(), Some(date)));
        store.save(&path, &account).unwrap();
    }
    let now = Instant::now();
    let setup = Setup::new(store, bank, Theme { color: false })
        .with_clock(Clock::new(common::at("2026-11-25T09:00:00Z"), now))
        .with_zone(jiff::tz::TimeZone::get(zone).unwrap());
    let mut app = App::home(setup, now).unwrap();
    app.wait_for_accounts();
    (dir, app)
}

#[test]
fn esc_clears_the_name_typed_and_quits_only_when_there_is_none() {
    let (_dir, mut app) = home(&[("Acme Corp", None)], "UTC");
    press(&mut app, "Globx");
    assert!(screen(&app, 80, 24).contains("New account “Globx”"));
    press(&mut app, "<esc>");
    assert!(!app.quit, "Esc cleared the typo");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Type a customer's name"), "{shown}");
    assert!(shown.contains("Acme Corp"), "{shown}");
    press(&mut app, "<esc>");
    assert!(app.quit, "nothing left to clear: Esc quits");
}

#[test]
fn the_name_box_edits_like_the_answer_box() {
    let (_dir, mut app) = home(&[("Acme Corp", None)], "UTC");
    press(&mut app, "Globex Wrong<C-w>");
    assert!(screen(&app, 80, 24).contains("New account “Globex”"));
    // Start of line, then typing there.
    press(&mut app, "<C-a>The <C-e>Inc");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("New account “The Globex Inc”"), "{shown}");
    press(&mut app, "<C-a><C-k>acme");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Acme Corp") && shown.contains("New account “acme”"),
        "Ctrl+K took the rest of the line\n{shown}"
    );
}

#[test]
fn next_steps_show_and_overdue_accounts_come_first() {
    let date = jiff::civil::date;
    let (_dir, app) = home(
        &[
            (
                "Acme Corp",
                Some(("Call back after the audit", date(2026, 12, 3))),
            ),
            ("Beta Parts", None),
            ("Globex", Some(("Send the quote", date(2026, 11, 20)))),
            ("Initech", Some(("Site visit", date(2026, 11, 25)))),
        ],
        "UTC",
    );
    let shown = screen(&app, 100, 24);
    let row = |name: &str| shown.lines().position(|l| l.contains(name)).unwrap();
    assert!(shown.contains("overdue 20 Nov: Send the quote"), "{shown}");
    assert!(shown.contains("today: Site visit"), "{shown}");
    assert!(
        shown.contains("3 Dec: Call back after the audit"),
        "{shown}"
    );
    assert!(row("Globex") < row("Initech"), "overdue first\n{shown}");
    assert!(row("Initech") < row("Acme Corp"), "then due today\n{shown}");
    assert!(
        row("Acme Corp") < row("Beta Parts"),
        "the rest by name\n{shown}"
    );
    insta::assert_snapshot!("home_next_steps_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("home_next_steps_60x20", screen(&app, 60, 20));
}

#[test]
fn dates_are_the_reps_local_days() {
    // The sample's call started 2026-11-20 15:04 UTC: already the 21st in Tokyo.
    let (_dir, app) = home(&[("Acme Corp", None)], "Asia/Tokyo");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("2026-11-21"), "{shown}");
    let (_dir, app) = home(&[("Acme Corp", None)], "UTC");
    assert!(screen(&app, 80, 24).contains("2026-11-20"));
}

#[test]
fn at_60_columns_names_stay_apart_and_more_rows_are_signalled() {
    let date = jiff::civil::date;
    let names: Vec<String> = (1..=25)
        .map(|n| format!("Customer {n:02} Industrial"))
        .collect();
    let accounts: Vec<_> = names
        .iter()
        .map(|n| {
            (
                n.as_str(),
                Some(("call Jane about the spacer order", date(2026, 11, 28))),
            )
        })
        .collect();
    let (_dir, app) = home(&accounts, "UTC");
    let shown = screen(&app, 60, 20);
    let rows: Vec<&str> = shown.lines().filter(|l| l.contains("Customer")).collect();
    assert!(rows.len() > 5, "{shown}");
    for (n, row) in rows.iter().enumerate() {
        // The number that tells them apart survives, and a gap follows the name column.
        assert!(
            row.contains(&format!("Customer {:02} Ind", n + 1)),
            "name cut too short\n{shown}"
        );
        assert!(!row.contains("…28") && !row.contains("…2026"), "{shown}");
        assert!(
            row.contains("  28 Nov"),
            "no gap before the next step\n{shown}"
        );
    }
    assert!(
        shown.contains(&format!("{} more", 25 - rows.len())),
        "no sign that rows are hidden below\n{shown}"
    );
}

#[test]
fn after_overdue_and_today_accounts_follow_their_due_dates() {
    let date = jiff::civil::date;
    let (_dir, app) = home(
        &[
            ("Alpha Tools", Some(("Send the samples", date(2026, 12, 9)))),
            ("Beta Parts", None),
            ("Gamma Metals", Some(("Call back", date(2026, 11, 20)))),
            ("Zeta Supply", Some(("Quote", date(2026, 11, 26)))),
            ("Omega Bolts", Some(("Visit", date(2026, 11, 25)))),
        ],
        "UTC",
    );
    let shown = screen(&app, 100, 24);
    let row = |name: &str| shown.lines().position(|l| l.contains(name)).unwrap();
    assert!(row("Gamma Metals") < row("Omega Bolts"), "{shown}");
    assert!(row("Omega Bolts") < row("Zeta Supply"), "{shown}");
    assert!(
        row("Zeta Supply") < row("Alpha Tools"),
        "tomorrow before next month\n{shown}"
    );
    assert!(
        row("Alpha Tools") < row("Beta Parts"),
        "undated last\n{shown}"
    );
}

#[test]
fn one_account_is_counted_in_the_singular() {
    let (_dir, app) = home(&[("Acme Corp", None)], "UTC");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("· 1 account ") && !shown.contains("1 accounts"),
        "{shown}"
    );
}
