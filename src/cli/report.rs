//! `disco report`: the team's dashboard, as a screen in a terminal, else markdown, or JSON.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::args::ReportFormat;
use super::context::{
    bank as load_bank, clock, company as load_company, loaded, store, warn_about_folders,
};
use super::render::{write_data_out, write_out};
use crate::core::report::{self, Problem, markdown};
use crate::storage::report::gather;
use crate::storage::warnings::WarningCounter;
use crate::tui::setup::RecapOptions;
use crate::tui::{self, Start};

pub(super) fn run(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    format: Option<ReportFormat>,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    // A sheet with a mistake costs the warning counts, not the report.
    let (sheet, sheet_problem) = match load_company(company) {
        Ok(sheet) => (sheet, None),
        Err(err) => (
            None,
            Some(Problem {
                file: "company sheet".into(),
                reason: format!("{err:#}; open warnings were not counted"),
            }),
        ),
    };
    let store = store(data_dir)?;
    warn_about_folders(&store);
    let counter =
        loaded(&sheet).map(|c| WarningCounter::new(store.data_dir(), c.guard(), bank.clone()));
    let mut gathered = gather(&store, counter.as_ref())?;
    gathered.problems.extend(sheet_problem);
    let clock = clock()?;
    let report = report::build(
        gathered,
        &bank,
        clock.at(clock.origin()),
        &crate::clock::local_zone(),
    );
    match format {
        Some(ReportFormat::Json) => {
            write_data_out(&(serde_json::to_string_pretty(&report)? + "\n"))
        }
        Some(ReportFormat::Md) => write_out(&markdown::render(&report)),
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => tui::run(
            store,
            bank,
            None,
            RecapOptions::default(),
            clock,
            Start::Report(Box::new(report)),
            super::config::for_screens(),
        ),
        // Piped or redirected: the same report as markdown, its problems listed in it.
        None => write_out(&markdown::render(&report)),
    }
}
