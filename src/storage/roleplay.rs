//! Role-play: the shipped scenarios, scenario files, and the records of past role-plays. Role-play
//! accounts live under `<data-dir>/roleplay/`, apart from real accounts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::accounts::AccountStore;
use super::atomic::{create_private_dir, write_atomic};
use super::bounded::read_bounded;
use super::datafile::{self, FileErrors};
use super::file_names::own_file;
use crate::core::Bank;
use crate::core::scenario::Scenario;
use crate::yaml;

/// The shipped scenarios, compiled in like the built-in bank.
pub const BUILTIN_SCENARIOS: &[(&str, &str)] = &[
    (
        "hidden-engineering",
        include_str!("../../question-banks/scenarios/hidden-engineering.yaml"),
    ),
    (
        "late-deliveries",
        include_str!("../../question-banks/scenarios/late-deliveries.yaml"),
    ),
    (
        "price-first",
        include_str!("../../question-banks/scenarios/price-first.yaml"),
    ),
];

/// A scenario by file path or by the id of a shipped one, checked against the bank in use.
pub fn resolve_scenario(name: &str, bank: &Bank) -> Result<Scenario, FileErrors> {
    let validate = |s: &Scenario| {
        let mut issues = s.validate();
        issues.extend(s.validate_against(bank));
        issues
    };
    let path = Path::new(name);
    if path.exists() {
        return datafile::load(path, validate);
    }
    match BUILTIN_SCENARIOS.iter().find(|(id, _)| *id == name) {
        Some((id, text)) => datafile::parse(
            text.as_bytes(),
            Path::new(&format!("built-in scenario {id}")),
            validate,
        ),
        None => {
            let ids: Vec<&str> = BUILTIN_SCENARIOS.iter().map(|(id, _)| *id).collect();
            Err(FileErrors(vec![format!(
                "{name}: no such file, and no shipped scenario has that id (shipped: {})",
                ids.join(", ")
            )]))
        }
    }
}

pub fn builtin_scenarios() -> Vec<Scenario> {
    BUILTIN_SCENARIOS
        .iter()
        .filter_map(|(_, text)| yaml::from_str(text).ok())
        .collect()
}

pub use crate::core::roleplay::{Line, RoleplayRecord, SCHEMA_VERSION, Speaker};

#[derive(Debug, Clone)]
pub struct RoleplayStore {
    root: PathBuf,
}

impl RoleplayStore {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("roleplay"),
        }
    }

    /// Role-play accounts, in their own folder so they never mix with real ones.
    pub fn accounts(&self) -> AccountStore {
        AccountStore::new(&self.root)
    }

    fn records_dir(&self) -> PathBuf {
        self.root.join("records")
    }

    pub fn record_path(&self, record: &RoleplayRecord) -> PathBuf {
        own_file(&self.records_dir(), &record.account)
    }

    pub fn save(&self, record: &RoleplayRecord) -> Result<PathBuf> {
        let dir = self.records_dir();
        create_private_dir(&self.root)
            .and_then(|()| create_private_dir(&dir))
            .with_context(|| format!("{}: cannot create the role-play folder", dir.display()))?;
        let path = self.record_path(record);
        write_atomic(&path, yaml::to_string(record)?.as_bytes())
            .with_context(|| format!("{}: cannot save", path.display()))?;
        Ok(path)
    }

    /// Every record, oldest first; unreadable ones are reported, not skipped silently.
    pub fn list(&self) -> Result<(Vec<RoleplayRecord>, Vec<String>)> {
        let entries = match fs::read_dir(self.records_dir()) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok((Vec::new(), Vec::new()));
            }
            Err(err) => return Err(err).context("cannot list role-play records"),
        };
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let parsed = read_bounded(&path)
                .map_err(|e| format!("{e}"))
                .and_then(|bytes| {
                    datafile::parse_versioned(&bytes, SCHEMA_VERSION, |r: &RoleplayRecord| r.schema)
                        .map_err(|e| e.in_file(&path))
                });
            match parsed {
                Ok(record) => records.push(record),
                Err(problem) => problems.push(problem),
            }
        }
        records.sort_by_key(|r| r.started);
        Ok((records, problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_from_a_newer_disco_is_reported_not_read() {
        // Records skipped the schema check that accounts have: one written by a newer disco
        // was read as if it were this version's.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = RoleplayStore::new(dir.path());
        let records = dir.path().join("roleplay/records");
        fs::create_dir_all(&records).unwrap_or_else(|e| panic!("{e}"));
        let record = "schema: 2\nscenario: s\nscenario_title: S\ntrainee: kim\naccount: a\nstarted: 2026-11-24T09:00:00Z\n";
        fs::write(records.join("a.yaml"), record).unwrap_or_else(|e| panic!("{e}"));
        let (read, problems) = store.list().unwrap_or_else(|e| panic!("{e}"));
        assert!(read.is_empty(), "{read:?}");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("a.yaml"), "{problems:?}");
        assert!(problems[0].contains("newer disco"), "{problems:?}");
    }
}
