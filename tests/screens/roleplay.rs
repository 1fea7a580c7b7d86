//! Role-play: scenario files, debriefs of hand-written accounts, a whole scenario played
//! headless, and the real binary in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use disco::core::debrief::debrief;
use disco::core::scenario::Rule;
use disco::storage::AccountStore;
use disco::storage::roleplay::{RoleplayStore, builtin_scenarios, resolve_scenario};
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};

fn scenario(id: &str) -> disco::core::scenario::Scenario {
    resolve_scenario(id, &common::bank()).unwrap()
}

fn account(name: &str) -> disco::core::Account {
    AccountStore::load(&common::fixture(&format!("debrief/{name}.yaml"))).unwrap()
}

#[test]
fn the_shipped_scenarios_are_valid_and_teach_different_lessons() {
    let all = builtin_scenarios();
    assert_eq!(all.len(), 3);
    for s in &all {
        resolve_scenario(&s.id, &common::bank()).unwrap();
        let file = format!(
            "{}/question-banks/scenarios/{}.yaml",
            env!("CARGO_MANIFEST_DIR"),
            s.id
        );
        resolve_scenario(&file, &common::bank()).unwrap();
    }
    let lessons: Vec<&str> = all.iter().map(|s| s.facts[0].id.as_str()).collect();
    assert_eq!(
        lessons,
        [
            "engineering-approves",
            "line-stopped",
            "quality-real-criterion"
        ]
    );
}

#[test]
fn scenario_fixtures_report_every_expected_error() {
    let bank = common::bank();
    for entry in fs::read_dir(common::fixture("scenarios/valid")).unwrap() {
        let path = entry.unwrap().path();
        resolve_scenario(&path.to_string_lossy(), &bank).unwrap();
    }
    for entry in fs::read_dir(common::fixture("scenarios/invalid")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let expected = fs::read_to_string(path.with_extension("expected"))
            .unwrap()
            .replace("{file}", &path.display().to_string());
        let before = fs::read(&path).unwrap();
        let errors = resolve_scenario(&path.to_string_lossy(), &bank).unwrap_err();
        assert_eq!(
            errors.to_string().trim(),
            expected.trim(),
            "{}",
            path.display()
        );
        assert_eq!(fs::read(&path).unwrap(), before);
    }
    let out = Command::new(common::bin())
        .args(["scenario", "check"])
        .arg(common::fixture("scenarios/invalid/bad-references.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10 problems found"));
}

#[test]
fn a_good_call_finds_every_fact_with_evidence_and_passes() {
    let result = debrief(
        &account("good-call"),
        &common::bank(),
        &scenario("hidden-engineering"),
        None,
    );
    let evidence: Vec<(String, String)> = result
        .facts
        .iter()
        .map(|f| {
            f.evidence
                .as_ref()
                .map(|e| (e.place.clone(), e.text.clone()))
                .unwrap()
        })
        .collect();
    assert_eq!(evidence, [
        ("answer 1.3".to_string(), "Engineering has to approve every supplier.".to_string()),
        ("answer 1.4".to_string(), "Priya Shah, the quality manager, reviews suppliers each quarter.".to_string()),
        ("answer 2.2".to_string(), "Monthly on-time delivery score, must stay above 95%.".to_string()),
        (
            "Criteria: Certificates with every shipment".to_string(),
            "Certificates with every shipment · high · Last supplier shipped without certificates; batch quarantined for two weeks".to_string()
        ),
    ]);
    assert!(result.rules.iter().all(|r| r.passed), "{:?}", result.rules);
    assert_eq!(result.score, 100);
    assert!(result.passed);
    assert!(result.stop.starts_with("Stop nothing"), "{}", result.stop);
}

