//! `disco practice`: the drills screen, or `--stats` as charts, a table or JSON.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::args::PracticeArgs;
use super::context::{bank as load_bank, clock, data_dir as resolve_data_dir, default_learner};
use super::render::{stats_text, write_data_out, write_out};
use crate::core::practice;
use crate::storage::AccountStore;
use crate::storage::practice::PracticeStore;
use crate::tui::screens::practice::PracticeOptions;
use crate::tui::setup::RecapOptions;
use crate::tui::{self, Start};

pub(super) fn run(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    args: PracticeArgs,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let data = resolve_data_dir(data_dir)?;
    let learner = args.learner.unwrap_or_else(default_learner);
    let clock = clock()?;
    if args.stats {
        let (_, progress) = PracticeStore::new(&data).load(&learner)?;
        let mut progress = progress.in_zone(crate::clock::local_zone());
        progress.sync_with(&bank);
        let stats = practice::stats(&progress, &bank, clock.at(clock.origin()));
        if args.json {
            return write_data_out(&(serde_json::to_string_pretty(&stats)? + "\n"));
        }
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            return tui::run(
                AccountStore::new(&data),
                bank,
                None,
                RecapOptions::default(),
                clock,
                Start::PracticeStats(stats),
                super::config::for_screens(),
            );
        }
        return write_out(&stats_text(&stats));
    }
    let options = PracticeOptions {
        learner,
        drill: args.drill,
        seed: args.seed,
        new_per_day: args.new_per_day,
        ahead: args.ahead,
    };
    tui::run(
        AccountStore::new(&data),
        bank,
        None,
        RecapOptions::default(),
        clock,
        Start::Practice(options),
        super::config::for_screens(),
    )
}
