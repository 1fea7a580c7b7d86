//! What every screen needs to know, fixed for the whole run.

use std::path::PathBuf;

use crate::clock::Clock;
use crate::core::Bank;
use crate::core::company::Company;
use crate::storage::AccountStore;
use crate::storage::company::SheetSource;

use super::saver::Saves;
use super::theme::Theme;

#[derive(Debug, Clone)]
pub struct Setup {
    pub store: AccountStore,
    pub bank: Bank,
    pub company: Option<Company>,
    /// Where a company sheet would be read from when there is none, to tell the rep.
    pub company_hint: Option<PathBuf>,
    pub theme: Theme,
    /// The one clock of the run: every timestamp a screen writes comes from it.
    pub clock: Clock,
    /// Who writes a call's account: a worker thread, or the caller in tests.
    pub saves: Saves,
}

impl Setup {
    /// On the system's clock; `with_clock` sets another (`DISCO_NOW`, a test's fixed date).
    pub fn new(store: AccountStore, bank: Bank, theme: Theme) -> Self {
        Self {
            store,
            bank,
            company: None,
            company_hint: None,
            theme,
            clock: Clock::system(),
            saves: Saves::Background,
        }
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
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
