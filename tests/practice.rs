//! Practice for new hires: each drill on the TestBackend, progress on disk, and the real
//! binary in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use disco::core::drills::DrillKind;
use disco::core::practice::{Progress, Rating};
use disco::storage::AccountStore;
use disco::storage::practice::PracticeStore;
use disco::tui::screens::practice::PracticeOptions;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: &str = "2026-11-24T09:00:00Z";

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.trim_end().to_string() + "\n"
        })
        .collect()
}

fn practice(dir: &std::path::Path, drill: Option<DrillKind>, seed: u64) -> App {
    let options = PracticeOptions {
        learner: "sam".into(),
        drill,
        seed,
        new_per_day: 5,
        now: Some(common::at(NOW)),
    };
    let setup = Setup::new(
        AccountStore::new(dir),
        common::bank(),
        Theme { color: false },
    );
    App::practice(setup, options, Instant::now()).unwrap()
}

fn press(app: &mut App, keys: &str) {
    for key in common::keys::parse(keys) {
        app.update(Msg::Key(key));
    }
}

fn saved(dir: &std::path::Path) -> Progress {
    PracticeStore::new(dir).load("sam").unwrap().1
}

#[test]
fn what_comes_next_reveals_then_rates() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::WhatNext), 0);
    insta::assert_snapshot!("what_next_prompt", render(&app, 80, 24));
    press(&mut app, "3");
    assert!(
        saved(dir.path()).cards.is_empty(),
        "no rating before the reveal"
    );
    press(&mut app, "<ret>");
    insta::assert_snapshot!("what_next_revealed", render(&app, 80, 24));
    press(&mut app, "3");
    let progress = saved(dir.path());
    let card = &progress.cards["business-and-roles"];
    assert_eq!(card.reviews[0].rating, Rating::Good);
    assert_eq!(card.reviews[0].drill, "what-next");
}

#[test]
fn which_step_grades_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    press(&mut app, "2");
    insta::assert_snapshot!("which_step_wrong", render(&app, 80, 24));
    press(&mut app, "<ret>1");
    let progress = saved(dir.path());
    assert_eq!(
        progress.cards["business-and-roles"].reviews[0].rating,
        Rating::Again
    );
    assert_eq!(
        progress.cards["purchasing-alone"].reviews[0].rating,
        Rating::Good
    );
}

#[test]
fn fill_the_gap_forgives_typos_and_takes_digits_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::FillGap), 0);
    insta::assert_snapshot!("fill_gap_prompt", render(&app, 80, 24));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("____"), "{screen}");
    press(&mut app, "supplirs<ret>");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("fill_gap_checked", screen);
    let rating = saved(dir.path()).cards["business-and-roles"].reviews[0].rating;
    assert_eq!(
        rating,
        if screen.contains("Right:") {
            Rating::Good
        } else {
            Rating::Again
        }
    );
    press(&mut app, "<ret>123<ret>");
    assert_eq!(
        saved(dir.path()).cards["purchasing-alone"].reviews[0].rating,
        Rating::Again
    );
}

#[test]
fn run_the_script_shows_slips_beside_the_script() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::RunScript), 0);
    insta::assert_snapshot!("run_script_typing", render(&app, 100, 30));
    press(
        &mut app,
        "your business and your role<ret>who judges our service<ret>purchasing alone or other departments<ret><C-g>",
    );
    let screen = render(&app, 100, 30);
    insta::assert_snapshot!("run_script_result", screen);
    assert!(screen.contains("2 of 11 in order"), "{screen}");
    assert!(screen.contains("out of order"), "{screen}");
}

#[test]
fn a_session_ends_with_a_summary_and_again_comes_back_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    // Five new cards (the day's limit); the first is missed and comes back at the end.
    press(&mut app, "3<ret>1<ret>1<ret>1<ret>1<ret>1<ret>");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("session_done", screen);
    assert!(screen.contains("Session done: 6 cards."), "{screen}");
    let progress = saved(dir.path());
    assert_eq!(progress.cards.len(), 5);
    assert_eq!(progress.cards["business-and-roles"].reviews.len(), 2);
    // The same day again: nothing due, no new cards left.
    drop(app);
    let again = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    assert!(render(&again, 80, 24).contains("Nothing to practise right now."));
}

#[test]
fn the_same_seed_gives_the_same_session() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert_eq!(
        render(&practice(a.path(), None, 42), 80, 24),
        render(&practice(b.path(), None, 42), 80, 24)
    );
}

#[test]
fn progress_survives_a_reworded_bank_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    press(&mut app, "1<ret>");
    drop(app);
    let mut bank = common::bank();
    bank.steps[0].questions[0].ask = "Tell me about your business and who decides.".into();
    let bank_path = dir.path().join("bank.yaml");
    std::fs::write(&bank_path, disco::yaml::to_string(&bank).unwrap()).unwrap();
    let out = std::process::Command::new(common::bin())
        .args(["practice", "--learner", "sam", "--stats", "--bank"])
        .arg(&bank_path)
        .env("DISCO_DATA_DIR", dir.path())
        .env("DISCO_NOW", NOW)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("New questions left: 18"),
        "the reworded question keeps its card:\n{text}"
    );
    assert!(text.contains("Streak: 1 day(s)"), "{text}");
}

#[test]
fn a_broken_progress_file_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = PracticeStore::new(dir.path());
    let path = store.path("sam");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema: 1\nlearner: sam\ncards: [\n").unwrap();
    let err = store.load("sam").unwrap_err().to_string();
    assert!(
        err.contains(&path.display().to_string()) && err.contains(":3:8:"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "schema: 1\nlearner: sam\ncards: [\n"
    );
}

#[test]
fn practising_in_a_real_terminal_saves_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::pty::Session::spawn_with_env(
        dir.path(),
        &["practice", "--learner", "sam", "--drill", "which-step"],
        &[("DISCO_NOW", NOW)],
    );
    s.wait_for("Which step does this question belong to?");
    s.type_text("1");
    s.wait_for("Right.");
    s.type_text("\r");
    s.wait_for("card 2");
    s.type_text("3");
    s.wait_for("Not quite: it is step 1.");
    std::thread::sleep(Duration::from_millis(100));
    s.send(b"\x11");
    assert!(s.wait_exit().success());
    let progress = saved(dir.path());
    assert_eq!(
        progress.cards["business-and-roles"].reviews[0].rating,
        Rating::Good
    );
    assert_eq!(
        progress.cards["purchasing-alone"].reviews[0].rating,
        Rating::Again
    );
    let out = std::process::Command::new(common::bin())
        .args(["practice", "--learner", "sam", "--stats"])
        .env("DISCO_DATA_DIR", dir.path())
        .env("DISCO_NOW", NOW)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("50% of 2 reviews"), "{text}");
}

#[test]
fn a_second_practice_session_of_the_same_learner_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    let options = PracticeOptions {
        learner: "sam".into(),
        drill: None,
        seed: 0,
        new_per_day: 5,
        now: Some(common::at(NOW)),
    };
    let setup = Setup::new(
        AccountStore::new(dir.path()),
        common::bank(),
        Theme { color: false },
    );
    let Err(err) = App::practice(setup, options, Instant::now()) else {
        panic!("two sessions of one learner must not run at once");
    };
    assert!(
        err.to_string()
            .contains("practice of sam\" is already open"),
        "{err}"
    );
    drop(first);
    practice(dir.path(), None, 0);
}
