//! Where a command finds its folders, bank, company sheet, account and clock.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::core::company::Company;
use crate::core::names::clean_account_name;
use crate::core::{Account, Bank};
use crate::storage::company::{SheetSource, resolve_company};
use crate::storage::{AccountStore, resolve_bank};

pub(super) fn default_learner() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "me".into())
}

/// `DISCO_NOW` pins the practice clock (RFC 3339), so a session can be replayed exactly.
pub(super) fn fixed_clock() -> Result<Option<jiff::Timestamp>> {
    match std::env::var("DISCO_NOW") {
        Ok(text) => text
            .parse()
            .map(Some)
            .map_err(|_| anyhow!("DISCO_NOW={text:?} is not a time like 2026-11-24T09:00:00Z")),
        Err(_) => Ok(None),
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "disco")
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

pub(super) fn find_account(store: &AccountStore, raw_name: &str) -> Result<Account> {
    let name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
    match store.locate(&name)? {
        (_, Some(account)) => Ok(account),
        (_, None) => bail!("no account named {name:?}. `disco accounts` lists them."),
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
