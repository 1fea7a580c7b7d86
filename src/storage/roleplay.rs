//! Role-play: the shipped scenarios, scenario files, and the records of past role-plays. Role-play
//! accounts live under `<data-dir>/roleplay/`, apart from real accounts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::accounts::AccountStore;
use super::atomic::{create_private_dir, write_atomic};
use super::bounded::read_bounded;
use super::collect::parse_collecting;
use super::company::{SheetSource, example_company, load_company};
use super::datafile::{self, FileErrors};
use super::file_names::own_file;
use crate::core::Bank;
use crate::core::scenario::Scenario;
use crate::core::script::Script;
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
    (
        "assumed-terms",
        include_str!("../../question-banks/scenarios/assumed-terms.yaml"),
    ),
    (
        "committee-veto",
        include_str!("../../question-banks/scenarios/committee-veto.yaml"),
    ),
    (
        "quality-burned",
        include_str!("../../question-banks/scenarios/quality-burned.yaml"),
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
        let bytes = read_bounded(path)
            .map_err(|err| FileErrors(vec![format!("{}: cannot read: {err}", path.display())]))?;
        return parse_collecting(&bytes, path, validate);
    }
    match BUILTIN_SCENARIOS.iter().find(|(id, _)| *id == name) {
        Some((id, text)) => parse_collecting(
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

/// The text of a scenario by file path or shipped id, with the name to show for it, to place
/// what `scenario check` warns about.
pub(crate) fn scenario_source(name: &str) -> Option<(PathBuf, String)> {
    let path = Path::new(name);
    if path.exists() {
        let bytes = read_bounded(path).ok()?;
        return Some((
            path.to_path_buf(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    BUILTIN_SCENARIOS
        .iter()
        .find(|(id, _)| *id == name)
        .map(|(id, text)| {
            (
                PathBuf::from(format!("built-in scenario {id}")),
                text.to_string(),
            )
        })
}

/// The company sheet a role-play of `scenario` (found by `name`, as for `resolve_scenario`) is
/// judged against: the one given explicitly (`--company`, `DISCO_COMPANY`), else the one the
/// scenario names (`example`, or a file beside the scenario), else none, so the score is the
/// same on every machine whatever sheet is in its config folder.
pub fn scenario_sheet(
    scenario: &Scenario,
    name: &str,
    explicit: Option<&Path>,
) -> Result<Option<SheetSource>, FileErrors> {
    if let Some(path) = explicit {
        return load_company(path).map(|c| Some(SheetSource::Loaded(c, path.to_path_buf())));
    }
    match scenario.company.as_deref() {
        None => Ok(None),
        Some("example") => example_company().map(|c| {
            Some(SheetSource::Loaded(
                c,
                PathBuf::from("built-in example sheet"),
            ))
        }),
        Some(file) => {
            let beside = Path::new(name)
                .parent()
                .filter(|_| Path::new(name).is_file())
                .unwrap_or(Path::new(""));
            let path = beside.join(file);
            if !path.is_file() {
                return Err(FileErrors(vec![format!(
                    "{name}: company: {file:?} names no sheet (looked for {}; `example` is the shipped one)",
                    path.display()
                )]));
            }
            load_company(&path).map(|c| Some(SheetSource::Loaded(c, path)))
        }
    }
}

/// A role-play script (`disco roleplay --script`), checked against the scenario and bank it plays.
pub(crate) fn load_script(
    path: &Path,
    scenario: &Scenario,
    bank: &Bank,
) -> Result<Script, FileErrors> {
    datafile::load(path, |script: &Script| script.validate(scenario, bank))
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

    pub(crate) fn record_path(&self, record: &RoleplayRecord) -> PathBuf {
        own_file(&self.records_dir(), &record.account)
    }

    /// Removes the account file of a role-play in which the trainee wrote nothing. Refuses a
    /// file outside the role-play folder, or one that holds anything typed (read from the
    /// disk, not taken on trust).
    pub(crate) fn discard_empty_account(&self, path: &Path) -> Result<()> {
        let inside = path.parent() == Some(self.accounts().dir());
        let account = AccountStore::load(path)?;
        let empty = account.answers.values().all(|a| a.text.trim().is_empty())
            && account.captures.values().all(Vec::is_empty)
            && account.notes.trim().is_empty();
        if !inside || !empty {
            anyhow::bail!("{}: not an empty role-play account", path.display());
        }
        // The sidecar lock goes with it; a lock file may be removed while held (`lock.rs`).
        for file in [path.to_path_buf(), super::lock::lock_path(path)] {
            match fs::remove_file(&file) {
                Ok(()) => {}
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(err).with_context(|| format!("{}: cannot remove", file.display()));
                }
            }
        }
        Ok(())
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
    fn a_scenario_names_a_sheet_beside_it_and_an_explicit_one_wins() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let bank = crate::core::builtin_bank_for_tests();
        let shipped = BUILTIN_SCENARIOS[0]
            .1
            .replace("company: example", "company: ours.yaml");
        let file = dir.path().join("mine.yaml");
        fs::write(&file, shipped).unwrap_or_else(|e| panic!("{e}"));
        let name = file.to_string_lossy().into_owned();
        let scenario = resolve_scenario(&name, &bank).unwrap_or_else(|e| panic!("{e}"));
        let missing = scenario_sheet(&scenario, &name, None)
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("company: \"ours.yaml\" names no sheet")
                && missing.contains("mine.yaml"),
            "{missing}"
        );
        let sheet = "name: Ours\ncan:\n  - id: fast\n    statement: Next-day delivery anywhere.\n    keywords: [next day]\n";
        fs::write(dir.path().join("ours.yaml"), sheet).unwrap_or_else(|e| panic!("{e}"));
        let named = |found: Option<SheetSource>| match found {
            Some(SheetSource::Loaded(company, _)) => company.name,
            _ => String::new(),
        };
        let found = scenario_sheet(&scenario, &name, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(named(found), "Ours");
        let explicit = dir.path().join("explicit.yaml");
        fs::write(&explicit, sheet.replace("Ours", "Explicit")).unwrap_or_else(|e| panic!("{e}"));
        let found =
            scenario_sheet(&scenario, &name, Some(&explicit)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(named(found), "Explicit");
    }

    #[test]
    fn only_an_empty_role_play_account_is_discarded() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = RoleplayStore::new(dir.path());
        let bank = crate::core::builtin_bank_for_tests();
        let at = jiff::Timestamp::UNIX_EPOCH;
        let opened = store
            .accounts()
            .open_for_edit("practice", &bank, at)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut account = crate::core::Account::new("practice", &bank, at);
        account.set_answer("business-and-roles", "pumps", at);
        store
            .accounts()
            .save(&opened.path, &account)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(store.discard_empty_account(&opened.path).is_err());
        assert!(opened.path.exists(), "an account with notes stays");
        let empty = crate::core::Account::new("practice", &bank, at);
        let outside = dir.path().join("elsewhere.yaml");
        store
            .accounts()
            .save(&outside, &empty)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(store.discard_empty_account(&outside).is_err());
        assert!(
            outside.exists(),
            "nothing outside the role-play folder is removed"
        );
        store
            .accounts()
            .save(&opened.path, &empty)
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .discard_empty_account(&opened.path)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!opened.path.exists());
    }

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
