//! Finding and loading the company capability sheet.

use std::path::{Path, PathBuf};

use super::datafile::{self, FileErrors};
use crate::core::company::Company;

/// Where the sheet was looked for, and what was found there.
#[derive(Debug)]
pub enum SheetSource {
    Loaded(Company, PathBuf),
    /// No sheet at the default place: disco works without one and says where to put it.
    Missing(PathBuf),
}

pub fn load_company(path: &Path) -> Result<Company, FileErrors> {
    datafile::load(path, Company::validate)
}

/// The sheet given explicitly must exist; the one at the default place may be absent.
pub fn resolve_company(
    explicit: Option<&Path>,
    default: Option<&Path>,
) -> Result<Option<SheetSource>, FileErrors> {
    if let Some(path) = explicit {
        return load_company(path).map(|c| Some(SheetSource::Loaded(c, path.to_path_buf())));
    }
    match default {
        Some(path) if path.exists() => {
            load_company(path).map(|c| Some(SheetSource::Loaded(c, path.to_path_buf())))
        }
        Some(path) => Ok(Some(SheetSource::Missing(path.to_path_buf()))),
        None => Ok(None),
    }
}
