//! `disco accounts`, `disco export`, `disco history`: reading accounts without a screen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::ExportFormat;
use super::context::{
    bank as load_bank, company as load_company, find_account, loaded, now, store,
    warn_about_folders,
};
use super::render::{Row, accounts_json, accounts_table, write_data_out, write_out};
use crate::core::company::Company;
use crate::core::printable::{printable, printable_line};
use crate::core::recap::{self, Audience, Format};
use crate::core::{Account, Bank, history};
use crate::storage::export::write_export;
use crate::storage::warnings::WarningCounter;

pub(super) fn list(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    json: bool,
    archived: bool,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let company = load_company(company)?;
    let store = store(data_dir)?;
    warn_about_folders(&store);
    let counter =
        loaded(&company).map(|c| WarningCounter::new(store.data_dir(), c.guard(), bank.clone()));
    let listed = if archived {
        let mut all = store.list_all_counting(counter.as_ref())?;
        all.retain(|item| item.account.as_ref().is_ok_and(|a| a.archived));
        all
    } else {
        store.list_counting(counter.as_ref())?
    };
    let counted = counter.is_some();
    let mut rows = Vec::new();
    let mut problems = 0;
    for item in &listed {
        match &item.account {
            Ok(account) => rows.push(Row {
                account,
                warnings: counted.then(|| item.warnings.as_ref().map_or(0, |w| w.count)),
            }),
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
    } else if rows.is_empty() && problems > 0 {
        // "No accounts yet" here would invite a second account for a customer already there.
        let files = if problems == 1 { "file" } else { "files" };
        write_out(&format!(
            "No readable accounts: {problems} account {files} could not be read (above). \
             Fix or resolve them before starting a new one.\n"
        ))?;
    } else {
        let zone = crate::clock::local_zone();
        let today = zone.to_datetime(now()?).date();
        write_out(&accounts_table(&rows, &bank, &zone, today))?;
    }
    Ok(if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Where `disco export -o` writes, and whether it may replace a file already there.
pub(super) struct Output {
    pub path: PathBuf,
    pub force: bool,
}

/// What `disco export` writes.
pub(super) struct Export {
    pub format: ExportFormat,
    pub internal: bool,
    /// The From line of an email draft.
    pub from: Option<String>,
}

pub(super) fn export(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    account: &str,
    export: Export,
    output: Option<Output>,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let company = load_company(company)?;
    let company = loaded(&company);
    let store = store(data_dir)?;
    let account = find_account(&store, account)?;
    let audience = match (export.internal, export.format) {
        (false, _) => Audience::Customer,
        (true, ExportFormat::Md | ExportFormat::Text) => Audience::Internal,
        (true, _) => bail!("--internal goes with --format md or text"),
    };
    let text = export_text(&account, &bank, company, &export, audience)?;
    let is_recap = matches!(
        export.format,
        ExportFormat::Md | ExportFormat::Text | ExportFormat::Eml
    );
    if is_recap && audience == Audience::Customer {
        // The customer's version leaves the warnings out; the rep still hears them.
        for warning in recap::warnings(&account, &bank, company) {
            eprintln!("disco: check before sending: {}", clean_line(&warning));
        }
    }
    // The recap and the CSV are read by people; JSON and YAML are data, escaped by their format.
    let for_people = is_recap || export.format == ExportFormat::Csv;
    match output {
        Some(Output { path, force }) => {
            let text = if for_people {
                printable(&text)
            } else {
                text.as_str().into()
            };
            write_export(&path, store.data_dir(), text.as_bytes(), force)?;
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
    export: &Export,
    audience: Audience,
) -> Result<String> {
    let zone = crate::clock::local_zone();
    Ok(match export.format {
        ExportFormat::Md => {
            recap::render(account, bank, company, Format::Markdown, audience, &zone)
        }
        ExportFormat::Text => recap::render(account, bank, company, Format::Text, audience, &zone),
        ExportFormat::Eml => recap::eml(
            account,
            bank,
            company,
            now()?,
            export.from.as_deref(),
            &zone,
        ),
        ExportFormat::Json => serde_json::to_string_pretty(account)? + "\n",
        ExportFormat::Yaml => {
            let mut account = account.clone();
            account.follow_script(bank);
            account.to_yaml()?
        }
        ExportFormat::Csv => recap::people_csv(account, bank),
    })
}

/// A warning on one terminal line, control characters already gone.
fn clean_line(text: &str) -> String {
    recap::clean(text).replace('\n', " ")
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
    write_out(&history::timeline(
        &find_account(&store, account)?,
        &crate::clock::local_zone(),
    ))
}