#[test]
fn a_poor_call_misses_facts_breaks_rules_and_says_where() {
    let result = debrief(
        &account("poor-call"),
        &common::bank(),
        &scenario("hidden-engineering"),
        None,
    );
    assert!(
        result.facts.iter().all(|f| f.evidence.is_none()),
        "{:?}",
        result.facts
    );
    let rules: Vec<(Rule, bool, &str)> = result
        .rules
        .iter()
        .map(|r| (r.rule, r.passed, r.detail.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            (
                Rule::AllStepsCovered,
                false,
                "nothing captured for step 3 (What we can and can't do)"
            ),
            (
                Rule::DecisionMakersFirst,
                false,
                "2.1 came at 02:00, before the first decision-maker question (1.2 at 05:00)"
            ),
            // Price came up in 1.2, but after the criteria question 2.1: not early.
            (Rule::NoEarlyPrice, true, "price did not lead"),
        ]
    );
    assert_eq!(
        result.score, 10,
        "no facts (70) and one rule of three (30 / 3)"
    );
    assert!(!result.passed);
    assert!(
        result
            .start
            .contains("What part do the other departments play"),
        "{}",
        result.start
    );
    assert_eq!(
        result.stop,
        "Stop ending the call before every step is covered, above all what we can and can't do."
    );
    let md = result.markdown("The engineer nobody mentions", "Account: Keller");
    assert!(
        md.contains("Score: **10 / 100** (pass mark 70): not yet."),
        "{md}"
    );
}

#[test]
fn a_price_quoted_before_the_criteria_breaks_the_price_rule() {
    use disco::core::debrief::Event;
    let account = account("good-call");
    let at = |s: &str| common::at(s);
    let events = [
        Event::Asked {
            at: at("2026-11-20T10:01:00Z"),
            question: "business-and-roles".into(),
        },
        Event::Move {
            at: at("2026-11-20T10:00:30Z"),
            id: "quote-price".into(),
        },
        Event::Asked {
            at: at("2026-11-20T10:10:00Z"),
            question: "measure-performance".into(),
        },
    ];
    let result = debrief(
        &account,
        &common::bank(),
        &scenario("hidden-engineering"),
        Some(&events),
    );
    let price = result
        .rules
        .iter()
        .find(|r| r.rule == Rule::NoEarlyPrice)
        .unwrap();
    assert!(!price.passed);
    assert_eq!(
        price.detail,
        "“Quote a price” at 00:30, before the customer's criteria were known"
    );
    assert_eq!(
        result.stop,
        "Stop raising price before the customer has said how they measure vendors."
    );
    assert_eq!(
        result.score, 90,
        "all facts (70) and two rules of three (20)"
    );
}

#[test]
fn debrief_command_scores_a_real_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let opened = store
        .open_for_edit(
            "Keller Fluid Systems",
            &bank,
            common::at("2026-11-20T10:00:00Z"),
        )
        .unwrap();
    store.save(&opened.path, &account("good-call")).unwrap();
    drop(opened);
    let out = Command::new(common::bin())
        .args([
            "debrief",
            "Keller Fluid Systems",
            "--scenario",
            "hidden-engineering",
        ])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Score: **100 / 100**"), "{text}");
    assert!(
        text.contains("Captured in answer 1.3: “Engineering has to approve every supplier.”"),
        "{text}"
    );
}

fn late_deliveries_for_kim(data_dir: &std::path::Path) -> App {
    let setup = Setup::new(
        AccountStore::new(data_dir),
        common::bank(),
        Theme { color: false },
    );
    App::roleplay(setup, scenario("late-deliveries"), "kim", Instant::now()).unwrap()
}

