//! Reading hand-written data files (banks, company sheets, scenarios): parse, then validate,
//! and report every problem with the file and the place.

use super::bounded::read_bounded;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::core::validate::Issue;
use crate::yaml::{self, ParseError};

/// Every problem found in a data file, each line naming the file and the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileErrors(pub Vec<String>);

impl std::fmt::Display for FileErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for FileErrors {}

pub(crate) fn load<T: DeserializeOwned>(
    path: &Path,
    validate: impl Fn(&T) -> Vec<Issue>,
) -> Result<T, FileErrors> {
    let bytes = read_bounded(path)
        .map_err(|err| FileErrors(vec![format!("{}: cannot read: {err}", path.display())]))?;
    parse(&bytes, path, validate)
}

pub(crate) fn parse<T: DeserializeOwned>(
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

/// Parses a file that carries a `schema` version. One from a newer disco is refused with that
/// reason, even when its new layout no longer parses as this version's.
pub(crate) fn parse_versioned<T: DeserializeOwned>(
    bytes: &[u8],
    current: u32,
    schema: impl Fn(&T) -> u32,
) -> Result<T, ParseError> {
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: Option<u32>,
    }
    let newer = |found: u32| {
        ParseError::whole_file(format!(
            "written by a newer disco (schema {found}); this one reads schema {current}. Update disco to open it."
        ))
    };
    match yaml::from_bytes::<T>(bytes) {
        Ok(value) if schema(&value) > current => Err(newer(schema(&value))),
        Ok(value) => Ok(value),
        Err(err) => match yaml::from_bytes::<SchemaOnly>(bytes) {
            Ok(SchemaOnly {
                schema: Some(found),
            }) if found > current => Err(newer(found)),
            _ => Err(err),
        },
    }
}
