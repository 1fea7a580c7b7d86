//! `disco` (the home screen) and `disco call`: the full-screen commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::context::{
    bank as load_bank, clock, company as load_company, store, warn_about_folders,
};
use crate::core::printable::{printable, printable_line};
use crate::storage::company::SheetSource;
use crate::tui::setup::RecapOptions;
use crate::tui::{self, Start};

/// Opens the screens at `start`: the home screen, or a call with one account.
pub(super) fn open(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    recap: RecapOptions,
    start: Start,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let company = sheet_for_screens(company);
    let store = store(data_dir)?;
    // Said before the screen takes over; still there when the rep returns to the shell.
    warn_about_folders(&store);
    tui::run(
        store,
        bank,
        company,
        recap,
        clock()?,
        start,
        super::config::for_screens(),
    )
}

/// A sheet with a mistake in it must not keep a rep out of a live call: the call opens without
/// it and says why (the whole list of problems is printed too, for after the call).
fn sheet_for_screens(flag: Option<&Path>) -> Option<SheetSource> {
    match load_company(flag) {
        Ok(sheet) => sheet,
        Err(err) => {
            eprintln!("disco: {}", printable(&format!("{err:#}")));
            let first = format!("{err:#}")
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty() && !line.ends_with(':'))
                .map(|line| printable_line(line).into_owned())
                .unwrap_or_default();
            Some(SheetSource::Unreadable(first))
        }
    }
}
