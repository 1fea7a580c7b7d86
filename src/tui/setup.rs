//! What every screen needs to know, fixed for the whole run.

use std::path::PathBuf;

use crate::core::Bank;
use crate::core::company::Company;
use crate::core::recap::Sendable;
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
    pub recap: RecapOptions,
}

/// How Ctrl+T writes the recap.
#[derive(Debug, Clone, Default)]
pub struct RecapOptions {
    pub format: Sendable,
    /// The From line of an email draft.
    pub from: Option<String>,
}

impl Setup {
    pub fn new(store: AccountStore, bank: Bank, theme: Theme) -> Self {
        Self {
            store,
            bank,
            company: None,
            company_hint: None,
            theme,
            recap: RecapOptions::default(),
        }
    }

    pub fn with_recap(mut self, recap: RecapOptions) -> Self {
        self.recap = recap;
        self
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
                "No company sheet yet. Copy question-banks/company.example.yaml to {} and edit it.",
                path.display()
            ),
            None => "No company sheet. Start disco with --company FILE.".into(),
        }
    }
}
