//! `disco bank show` and `disco bank check`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::context::bank as load;
use super::render::{plural, print_line, render_bank, report_errors, write_out};
use crate::storage::load_bank;

pub(super) fn show(bank: Option<&Path>) -> Result<ExitCode> {
    write_out(&render_bank(&load(bank)?))
}

pub(super) fn check(file: &Path) -> ExitCode {
    match load_bank(file) {
        Ok(bank) => {
            let questions: usize = bank.steps.iter().map(|s| s.questions.len()).sum();
            print_line(&format!(
                "{}: ok ({}, {})",
                file.display(),
                plural(bank.steps.len(), "step"),
                plural(questions, "question")
            ));
            ExitCode::SUCCESS
        }
        Err(errors) => report_errors(&errors),
    }
}
