//! Where a command finds its folders, bank, company sheet, account and clock.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::clock::Clock;
use crate::core::company::Company;
use crate::core::names::clean_account_name;
use crate::core::{Account, Bank};
use crate::storage::company::{SheetSource, resolve_company};
use crate::storage::{AccountStore, Lookup, resolve_bank};

pub(super) fn default_learner() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "me".into())
}

/// The run's one clock: `DISCO_NOW` (RFC 3339) fixes where it starts, so any command can be
/// replayed at a given date; time then runs on.
pub(super) fn clock() -> Result<Clock> {
    Clock::from_env()
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "disco")
}

/// The platform's config folder for disco (`~/.config/disco` on Linux).
pub(super) fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().to_path_buf())
}

/// The sheet in use: the one given with --company, else company.yaml in the config folder.
pub(super) fn company_path(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| project_dirs().map(|d| d.config_dir().join("company.yaml")))
}

pub(super) fn company(flag: Option<&Path>) -> Result<Option<SheetSource>> {
    let default = project_dirs().map(|d| d.config_dir().join("company.yaml"));
    resolve_company(flag, default.as_deref())
        .map_err(|errors| anyhow!("the company sheet has problems:\n{errors}"))
}

pub(super) fn loaded(source: &Option<SheetSource>) -> Option<&Company> {
    match source {
        Some(SheetSource::Loaded(company, _)) => Some(company),
        _ => None,
    }
}

/// The account named so inside its file. One merged into another leads there, and says so;
/// a name not found is answered with the names that look like it.
pub(super) fn find_account(store: &AccountStore, raw_name: &str) -> Result<Account> {
    let name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
    match store.lookup(&name)? {
        Lookup::Found(found) => {
            if !found.merged_from.is_empty() {
                eprintln!(
                    "disco: {name:?} was merged into {:?}; showing that account",
                    found.account.name
                );
            }
            Ok(found.account)
        }
        Lookup::New { mut alikes } => {
            if let Some(now_called) = store.renamed_to(&name)? {
                eprintln!("disco: {name:?} was renamed to {now_called:?}; showing that account");
                if let Lookup::Found(found) = store.lookup(&now_called)? {
                    return Ok(found.account);
                }
            }
            if alikes.is_empty() {
                alikes = store.near_names(&name)?;
            }
            if alikes.is_empty() {
                bail!("no account named {name:?}. `disco accounts` lists them.");
            }
            let quoted: Vec<String> = alikes.iter().map(|n| format!("{n:?}")).collect();
            bail!(
                "no account named {name:?}. Did you mean {}?",
                quoted.join(" or ")
            )
        }
    }
}

/// The time for commands that stamp a change, from the run's one clock.
pub(super) fn now() -> Result<jiff::Timestamp> {
    Ok(clock()?.at(std::time::Instant::now()))
}

/// Says once, on standard error, that a folder is writable by others.
pub(super) fn warn_about_folders(store: &AccountStore) {
    for warning in store.folder_warnings() {
        eprintln!(
            "disco: {}",
            crate::core::printable::printable_line(&warning)
        );
    }
}

pub(super) fn bank(path: Option<&Path>) -> Result<Bank> {
    resolve_bank(path).map_err(|errors| anyhow!("the question bank has problems:\n{errors}"))
}

pub(super) fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    project_dirs()
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| anyhow!("cannot find a home folder for disco's data; pass --data-dir DIR"))
}

pub(super) fn store(flag: Option<PathBuf>) -> Result<AccountStore> {
    Ok(AccountStore::new(&data_dir(flag)?))
}
