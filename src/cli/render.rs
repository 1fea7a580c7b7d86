//! Text for the terminal: tables, reports and error lists the commands print.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use unicode_width::UnicodeWidthStr;

use crate::core::Bank;
use crate::core::account::AccountSummary;
pub(super) use crate::core::plural::plural;
use crate::core::practice;
use crate::core::printable::{printable, printable_line};
use crate::core::wrap::wrap_to_width;
use crate::storage::FileErrors;
use crate::storage::roleplay::RoleplayRecord;
use crate::tui::terminal::stdout_width;
use crate::tui::widgets::truncate;
use jiff::civil::Date;
use jiff::tz::TimeZone;

pub(super) fn roleplay_history(
    records: &[RoleplayRecord],
    trainee: Option<&str>,
    zone: &TimeZone,
) -> String {
    let shown: Vec<&RoleplayRecord> = records
        .iter()
        .filter(|r| trainee.is_none_or(|t| r.trainee == t))
        .collect();
    if shown.is_empty() {
        let mut others: Vec<&str> = records.iter().map(|r| r.trainee.as_str()).collect();
        others.sort_unstable();
        others.dedup();
        return match trainee {
            Some(t) if !others.is_empty() => format!(
                "No role-plays by {} yet; there are some by: {}.\n",
                printable_line(t),
                printable_line(&others.join(", "))
            ),
            _ => "No role-plays yet. Start one with: disco roleplay hidden-engineering\n".into(),
        };
    }
    let mut out = format!(
        "{:<17} {:<14} {:<22} {:>5}  RESULT\n",
        "WHEN", "TRAINEE", "SCENARIO", "SCORE"
    );
    for r in shown {
        let trainer_result;
        let (score, result) = match (&r.debrief, &r.trainer) {
            (Some(d), _) => (
                d.score.to_string(),
                if d.passed { "passed" } else { "not yet" },
            ),
            (None, Some(t)) => {
                trainer_result = format!(
                    "trainer's card: {} of {} facts ticked",
                    t.ticked.len(),
                    t.facts
                );
                ("-".into(), trainer_result.as_str())
            }
            (None, None) => ("-".into(), "unfinished"),
        };
        out += &format!(
            "{:<17} {:<14} {:<22} {score:>5}  {result}\n",
            local_minute(r.started, zone),
            truncate(&r.trainee, 14),
            truncate(&r.scenario, 22)
        );
    }
    out
}

/// `--stats` when the output is not a terminal: the charts' numbers as plain tables.
pub(super) fn stats_text(stats: &practice::Stats) -> String {
    let mut out = format!("Practice: {}\n\nMastered per step\n", stats.learner);
    let width = stats
        .steps
        .iter()
        .map(|s| s.title.chars().count())
        .max()
        .unwrap_or(0);
    for practice::StepMastery {
        title,
        mastered,
        total,
    } in &stats.steps
    {
        out += &format!("  {title:<width$}  {mastered} of {total}\n");
    }
    out += &format!(
        "\nDue now: {}\nNew questions left: {}\nStreak: {}\n",
        stats.due_today,
        stats.new_available,
        plural(stats.streak_days, "day")
    );
    out += &match stats.retention_30d {
        Some(r) => format!(
            "Remembered in the last 30 days: {:.0}% of {}\n",
            r * 100.0,
            plural(stats.reviews_30d, "review")
        ),
        None => "No reviews in the last 30 days.\n".into(),
    };
    let practised: Vec<&practice::DayReviews> =
        stats.days.iter().filter(|d| d.reviews > 0).collect();
    if !practised.is_empty() {
        out += "\nDay         Reviews  Remembered\n";
        for day in practised {
            out += &format!(
                "{}  {:>7}  {:>9.0}%\n",
                day.date,
                day.reviews,
                day.retention().unwrap_or(0.0) * 100.0
            );
        }
    }
    out += "\nDue on      Cards\n";
    for day in &stats.due_ahead {
        out += &format!("{}  {:>5}\n", day.date, day.due);
    }
    if let Some(last) = stats.runs.last() {
        out += &format!(
            "\nRun the script: {}; the last had {} of {} in order, {} out of order, {} left out\n",
            plural(stats.runs.len(), "run"),
            last.in_order,
            last.total,
            last.out_of_order,
            last.missed
        );
    }
    out
}

pub(super) fn report_errors(errors: &FileErrors) -> ExitCode {
    for line in &errors.0 {
        eprintln!("{}", printable_line(line));
    }
    eprintln!("{} found", plural(errors.0.len(), "problem"));
    ExitCode::FAILURE
}

/// Prints prose for people (a debrief) broken between words at the terminal's width, so no
/// word is split by the terminal's own wrapping; piped output keeps its lines.
pub(super) fn write_wrapped(text: &str) -> Result<ExitCode> {
    write_out(&wrap_to_width(text, stdout_width().unwrap_or(0)))
}

