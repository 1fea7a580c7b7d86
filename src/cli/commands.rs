use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::CommandFactory;
use unicode_width::UnicodeWidthStr;

use super::args::{BankCommand, Cli, Command, CompanyCommand, ExportFormat, ScenarioCommand};
use crate::core::account::AccountSummary;
use crate::core::company::Company;
use crate::core::debrief;
use crate::core::names::clean_account_name;
use crate::core::practice;
use crate::core::{Account, Bank, history, recap};
use crate::storage::atomic::write_atomic;
use crate::storage::company::{SheetSource, load_company, resolve_company};
use crate::storage::practice::PracticeStore;
use crate::storage::roleplay::{
    RoleplayRecord, RoleplayStore, builtin_scenarios, resolve_scenario,
};
use crate::storage::{AccountStore, FileErrors, load_bank, resolve_bank};
use crate::tui::practice::PracticeOptions;
use crate::tui::widgets::truncate;
use crate::tui::{self, Start};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Bank(BankCommand::Check { file })) => Ok(bank_check(&file)),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "disco", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bank(BankCommand::Show)) => {
            let bank = bank(cli.bank.as_deref())?;
            write_out(&render_bank(&bank))
        }
        Some(Command::Accounts { json }) => {
            let bank = bank(cli.bank.as_deref())?;
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            accounts(&store, &bank, json)
        }
        Some(Command::Company(CompanyCommand::Check { file })) => Ok(company_check(&file)),
        Some(Command::Export {
            account,
            format,
            output,
        }) => {
            let bank = bank(cli.bank.as_deref())?;
            let company = company(cli.company.as_deref())?;
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            let account = find_account(&store, &account)?;
            let text = export(&account, &bank, loaded(&company), format)?;
            match output {
                Some(path) => {
                    write_atomic(&path, text.as_bytes())
                        .with_context(|| format!("{}: cannot write", path.display()))?;
                    Ok(ExitCode::SUCCESS)
                }
                None => write_out(&text),
            }
        }
        Some(Command::History { account }) => {
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            write_out(&history::timeline(&find_account(&store, &account)?))
        }
        Some(Command::Practice {
            learner,
            drill,
            seed,
            new_per_day,
            stats,
        }) => {
            let bank = bank(cli.bank.as_deref())?;
            let data = data_dir(cli.data_dir)?;
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
        Some(Command::Scenario(ScenarioCommand::List)) => {
            let mut out = String::new();
            for s in builtin_scenarios() {
                out += &format!(
                    "{:<20} {:<8} {}\n",
                    s.id,
                    format!("{:?}", s.difficulty).to_lowercase(),
                    s.title
                );
            }
            write_out(&out)
        }
        Some(Command::Scenario(ScenarioCommand::Check { file })) => {
            let bank = bank(cli.bank.as_deref())?;
            match resolve_scenario(&file.to_string_lossy(), &bank) {
                Ok(s) => {
                    println!(
                        "{}: ok ({}, {})",
                        file.display(),
                        plural(s.facts.len(), "fact"),
                        plural(s.replies.len(), "reply")
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(errors) => Ok(report_errors(&errors)),
            }
        }
        Some(Command::Debrief { account, scenario }) => {
            let bank = bank(cli.bank.as_deref())?;
            let scenario = resolve_scenario(&scenario, &bank)
                .map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            let account = find_account(&store, &account)?;
            let result = debrief::debrief(&account, &bank, &scenario, None);
            write_out(&result.markdown(&scenario.title, &format!("Account: {}", account.name)))
        }
        Some(Command::Roleplay {
            history: true,
            trainee,
            ..
        }) => {
            let (records, problems) = RoleplayStore::new(&data_dir(cli.data_dir)?).list()?;
            for problem in &problems {
                eprintln!("disco: skipped {problem}");
            }
            write_out(&roleplay_history(&records, trainee.as_deref()))
        }
        Some(Command::Roleplay {
            scenario,
            trainee,
            trainer,
            ..
        }) => {
            let bank = bank(cli.bank.as_deref())?;
            let name = scenario.unwrap_or_default();
            let scenario = resolve_scenario(&name, &bank)
                .map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            let start = if trainer {
                Start::Trainer(scenario)
            } else {
                Start::RolePlay {
                    scenario,
                    trainee: trainee.unwrap_or_else(default_learner),
                }
            };
            tui::run(store, bank, None, start)
        }
        Some(Command::Call { account }) => {
            let bank = bank(cli.bank.as_deref())?;
            let company = company(cli.company.as_deref())?;
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            tui::run(store, bank, company, Start::Call(account))
        }
        None => {
            let bank = bank(cli.bank.as_deref())?;
            let company = company(cli.company.as_deref())?;
            let store = AccountStore::new(&data_dir(cli.data_dir)?);
            tui::run(store, bank, company, Start::Home)
        }
    }
}

fn roleplay_history(records: &[RoleplayRecord], trainee: Option<&str>) -> String {
    let shown: Vec<&RoleplayRecord> = records
        .iter()
        .filter(|r| trainee.is_none_or(|t| r.trainee == t))
        .collect();
    if shown.is_empty() {
        return "No role-plays yet. Start one with: disco roleplay hidden-engineering\n".into();
    }
    let mut out = format!(
        "{:<17} {:<14} {:<22} {:>5}  RESULT\n",
        "WHEN", "TRAINEE", "SCENARIO", "SCORE"
    );
    for r in shown {
        let (score, result) = match &r.debrief {
            Some(d) => (
                d.score.to_string(),
                if d.passed { "passed" } else { "not yet" },
            ),
            None => ("-".into(), "unfinished"),
        };
        out += &format!(
            "{:<17} {:<14} {:<22} {score:>5}  {result}\n",
            r.started.strftime("%Y-%m-%d %H:%M").to_string(),
            truncate(&r.trainee, 14),
            truncate(&r.scenario, 22)
        );
    }
    out
}

fn default_learner() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "me".into())
}

