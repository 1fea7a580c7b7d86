//! Practice for new hires: each drill on the TestBackend, progress on disk, and the real
//! binary in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::drive::{press, render};

use std::time::{Duration, Instant};

use disco::clock::Clock;
use disco::core::Bank;
use disco::core::drills::DrillKind;
use disco::core::practice::{Progress, Rating};
use disco::storage::AccountStore;
use disco::storage::practice::PracticeStore;
use disco::tui::App;
use disco::tui::app::ScreenState;
use disco::tui::screens::practice::{PracticeOptions, PracticeState};
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;

const NOW: &str = "2026-11-24T09:00:00Z";
const YESTERDAY: &str = "2026-11-23T09:00:00Z";

fn options(drill: Option<DrillKind>, seed: u64) -> PracticeOptions {
    PracticeOptions {
        learner: "sam".into(),
        drill,
        seed,
        new_per_day: 5,
        ahead: false,
    }
}

fn open(dir: &std::path::Path, bank: Bank, options: PracticeOptions, now: &str) -> App {
    let setup = Setup::new(AccountStore::new(dir), bank, Theme { color: false })
        .with_clock(Clock::starting_at(common::at(now)));
    App::practice(setup, options, Instant::now()).unwrap()
}

fn practice(dir: &std::path::Path, drill: Option<DrillKind>, seed: u64) -> App {
    open(dir, common::bank(), options(drill, seed), NOW)
}

/// The first `n` cards of the bank, learned the day before `NOW`, so they are due for a test.
fn learned(dir: &std::path::Path, n: usize) {
    let mut progress = Progress::new("sam");
    for id in common::bank().card_ids().take(n) {
        progress.learn(id, common::at(YESTERDAY));
    }
    let store = PracticeStore::new(dir);
    store.save(&store.path("sam"), &progress).unwrap();
}

fn state(app: &App) -> &PracticeState {
    match &app.screen {
        ScreenState::Practice(state) => state,
        _ => panic!("not practising"),
    }
}

fn saved(dir: &std::path::Path) -> Progress {
    PracticeStore::new(dir).load("sam").unwrap().1
}

#[test]
fn what_comes_next_reveals_then_rates() {
    let dir = tempfile::tempdir().unwrap();
    learned(dir.path(), 1);
    let mut app = practice(dir.path(), Some(DrillKind::WhatNext), 0);
    insta::assert_snapshot!("what_next_prompt", render(&app, 80, 24));
    press(&mut app, "3");
    assert!(
        saved(dir.path()).cards["business-and-roles"]
            .reviews
            .is_empty(),
        "no rating before the reveal"
    );
    press(&mut app, "<ret>");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("what_next_revealed", screen);
    // Each rating key shows the interval it gives, as the scheduler computes it.
    let preview = saved(dir.path()).preview("business-and-roles", common::at(NOW));
    let keys: Vec<String> = preview
        .iter()
        .enumerate()
        .map(|(i, (r, when))| format!("{} {} {when}", i + 1, r.label()))
        .collect();
    assert!(screen.contains(&keys.join("   ")), "{keys:?}\n{screen}");
    press(&mut app, "3");
    let progress = saved(dir.path());
    let card = &progress.cards["business-and-roles"];
    assert_eq!(card.reviews[0].rating, Rating::Good);
    assert_eq!(card.reviews[0].drill, "what-next");
}