/// Prints text for people: control characters from account data are written out, never
/// sent to the terminal. Every command's output goes through here or [`write_data_out`].
pub(super) fn write_out(text: &str) -> Result<ExitCode> {
    write_data_out(&printable(text))
}

/// One line for people, as [`write_out`] prints it; for the check commands, whose exit code
/// says the outcome.
pub(super) fn print_line(text: &str) {
    let _ = write_out(&format!("{text}\n"));
}

/// Prints a machine format (JSON, YAML, roff, a completion script) as it is. A closed pipe
/// (`disco man | head -1`) is not an error worth a message.
pub(super) fn write_data_out(text: &str) -> Result<ExitCode> {
    match io::stdout().write_all(text.as_bytes()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("cannot write to standard output")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(super) fn render_bank(bank: &Bank) -> String {
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
            if !question.why.is_empty() {
                out += &format!("      Why: {}\n", question.why);
            }
            if !question.key_phrases.is_empty() {
                out += &format!("      Key phrases: {}\n", question.key_phrases.join(", "));
            }
        }
        if !step.checks.is_empty() {
            out += "\n  Practice checks:\n";
        }
        for check in &step.checks {
            out += &format!(
                "    {} {}: {}\n",
                check.ask,
                crate::core::drills::yes_no(check.answer),
                check.why
            );
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

fn last_call(account: &AccountSummary, zone: &TimeZone) -> String {
    account
        .last_call()
        .map(|t| local_minute(t, zone))
        .unwrap_or_else(|| "never".into())
}

/// A time to the minute on the rep's clock; files keep UTC.
fn local_minute(t: jiff::Timestamp, zone: &TimeZone) -> String {
    zone.to_datetime(t).strftime("%Y-%m-%d %H:%M").to_string()
}

/// The zone times are shown in, for a column's heading: `Asia/Tokyo`, `UTC`.
fn zone_name(zone: &TimeZone) -> &str {
    zone.iana_name().unwrap_or("local time")
}

/// "2026-12-03 Call back", "overdue 2026-11-20 Send the quote", as home marks it.
fn next_step_label(account: &AccountSummary, today: Date) -> String {
    match &account.next_step {
        Some(next) => {
            let date = match next.date {
                Some(d) if d < today => format!("overdue {d} "),
                Some(d) => format!("{d} "),
                None => String::new(),
            };
            format!("{date}{}", next.text.lines().next().unwrap_or(""))
        }
        None => "-".into(),
    }
}

/// An account in `disco accounts`, with the guard's count when a sheet is in use.
pub(super) struct Row<'a> {
    pub account: &'a AccountSummary,
    pub warnings: Option<usize>,
}

/// `today`: the rep's day, for what is overdue.
pub(super) fn accounts_table(rows: &[Row], bank: &Bank, zone: &TimeZone, today: Date) -> String {
    if rows.is_empty() {
        return "No accounts yet. Start one with: disco call \"Customer name\"\n".into();
    }
    let counted = rows.iter().any(|r| r.warnings.is_some());
    // A name edited by hand may hold anything: it is shown written out, on one line.
    let names: Vec<_> = rows
        .iter()
        .map(|r| printable_line(&r.account.name))
        .collect();
    // Columns line up by display width: a CJK character or an emoji takes two cells.
    let width = names
        .iter()
        .map(|name| name.width())
        .max()
        .unwrap_or(0)
        .max(7);
    let when = format!("LAST CALL ({})", zone_name(zone));
    let when_width = when.width().max(16);
    let mut out = format!("{:<width$}  {when:<when_width$}", "ACCOUNT");
    for s in 1..=bank.steps.len() {
        out += &format!("  STEP {s}");
    }
    if counted {
        out += "  WARNINGS";
    }
    out += "  NEXT STEP\n";
    for (Row { account, warnings }, name) in rows.iter().zip(&names) {
        let pad = " ".repeat(width.saturating_sub(name.width()));
        out += &format!("{name}{pad}  {:<when_width$}", last_call(account, zone));
        for p in account.progress(bank) {
            out += &format!("  {:>6}", format!("{}/{}", p.answered, p.total));
        }
        if let Some(n) = warnings {
            let flagged = if *n > 0 {
                format!("⚠ {n}")
            } else {
                "-".into()
            };
            out += &format!("  {flagged:>8}");
        }
        out += &format!("  {}\n", next_step_label(account, today));
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
    /// Lines the promise guard flags, when a company sheet is in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    warnings: Option<usize>,
}

#[derive(serde::Serialize)]
struct StepRow<'a> {
    step: &'a str,
    answered: usize,
    total: usize,
}

/// Typed rows rather than `json!` values: a folder of 10,000 accounts stays small in memory.
pub(super) fn accounts_json(rows: &[Row], bank: &Bank) -> Result<String> {
    let items: Vec<AccountRow> = rows
        .iter()
        .map(|&Row { account, warnings }| AccountRow {
            warnings,
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
