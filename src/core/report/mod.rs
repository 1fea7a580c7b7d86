//! The manager's dashboard (`disco report`): where each account stands, per account, per rep
//! and per trainee, from what storage read. Pure: the time comes in as `now`.

pub mod markdown;

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::account::{AnswerPresence, CallStart, NextStep};
use super::bank::{Bank, CaptureList};
use super::practice::{self, Progress};
use super::record::Record;
use super::roleplay::RoleplayRecord;
use crate::yaml::Value;

/// The rep of an account nobody can be named for.
pub const UNKNOWN_REP: &str = "unknown";

/// A next step dated within this many days from today is due; later ones are not yet.
pub const DUE_WITHIN_DAYS: i64 = 7;

/// What the report needs of one account file, read without notes, history or the answers'
/// text, so a team's 10,000 files are read within the report's budget.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AccountFacts {
    pub schema: u32,
    pub name: String,
    #[serde(default)]
    answers: BTreeMap<String, AnswerPresence>,
    #[serde(default)]
    captures: BTreeMap<String, Vec<Record>>,
    #[serde(default)]
    calls: Vec<CallStart>,
    #[serde(default)]
    pub next_step: Option<NextStep>,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub merged_into: Option<String>,
    /// Who the account belongs to, written by hand or by a team's tooling; wins over git.
    #[serde(default)]
    owner: Option<Value>,
}

impl AccountFacts {
    fn is_answered(&self, question_id: &str) -> bool {
        self.answers.get(question_id).is_some_and(|a| a.answered)
    }

    fn last_call(&self) -> Option<Timestamp> {
        self.calls.iter().map(|c| c.started).max()
    }

    /// The `owner:` key when it holds a name.
    pub fn owner(&self) -> Option<&str> {
        match &self.owner {
            Some(Value::String(name)) if !name.trim().is_empty() => Some(name.trim()),
            _ => None,
        }
    }

    /// Shown in reports and lists: neither archived nor merged into another account.
    pub fn is_listed(&self) -> bool {
        !self.archived && self.merged_into.is_none()
    }
}

/// One account file as storage read it.
#[derive(Debug, Clone)]
pub struct AccountInput {
    /// The file's name, for messages.
    pub file: String,
    pub facts: AccountFacts,
    /// Who git says added the file, when the data folder is a git working copy.
    pub author: Option<String>,
    /// Open promise-guard warnings, when a company sheet was in use.
    pub warnings: Option<usize>,
}

/// A file the report could not read, and why: listed, never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub reason: String,
}

/// Everything storage gathered for a report.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    pub accounts: Vec<AccountInput>,
    pub progress: Vec<Progress>,
    pub roleplays: Vec<RoleplayRecord>,
    pub problems: Vec<Problem>,
    /// A company sheet was in use, so warning counts mean something.
    pub warnings_counted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub generated: Timestamp,
    pub today: Date,
    /// Each step's title, in script order: the columns of every coverage list.
    pub steps: Vec<String>,
    /// Whether open warnings were counted (a company sheet was in use).
    pub warnings_counted: bool,
    /// Everyone together, as one row.
    pub team: RepRow,
    pub reps: Vec<RepRow>,
    pub accounts: Vec<AccountRow>,
    pub trainees: Vec<TraineeRow>,
    pub problems: Vec<Problem>,
}

impl Report {
    /// "12 accounts · 3 reps · 1 trainee"
    pub fn counts(&self) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} · {} · {}",
            count(self.accounts.len(), "account", "accounts"),
            count(self.reps.len(), "rep", "reps"),
            count(self.trainees.len(), "trainee", "trainees")
        )
    }
}

/// Required questions of one step answered, out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub answered: usize,
    pub required: usize,
}

impl Coverage {
    /// Whole percent; a step with nothing required counts as covered.
    pub fn percent(self) -> u64 {
        (self.answered * 100)
            .checked_div(self.required)
            .unwrap_or(100) as u64
    }

    fn add(&mut self, other: Coverage) {
        self.answered += other.answered;
        self.required += other.required;
    }
}