#[test]
fn which_step_grades_itself() {
    let dir = tempfile::tempdir().unwrap();
    learned(dir.path(), 2);
    let mut app = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    press(&mut app, "5");
    assert!(
        saved(dir.path()).cards["business-and-roles"]
            .reviews
            .is_empty(),
        "a step the bank doesn't have is no answer, and no lapse"
    );
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
    learned(dir.path(), 2);
    let mut app = practice(dir.path(), Some(DrillKind::FillGap), 0);
    insta::assert_snapshot!("fill_gap_prompt", render(&app, 80, 24));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("____"), "{screen}");
    press(&mut app, "<ret>");
    assert!(
        saved(dir.path()).cards["business-and-roles"]
            .reviews
            .is_empty(),
        "an empty Enter is not a miss"
    );
    press(&mut app, "Role!<ret>");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("fill_gap_checked", screen);
    let rating = saved(dir.path()).cards["business-and-roles"].reviews[0].rating;
    assert_eq!(rating, Rating::Good, "case and punctuation forgiven");
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
    learned(dir.path(), 5);
    let no_new = || PracticeOptions {
        new_per_day: 0,
        ..options(Some(DrillKind::WhichStep), 0)
    };
    let mut app = open(dir.path(), common::bank(), no_new(), NOW);
    // Five new cards (the day's limit); the first is missed and comes back at the end.
    press(&mut app, "3<ret>1<ret>1<ret>1<ret>1<ret>1<ret>");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("session_done", screen);
    assert!(
        screen.contains("Session done: remembered 5 of 6 reviewed."),
        "{screen}"
    );
    // Nothing is left to reveal or rate: the footer offers only the way out.
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        !footer.contains("reveal") && !footer.contains("rate") && footer.contains("leave"),
        "{footer}"
    );
    insta::assert_snapshot!("session_done_60x20", render(&app, 60, 20));
    let progress = saved(dir.path());
    assert_eq!(progress.cards.len(), 5);
    assert_eq!(progress.cards["business-and-roles"].reviews.len(), 2);
    // The same day again: nothing due, no new cards allowed.
    drop(app);
    let again = open(dir.path(), common::bank(), no_new(), NOW);
    let screen = render(&again, 80, 24);
    assert!(
        screen.contains("Nothing to practise right now."),
        "{screen}"
    );
    assert!(screen.contains("No cards are due."), "{screen}");
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
    learned(dir.path(), 1);
    let mut app = practice(dir.path(), Some(DrillKind::WhichStep), 0);
    press(&mut app, "1<ret>");
    drop(app);
    let mut bank = common::bank();
    bank.steps[0].questions[0].ask = "Tell me about your business and who decides.".into();
    bank.steps[0].questions[0].key_phrases = vec!["business".into()];
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
    assert!(
        text.contains("Streak: 2 days"),
        "learned yesterday, practised today:\n{text}"
    );
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
    learned(dir.path(), 2);
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
    let options = options(None, 0);
    let setup = Setup::new(
        AccountStore::new(dir.path()),
        common::bank(),
        Theme { color: false },
    )
    .with_clock(Clock::starting_at(common::at(NOW)));
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

#[test]
fn new_cards_are_learned_before_they_are_tested() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), None, 0);
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("learn_card", screen);
    assert!(screen.contains("New card"), "{screen}");
    assert!(screen.contains("Listen for:") && screen.contains("Why it matters:"));
    press(&mut app, "1");
    assert!(
        saved(dir.path()).cards.is_empty(),
        "a digit is not a rating here"
    );
    press(&mut app, "<ret><ret><ret><ret><ret>");
    let progress = saved(dir.path());
    assert_eq!(progress.cards.len(), 5);
    assert!(
        progress.cards.values().all(|c| c.reviews.is_empty()),
        "nothing tested yet"
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Session done: 5 new learned."), "{screen}");
    assert!(
        screen.contains("Today's 5 new cards are done; 14 more wait tomorrow."),
        "{screen}"
    );
    drop(app);
    // The next day the same five come back as tests, and five more new ones follow them.
    let mut next = open(
        dir.path(),
        common::bank(),
        options(None, 0),
        "2026-11-25T09:00:00Z",
    );
    let queue: Vec<String> =
        std::iter::once(state(&next).current.as_ref().unwrap().id().to_string())
            .chain(state(&next).queue.iter().map(|(id, _)| id.clone()))
            .collect();
    assert_eq!(queue.len(), 10);
    assert!(
        state(&next).current.as_ref().unwrap().drill().is_some(),
        "a test, not a lesson"
    );
    press(&mut next, "<ret>");
    assert_eq!(
        queue[5], "first-contact-decides",
        "a guidance check is a card too"
    );
}

#[test]
fn which_step_works_with_more_steps_than_digits() {
    let dir = tempfile::tempdir().unwrap();
    let mut bank = common::bank();
    for n in 0..8 {
        let mut step = bank.steps[2].clone();
        step.id = format!("extra-{n}");
        step.title = format!("Extra step {n}");
        step.capture = None;
        step.checks.clear();
        for q in &mut step.questions {
            q.id = format!("{}-{n}", q.id);
        }
        bank.steps.push(step);
    }
    let mut progress = Progress::new("sam");
    for id in ["late-deliveries-4", "late-deliveries-7"] {
        progress.learn(id, common::at(YESTERDAY));
    }
    let store = PracticeStore::new(dir.path());
    store.save(&store.path("sam"), &progress).unwrap();
    let no_new = PracticeOptions {
        new_per_day: 0,
        ..options(Some(DrillKind::WhichStep), 0)
    };
    let mut app = open(dir.path(), bank, no_new, NOW);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("↑ ↓ and Enter pick"), "{screen}");
    // Step 8 by its digit.
    press(&mut app, "8<ret>");
    // Step 11 has no digit: down ten times, then Enter.
    press(
        &mut app,
        "<down><down><down><down><down><down><down><down><down><down><down><ret>",
    );
    let progress = saved(dir.path());
    assert_eq!(
        progress.cards["late-deliveries-4"].reviews[0].rating,
        Rating::Good
    );
    assert_eq!(
        progress.cards["late-deliveries-7"].reviews[0].rating,
        Rating::Good
    );
}

