//! Every shipped scenario carries example conversations (`tests:`) with the debrief each must
//! get; this plays them all, as `disco scenario test` does, against each scenario's own sheet.

use crate::common;

use disco::core::scenario_tests::run_tests;
use disco::storage::company::SheetSource;
use disco::storage::roleplay::{builtin_scenarios, scenario_sheet};
use jiff::Timestamp;

#[test]
fn every_shipped_scenario_passes_its_example_conversations() {
    let bank = common::bank();
    let mut failures = Vec::new();
    for scenario in builtin_scenarios() {
        assert!(
            scenario.tests.len() >= 3,
            "{} carries {} example conversations",
            scenario.id,
            scenario.tests.len()
        );
        assert!(
            scenario.tests.iter().any(|t| t.expect.passed)
                && scenario.tests.iter().any(|t| !t.expect.passed),
            "{}: a test that passes and one that fails",
            scenario.id
        );
        let sheet = scenario_sheet(&scenario, &scenario.id, None).unwrap();
        let company = match &sheet {
            Some(SheetSource::Loaded(company, _)) => Some(company),
            _ => panic!("{} names no sheet", scenario.id),
        };
        for outcome in run_tests(&scenario, &bank, company, Timestamp::UNIX_EPOCH) {
            for failure in &outcome.failures {
                failures.push(format!("{} / {}: {failure}", scenario.id, outcome.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_test_expecting_the_wrong_verdict_fails_and_says_why() {
    let bank = common::bank();
    let mut scenario = builtin_scenarios().remove(0);
    let test = &mut scenario.tests[0];
    test.expect.found.clear();
    test.expect.passed = false;
    let outcomes = run_tests(&scenario, &bank, None, Timestamp::UNIX_EPOCH);
    let failures = &outcomes[0].failures;
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("expected engineering-approves missed, but it was found: the note “Eng. approves vendors (AVL)”")),
        "{failures:#?}"
    );
    assert!(
        failures.iter().any(|f| f.starts_with("expected a fail")),
        "{failures:#?}"
    );
}

#[test]
fn the_shipped_scenarios_check_without_warnings() {
    let lexicon = disco::core::text::Lexicon::builtin();
    for scenario in builtin_scenarios() {
        let warnings = scenario.warnings(&lexicon);
        assert!(warnings.is_empty(), "{}: {warnings:?}", scenario.id);
    }
}

#[test]
fn check_warns_about_what_is_allowed_but_probably_wrong() {
    let lexicon = disco::core::text::Lexicon::builtin();
    let mut scenario = builtin_scenarios().remove(0);
    // A reply that reveals the engineer in words no pattern of the fact matches.
    scenario.replies.get_mut("other-departments").unwrap().say =
        "The lab people have the last word.".into();
    // Nothing reveals the quality manager any more.
    scenario.intents.clear();
    scenario
        .replies
        .get_mut("who-judges-service")
        .unwrap()
        .reveals
        .clear();
    scenario.rubric.weights.process = 40;
    scenario.tests.clear();
    let warnings: Vec<String> = scenario
        .warnings(&lexicon)
        .iter()
        .map(|w| format!("{}: {}", w.path, w.message))
        .collect();
    let starts = [
        "replies.other-departments.say: reveals engineering-approves, but a trainee who writes these words down would not be credited",
        "facts[1].id: no reply reveals quality-manager-judges",
        "rubric.weights: facts and process add up to 110, not 100",
        "tests: no example conversations",
    ];
    assert_eq!(warnings.len(), starts.len(), "{warnings:#?}");
    for (warning, start) in warnings.iter().zip(starts) {
        assert!(warning.starts_with(start), "{warning}");
    }
}
