//! `disco roleplay` (solo, trainer's card, history) and `disco debrief`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::context::{
    bank as load_bank, clock, data_dir as resolve_data_dir, default_learner, find_account, store,
};
use super::render::{roleplay_history, write_out};
use crate::core::debrief;
use crate::storage::roleplay::{RoleplayStore, resolve_scenario};
use crate::tui::setup::RecapOptions;
use crate::tui::{self, Start};

/// A file, a team's scenario by its id (`team/scenarios/<id>.yaml` in the data folder) or a
/// shipped one's id, as `resolve_scenario` takes it.
fn scenario_named(data_dir: Option<&PathBuf>, name: &str) -> String {
    if Path::new(name).exists() {
        return name.to_string();
    }
    resolve_data_dir(data_dir.cloned())
        .ok()
        .and_then(|dir| crate::storage::team::team_scenario(&dir, name))
        .map_or_else(|| name.to_string(), |p| p.to_string_lossy().into_owned())
}

pub(super) fn run(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    scenario: Option<String>,
    trainee: Option<String>,
    trainer: bool,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let name = scenario_named(data_dir.as_ref(), &scenario.unwrap_or_default());
    let scenario =
        resolve_scenario(&name, &bank).map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
    let store = store(data_dir)?;
    let start = if trainer {
        Start::Trainer(scenario)
    } else {
        Start::RolePlay {
            scenario,
            trainee: trainee.unwrap_or_else(default_learner),
        }
    };
    tui::run(
        store,
        bank,
        None,
        RecapOptions::default(),
        clock()?,
        start,
        super::config::for_screens(),
    )
}

pub(super) fn history(data_dir: Option<PathBuf>, trainee: Option<&str>) -> Result<ExitCode> {
    let (records, problems) = RoleplayStore::new(&resolve_data_dir(data_dir)?).list()?;
    for problem in &problems {
        eprintln!(
            "disco: skipped {}",
            crate::core::printable::printable_line(problem)
        );
    }
    write_out(&roleplay_history(
        &records,
        trainee,
        &crate::clock::local_zone(),
    ))
}

pub(super) fn debrief(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    account: &str,
    scenario: &str,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let scenario = resolve_scenario(&scenario_named(data_dir.as_ref(), scenario), &bank)
        .map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
    let store = store(data_dir)?;
    let account = find_account(&store, account)?;
    let result = debrief::debrief(&account, &bank, &scenario, None);
    write_out(&result.markdown(&scenario.title, &format!("Account: {}", account.name)))
}
