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
