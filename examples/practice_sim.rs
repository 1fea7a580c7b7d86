//! A simulated new hire practising the built-in bank for 30 days through the real practice
//! screen (keys in, progress saved to disk), with a fixed clock, a fixed seed and a fixed
//! answer pattern, so every run prints the same table.
//!
//!     DISCO_NOW=2026-11-24T09:00:00Z cargo run --release --example practice_sim -- --days 30 --seed 7
//!
//! The learner practises at 09:00 every day but the seventh of each week, and answers by a
//! fixed cycle of ten: Good, Good, Again, Good, Hard, Good, Easy, Good, Again, Good. On
//! self-rated drills that is the rating pressed; on graded drills Again means a wrong answer
//! (a wrong step, a wrong word, the wrong yes/no) and anything else the right one.

use std::process::ExitCode;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disco::clock::Clock;
use disco::core::bank::YesNo;
use disco::core::practice::{Rating, stats};
use disco::storage::practice::PracticeStore;
use disco::storage::{AccountStore, builtin_bank};
use disco::tui::app::ScreenState;
use disco::tui::screens::practice::{Exercise, PracticeOptions};
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};
use jiff::{SignedDuration, Timestamp};

const ANSWERS: [Rating; 10] = [
    Rating::Good,
    Rating::Good,
    Rating::Again,
    Rating::Good,
    Rating::Hard,
    Rating::Good,
    Rating::Easy,
    Rating::Good,
    Rating::Again,
    Rating::Good,
];

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

/// The keys that give `answer` to the card on screen, or `None` when the session is over.
fn keys_for(app: &App, answer: Rating) -> Option<String> {
    let ScreenState::Practice(state) = &app.screen else {
        return None;
    };
    let right = answer != Rating::Again;
    let digit = |r: Rating| Rating::ALL.iter().position(|&x| x == r).unwrap_or(0) + 1;
    Some(match state.current.as_ref()? {
        Exercise::Learn { .. } => "\r".into(),
        Exercise::WhatNext { .. } | Exercise::Recall { .. } => format!("\r{}", digit(answer)),
        Exercise::WhichStep { correct, .. } => {
            let steps = state.bank.steps.len();
            let pick = if right {
                *correct
            } else {
                (correct + 1) % steps
            };
            format!("{}\r", pick + 1)
        }
        Exercise::FillGap { gap, .. } => {
            let typed = if right {
                gap.missing.as_str()
            } else {
                "no idea"
            };
            format!("{typed}\r\r")
        }
        Exercise::Guidance { check, .. } => {
            let yes = (check.answer == YesNo::Yes) == right;
            format!("{}\r", if yes { 'y' } else { 'n' })
        }
    })
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("practice_sim: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let days = arg("--days", 30);
    let seed = arg("--seed", 7);
    let start: Timestamp = std::env::var("DISCO_NOW")
        .unwrap_or_else(|_| "2026-11-24T09:00:00Z".into())
        .parse()?;
    let dir = tempfile::tempdir()?;
    let bank = builtin_bank()?;
    let mut answered = 0usize;
    println!("| day | date | practised | learned | reviews | remembered | due next day | streak |");
    println!("|---:|---|---|---:|---:|---:|---:|---:|");
    let (mut total_reviews, mut total_remembered) = (0, 0);
    for day in 0..days {
        let now = start + SignedDuration::from_hours(24 * day as i64);
        let practised = day % 7 != 6;
        let mut learned = 0;
        if practised {
            // The session runs at `now` on the calendar: the clock starts there at `origin`.
            let origin = Instant::now();
            let setup = Setup::new(
                AccountStore::new(dir.path()),
                bank.clone(),
                Theme { color: false },
            )
            .with_clock(Clock::new(now, origin));
            let options = PracticeOptions {
                learner: "new-hire".into(),
                drill: None,
                seed: seed + day,
                new_per_day: 5,
                ahead: false,
            };
            let mut app = App::practice(setup, options, origin)?;
            let mut turns = 0;
            while let Some(keys) = keys_for(&app, ANSWERS[answered % ANSWERS.len()]) {
                turns += 1;
                anyhow::ensure!(
                    turns < 1000,
                    "day {}: the session does not move on",
                    day + 1
                );
                let learning = keys == "\r";
                press(&mut app, &keys);
                if learning {
                    learned += 1;
                } else {
                    answered += 1;
                }
            }
        }
        let progress = PracticeStore::new(dir.path()).load("new-hire")?.1;
        let evening = now + SignedDuration::from_hours(12);
        let s = stats(&progress, &bank, evening);
        let today = s
            .days
            .last()
            .map(|d| (d.reviews, d.remembered))
            .unwrap_or((0, 0));
        total_reviews += today.0;
        total_remembered += today.1;
        let remembered = if today.0 > 0 {
            format!("{:.0}%", 100.0 * today.1 as f64 / today.0 as f64)
        } else {
            "-".into()
        };
        println!(
            "| {} | {} | {} | {learned} | {} | {remembered} | {} | {} |",
            day + 1,
            jiff::tz::Offset::UTC.to_datetime(now).date(),
            if practised { "yes" } else { "no" },
            today.0,
            s.due_ahead.get(1).map_or(0, |d| d.due),
            s.streak_days,
        );
    }
    let progress = PracticeStore::new(dir.path()).load("new-hire")?.1;
    let end = start + SignedDuration::from_hours(24 * days as i64);
    let s = stats(&progress, &bank, end);
    println!();
    println!(
        "{total_reviews} reviews, {:.1}% remembered; {} cards, mastered per step: {}",
        100.0 * total_remembered as f64 / total_reviews.max(1) as f64,
        progress.cards.len(),
        s.steps
            .iter()
            .map(|m| format!("{} {}/{}", m.title, m.mastered, m.total))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}