#[test]
fn a_missed_card_comes_back_as_the_same_drill() {
    let dir = tempfile::tempdir().unwrap();
    learned(dir.path(), 3);
    let no_new = PracticeOptions {
        new_per_day: 0,
        ..options(None, 11)
    };
    let mut app = open(dir.path(), common::bank(), no_new, NOW);
    let first = state(&app).current.as_ref().unwrap();
    let (id, drill) = (first.id().to_string(), first.drill().unwrap());
    assert_ne!(drill, DrillKind::Guidance);
    assert_eq!(id, "business-and-roles");
    // Miss it: a wrong step, a wrong word, or "Again" after the reveal.
    press(
        &mut app,
        match drill {
            DrillKind::WhichStep => "3",
            DrillKind::FillGap => "xx<ret>",
            _ => "<ret>1",
        },
    );
    let rating = saved(dir.path()).cards[&id].reviews[0].rating;
    assert_eq!(rating, Rating::Again, "{drill:?}");
    assert_eq!(state(&app).queue.back(), Some(&(id.clone(), Some(drill))));
}

#[test]
fn guidance_checks_are_answered_yes_or_no_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    learned(dir.path(), 7);
    let mut app = practice(dir.path(), Some(DrillKind::Guidance), 0);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Is the person on the phone always"),
        "{screen}"
    );
    assert!(screen.contains("Y yes   N no"), "{screen}");
    press(&mut app, "y");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("guidance_wrong", screen);
    assert!(
        screen.contains("Not quite: No. The first contact may not decide."),
        "{screen}"
    );
    press(&mut app, "<ret>y");
    let progress = saved(dir.path());
    assert_eq!(
        progress.cards["first-contact-decides"].reviews[0].rating,
        Rating::Again
    );
    assert_eq!(
        progress.cards["ask-about-departments"].reviews[0].rating,
        Rating::Good
    );
    assert_eq!(
        progress.cards["ask-about-departments"].reviews[0].drill,
        "guidance"
    );
}

#[test]
fn listen_for_and_follow_ups_are_recalled_then_rated() {
    let dir = tempfile::tempdir().unwrap();
    learned(dir.path(), 3);
    let mut app = practice(dir.path(), Some(DrillKind::ListenFor), 0);
    press(&mut app, "<ret>");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("listen_for_revealed", screen);
    assert!(screen.contains("involved in buying."), "{screen}");
    press(&mut app, "4");
    let card = &saved(dir.path()).cards["business-and-roles"];
    assert_eq!(
        (card.reviews[0].rating, card.reviews[0].drill.as_str()),
        (Rating::Easy, "listen-for")
    );
    // Follow-ups only drills questions that have some: the third card, not the first two.
    drop(app);
    let mut app = practice(dir.path(), Some(DrillKind::FollowUps), 0);
    assert_eq!(
        state(&app).current.as_ref().unwrap().id(),
        "other-departments"
    );
    press(&mut app, "<ret>");
    assert!(render(&app, 80, 24).contains("Who in that department should I get to know?"));
    press(&mut app, "3");
    assert_eq!(
        saved(dir.path()).cards["other-departments"].reviews[0].drill,
        "follow-ups"
    );
}

#[test]
fn practising_ahead_takes_the_cards_due_soonest() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::new("sam");
    for (id, rating) in [
        ("valued-supplier", Rating::Easy),
        ("past-problems", Rating::Good),
    ] {
        progress.review(id, rating, "t", common::at(YESTERDAY));
        progress.review(id, rating, "t", common::at("2026-11-23T10:00:00Z"));
    }
    let store = PracticeStore::new(dir.path());
    store.save(&store.path("sam"), &progress).unwrap();
    let no_new = || PracticeOptions {
        new_per_day: 0,
        ..options(Some(DrillKind::WhatNext), 0)
    };
    let app = open(dir.path(), common::bank(), no_new(), NOW);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Nothing to practise right now."),
        "{screen}"
    );
    assert!(screen.contains("--ahead"), "{screen}");
    drop(app);
    let mut ahead = open(
        dir.path(),
        common::bank(),
        PracticeOptions {
            ahead: true,
            ..no_new()
        },
        NOW,
    );
    assert_eq!(
        state(&ahead).current.as_ref().unwrap().id(),
        "past-problems"
    );
    press(&mut ahead, "<ret>3<ret>3");
    let progress = saved(dir.path());
    assert_eq!(progress.cards["past-problems"].reviews.len(), 3);
    assert_eq!(progress.cards["valued-supplier"].reviews.len(), 3);
}

