//! `disco` (the home screen) and `disco call`: the full-screen commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::context::{
    bank as load_bank, clock, company as load_company, store, warn_about_folders,
};
use crate::tui::setup::RecapOptions;
use crate::tui::{self, Start};

pub(super) fn call(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    recap: RecapOptions,
    account: String,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let company = load_company(company)?;
    let store = store(data_dir)?;
    // Said before the screen takes over; still there when the rep returns to the shell.
    warn_about_folders(&store);
    tui::run(store, bank, company, recap, clock()?, Start::Call(account))
}

pub(super) fn home(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    recap: RecapOptions,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let company = load_company(company)?;
    let store = store(data_dir)?;
    warn_about_folders(&store);
    tui::run(store, bank, company, recap, clock()?, Start::Home)
}