/// `DISCO_NOW` pins the practice clock (RFC 3339), so a session can be replayed exactly.
fn fixed_clock() -> Result<Option<jiff::Timestamp>> {
    match std::env::var("DISCO_NOW") {
        Ok(text) => text
            .parse()
            .map(Some)
            .map_err(|_| anyhow!("DISCO_NOW={text:?} is not a time like 2026-11-24T09:00:00Z")),
        Err(_) => Ok(None),
    }
}

fn stats_text(stats: &practice::Stats, learner: &str) -> String {
    let mut out = format!("Practice: {learner}\n\nMastered per step\n");
    for crate::core::practice::StepMastery {
        title,
        mastered,
        total,
    } in &stats.steps
    {
        out += &format!("  {title}: {mastered} of {total}\n");
    }
    out += &format!(
        "\nDue today: {}\nNew questions left: {}\n",
        stats.due_today, stats.new_available
    );
    out += &format!("Streak: {} day(s)\n", stats.streak_days);
    out += &match stats.retention_30d {
        Some(r) => format!(
            "Remembered in the last 30 days: {:.0}% of {} reviews\n",
            r * 100.0,
            stats.reviews_30d
        ),
        None => "No reviews in the last 30 days.\n".into(),
    };
    out
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "disco")
}

fn company(flag: Option<&Path>) -> Result<Option<SheetSource>> {
    let default = project_dirs().map(|d| d.config_dir().join("company.yaml"));
    resolve_company(flag, default.as_deref())
        .map_err(|errors| anyhow!("the company sheet has problems:\n{errors}"))
}

fn loaded(source: &Option<SheetSource>) -> Option<&Company> {
    match source {
        Some(SheetSource::Loaded(company, _)) => Some(company),
        _ => None,
    }
}

fn find_account(store: &AccountStore, raw_name: &str) -> Result<Account> {
    let name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
    match store.locate(&name)? {
        (_, Some(account)) => Ok(account),
        (_, None) => bail!("no account named {name:?}. `disco accounts` lists them."),
    }
}

fn export(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
    format: ExportFormat,
) -> Result<String> {
    Ok(match format {
        ExportFormat::Md => recap::markdown(account, bank, company),
        ExportFormat::Json => serde_json::to_string_pretty(account)? + "\n",
        ExportFormat::Yaml => crate::yaml::to_string(account)?,
        ExportFormat::Csv => recap::people_csv(account, bank),
    })
}

fn company_check(file: &Path) -> ExitCode {
    match load_company(file) {
        Ok(company) => {
            println!(
                "{}: ok ({} can, {} can't, {})",
                file.display(),
                company.can.len(),
                company.cannot.len(),
                plural(company.strengths.len(), "strength")
            );
            ExitCode::SUCCESS
        }
        Err(errors) => report_errors(&errors),
    }
}

fn report_errors(errors: &FileErrors) -> ExitCode {
    for line in &errors.0 {
        eprintln!("{line}");
    }
    eprintln!("{} found", plural(errors.0.len(), "problem"));
    ExitCode::FAILURE
}

fn bank(path: Option<&Path>) -> Result<Bank> {
    resolve_bank(path).map_err(|errors| anyhow!("the question bank has problems:\n{errors}"))
}

fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    project_dirs()
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| anyhow!("cannot find a home folder for disco's data; pass --data-dir DIR"))
}

