//! `disco report`'s screen on the TestBackend, at 80x24 and 60x20: each part, the charts of
//! the selected row, and the keys that move between them.

use crate::common;
use crate::common::team::{NOW, write_team_folder};
use crate::drive::{press, render};

use std::time::Instant;

use disco::clock::Clock;
use disco::core::report;
use disco::storage::AccountStore;
use disco::storage::report::gather;
use disco::tui::App;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;

fn report_app(dir: &std::path::Path) -> App {
    let store = AccountStore::new(dir);
    let bank = common::bank();
    let report = report::build(
        gather(&store, None).unwrap(),
        &bank,
        common::at(NOW),
        &jiff::tz::TimeZone::UTC,
    );
    let setup = Setup::new(store, bank, Theme { color: false })
        .with_clock(Clock::starting_at(common::at(NOW)));
    App::report(setup, report, Instant::now())
}

#[test]
fn each_part_of_the_report_at_80x24_and_60x20() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let mut app = report_app(dir.path());
    for (width, height) in [(80, 24), (60, 20)] {
        let size = format!("{width}x{height}");
        let reps = render(&app, width, height);
        insta::assert_snapshot!(format!("report_reps_{size}"), reps);
        assert!(reps.contains("Dana Ortiz"), "{reps}");
        // The selected rep's coverage as bars: Dana answered 2 of 3 required in step 1.
        assert!(reps.contains("66% 2/3"), "{reps}");
    }
    // The next part; down to Globex, whose bars and next step show below the table.
    press(&mut app, "<tab><down>");
    for (width, height) in [(80, 24), (60, 20)] {
        let size = format!("{width}x{height}");
        let accounts = render(&app, width, height);
        insta::assert_snapshot!(format!("report_accounts_{size}"), accounts);
        assert!(
            accounts.contains("Globex · required answered"),
            "{accounts}"
        );
        assert!(accounts.contains("100% 3/3"), "{accounts}");
        assert!(
            accounts.contains("Next: Site visit (by 2026-11-27)"),
            "{accounts}"
        );
    }
    press(&mut app, "<tab>");
    for (width, height) in [(80, 24), (60, 20)] {
        let size = format!("{width}x{height}");
        let trainees = render(&app, width, height);
        insta::assert_snapshot!(format!("report_trainees_{size}"), trainees);
        assert!(trainees.contains("Scores 55 → 80"), "{trainees}");
        assert!(trainees.contains("Remembered 67%"), "{trainees}");
    }
    press(&mut app, "<tab>");
    for (width, height) in [(80, 24), (60, 20)] {
        let size = format!("{width}x{height}");
        let problems = render(&app, width, height);
        insta::assert_snapshot!(format!("report_not_read_{size}"), problems);
        assert!(
            problems.contains("› accounts/broken.yaml: 2:"),
            "{problems}"
        );
    }
    // Round and back: Tab wraps to the reps, Shift+Tab and Left go back.
    press(&mut app, "<tab>");
    assert!(render(&app, 80, 24).contains("Per rep"));
    press(&mut app, "<S-tab><left>");
    assert!(render(&app, 80, 24).contains("Role-plays and practice"));
    // Enter on a rep: their accounts, the first of them selected.
    press(&mut app, "<right><right><down><ret>");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("› Globex"), "{screen}");
    press(&mut app, "<esc>");
    assert!(app.quit, "Esc closes the report");
}

#[test]
fn an_empty_folder_says_so_instead_of_drawing_empty_charts() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = report_app(dir.path());
    let screen = render(&app, 60, 20);
    assert!(screen.contains("No accounts yet."), "{screen}");
    press(&mut app, "<down><pgdn><tab><tab>");
    let screen = render(&app, 60, 20);
    assert!(
        screen.contains("No role-plays or practice yet."),
        "{screen}"
    );
    press(&mut app, "<tab>");
    assert!(render(&app, 60, 20).contains("Every file was read."));
}

#[test]
fn text_from_the_folder_cannot_act_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let store = AccountStore::new(dir.path());
    let (path, _) = store.locate("Acme Corp").unwrap();
    let mut acme = AccountStore::load(&path).unwrap();
    acme.extra.insert(
        "owner".into(),
        disco::yaml::Value::String("Dana\u{1b}[2J\u{202e}".into()),
    );
    store.save(&path, &acme).unwrap();
    let app = report_app(dir.path());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Dana\\u{1b}[2J\\u{202e}"), "{screen}");
    assert!(!screen.contains('\u{1b}'), "{screen}");
}

#[test]
fn a_long_account_name_is_cut_with_an_ellipsis_at_60_columns() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for name in [
        "Brightline Medical Devices North",
        "Brightline Medical Devices South",
    ] {
        let account = disco::core::Account::new(name, &bank, common::at(NOW));
        let (path, _) = store.locate(name).unwrap();
        store.save(&path, &account).unwrap();
    }
    let mut app = report_app(dir.path());
    press(&mut app, "<tab>");
    let screen = render(&app, 60, 20);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|line| line.starts_with('│') && line.contains("Brightline"))
        .collect();
    assert_eq!(rows.len(), 2, "{screen}");
    for row in rows {
        assert!(row.contains("Brightline") && row.contains('…'), "{screen}");
    }
}
