//! What every screen needs to know, fixed for the whole run.

use std::path::PathBuf;

use crate::core::Bank;
use crate::core::company::Company;
use crate::storage::AccountStore;
use crate::storage::company::SheetSource;

use super::theme::Theme;

#[derive(Debug, Clone)]
pub struct Setup {
    pub store: AccountStore,
    pub bank: Bank,
    pub company: Option<Company>,
    /// Where a company sheet would be read from when there is none, to tell the rep.
    pub company_hint: Option<PathBuf>,
    pub theme: Theme,
}

impl Setup {
    pub fn new(store: AccountStore, bank: Bank, theme: Theme) -> Self {
        Self {
            store,
            bank,
            company: None,
            company_hint: None,
            theme,
        }
    }

    pub fn with_sheet(mut self, sheet: Option<SheetSource>) -> Self {
        match sheet {
            Some(SheetSource::Loaded(company, _)) => self.company = Some(company),
            Some(SheetSource::Missing(path)) => self.company_hint = Some(path),
            None => {}
        }
        self
    }

    /// Plain words on how to add a sheet, for when the rep reaches for one.
    pub fn no_sheet_message(&self) -> String {
        match &self.company_hint {
            Some(path) => format!(
                "No company sheet yet. Run: disco company example > {}  then edit it.",
                path.display()
            ),
            None => "No company sheet. Start disco with --company FILE.".into(),
        }
    }
}
