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

use super::drive::{press, render};

fn scenario(id: &str) -> disco::core::scenario::Scenario {
    resolve_scenario(id, &common::bank()).unwrap()
}

fn account(name: &str) -> disco::core::Account {
    AccountStore::load(&common::fixture(&format!("debrief/{name}.yaml"))).unwrap()
}

#[test]
fn the_shipped_scenarios_are_valid_and_teach_different_lessons() {
    let all = builtin_scenarios();
    assert_eq!(all.len(), 6);
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
            "quality-real-criterion",
            "finance-approves-terms",
            "committee-decides",
            "field-failure"
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
                .map(|e| (e.place.clone(), e.note.clone()))
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
    assert!(result.rules.iter().all(|r| r.kept), "{:?}", result.rules);
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
        .map(|r| (r.id, r.kept, r.detail.as_str()))
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
            (
                Rule::NoEarlyPrice,
                true,
                "no note says you raised price before their criteria"
            ),
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
    let text = result.text("The engineer nobody mentions", "Account: Keller");
    assert!(
        text.contains("Score: 10 / 100 (pass mark 70): not yet."),
        "{text}"
    );
    assert!(!text.contains("**"), "no markup on a terminal: {text}");
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
        // Step 3 asked too: a step counts as covered only when a question was asked in it.
        Event::Asked {
            at: at("2026-11-20T10:12:00Z"),
            question: "can-and-cannot".into(),
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
        .find(|r| r.id == Rule::NoEarlyPrice)
        .unwrap();
    assert!(!price.kept);
    assert_eq!(
        price.detail,
        "you raised price first at 00:30 (“Our prices are 10% below what you pay today.”), before the customer's criteria were known"
    );
    assert_eq!(
        result.stop,
        "Stop raising price before the customer has said how they measure vendors."
    );
    assert_eq!(
        result.score, 36,
        "only the on-time criterion was revealed by what was asked (70 × 2/9 = 16), two rules of three (20)"
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
    assert!(text.contains("Score: 100 / 100"), "{text}");
    assert!(
        text.contains("Your note (answer 1.3): “Engineering has to approve every supplier.”"),
        "{text}"
    );
}

/// Setup on `data_dir` with the shipped bank and no colours.
fn plain_setup(data_dir: &std::path::Path) -> Setup {
    Setup::new(
        AccountStore::new(data_dir),
        common::bank(),
        Theme { color: false },
    )
}

/// Kim's role-play of the shipped scenario `id`, on its brief.
fn roleplay_for_kim(data_dir: &std::path::Path, id: &str) -> App {
    App::roleplay(plain_setup(data_dir), scenario(id), "kim", Instant::now()).unwrap()
}

fn late_deliveries_for_kim(data_dir: &std::path::Path) -> App {
    roleplay_for_kim(data_dir, "late-deliveries")
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
        // Says plainly what we can't do: the overnight expectation is answered.
        "<A-3><F2>Wants overnight emergency delivery<F3><down><down><ret>",
        "<tab><tab><F2>Yes",
        // Quitting a role-play under way asks first.
        "<C-q>y",
    );
    press(&mut app, keys);
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
        "opening line, a question and a reply each; Marcus's push is answered by the move"
    );
    app.finish().unwrap();
    let farewell = app.farewell().unwrap();
    assert!(
        farewell.contains("Debrief: Burned by late deliveries"),
        "{farewell}"
    );
    assert!(farewell.contains("Score: 100 / 100"), "{farewell}");
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
    // `disco debrief` finds the role-play's account and judges its own transcript again.
    let again = Command::new(common::bin())
        .args([
            "debrief",
            &records[0].account,
            "--scenario",
            "late-deliveries",
            "--json",
        ])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(json["score"], records[0].debrief.as_ref().unwrap().score);
    assert_eq!(json["facts"][0]["found"], true, "{json}");
    assert!(
        json["facts"][0]["evidence"]["customer"].is_string(),
        "{json}"
    );
    let json_history = Command::new(common::bin())
        .args(["roleplay", "--history", "--json"])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&json_history.stdout).unwrap();
    assert_eq!(listed[0]["trainee"], "kim");
    assert_eq!(listed[0]["debrief"]["passed"], true);
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
    s.wait_for("End the role-play?");
    s.send(b"y");
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
    let start = Instant::now();
    let setup = plain_setup(dir.path()).with_clock(disco::clock::Clock::new(
        common::at("2026-11-24T09:00:00Z"),
        start,
    ));
    let mut app = App::trainer(setup, scenario("price-first"), "sam", start);
    press(
        &mut app,
        "<down><down>13nasked about audits late<ret>n<esc>",
    );
    app.update(Msg::Tick(start + Duration::from_secs(185)));
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("[x] Their real criterion is defect rate"),
        "{screen}"
    );
    assert!(
        screen.contains("Regulatory affairs has to approve"),
        "suggested reply for 1.3"
    );
    assert!(
        screen.contains("Open with: “Before anything else,"),
        "the opening line: {screen}"
    );
    assert!(screen.contains("- asked about audits late"), "{screen}");
    assert!(
        screen.contains("trainee sam") && screen.contains("Hidden facts · 1-4 ticks"),
        "the header names the trainee, the title counts the facts: {screen}"
    );
    for (width, height) in [(80, 24), (60, 20)] {
        let card = crate::tui::render(&app, width, height);
        insta::assert_snapshot!(format!("trainer_card_{width}x{height}"), card);
        assert!(card.contains("Open with: “Before"), "{card}");
        assert!(
            card.contains("1-4 tick fact"),
            "the footer's keys follow the scenario's four facts: {card}"
        );
    }
    assert!(
        crate::tui::render(&app, 80, 24).contains("series fittings?”"),
        "the opening line whole at 80x24"
    );
    // Every move, push and fact is a row: its reaction, the second one, and what it needs, in full.
    let mut seen = String::new();
    for _ in 0..40 {
        seen += &crate::tui::render(&app, 80, 24);
        app.update(Msg::Key(common::keys::parse("<down>")[0]));
    }
    for expected in [
        "Only with trust",
        "You react: “Noted.",
        "Once your criteria are known:",
        "Then: “I need a price",
        "The fact in full",
    ] {
        assert!(seen.contains(expected), "{expected}: {seen}");
    }
    for m in &scenario("price-first").moves {
        let start: String = m.label.chars().take(20).collect();
        assert!(seen.contains(&format!("Move: {start}")), "{}", m.label);
    }
    app.finish().unwrap();
    let checklist = app.farewell().unwrap();
    assert!(
        checklist.contains("2 of 4 facts uncovered in 03:05"),
        "{checklist}"
    );
    assert!(
        checklist.contains("  - asked about audits late"),
        "{checklist}"
    );
    assert!(
        checklist.contains("Saved in the role-play history"),
        "{checklist}"
    );
    let (records, problems) = RoleplayStore::new(dir.path()).list().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let session = records[0].trainer.as_ref().unwrap();
    assert_eq!(records[0].trainee, "sam");
    assert_eq!(
        session.ticked,
        ["quality-real-criterion", "regulatory-affairs"]
    );
    assert_eq!(session.notes, ["asked about audits late"]);
    assert_eq!(
        session.ended,
        common::at("2026-11-24T09:03:05Z"),
        "the time comes from the one clock"
    );
    let history = Command::new(common::bin())
        .args(["roleplay", "--history", "--trainee", "sam"])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&history.stdout);
    assert!(
        text.contains("price-first") && text.contains("trainer's card: 2 of 4 facts ticked"),
        "{text}"
    );
}

