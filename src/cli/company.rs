//! `disco company check`.

use std::path::Path;
use std::process::ExitCode;

use super::render::{plural, print_line, report_errors};
use crate::storage::company::load_company;

pub(super) fn check(file: &Path) -> ExitCode {
    match load_company(file) {
        Ok(company) => {
            print_line(&format!(
                "{}: ok ({} can, {} can't, {})",
                file.display(),
                company.can.len(),
                company.cannot.len(),
                plural(company.strengths.len(), "strength")
            ));
            ExitCode::SUCCESS
        }
        Err(errors) => report_errors(&errors),
    }
}
