//! `disco accounts`, `disco export`, `disco history`: reading accounts without a screen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::args::ExportFormat;
use super::context::{
    bank as load_bank, company as load_company, find_account, fixed_clock, loaded, store,
};
use super::render::{accounts_json, accounts_table, write_out};
use crate::core::history;
use crate::core::recap::{self, Audience, Format};
use crate::storage::atomic::write_atomic;

pub(super) fn list(data_dir: Option<PathBuf>, bank: Option<&Path>, json: bool) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let store = store(data_dir)?;
    let listed = store.list()?;
    let mut rows = Vec::new();
    let mut problems = 0;
    for item in &listed {
        match &item.account {
            Ok(account) => rows.push(account),
            Err(err) => {
                problems += 1;
                eprintln!("disco: skipped {err}");
            }
        }
    }
    let text = if json {
        accounts_json(&rows, &bank)?
    } else {
        accounts_table(&rows, &bank)
    };
    write_out(&text)?;
    Ok(if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
    output: Option<PathBuf>,
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
    let text = match export.format {
        ExportFormat::Md => recap::render(&account, &bank, company, Format::Markdown, audience),
        ExportFormat::Text => recap::render(&account, &bank, company, Format::Text, audience),
        ExportFormat::Eml => {
            let now = fixed_clock()?.unwrap_or_else(crate::core::account::now);
            recap::eml(&account, &bank, company, now, export.from.as_deref())
        }
        ExportFormat::Json => serde_json::to_string_pretty(&account)? + "\n",
        ExportFormat::Yaml => crate::yaml::to_string(&account)?,
        ExportFormat::Csv => recap::people_csv(&account, &bank),
    };
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
    match output {
        Some(path) => {
            write_atomic(&path, text.as_bytes())
                .with_context(|| format!("{}: cannot write", path.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        None => write_out(&text),
    }
}

/// A warning on one terminal line, control characters already gone.
fn clean_line(text: &str) -> String {
    recap::clean(text).replace('\n', " ")
}

pub(super) fn history(data_dir: Option<PathBuf>, account: &str) -> Result<ExitCode> {
    let store = store(data_dir)?;
    write_out(&history::timeline(&find_account(&store, account)?))
}
