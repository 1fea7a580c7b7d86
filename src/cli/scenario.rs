//! `disco scenario list` and `disco scenario check`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::context::{bank as load_bank, loaded, now};
use super::render::{plural, print_line, report_errors, write_data_out, write_out};
use super::roleplay::sheet_for;
use crate::core::scenario_tests::run_tests;
use crate::core::text::Lexicon;
use crate::storage::collect::at;
use crate::storage::roleplay::{builtin_scenarios, resolve_scenario, scenario_source};

pub(super) fn list(json: bool) -> Result<ExitCode> {
    if json {
        let list: Vec<serde_json::Value> = builtin_scenarios()
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id,
                    "title": s.title,
                    "difficulty": s.difficulty,
                    "company": s.company,
                    "customer": s.brief.contact,
                    "facts": s.facts.len(),
                })
            })
            .collect();
        return write_data_out(&(serde_json::to_string_pretty(&list)? + "\n"));
    }
    let mut out = String::new();
    for s in builtin_scenarios() {
        out += &format!(
            "{:<20} {:<8} {}\n",
            s.id,
            format!("{:?}", s.difficulty).to_lowercase(),
            s.title
        );
    }
    write_out(&out)
}

pub(super) fn check(bank: Option<&Path>, company: Option<&Path>, file: &Path) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let name = file.to_string_lossy();
    let scenario = match resolve_scenario(&name, &bank) {
        Ok(s) => s,
        Err(errors) => return Ok(report_errors(&errors)),
    };
    // Notes are read with the lexicon of the sheet the scenario is judged against.
    let sheet = sheet_for(&scenario, &name, company)?;
    let lexicon = loaded(&sheet).map_or_else(Lexicon::builtin, |c| c.guard().lexicon().clone());
    let warnings = scenario.warnings(&lexicon);
    let mut out = String::new();
    if let Some((shown, text)) = scenario_source(&name) {
        for warning in &warnings {
            out += &at(
                &shown,
                &text,
                &warning.path,
                &format!("warning: {}", warning.message),
            );
            out += "\n";
        }
    }
    out += &format!(
        "{}: ok ({}, {}, {}{})\n",
        file.display(),
        plural(scenario.facts.len(), "fact"),
        plural(scenario.replies.len(), "reply"),
        plural(scenario.tests.len(), "example conversation"),
        if warnings.is_empty() {
            String::new()
        } else {
            format!(", {}", plural(warnings.len(), "warning"))
        }
    );
    write_out(&out)
}

pub(super) fn test(bank: Option<&Path>, company: Option<&Path>, name: &str) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let scenario = match resolve_scenario(name, &bank) {
        Ok(s) => s,
        Err(errors) => return Ok(report_errors(&errors)),
    };
    if scenario.tests.is_empty() {
        print_line(&format!(
            "{name}: no tests. Add example conversations under `tests:` (turns, and expect: found, passed)."
        ));
        return Ok(ExitCode::FAILURE);
    }
    let sheet = sheet_for(&scenario, name, company)?;
    let outcomes = run_tests(&scenario, &bank, loaded(&sheet), now()?);
    let mut out = String::new();
    for outcome in &outcomes {
        let score = outcome
            .debrief
            .as_ref()
            .map(|d| format!(" (score {})", d.score))
            .unwrap_or_default();
        if outcome.passed() {
            out += &format!("✓ {}{score}\n", outcome.name);
        } else {
            out += &format!("✗ {}{score}\n", outcome.name);
            for failure in &outcome.failures {
                out += &format!("    {failure}\n");
            }
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    out += &format!(
        "{}: {} of {} passed\n",
        scenario.id,
        outcomes.len() - failed,
        plural(outcomes.len(), "test")
    );
    write_out(&out)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
