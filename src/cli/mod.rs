//! Entry point behind `main`: parse, dispatch to one file per command group, turn errors into
//! exit codes. Text for the terminal is built in `render`; folders and files are found in
//! `context`.

mod account;
mod accounts;
mod args;
mod bank;
mod company;
mod config;
mod context;
mod docs;
mod practice;
mod render;
mod report;
mod roleplay;
mod scenario;
mod screens;
mod script;
mod team;

use std::process::ExitCode;

use anyhow::Result;
pub use args::{BankCommand, Cli, Command};
use clap::Parser;

use crate::core::printable::printable;
use crate::tui::Start;
use crate::tui::setup::RecapOptions;
use accounts::Export;
use args::{AccountCommand, CompanyCommand, ConfigCommand, ScenarioCommand, TeamCommand};

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(problem) = crate::clock::zone_problem() {
        eprintln!("disco: {}", printable(&problem));
    }
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // Errors quote names and paths, which may hold anything.
            eprintln!("disco: {}", printable(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let Cli {
        data_dir,
        bank,
        company,
        recap_format,
        from,
        command,
    } = cli;
    let recap = RecapOptions {
        format: recap_format.into(),
        from,
    };
    // A team folder's own bank and sheet are used unless the rep names others.
    let team_dir = context::data_dir(data_dir.clone()).ok();
    let bank = bank.or_else(|| {
        team_dir
            .as_deref()
            .and_then(crate::storage::team::team_bank)
    });
    let company = company.or_else(|| {
        team_dir
            .as_deref()
            .and_then(crate::storage::team::team_sheet)
    });
    let bank = bank.as_deref();
    let company = company.as_deref();
    match command {
        Some(Command::Bank(BankCommand::Check { file })) => Ok(self::bank::check(&file)),
        Some(Command::Bank(BankCommand::Show)) => self::bank::show(bank),
        Some(Command::Completions { shell }) => docs::completions(shell),
        Some(Command::Man) => docs::man(),
        Some(Command::Accounts { json, archived }) => {
            accounts::list(data_dir, bank, company, json, archived)
        }
        Some(Command::Company(CompanyCommand::Check { file })) => {
            self::company::check(file.as_deref().or(company))
        }
        Some(Command::Company(CompanyCommand::Example)) => self::company::example(),
        Some(Command::Config(ConfigCommand::Path)) => config::print_path(),
        Some(Command::Config(ConfigCommand::Example)) => config::example(),
        Some(Command::Config(ConfigCommand::Check)) => config::check(),
        Some(Command::Export {
            account,
            format,
            internal,
            output,
            force,
        }) => accounts::export(
            data_dir,
            bank,
            company,
            &account,
            Export {
                format,
                internal,
                from: recap.from,
            },
            output.map(|path| accounts::Output { path, force }),
        ),
        Some(Command::History { account }) => accounts::history(data_dir, &account),
        Some(Command::Report { json, format }) => {
            let format = if json {
                Some(args::ReportFormat::Json)
            } else {
                format
            };
            report::run(data_dir, bank, company, format)
        }
        Some(Command::Account(AccountCommand::Rename { old, new })) => {
            account::rename(data_dir, &old, &new)
        }
        Some(Command::Account(AccountCommand::Merge { from, into })) => {
            account::merge(data_dir, &from, &into)
        }
        Some(Command::Account(AccountCommand::Archive { name })) => {
            account::archive(data_dir, &name, true)
        }
        Some(Command::Account(AccountCommand::Unarchive { name })) => {
            account::archive(data_dir, &name, false)
        }
        Some(Command::Resolve { account }) => accounts::resolve(data_dir, &account),
        Some(Command::Practice(args)) => practice::run(data_dir, bank, args),
        Some(Command::Scenario(ScenarioCommand::List { json })) => scenario::list(json),
        Some(Command::Scenario(ScenarioCommand::Check { file })) => {
            scenario::check(bank, company, &file)
        }
        Some(Command::Scenario(ScenarioCommand::Test { file })) => {
            scenario::test(bank, company, &file)
        }
        Some(Command::Debrief {
            account,
            scenario,
            json,
        }) => roleplay::debrief(data_dir, bank, company, &account, &scenario, json),
        Some(Command::Roleplay {
            history: true,
            trainee,
            json,
            ..
        }) => roleplay::history(data_dir, trainee.as_deref(), json),
        Some(Command::Roleplay {
            scenario: Some(scenario),
            script: Some(path),
            json,
            seed,
            ..
        }) => script::run(bank, company, &scenario, &path, json, seed),
        Some(Command::Roleplay {
            scenario,
            trainee,
            trainer,
            ..
        }) => roleplay::run(data_dir, bank, company, scenario, trainee, trainer),
        Some(Command::Team(TeamCommand::Init { remote })) => {
            team::init(data_dir, &remote, recap.from)
        }
        Some(Command::Team(TeamCommand::Join { remote, force })) => {
            team::join(data_dir, &remote, force, recap.from)
        }
        Some(Command::Team(TeamCommand::Status)) => team::status(data_dir),
        Some(Command::Sync) => team::sync(data_dir, recap.from),
        Some(Command::MergeFile {
            base,
            ours,
            theirs,
            path,
        }) => Ok(team::merge_file(&base, &ours, &theirs, path.as_deref())),
        Some(Command::Call { account }) => {
            screens::open(data_dir, bank, company, recap, Start::Call(account))
        }
        None => screens::open(data_dir, bank, company, recap, Start::Home),
    }
}
