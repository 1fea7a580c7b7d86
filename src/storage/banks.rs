//! Loading question banks: the built-in one and files given with `--bank`.

use std::path::Path;

use super::datafile::{self, FileErrors};
use crate::core::Bank;

/// The three-step reset script, compiled in so disco runs with no files installed.
pub const BUILTIN_BANK: &str = include_str!("../../question-banks/reset.yaml");
pub(crate) const BUILTIN_BANK_NAME: &str = "built-in reset.yaml";

pub fn builtin_bank() -> Result<Bank, FileErrors> {
    parse_bank(BUILTIN_BANK.as_bytes(), Path::new(BUILTIN_BANK_NAME))
}

pub fn load_bank(path: &Path) -> Result<Bank, FileErrors> {
    datafile::load(path, Bank::validate)
}

/// The bank at `path`, or the built-in one.
pub fn resolve_bank(path: Option<&Path>) -> Result<Bank, FileErrors> {
    path.map_or_else(builtin_bank, load_bank)
}

pub fn parse_bank(bytes: &[u8], path: &Path) -> Result<Bank, FileErrors> {
    datafile::parse(bytes, path, Bank::validate)
}
