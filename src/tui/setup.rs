//! What every screen needs to know, fixed for the whole run.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::clock::Clock;
use crate::core::Bank;
use crate::core::company::Company;
use crate::core::recap::Sendable;
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
    /// Why the sheet given could not be used, said on the call screen.
    pub sheet_problem: Option<String>,
    pub theme: Theme,
    pub recap: RecapOptions,
    /// The one clock of the run: every timestamp a screen writes comes from it.
    pub clock: Clock,
    /// The rep's keys and theme, from the config file; the defaults when it has a mistake.
    pub settings: Arc<super::settings::Settings>,
    /// Why the config file was not used, said on the first screen.
    pub config_problem: Option<super::settings::ConfigProblem>,
    /// Where times are shown in (they are stored in UTC): the rep's, from `TZ`; UTC in tests.
    pub zone: jiff::tz::TimeZone,
    /// Who writes a call's account: a worker thread, or the caller in tests.
    pub saves: Saves,
    /// Where the summary's copy goes: the terminal, or a list in tests.
    pub clipboard: Clipboard,
    /// Set in a team folder: opening an account pulls, ending a call sends.
    pub team: Option<super::team_sync::TeamConfig>,
}

/// Where a copy goes.
#[derive(Debug, Clone, Default)]
pub enum Clipboard {
    /// The terminal's clipboard, through OSC 52: it works over SSH and in tmux.
    #[default]
    Terminal,
    /// Kept in order, for a test to take.
    Kept(Arc<Mutex<VecDeque<String>>>),
}

impl Clipboard {
    pub fn kept() -> Self {
        Clipboard::Kept(Arc::default())
    }

    pub(super) fn copy(&self, text: &str) -> anyhow::Result<()> {
        match self {
            Clipboard::Terminal => super::terminal::copy_to_clipboard(text),
            Clipboard::Kept(kept) => {
                kept.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push_back(text.into());
                Ok(())
            }
        }
    }

    /// The oldest copy not taken yet; the terminal's are never kept.
    pub fn take(&self) -> Option<String> {
        match self {
            Clipboard::Terminal => None,
            Clipboard::Kept(kept) => kept
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop_front(),
        }
    }
}

/// How Ctrl+T writes the recap.
#[derive(Debug, Clone, Default)]
pub struct RecapOptions {
    pub format: Sendable,
    /// The From line of an email draft.
    pub from: Option<String>,
}

impl Setup {
    /// On the system's clock; `with_clock` sets another (`DISCO_NOW`, a test's fixed date).
    pub fn new(store: AccountStore, bank: Bank, theme: Theme) -> Self {
        Self {
            store,
            bank,
            company: None,
            company_hint: None,
            sheet_problem: None,
            theme,
            recap: RecapOptions::default(),
            clock: Clock::system(),
            zone: jiff::tz::TimeZone::UTC,
            settings: Arc::default(),
            config_problem: None,
            saves: Saves::Background,
            clipboard: Clipboard::Terminal,
            team: None,
        }
    }

    pub fn with_team(mut self, team: Option<super::team_sync::TeamConfig>) -> Self {
        self.team = team;
        self
    }

    pub fn with_recap(mut self, recap: RecapOptions) -> Self {
        self.recap = recap;
        self
    }

    pub fn with_clipboard(mut self, clipboard: Clipboard) -> Self {
        self.clipboard = clipboard;
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The config file's settings, or why it could not be used (the defaults are used then).
    pub fn with_config(
        mut self,
        config: Result<super::settings::Settings, super::settings::ConfigProblem>,
    ) -> Self {
        match config {
            Ok(settings) => self.settings = Arc::new(settings),
            Err(problem) => self.config_problem = Some(problem),
        }
        self
    }

    pub fn with_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        self.zone = zone;
        self
    }

    /// The calendar day it is at `now` where the rep is.
    pub fn today(&self, now: std::time::Instant) -> jiff::civil::Date {
        self.zone.to_datetime(self.clock.at(now)).date()
    }

    pub fn with_sheet(mut self, sheet: Option<SheetSource>) -> Self {
        match sheet {
            Some(SheetSource::Loaded(company, _)) => self.company = Some(company),
            Some(SheetSource::Missing(path)) => self.company_hint = Some(path),
            Some(SheetSource::Unreadable(problem)) => self.sheet_problem = Some(problem),
            None => {}
        }
        self
    }

    /// What could not be read at the start (the sheet, the config), in one line; the sheet
    /// first, since the promise guard is off without it.
    pub fn start_problems(&self) -> Option<String> {
        match (&self.sheet_problem, &self.config_problem) {
            // Both in 80 columns.
            (Some(_), Some(config)) => Some(format!(
                "Guard off, sheet broken · {}: disco company check, config check",
                crate::core::plural::plural(config.count, "config problem")
            )),
            (Some(_), None) => Some(self.no_sheet_message()),
            (None, config) => config.as_ref().map(|c| c.line.clone()),
        }
    }

    /// Plain words on how to add a sheet, for when the rep reaches for one.
    pub fn no_sheet_message(&self) -> String {
        if let Some(problem) = &self.sheet_problem {
            return format!(
                "The company sheet could not be read; the promise guard is off. {problem}"
            );
        }
        match &self.company_hint {
            Some(path) => format!(
                "No company sheet yet. Run: disco company example > {}  then edit it.",
                path.display()
            ),
            None => "No company sheet. Start disco with --company FILE.".into(),
        }
    }
}