#[test]
fn an_untouched_trainer_card_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let setup = plain_setup(dir.path());
    let mut app = App::trainer(setup, scenario("price-first"), "sam", Instant::now());
    press(&mut app, "<esc>");
    app.finish().unwrap();
    assert!(app.farewell().unwrap().contains("not kept"));
    let (records, _) = RoleplayStore::new(dir.path()).list().unwrap();
    assert!(records.is_empty());
}

#[test]
fn scenario_check_places_every_warning_and_still_says_ok() {
    let file = common::fixture("scenarios/valid/minimal.yaml");
    let out = Command::new(common::bin())
        .args(["scenario", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let file = file.display();
    assert!(
        text.contains(&format!(
            "{file}:12:25: rubric.weights: warning: facts and process add up to 2, not 100"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("{file}: tests: warning: no example conversations")),
        "{text}"
    );
    assert!(
        text.contains("ok (1 fact, 1 reply, 0 example conversations, 2 warnings)"),
        "{text}"
    );
}

#[test]
fn scenario_test_plays_the_example_conversations_and_fails_when_one_does() {
    let out = Command::new(common::bin())
        .args(["scenario", "test", "committee-veto"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("✓ A strong trainee asks who can say no and finds the veto (score 100)"),
        "{text}"
    );
    assert!(
        text.contains("committee-veto: 3 of 3 tests passed"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wrong.yaml");
    let shipped = disco::storage::roleplay::BUILTIN_SCENARIOS
        .iter()
        .find(|(id, _)| *id == "committee-veto")
        .unwrap()
        .1
        .replace(
            "      found: [committee-decides, safety-veto, data-sheets, wrong-seals]\n",
            "      found: [committee-decides, data-sheets, wrong-seals]\n",
        );
    fs::write(&file, shipped).unwrap();
    let out = Command::new(common::bin())
        .args(["scenario", "test"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("expected safety-veto missed, but it was found: the note “Ole Brandt (safety mgr) can veto any supplier alone” (answer 1.5)"),
        "{text}"
    );
}

#[test]
fn ctrl_c_in_a_role_play_asks_before_ending_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = roleplay_for_kim(dir.path(), "hidden-engineering");
    press(&mut app, "<ret><F2>Pumps<C-c>");
    assert!(!app.quit, "Ctrl+C asks first");
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("End the role-play? Y or Enter ends it; any other key goes on."),
        "{screen}"
    );
    press(&mut app, "x");
    assert!(!app.quit, "any other key keeps playing");
    press(&mut app, "<C-q>");
    assert!(!app.quit, "Ctrl+Q asks first too");
    press(&mut app, "x");
    assert!(!app.quit);
    press(&mut app, "<C-c>y");
    assert!(app.quit);
    app.finish().unwrap();
    let answer = app
        .call_state()
        .unwrap()
        .account
        .answer("business-and-roles")
        .to_string();
    assert_eq!(
        answer, "Pumps",
        "the keys that answered the question were not typed"
    );
    assert!(
        app.farewell()
            .unwrap()
            .contains("Debrief: The engineer nobody mentions")
    );
}

#[test]
fn an_empty_role_play_ends_at_once_and_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = roleplay_for_kim(dir.path(), "hidden-engineering");
    press(&mut app, "<ret><C-c>");
    assert!(app.quit, "nothing to lose: Ctrl+C ends it");
    app.finish().unwrap();
    assert!(app.farewell().unwrap().contains("not scored or kept"));
    let (records, _) = RoleplayStore::new(dir.path()).list().unwrap();
    assert!(records.is_empty());
    let accounts = dir.path().join("roleplay/accounts");
    let left: Vec<_> = fs::read_dir(&accounts)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "the empty account file goes too: {left:?}");
}

#[test]
fn scenario_list_json_names_every_shipped_scenario() {
    let out = Command::new(common::bin())
        .args(["scenario", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert!(ids.contains(&"committee-veto"));
    assert_eq!(json[0]["company"], "example");
    assert_eq!(json[0]["facts"], 4);
}

/// The promise rule of a scripted play of `late-deliveries-promise.yaml`, with the environment
/// given.
fn promise_rule(envs: &[(&str, &std::path::Path)], args: &[&str]) -> serde_json::Value {
    let script = common::fixture("scripts/late-deliveries-promise.yaml");
    let mut command = Command::new(common::bin());
    command
        .args(["roleplay", "late-deliveries", "--json", "--script"])
        .arg(&script)
        .args(args)
        .env_remove("DISCO_COMPANY");
    for (key, value) in envs {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["debrief"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "no-broken-promise")
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn a_role_play_is_judged_against_the_scenarios_sheet_unless_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    // A sheet in the config folder that offers next day everywhere: a machine's own sheet must
    // not change a role-play's score.
    let config = dir.path().join("config");
    let generous = disco::storage::company::EXAMPLE_SHEET
        .replace("  - id: next-day\n    statement: No next-day delivery outside the metro area.\n    keywords: [next day, overnight, same day]\n    limit: {quantity: delivery-days, at-least: 2}\n    except: [metro area, metro, downtown]\n", "")
        .replace("at-least: 2", "at-least: 1");
    assert_ne!(generous, disco::storage::company::EXAMPLE_SHEET);
    fs::create_dir_all(config.join("disco")).unwrap();
    fs::write(config.join("disco/company.yaml"), &generous).unwrap();
    let home = [("XDG_CONFIG_HOME", config.as_path())];
    let rule = promise_rule(&home, &[]);
    assert_eq!(rule["kept"], false, "the scenario's own sheet: {rule}");
    assert!(
        rule["detail"]
            .as_str()
            .unwrap()
            .contains("you said “next day”"),
        "{rule}"
    );
    // An explicit sheet overrides the scenario's, as --company and as DISCO_COMPANY.
    let sheet = dir.path().join("generous.yaml");
    fs::write(&sheet, &generous).unwrap();
    let rule = promise_rule(&home, &["--company", sheet.to_str().unwrap()]);
    assert_eq!(rule["kept"], true, "--company: {rule}");
    let rule = promise_rule(&[("DISCO_COMPANY", sheet.as_path())], &[]);
    assert_eq!(rule["kept"], true, "DISCO_COMPANY: {rule}");
}

#[test]
fn the_moves_list_marks_the_whole_row_of_the_chosen_move() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = late_deliveries_for_kim(dir.path());
    press(&mut app, "<ret><F3><down>");
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
