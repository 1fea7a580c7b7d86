//! A scenario's example conversations (`tests:`), played like scripts and debriefed, each
//! compared with what its author expects: which facts are found, pass or fail, which rules
//! break. `disco scenario test` prints the outcome; the shipped scenarios' tests run in CI.

use jiff::Timestamp;

use super::bank::Bank;
use super::company::Company;
use super::debrief::{Debrief, debrief_with_sheet};
use super::scenario::{Scenario, ScenarioTest};
use super::script::{Script, play};

/// One example conversation's outcome: what differs from the expectation, with the debrief's
/// own words for each difference.
#[derive(Debug, Clone)]
pub struct TestOutcome {
    pub name: String,
    pub failures: Vec<String>,
    pub debrief: Option<Debrief>,
}

impl TestOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Plays every example conversation of `scenario` against `company`'s sheet.
pub fn run_tests(
    scenario: &Scenario,
    bank: &Bank,
    company: Option<&Company>,
    start: Timestamp,
) -> Vec<TestOutcome> {
    scenario
        .tests
        .iter()
        .map(|test| run_test(scenario, bank, company, start, test))
        .collect()
}

fn run_test(
    scenario: &Scenario,
    bank: &Bank,
    company: Option<&Company>,
    start: Timestamp,
    test: &ScenarioTest,
) -> TestOutcome {
    let script = Script {
        turns: test.turns.clone(),
    };
    let played = match play(scenario, bank, &script, "Scenario test", start, 0, company) {
        Ok(played) => played,
        Err(issues) => {
            return TestOutcome {
                name: test.name.clone(),
                failures: issues.iter().map(ToString::to_string).collect(),
                debrief: None,
            };
        }
    };
    let debrief = debrief_with_sheet(
        &played.account,
        bank,
        scenario,
        company,
        Some(&played.transcript.turns),
    );
    let mut failures = Vec::new();
    for fact in &debrief.facts {
        let expected = test.expect.found.contains(&fact.id);
        match (expected, fact.found) {
            (true, false) => failures.push(format!(
                "expected {} found, but it was missed: {}",
                fact.id, fact.why
            )),
            (false, true) => failures.push(format!(
                "expected {} missed, but it was found: {}",
                fact.id,
                fact.evidence
                    .as_ref()
                    .map(|e| format!("the note “{}” ({})", e.note, e.place))
                    .unwrap_or_default()
            )),
            _ => {}
        }
    }
    for rule in &debrief.rules {
        let expected_broken = test.expect.broken.contains(&rule.id);
        if expected_broken == rule.kept {
            failures.push(format!(
                "expected “{}” {}, but: {}",
                rule.id.label(),
                if expected_broken { "broken" } else { "kept" },
                rule.detail
            ));
        }
    }
    if debrief.passed != test.expect.passed {
        failures.push(format!(
            "expected {}, but it scored {} (pass mark {})",
            if test.expect.passed {
                "a pass"
            } else {
                "a fail"
            },
            debrief.score,
            debrief.pass_mark
        ));
    }
    TestOutcome {
        name: test.name.clone(),
        failures,
        debrief: Some(debrief),
    }
}