/// Where an account's rep was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RepSource {
    /// The account's `owner:` key.
    Owner,
    /// The author of the git commit that added the file.
    Git,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NextStepState {
    Overdue,
    /// Dated today or within [`DUE_WITHIN_DAYS`].
    Due,
    Later,
    Undated,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStepRow {
    pub text: String,
    pub date: Option<Date>,
    pub state: NextStepState,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountRow {
    pub name: String,
    pub file: String,
    pub rep: String,
    pub rep_from: RepSource,
    /// Per step, in script order.
    pub coverage: Vec<Coverage>,
    /// People of step 1 on file, those marked as gone left out.
    pub decision_makers: usize,
    pub warnings: Option<usize>,
    pub next_step: Option<NextStepRow>,
    pub last_call: Option<Timestamp>,
    pub days_since_last_call: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepRow {
    pub rep: String,
    pub accounts: usize,
    /// Per step, over all the rep's accounts.
    pub coverage: Vec<Coverage>,
    pub decision_makers: usize,
    /// Accounts with nobody identified yet in step 1.
    pub accounts_without_decision_makers: usize,
    pub warnings: Option<usize>,
    pub next_steps_due: usize,
    pub next_steps_overdue: usize,
    /// Accounts with no next step agreed.
    pub without_next_step: usize,
    /// Since the rep's latest call on any account.
    pub days_since_last_call: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub at: Timestamp,
    pub scenario: String,
    pub score: u32,
    pub passed: bool,
}

/// One day's practice reviews, for the retention trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionDay {
    pub date: Date,
    pub reviews: usize,
    pub remembered: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeRow {
    pub trainee: String,
    /// Finished role-plays, oldest first.
    pub scores: Vec<Score>,
    /// Role-plays ended without a debrief: stopped early.
    pub unfinished_roleplays: usize,
    /// Role-plays a trainer ran from the card: facts ticked, no score.
    pub trainer_sessions: usize,
    /// Practice reviews remembered over the last 30 days, when there were any.
    pub retention_30d: Option<f64>,
    pub reviews_30d: usize,
    /// The last 30 days, oldest first.
    pub retention_days: Vec<RetentionDay>,
    pub cards_mastered: usize,
    pub cards: usize,
}

impl TraineeRow {
    pub fn last_score(&self) -> Option<&Score> {
        self.scores.last()
    }
}

/// The list whose records name the people who decide: the first step's capture list (the
/// reset's step 1 is "who decides").
fn people_list(bank: &Bank) -> Option<&CaptureList> {
    bank.steps.first()?.capture.as_ref()
}

fn days_between(earlier: Timestamp, later: Timestamp) -> i64 {
    (later.as_second() - earlier.as_second()).max(0) / 86_400
}

fn next_step_row(next: &NextStep, today: Date) -> NextStepRow {
    let state = match next.date {
        None => NextStepState::Undated,
        Some(date) if date < today => NextStepState::Overdue,
        Some(date) => match today.until(date).map(|span| span.get_days()) {
            Ok(days) if i64::from(days) <= DUE_WITHIN_DAYS => NextStepState::Due,
            _ => NextStepState::Later,
        },
    };
    NextStepRow {
        text: next.text.clone(),
        date: next.date,
        state,
    }
}

fn account_row(input: AccountInput, bank: &Bank, now: Timestamp, today: Date) -> AccountRow {
    let facts = &input.facts;
    let coverage = bank
        .steps
        .iter()
        .map(|step| {
            let required = step.questions.iter().filter(|q| q.required);
            Coverage {
                answered: required
                    .clone()
                    .filter(|q| facts.is_answered(&q.id))
                    .count(),
                required: required.count(),
            }
        })
        .collect();
    let decision_makers = people_list(bank).map_or(0, |list| {
        facts.captures.get(&list.id).map_or(0, |records| {
            records
                .iter()
                .filter(|r| !list.is_gone(r))
                .filter(|r| {
                    r.get(&list.label_field)
                        .is_some_and(|l| !l.trim().is_empty())
                })
                .count()
        })
    });
    let (rep, rep_from) = match (facts.owner(), input.author.as_deref()) {
        (Some(owner), _) => (owner.to_string(), RepSource::Owner),
        (None, Some(author)) if !author.trim().is_empty() => {
            (author.trim().to_string(), RepSource::Git)
        }
        _ => (UNKNOWN_REP.to_string(), RepSource::Unknown),
    };
    let last_call = facts.last_call();
    AccountRow {
        name: facts.name.clone(),
        file: input.file,
        rep,
        rep_from,
        coverage,
        decision_makers,
        warnings: input.warnings,
        next_step: facts.next_step.as_ref().map(|n| next_step_row(n, today)),
        last_call,
        days_since_last_call: last_call.map(|at| days_between(at, now)),
    }
}

fn rep_row(rep: &str, accounts: &[&AccountRow], steps: usize, counted: bool) -> RepRow {
    let mut coverage = vec![
        Coverage {
            answered: 0,
            required: 0
        };
        steps
    ];
    for account in accounts {
        for (sum, step) in coverage.iter_mut().zip(&account.coverage) {
            sum.add(*step);
        }
    }
    let state = |wanted: NextStepState| {
        accounts
            .iter()
            .filter(|a| a.next_step.as_ref().is_some_and(|n| n.state == wanted))
            .count()
    };
    RepRow {
        rep: rep.to_string(),
        accounts: accounts.len(),
        coverage,
        decision_makers: accounts.iter().map(|a| a.decision_makers).sum(),
        accounts_without_decision_makers: accounts
            .iter()
            .filter(|a| a.decision_makers == 0)
            .count(),
        warnings: counted.then(|| accounts.iter().filter_map(|a| a.warnings).sum()),
        next_steps_due: state(NextStepState::Due),
        next_steps_overdue: state(NextStepState::Overdue),
        without_next_step: accounts.iter().filter(|a| a.next_step.is_none()).count(),
        days_since_last_call: accounts.iter().filter_map(|a| a.days_since_last_call).min(),
    }
}

fn trainee_rows(
    progress: &[Progress],
    roleplays: &[RoleplayRecord],
    bank: &Bank,
    now: Timestamp,
    zone: &TimeZone,
) -> Vec<TraineeRow> {
    let names: BTreeSet<&str> = progress
        .iter()
        .map(|p| p.learner.as_str())
        .chain(roleplays.iter().map(|r| r.trainee.as_str()))
        .collect();
    names
        .into_iter()
        .map(|name| {
            let mut played: Vec<&RoleplayRecord> =
                roleplays.iter().filter(|r| r.trainee == name).collect();
            played.sort_by_key(|r| r.started);
            let scores = played
                .iter()
                .filter_map(|r| {
                    let debrief = r.debrief.as_ref()?;
                    Some(Score {
                        at: r.started,
                        scenario: r.scenario_title.clone(),
                        score: debrief.score,
                        passed: debrief.passed,
                    })
                })
                .collect::<Vec<_>>();
            let unscored = played.iter().filter(|r| r.debrief.is_none());
            let trainer_sessions = unscored.clone().filter(|r| r.trainer.is_some()).count();
            let unfinished = unscored.count() - trainer_sessions;
            let stats = progress.iter().find(|p| p.learner == name).map(|p| {
                let mut p = p.clone().in_zone(zone.clone());
                p.sync_with(bank);
                practice::stats(&p, bank, now)
            });
            TraineeRow {
                trainee: name.to_string(),
                scores,
                unfinished_roleplays: unfinished,
                trainer_sessions,
                retention_30d: stats.as_ref().and_then(|s| s.retention_30d),
                reviews_30d: stats.as_ref().map_or(0, |s| s.reviews_30d),
                retention_days: stats.as_ref().map_or_else(Vec::new, |s| {
                    s.days
                        .iter()
                        .map(|d| RetentionDay {
                            date: d.date,
                            reviews: d.reviews,
                            remembered: d.remembered,
                        })
                        .collect()
                }),
                cards_mastered: stats
                    .as_ref()
                    .map_or(0, |s| s.steps.iter().map(|m| m.mastered).sum()),
                cards: stats
                    .as_ref()
                    .map_or(0, |s| s.steps.iter().map(|m| m.total).sum()),
            }
        })
        .collect()
}

/// The report as of `now`, with days counted where the reader is (`zone`: what day it is, and
/// so which next steps are overdue). Archived accounts and accounts merged into another are
/// left out.
pub fn build(gathered: Gathered, bank: &Bank, now: Timestamp, zone: &TimeZone) -> Report {
    let today = zone.to_datetime(now).date();
    let counted = gathered.warnings_counted;
    let mut accounts: Vec<AccountRow> = gathered
        .accounts
        .into_iter()
        .filter(|a| a.facts.is_listed())
        .map(|a| account_row(a, bank, now, today))
        .collect();
    // Grouped by rep below, so the exact name is part of the key.
    accounts.sort_by_cached_key(|a| {
        (
            a.rep == UNKNOWN_REP,
            a.rep.to_lowercase(),
            a.rep.clone(),
            a.name.to_lowercase(),
        )
    });
    let mut by_rep: Vec<(&str, Vec<&AccountRow>)> = Vec::new();
    for account in &accounts {
        match by_rep.last_mut() {
            Some((rep, list)) if *rep == account.rep => list.push(account),
            _ => by_rep.push((&account.rep, vec![account])),
        }
    }
    let steps = bank.steps.len();
    let reps = by_rep
        .iter()
        .map(|(rep, list)| rep_row(rep, list, steps, counted))
        .collect();
    let everyone: Vec<&AccountRow> = accounts.iter().collect();
    let team = rep_row("everyone", &everyone, steps, counted);
    let mut problems = gathered.problems;
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    Report {
        generated: now,
        today,
        steps: bank.steps.iter().map(|s| s.title.clone()).collect(),
        warnings_counted: counted,
        team,
        reps,
        trainees: trainee_rows(&gathered.progress, &gathered.roleplays, bank, now, zone),
        accounts,
        problems,
    }
}

/// Eight levels of a bar in one character, for trends drawn in text.
pub fn sparkline(values: &[u64], max: u64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|&v| BARS[(v.min(max) * 7).checked_div(max).unwrap_or(0) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_steps_are_overdue_before_today_and_due_for_a_week() {
        let today = jiff::civil::date(2026, 11, 24);
        let state =
            |date: Option<Date>| next_step_row(&NextStep::new("x".into(), date), today).state;
        assert_eq!(
            state(Some(jiff::civil::date(2026, 11, 23))),
            NextStepState::Overdue
        );
        assert_eq!(state(Some(today)), NextStepState::Due);
        assert_eq!(
            state(Some(jiff::civil::date(2026, 12, 1))),
            NextStepState::Due
        );
        assert_eq!(
            state(Some(jiff::civil::date(2026, 12, 2))),
            NextStepState::Later
        );
        assert_eq!(state(None), NextStepState::Undated);
    }

    #[test]
    fn today_is_the_readers_day() {
        let bank = crate::core::builtin_bank_for_tests();
        let facts: AccountFacts = crate::yaml::from_str(
            "schema: 1\nname: Acme\nnext_step: {text: Call back, date: 2026-11-24}\n",
        )
        .unwrap();
        let gathered = || Gathered {
            accounts: vec![AccountInput {
                file: "accounts/acme.yaml".into(),
                facts: facts.clone(),
                author: None,
                warnings: None,
            }],
            ..Gathered::default()
        };
        let now: Timestamp = "2026-11-24T20:00:00Z".parse().unwrap();
        let state = |zone: &TimeZone| {
            let report = build(gathered(), &bank, now, zone);
            (
                report.today,
                report.accounts[0].next_step.as_ref().unwrap().state,
            )
        };
        assert_eq!(
            state(&TimeZone::UTC),
            (jiff::civil::date(2026, 11, 24), NextStepState::Due)
        );
        // Already the 25th in Tokyo: yesterday's next step is overdue there.
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        assert_eq!(
            state(&tokyo),
            (jiff::civil::date(2026, 11, 25), NextStepState::Overdue)
        );
    }

    #[test]
    fn coverage_and_days_round_down_and_nothing_required_is_covered() {
        let c = |answered, required| Coverage { answered, required }.percent();
        assert_eq!((c(2, 3), c(3, 3), c(0, 0)), (66, 100, 100));
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        assert_eq!(
            days_between(t("2026-11-20T10:00:00Z"), t("2026-11-24T09:59:59Z")),
            3
        );
        assert_eq!(
            days_between(t("2026-11-20T10:00:00Z"), t("2026-11-24T10:00:00Z")),
            4
        );
        // A colleague's clock ahead of ours: not negative.
        assert_eq!(
            days_between(t("2026-11-25T10:00:00Z"), t("2026-11-24T10:00:00Z")),
            0
        );
        assert_eq!(sparkline(&[0, 50, 100, 150], 100), "▁▄██");
    }
}
