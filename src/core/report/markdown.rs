//! `disco report --format md`: the report as markdown tables, to paste into a wiki or a mail.

use super::{AccountRow, Coverage, NextStepState, RepRow, Report, TraineeRow, sparkline};

/// A table cell: one line, pipes escaped, so a name cannot break the table.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn coverage(c: Coverage) -> String {
    format!("{}% ({}/{})", c.percent(), c.answered, c.required)
}

fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn header(titles: &[String]) -> String {
    row(titles) + &row(&vec!["---".to_string(); titles.len()])
}

fn step_titles(report: &Report) -> Vec<String> {
    report
        .steps
        .iter()
        .enumerate()
        .map(|(i, title)| format!("{}. {}", i + 1, cell(title)))
        .collect()
}

fn rep_cells(rep: &RepRow, name: String) -> Vec<String> {
    let mut cells = vec![name, rep.accounts.to_string()];
    cells.extend(rep.coverage.iter().map(|c| coverage(*c)));
    cells.extend([
        match rep.accounts_without_decision_makers {
            0 => rep.decision_makers.to_string(),
            1 => format!("{} (1 account with none)", rep.decision_makers),
            n => format!("{} ({n} accounts with none)", rep.decision_makers),
        },
        or_dash(rep.warnings),
        rep.next_steps_due.to_string(),
        rep.next_steps_overdue.to_string(),
        rep.without_next_step.to_string(),
        or_dash(rep.days_since_last_call),
    ]);
    cells
}

fn account_cells(account: &AccountRow) -> Vec<String> {
    let mut cells = vec![cell(&account.name), cell(&account.rep)];
    cells.extend(account.coverage.iter().map(|c| coverage(*c)));
    let next = match &account.next_step {
        None => "none".to_string(),
        Some(next) => {
            let when = match (next.state, next.date) {
                (NextStepState::Overdue, Some(date)) => format!("**overdue** {date}"),
                (_, Some(date)) => date.to_string(),
                (_, None) => "no date".to_string(),
            };
            format!("{when}: {}", cell(&next.text))
        }
    };
    cells.extend([
        account.decision_makers.to_string(),
        or_dash(account.warnings),
        next,
        or_dash(account.days_since_last_call),
    ]);
    cells
}

fn trainee_cells(trainee: &TraineeRow) -> Vec<String> {
    let scores: Vec<u64> = trainee.scores.iter().map(|s| u64::from(s.score)).collect();
    let trend = if scores.is_empty() {
        "–".to_string()
    } else {
        let listed: Vec<String> = scores.iter().map(u64::to_string).collect();
        format!("`{}` {}", sparkline(&scores, 100), listed.join(" → "))
    };
    let last = trainee.last_score().map_or_else(
        || "–".to_string(),
        |s| {
            format!(
                "{} ({}, {})",
                s.score,
                if s.passed { "passed" } else { "not yet" },
                cell(&s.scenario)
            )
        },
    );
    let retention = match trainee.retention_30d {
        Some(r) => format!("{:.0}% of {} reviews", r * 100.0, trainee.reviews_30d),
        None => "no reviews".to_string(),
    };
    vec![
        cell(&trainee.trainee),
        trend,
        last,
        retention,
        format!("{} of {}", trainee.cards_mastered, trainee.cards),
    ]
}

pub fn render(report: &Report) -> String {
    let mut out = format!(
        "# Team report\n\nAs of {} · {}\n",
        report.today,
        report.counts()
    );
    out += "\nCoverage is the required questions answered in each step. Next steps are due \
            within a week; days count from the last call.";
    if !report.warnings_counted {
        out += " Warnings were not counted: no company sheet was found.";
    }
    out += "\n\n## Reps\n\n";
    let mut titles = vec!["Rep".to_string(), "Accounts".to_string()];
    titles.extend(step_titles(report));
    titles.extend(
        [
            "Decision makers",
            "Open warnings",
            "Next steps due",
            "Overdue",
            "No next step",
            "Days since last call",
        ]
        .map(String::from),
    );
    out += &header(&titles);
    for rep in &report.reps {
        out += &row(&rep_cells(rep, cell(&rep.rep)));
    }
    out += &row(&rep_cells(&report.team, "**Everyone**".to_string()));

    out += "\n## Accounts\n\n";
    let mut titles = vec!["Account".to_string(), "Rep".to_string()];
    titles.extend(step_titles(report));
    titles.extend(
        [
            "Decision makers",
            "Open warnings",
            "Next step",
            "Days since last call",
        ]
        .map(String::from),
    );
    if report.accounts.is_empty() {
        out += "No accounts yet.\n";
    } else {
        out += &header(&titles);
        for account in &report.accounts {
            out += &row(&account_cells(account));
        }
    }

    out += "\n## Trainees\n\n";
    if report.trainees.is_empty() {
        out += "No role-plays or practice yet.\n";
    } else {
        out += &header(
            &[
                "Trainee",
                "Role-play scores over time",
                "Last role-play",
                "Practice retention (30 days)",
                "Cards mastered",
            ]
            .map(String::from),
        );
        for trainee in &report.trainees {
            out += &row(&trainee_cells(trainee));
        }
    }

    if !report.problems.is_empty() {
        out += "\n## Files not read\n\n";
        for problem in &report.problems {
            out += &format!("- `{}`: {}\n", cell(&problem.file), cell(&problem.reason));
        }
    }
    out
}
