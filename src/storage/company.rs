//! Finding and loading the company capability sheet.

use std::path::{Path, PathBuf};

use super::datafile::{self, FileErrors};
use crate::core::company::Company;
use crate::core::text::Lexicon;
use crate::core::text::lexicon::{LexiconFile, builtin_file};

/// A team's own words for the guard, kept beside its sheet.
pub(crate) const TEAM_LEXICON: &str = "lexicon.yaml";

/// Where the sheet was looked for, and what was found there.
#[derive(Debug)]
pub enum SheetSource {
    Loaded(Company, PathBuf),
    /// No sheet at the default place: disco works without one and says where to put it.
    Missing(PathBuf),
    /// A sheet that could not be read, for the screens: a live call still opens, with the
    /// guard off and the reason shown. Commands that print refuse it instead.
    Unreadable(String),
}

/// Loads the sheet at `path`, with the team lexicon beside it (`lexicon.yaml`) if there is one.
/// The example sheet shipped with disco: `disco company example` prints it, and the shipped
/// scenarios are written against it (`company: example`).
pub const EXAMPLE_SHEET: &str = include_str!("../../question-banks/company.example.yaml");

/// The shipped example sheet, parsed and checked like any other.
pub(crate) fn example_company() -> Result<Company, FileErrors> {
    datafile::parse(
        EXAMPLE_SHEET.as_bytes(),
        Path::new("built-in example sheet"),
        |c: &Company| c.validate_with(&Lexicon::builtin()),
    )
}

pub fn load_company(path: &Path) -> Result<Company, FileErrors> {
    let lexicon = team_lexicon(path)?;
    let company: Company = datafile::load(path, |c: &Company| c.validate_with(&lexicon))?;
    company.use_lexicon(lexicon);
    Ok(company)
}

/// The built-in lexicon extended by the team's file beside the sheet, if any.
pub(crate) fn team_lexicon(sheet: &Path) -> Result<Lexicon, FileErrors> {
    let mut file = builtin_file();
    if let Some(path) = team_lexicon_path(sheet) {
        file.extend(datafile::load(&path, LexiconFile::validate)?);
    }
    Ok(Lexicon::compile(&file))
}

/// Where a team lexicon for `sheet` would be, when there is one.
pub(crate) fn team_lexicon_path(sheet: &Path) -> Option<PathBuf> {
    let path = sheet.parent()?.join(TEAM_LEXICON);
    path.is_file().then_some(path)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::guard::{ConcernKind, Voice};

    #[test]
    fn a_team_lexicon_beside_the_sheet_adds_concepts_the_sheet_can_name() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("company.yaml");
        std::fs::write(
            &sheet,
            "name: X\ncannot:\n  - id: hazmat\n    statement: We don't ship hazardous goods.\n    concepts: [hazmat]\n",
        )
        .unwrap();
        let without = load_company(&sheet).unwrap_err().to_string();
        assert!(without.contains("cannot[0].concepts[0]"), "{without}");
        std::fs::write(
            dir.path().join(TEAM_LEXICON),
            "concepts:\n  - id: hazmat\n    terms: [hazmat, dangerous goods, lithium batteries]\n",
        )
        .unwrap();
        let company = load_company(&sheet).unwrap();
        let found = company
            .guard()
            .check_text("we can ship the lithium batteries overnight", Voice::Free);
        assert_eq!(found[0].kind, ConcernKind::Promise);
        assert_eq!(found[0].item_id, "hazmat");
        assert_eq!(found[0].words, "lithium batteries");
    }
}