#[test]
fn run_the_script_is_saved_as_reviews_and_shown_in_the_stats() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = practice(dir.path(), Some(DrillKind::RunScript), 0);
    press(
        &mut app,
        "your business and your role<ret>who judges our service<ret>purchasing alone or other departments<ret><C-g>",
    );
    drop(app);
    let progress = saved(dir.path());
    assert_eq!(progress.runs.len(), 1);
    let rating = |id: &str| progress.cards[id].reviews[0].rating;
    assert_eq!(rating("business-and-roles"), Rating::Good);
    assert_eq!(rating("who-judges-service"), Rating::Good);
    assert_eq!(rating("purchasing-alone"), Rating::Again, "out of order");
    assert_eq!(rating("can-and-cannot"), Rating::Again, "left out");
    let text = stats_out(dir.path(), &[]);
    assert!(
        text.contains(
            "Run the script: 1 run; the last had 2 of 11 in order, 1 out of order, 8 left out"
        ),
        "{text}"
    );
    assert!(
        text.contains("Remembered in the last 30 days: 18% of 11 reviews"),
        "{text}"
    );
}

fn stats_out(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = std::process::Command::new(common::bin())
        .args(["practice", "--learner", "sam", "--stats"])
        .args(extra)
        .env("DISCO_DATA_DIR", dir)
        .env("DISCO_NOW", NOW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn stats_come_as_a_table_as_json_and_as_charts() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::new("sam");
    progress.review(
        "past-problems",
        Rating::Good,
        "t",
        common::at("2026-11-20T09:00:00Z"),
    );
    progress.review("past-problems", Rating::Again, "t", common::at(YESTERDAY));
    progress.review("valued-supplier", Rating::Good, "t", common::at(YESTERDAY));
    let store = PracticeStore::new(dir.path());
    store.save(&store.path("sam"), &progress).unwrap();
    let text = stats_out(dir.path(), &[]);
    assert!(text.contains("2026-11-20        1        100%"), "{text}");
    assert!(text.contains("2026-11-23        2         50%"), "{text}");
    assert!(
        text.contains("Due on      Cards\n2026-11-24      2\n"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stats_out(dir.path(), &["--json"])).unwrap();
    assert_eq!(json["learner"], "sam");
    assert_eq!(json["reviews_30d"], 3);
    assert_eq!(json["days"].as_array().unwrap().len(), 30);
    assert_eq!(
        json["days"][28],
        serde_json::json!({"date": "2026-11-23", "reviews": 2, "remembered": 1})
    );
    assert_eq!(json["due_ahead"].as_array().unwrap().len(), 14);
    assert_eq!(
        json["due_ahead"][0],
        serde_json::json!({"date": "2026-11-24", "due": 2})
    );
    let stats = disco::core::practice::stats(&progress, &common::bank(), common::at(NOW));
    let setup = Setup::new(
        AccountStore::new(dir.path()),
        common::bank(),
        Theme { color: false },
    );
    let mut app = App::practice_stats(setup, stats, Instant::now());
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("stats_charts", screen);
    assert!(
        screen.contains("Remembered per day") && screen.contains("Due per day"),
        "{screen}"
    );
    press(&mut app, "x");
    assert!(app.quit, "any key closes the stats");
}

#[test]
fn stats_in_a_real_terminal_open_the_charts_and_any_key_closes_them() {
    let dir = tempfile::tempdir().unwrap();
    learned(dir.path(), 2);
    let mut s = common::pty::Session::spawn_with_env(
        dir.path(),
        &["practice", "--learner", "sam", "--stats"],
        &[("DISCO_NOW", NOW)],
    );
    s.wait_for("Due per day, next 14");
    s.wait_for("Remembered per day");
    assert!(s.contents().contains("today  2"), "{}", s.contents());
    s.type_text("q");
    assert!(s.wait_exit().success());
}
