//! `disco scenario list` and `disco scenario check`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::context::bank as load_bank;
use super::render::{plural, print_line, report_errors, write_data_out, write_out};
use crate::storage::roleplay::{builtin_scenarios, resolve_scenario};

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

pub(super) fn check(bank: Option<&Path>, file: &Path) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    match resolve_scenario(&file.to_string_lossy(), &bank) {
        Ok(s) => {
            print_line(&format!(
                "{}: ok ({}, {})",
                file.display(),
                plural(s.facts.len(), "fact"),
                plural(s.replies.len(), "reply")
            ));
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => Ok(report_errors(&errors)),
    }
}
