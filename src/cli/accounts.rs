//! `disco accounts`, `disco export`, `disco history`: reading accounts without a screen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::args::ExportFormat;
use super::context::{
    bank as load_bank, company as load_company, find_account, loaded, store, warn_about_folders,
};
use super::render::{accounts_json, accounts_table, write_data_out, write_out};
use crate::core::company::Company;
use crate::core::printable::{printable, printable_line};
use crate::core::{Account, Bank, history, recap};
use crate::storage::atomic::write_atomic;

pub(super) fn list(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    json: bool,
    archived: bool,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let store = store(data_dir)?;
    warn_about_folders(&store);
    let listed = if archived {
        let mut all = store.list_all()?;
        all.retain(|item| item.account.as_ref().is_ok_and(|a| a.archived));
        all
    } else {
        store.list()?
    };
    let mut rows = Vec::new();
    let mut problems = 0;
    for item in &listed {
        match &item.account {
            Ok(account) => rows.push(account),
            Err(err) => {
                problems += 1;
                eprintln!("disco: skipped {}", printable_line(err));
            }
        }
    }
    if json {
        write_data_out(&accounts_json(&rows, &bank)?)?;
    } else if archived && rows.is_empty() {
        write_out("No archived accounts.\n")?;
    } else {
        write_out(&accounts_table(&rows, &bank))?;
    }
    Ok(if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn export(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    account: &str,
    format: ExportFormat,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let company = load_company(company)?;
    let store = store(data_dir)?;
    let account = find_account(&store, account)?;
    let text = export_text(&account, &bank, loaded(&company), format)?;
    // The recap and the CSV are read by people; JSON and YAML are data, escaped by their format.
    let for_people = matches!(format, ExportFormat::Md | ExportFormat::Csv);
    match output {
        Some(path) => {
            let text = if for_people {
                printable(&text)
            } else {
                text.as_str().into()
            };
            write_atomic(&path, text.as_bytes())
                .with_context(|| format!("{}: cannot write", path.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        None if for_people => write_out(&text),
        None => write_data_out(&text),
    }
}

fn export_text(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
    format: ExportFormat,
) -> Result<String> {
    Ok(match format {
        ExportFormat::Md => recap::markdown(account, bank, company),
        ExportFormat::Json => serde_json::to_string_pretty(account)? + "\n",
        ExportFormat::Yaml => crate::yaml::to_string(account)?,
        ExportFormat::Csv => recap::people_csv(account, bank),
    })
}

pub(super) fn resolve(data_dir: Option<PathBuf>, account: &str) -> Result<ExitCode> {
    let path = store(data_dir)?.resolve(account)?;
    write_out(&format!(
        "Merged the versions inside the conflict markers: {} reads again.\n",
        path.display()
    ))
}

pub(super) fn history(data_dir: Option<PathBuf>, account: &str) -> Result<ExitCode> {
    let store = store(data_dir)?;
    write_out(&history::timeline(&find_account(&store, account)?))
}
