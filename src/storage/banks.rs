//! Loading question banks: the built-in one and files given with `--bank`.

use std::fs;
use std::path::Path;

use crate::core::Bank;
use crate::yaml;

/// The three-step reset script, compiled in so disco runs with no files installed.
pub const BUILTIN_BANK: &str = include_str!("../../question-banks/reset.yaml");
pub const BUILTIN_BANK_NAME: &str = "built-in reset.yaml";

/// Every problem found in a bank file, each line naming the file and the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankErrors(pub Vec<String>);

impl std::fmt::Display for BankErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for BankErrors {}

pub fn builtin_bank() -> Result<Bank, BankErrors> {
    parse_bank(BUILTIN_BANK.as_bytes(), Path::new(BUILTIN_BANK_NAME))
}

pub fn load_bank(path: &Path) -> Result<Bank, BankErrors> {
    let bytes = fs::read(path)
        .map_err(|err| BankErrors(vec![format!("{}: cannot read: {err}", path.display())]))?;
    parse_bank(&bytes, path)
}

/// The bank at `path`, or the built-in one.
pub fn resolve_bank(path: Option<&Path>) -> Result<Bank, BankErrors> {
    path.map_or_else(builtin_bank, load_bank)
}

pub fn parse_bank(bytes: &[u8], path: &Path) -> Result<Bank, BankErrors> {
    let bank: Bank = yaml::from_bytes(bytes).map_err(|err| BankErrors(vec![err.in_file(path)]))?;
    let issues = bank.validate();
    if issues.is_empty() {
        Ok(bank)
    } else {
        Err(BankErrors(
            issues
                .iter()
                .map(|issue| format!("{}: {issue}", path.display()))
                .collect(),
        ))
    }
}
