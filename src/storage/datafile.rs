//! Reading hand-written data files (banks, company sheets, scenarios): parse, then validate,
//! and report every problem with the file and the place.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::core::validate::Issue;
use crate::yaml;

/// Every problem found in a data file, each line naming the file and the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileErrors(pub Vec<String>);

impl std::fmt::Display for FileErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for FileErrors {}

pub fn load<T: DeserializeOwned>(
    path: &Path,
    validate: impl Fn(&T) -> Vec<Issue>,
) -> Result<T, FileErrors> {
    let bytes = fs::read(path)
        .map_err(|err| FileErrors(vec![format!("{}: cannot read: {err}", path.display())]))?;
    parse(&bytes, path, validate)
}

pub fn parse<T: DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
    validate: impl Fn(&T) -> Vec<Issue>,
) -> Result<T, FileErrors> {
    let value: T = yaml::from_bytes(bytes).map_err(|err| FileErrors(vec![err.in_file(path)]))?;
    let issues = validate(&value);
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(FileErrors(
            issues
                .iter()
                .map(|issue| format!("{}: {issue}", path.display()))
                .collect(),
        ))
    }
}