#[test]
fn a_shipped_scenario_played_from_brief_to_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = late_deliveries_for_kim(dir.path());
    let keys = concat!(
        "<ret>",
        "<F2>Trays for ready meals<tab>",
        "<F2>Plant manager Ana Ruiz signs contracts<C-l><ins>Ana Ruiz<tab>Plant manager<ret><esc>",
        "<A-2><F2>Orders weekly, parts within 48 hours",
        "<tab><tab><F2>Line stopped twice last quarter",
        "<A-3><F2>Wants overnight emergency delivery<F3><down><ret>",
        "<tab><tab><F2>Yes",
        "<C-q>",
    );
    for key in common::keys::parse(keys) {
        app.update(Msg::Key(key));
    }
    assert!(app.quit);
    let screen_lines = app
        .call_state()
        .unwrap()
        .roleplay
        .as_ref()
        .unwrap()
        .record
        .transcript
        .len();
    assert_eq!(
        screen_lines,
        1 + 2 * 7,
        "opening line, then a question and a reply each"
    );
    app.finish().unwrap();
    let farewell = app.farewell().unwrap();
    assert!(
        farewell.contains("# Debrief: Burned by late deliveries"),
        "{farewell}"
    );
    assert!(farewell.contains("Score: **100 / 100**"), "{farewell}");
    let (records, problems) = RoleplayStore::new(dir.path()).list().unwrap();
    assert!(problems.is_empty());
    assert_eq!(records[0].debrief.as_ref().unwrap().score, 100);
    assert!(
        !dir.path().join("accounts").exists(),
        "role-play accounts stay apart from real ones"
    );
    let history = Command::new(common::bin())
        .args(["roleplay", "--history", "--trainee", "kim"])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&history.stdout);
    assert!(
        text.contains("late-deliveries") && text.contains("100  passed"),
        "{text}"
    );
}

#[test]
fn roleplay_in_a_real_terminal_prints_the_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::pty::Session::spawn_sized(
        dir.path(),
        &["roleplay", "hidden-engineering", "--trainee", "kim"],
        100,
        30,
    );
    s.wait_for("Enter to start the call.");
    s.send(b"\r");
    s.wait_for("Thanks for calling.");
    s.send(b"\t\t");
    s.wait_for("Question 1.3");
    s.send(b"\x1bOQ");
    s.wait_for("engineering has to approve");
    s.type_text("Engineering keeps the approved vendor list");
    std::thread::sleep(Duration::from_millis(200));
    s.send(b"\x11");
    assert!(s.wait_exit().success());
    let out = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(
        out.contains("Debrief: The engineer nobody mentions"),
        "{out}"
    );
    let (records, _) = RoleplayStore::new(dir.path()).list().unwrap();
    assert_eq!(records.len(), 1);
    let fact = &records[0].debrief.as_ref().unwrap().facts[0];
    assert!(fact.evidence.is_some());
}

#[test]
fn the_trainer_card_ticks_facts_and_prints_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup::new(
        AccountStore::new(dir.path()),
        common::bank(),
        Theme { color: false },
    );
    let mut app = App::trainer(setup, scenario("price-first"), Instant::now());
    for key in common::keys::parse("<down><down>13") {
        app.update(Msg::Key(key));
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| app.view(f)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("[x] Their real criterion is defect rate"),
        "{screen}"
    );
    assert!(
        screen.contains("Regulatory affairs has to approve"),
        "suggested reply for 1.3"
    );
    let checklist = app.farewell().unwrap();
    assert!(checklist.contains("2 of 4 facts uncovered"), "{checklist}");
}

#[test]
fn the_moves_list_marks_the_whole_row_of_the_chosen_move() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = late_deliveries_for_kim(dir.path());
    for key in common::keys::parse("<ret><F3><down>") {
        app.update(Msg::Key(key));
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.view(f)).unwrap();
    let buffer = terminal.backend().buffer();
    let row = |y: u16| -> String { (0..80).map(|x| buffer[(x, y)].symbol()).collect() };
    let moves = scenario("late-deliveries").moves;
    let chosen = format!("▶ {}", moves[1].label);
    let y = (0..24)
        .find(|&y| row(y).contains(&chosen))
        .expect("the chosen move is marked");
    let line = row(y);
    // The overlay's inner row: from the pointer to the cell before the right border.
    let left = (0..80u16)
        .rev()
        .find(|&x| buffer[(x, y)].symbol() == "▶")
        .unwrap();
    let right = (left..80u16)
        .find(|&x| buffer[(x, y)].symbol() == "│")
        .unwrap();
    for x in left..right {
        assert!(
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "column {x} of {line:?} is not marked"
        );
    }
    assert!(row(y - 1).contains(&format!("  {}", moves[0].label)));
}
