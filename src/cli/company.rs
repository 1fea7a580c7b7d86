//! `disco company check` and `disco company example`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::context;
use super::render::{plural, print_line, report_errors, write_data_out, write_out};
use crate::core::company::{Company, Item};
use crate::core::printable::printable_line;
use crate::storage::company::{load_company, team_lexicon_path};

/// The example sheet, shipped inside the binary: installed users have no repository to copy from.
pub use crate::storage::company::EXAMPLE_SHEET;

pub(super) fn example() -> Result<ExitCode> {
    write_data_out(EXAMPLE_SHEET)
}

/// Checks `file`, or the sheet in use (--company or the config folder) when none is given.
pub(super) fn check(file: Option<&Path>) -> Result<ExitCode> {
    let path = match file {
        Some(path) => path.to_path_buf(),
        None => match context::company_path(None) {
            Some(path) if path.exists() => path,
            Some(path) => {
                print_line(&format!(
                    "No company sheet in use: disco looks for {}.\nStart one with: disco company example > {}",
                    path.display(),
                    path.display()
                ));
                return Ok(ExitCode::FAILURE);
            }
            None => {
                print_line("No company sheet in use, and no config folder on this system.");
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    Ok(match load_company(&path) {
        Ok(company) => write_out(&describe(&path, &company))?,
        Err(errors) => report_errors(&errors),
    })
}

fn describe(path: &Path, company: &Company) -> String {
    let mut out = format!(
        "{}: ok ({} can, {} can't, {})\n",
        path.display(),
        company.can.len(),
        company.cannot.len(),
        plural(company.strengths.len(), "strength")
    );
    if let Some(lexicon) = team_lexicon_path(path) {
        out += &format!("Team lexicon: {}\n", lexicon.display());
    }
    for (heading, items) in [("Can", &company.can), ("Can't", &company.cannot)] {
        for item in items {
            // Ids and keywords are typed by hand: each stays on its own line.
            out += &format!(
                "{heading:<6} {:<20} {}\n",
                printable_line(&item.id),
                printable_line(&what_is_checked(item))
            );
        }
    }
    out
}

/// What the guard looks for for one item, in a line.
fn what_is_checked(item: &Item) -> String {
    let mut parts = Vec::new();
    if !item.keywords.is_empty() {
        parts.push(format!("words: {}", item.keywords.join(", ")));
    }
    if !item.concepts.is_empty() {
        parts.push(format!("concepts: {}", item.concepts.join(", ")));
    }
    if let Some(limit) = &item.limit {
        parts.push(format!("{}: {}", limit.quantity.label(), limit.describe()));
    }
    if !item.except.is_empty() {
        parts.push(format!("except: {}", item.except.join(", ")));
    }
    if parts.is_empty() {
        "nothing to check: add keywords, concepts or a limit".into()
    } else {
        parts.join("; ")
    }
}