/// Printing to a closed pipe (`disco bank show | head`) is not an error worth a message.
fn write_out(text: &str) -> Result<ExitCode> {
    match io::stdout().write_all(text.as_bytes()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("cannot write to standard output")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn bank_check(file: &Path) -> ExitCode {
    match load_bank(file) {
        Ok(bank) => {
            let questions: usize = bank.steps.iter().map(|s| s.questions.len()).sum();
            println!(
                "{}: ok ({}, {})",
                file.display(),
                plural(bank.steps.len(), "step"),
                plural(questions, "question")
            );
            ExitCode::SUCCESS
        }
        Err(errors) => report_errors(&errors),
    }
}

pub fn render_bank(bank: &Bank) -> String {
    let mut out = format!("{} (v{})\n", bank.title, bank.version);
    if !bank.description.is_empty() {
        out += &format!("{}\n", bank.description);
    }
    for (s, step) in bank.steps.iter().enumerate() {
        let minutes = step
            .minutes
            .map(|m| format!(" · about {m} min"))
            .unwrap_or_default();
        out += &format!(
            "\nStep {} of {} · {}{minutes}\n",
            s + 1,
            bank.steps.len(),
            step.title
        );
        out += &format!("Goal: {}\n", step.goal);
        for tip in &step.guidance {
            out += &format!("  • {tip}\n");
        }
        for (q, question) in step.questions.iter().enumerate() {
            let required = if question.required { " (required)" } else { "" };
            out += &format!("\n  {}.{} {}{required}\n", s + 1, q + 1, question.ask);
            out += &format!("      Listen for: {}\n", question.listen_for);
            for follow_up in &question.follow_ups {
                out += &format!("      Follow up: {follow_up}\n");
            }
        }
        if let Some(list) = &step.capture {
            let fields: Vec<_> = list.fields.iter().map(|f| f.label.as_str()).collect();
            out += &format!(
                "\n  Capture {}: {}\n",
                list.title.to_lowercase(),
                fields.join(", ")
            );
        }
    }
    out
}

fn accounts(store: &AccountStore, bank: &Bank, json: bool) -> Result<ExitCode> {
    let listed = store.list()?;
    let mut rows = Vec::new();
    let mut problems = 0;
    for item in &listed {
        match &item.account {
            Ok(account) => rows.push(account),
            Err(err) => {
                problems += 1;
                eprintln!("disco: skipped {err}");
            }
        }
    }
    let text = if json {
        accounts_json(&rows, bank)?
    } else {
        accounts_table(&rows, bank)
    };
    write_out(&text)?;
    Ok(if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn last_call(account: &AccountSummary) -> String {
    account
        .last_call()
        .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "never".into())
}

fn next_step_label(account: &AccountSummary) -> String {
    match &account.next_step {
        Some(next) => {
            let date = next.date.map(|d| format!("{d} ")).unwrap_or_default();
            format!("{date}{}", next.text.lines().next().unwrap_or(""))
        }
        None => "-".into(),
    }
}

fn accounts_table(rows: &[&AccountSummary], bank: &Bank) -> String {
    if rows.is_empty() {
        return "No accounts yet. Start one with: disco call \"Customer name\"\n".into();
    }
    let width = rows
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    let mut out = format!("{:<width$}  {:<16}", "ACCOUNT", "LAST CALL");
    for s in 1..=bank.steps.len() {
        out += &format!("  STEP {s}");
    }
    out += "  NEXT STEP\n";
    for account in rows {
        // Pad by display width so names in CJK or with emoji keep the columns straight.
        let pad = " ".repeat(width - account.name.width());
        out += &format!("{}{pad}  {:<16}", account.name, last_call(account));
        for p in account.progress(bank) {
            out += &format!("  {:>6}", format!("{}/{}", p.answered, p.total));
        }
        out += &format!("  {}\n", next_step_label(account));
    }
    out
}

#[derive(serde::Serialize)]
struct AccountRow<'a> {
    name: &'a str,
    last_call: Option<jiff::Timestamp>,
    calls: usize,
    next_step: Option<&'a crate::core::account::NextStep>,
    steps: Vec<StepRow<'a>>,
}

#[derive(serde::Serialize)]
struct StepRow<'a> {
    step: &'a str,
    answered: usize,
    total: usize,
}

/// Typed rows rather than `json!` values: a folder of 10,000 accounts stays small in memory.
fn accounts_json(rows: &[&AccountSummary], bank: &Bank) -> Result<String> {
    let items: Vec<AccountRow> = rows
        .iter()
        .map(|account| AccountRow {
            name: &account.name,
            last_call: account.last_call(),
            calls: account.call_count(),
            next_step: account.next_step.as_ref(),
            steps: bank
                .steps
                .iter()
                .zip(account.progress(bank))
                .map(|(step, p)| StepRow {
                    step: &step.id,
                    answered: p.answered,
                    total: p.total,
                })
                .collect(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items)?;
    text.push('\n');
    Ok(text)
}

fn plural(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}
