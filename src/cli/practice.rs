//! `disco practice`: the drills screen, or `--stats` as text.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::context::{
    bank as load_bank, data_dir as resolve_data_dir, default_learner, fixed_clock,
};
use super::render::{stats_text, write_out};
use crate::core::drills::DrillKind;
use crate::core::practice;
use crate::storage::AccountStore;
use crate::storage::practice::PracticeStore;
use crate::tui::screens::practice::PracticeOptions;
use crate::tui::{self, Start};

pub(super) fn run(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    learner: Option<String>,
    drill: Option<DrillKind>,
    seed: u64,
    new_per_day: usize,
    stats: bool,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let data = resolve_data_dir(data_dir)?;
    let learner = learner.unwrap_or_else(default_learner);
    let now = fixed_clock()?;
    if stats {
        let (_, mut progress) = PracticeStore::new(&data).load(&learner)?;
        progress.sync_with(&bank);
        let at = now.unwrap_or_else(crate::core::account::now);
        return write_out(&stats_text(
            &practice::stats(&progress, &bank, at),
            &progress.learner,
        ));
    }
    let options = PracticeOptions {
        learner,
        drill,
        seed,
        new_per_day,
        now,
    };
    tui::run(
        AccountStore::new(&data),
        bank,
        None,
        Start::Practice(options),
    )
}
