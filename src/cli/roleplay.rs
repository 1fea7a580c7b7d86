//! `disco roleplay` (solo, trainer's card, history) and `disco debrief`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::context::{
    bank as load_bank, clock, company as default_company, data_dir as resolve_data_dir,
    default_learner, find_account, store,
};
use super::render::{roleplay_history, write_data_out, write_out, write_wrapped};
use crate::core::Account;
use crate::core::Bank;
use crate::core::debrief::{debrief_with_sheet, transcript_from_events};
use crate::core::printable::printable_line;
use crate::core::scenario::Scenario;
use crate::storage::Lookup;
use crate::storage::company::SheetSource;
use crate::storage::roleplay::{RoleplayRecord, RoleplayStore, resolve_scenario, scenario_sheet};
use crate::tui::setup::RecapOptions;
use crate::tui::{self, Start};

/// The sheet a role-play is judged against (`scenario_sheet`); a scenario that names none
/// falls back to the sheet a live call would use.
pub(super) fn sheet_for(
    scenario: &Scenario,
    name: &str,
    company: Option<&Path>,
) -> Result<Option<SheetSource>> {
    match scenario_sheet(scenario, name, company)
        .map_err(|e| anyhow!("the company sheet has problems:\n{e}"))?
    {
        Some(sheet) => Ok(Some(sheet)),
        None => default_company(None),
    }
}

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
    company: Option<&Path>,
    scenario: Option<String>,
    trainee: Option<String>,
    trainer: bool,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let name = scenario_named(data_dir.as_ref(), &scenario.unwrap_or_default());
    let scenario =
        resolve_scenario(&name, &bank).map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
    let sheet = sheet_for(&scenario, &name, company)?;
    let store = store(data_dir)?;
    let start = if trainer {
        Start::Trainer {
            scenario,
            trainee: trainee.unwrap_or_else(|| "trainee".to_string()),
        }
    } else {
        Start::RolePlay {
            scenario,
            trainee: trainee.unwrap_or_else(default_learner),
        }
    };
    tui::run(
        store,
        bank,
        sheet,
        RecapOptions::default(),
        clock()?,
        start,
        super::config::for_screens(),
    )
}

pub(super) fn history(
    data_dir: Option<PathBuf>,
    trainee: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let (records, problems) = RoleplayStore::new(&resolve_data_dir(data_dir)?).list()?;
    for problem in &problems {
        eprintln!(
            "disco: skipped {}",
            crate::core::printable::printable_line(problem)
        );
    }
    if json {
        let shown: Vec<&RoleplayRecord> = records
            .iter()
            .filter(|r| trainee.is_none_or(|t| r.trainee == t))
            .collect();
        return write_data_out(&(serde_json::to_string_pretty(&shown)? + "\n"));
    }
    write_out(&roleplay_history(
        &records,
        trainee,
        &crate::clock::local_zone(),
    ))
}

/// The account to debrief: a real one, else a role-play's (named as `disco roleplay --history
/// --json` lists them), with that role-play's record.
fn account_to_debrief(data_dir: &Path, name: &str) -> Result<(Account, Option<RoleplayRecord>)> {
    let real = crate::storage::AccountStore::new(data_dir);
    if let Ok(Lookup::Found(_)) = real.lookup(name) {
        return Ok((find_account(&real, name)?, None));
    }
    let roleplays = RoleplayStore::new(data_dir);
    if let Ok(Lookup::Found(found)) = roleplays.accounts().lookup(name) {
        let (records, _) = roleplays.list()?;
        let record = records
            .into_iter()
            .rev()
            .find(|r| r.account == found.account.name);
        return Ok((found.account, record));
    }
    Ok((find_account(&real, name)?, None))
}

pub(super) fn judge_and_print(
    account: &Account,
    bank: &Bank,
    scenario: &Scenario,
    sheet: Option<&SheetSource>,
    record: Option<&RoleplayRecord>,
    json: bool,
) -> Result<ExitCode> {
    let company = match sheet {
        Some(SheetSource::Loaded(company, _)) => Some(company),
        _ => None,
    };
    let transcript = record.map(|r| {
        if r.turns.is_empty() {
            transcript_from_events(scenario, bank, &r.events)
        } else {
            r.turns.clone()
        }
    });
    let result = debrief_with_sheet(
        account,
        bank,
        scenario,
        company,
        transcript.as_ref().map(|t| t.turns.as_slice()),
    );
    if json {
        return write_data_out(&(serde_json::to_string_pretty(&result)? + "\n"));
    }
    let who = match record {
        Some(r) => format!(
            "Trainee: {} · {}",
            r.trainee,
            r.started.strftime("%Y-%m-%d %H:%M UTC")
        ),
        None => format!("Account: {}", account.name),
    };
    let trust = transcript.map(|t| t.trust_report()).unwrap_or_default();
    write_wrapped(&(result.text(&scenario.title, &who) + &trust))
}

pub(super) fn debrief(
    data_dir: Option<PathBuf>,
    bank: Option<&Path>,
    company: Option<&Path>,
    account: &str,
    scenario_name: &str,
    json: bool,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let scenario_name = scenario_named(data_dir.as_ref(), scenario_name);
    let scenario = resolve_scenario(&scenario_name, &bank)
        .map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
    let sheet = sheet_for(&scenario, &scenario_name, company)?;
    let data_dir = resolve_data_dir(data_dir)?;
    let (account, record) = account_to_debrief(&data_dir, account)?;
    if let Some(played) = record.as_ref().filter(|r| r.scenario != scenario.id) {
        // Judged against another scenario, the customer's lines reveal nothing it knows: every
        // fact would be missed for a reason the trainee never hears.
        return Err(anyhow!(
            "{} is a role-play of {}, not {}: debrief it with --scenario {}",
            printable_line(&account.name),
            printable_line(&played.scenario),
            printable_line(&scenario.id),
            printable_line(&played.scenario)
        ));
    }
    judge_and_print(
        &account,
        &bank,
        &scenario,
        sheet.as_ref(),
        record.as_ref(),
        json,
    )
}
