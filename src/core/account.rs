//! What a rep captured for one customer account. Kept free of I/O: storage reads and writes it.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::bank::{Bank, StepProgress, progress};
use crate::yaml::Value;

/// Bumped when the file layout changes in a way older versions cannot read.
pub const SCHEMA_VERSION: u32 = 1;

pub type Record = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub schema: u32,
    pub name: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub bank: BankRef,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub captures: BTreeMap<String, Vec<Record>>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub calls: Vec<Call>,
    /// What was agreed to happen next, and by when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStep>,
    /// Out of the lists, kept whole; `disco account unarchive` brings it back. A mark inside
    /// the file, not a move, so other copies of the folder merge cleanly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// The account everything here was merged into: looking this one up finds that one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Keys written by a newer disco or by hand: carried through untouched.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRef {
    pub id: String,
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub text: String,
    pub updated: Timestamp,
    /// Earlier versions from earlier calls, oldest first: the reset repeats on every call, and
    /// what the customer said before is worth keeping when they say something new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Version>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub text: String,
    pub updated: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub started: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    pub mode: CallMode,
    /// What this call added or changed, in words, for `disco history`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallMode {
    Live,
}

/// What lists of accounts need, read without keeping answers, notes or records in memory: a
/// folder of 10,000 accounts must list fast and small.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AccountSummary {
    pub schema: u32,
    pub name: String,
    #[serde(default)]
    answers: BTreeMap<String, AnswerPresence>,
    #[serde(default)]
    calls: Vec<CallStart>,
    #[serde(default)]
    pub next_step: Option<NextStep>,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub merged_into: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct AnswerPresence {
    #[serde(rename = "text", deserialize_with = "not_blank")]
    answered: bool,
}

fn not_blank<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    String::deserialize(d).map(|text| !text.trim().is_empty())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct CallStart {
    started: Timestamp,
}

impl AccountSummary {
    pub fn is_answered(&self, question_id: &str) -> bool {
        self.answers.get(question_id).is_some_and(|a| a.answered)
    }

    pub fn progress(&self, bank: &Bank) -> Vec<StepProgress> {
        progress(bank, |id| self.is_answered(id))
    }

    pub fn last_call(&self) -> Option<Timestamp> {
        self.calls.last().map(|c| c.started)
    }

    pub fn call_count(&self) -> usize {
        self.calls.len()
    }

    /// Shown in lists: neither archived nor merged into another account.
    pub fn is_listed(&self) -> bool {
        !self.archived && self.merged_into.is_none()
    }
}

/// Now, to the second: files stay readable and diffs quiet.
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    now.round(jiff::Unit::Second).unwrap_or(now)
}

impl Account {
    pub fn new(name: &str, bank: &Bank, now: Timestamp) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            name: name.to_string(),
            created: now,
            updated: now,
            bank: BankRef {
                id: bank.id.clone(),
                version: bank.version,
            },
            answers: BTreeMap::new(),
            captures: BTreeMap::new(),
            notes: String::new(),
            calls: Vec::new(),
            next_step: None,
            archived: false,
            merged_into: None,
            extra: BTreeMap::new(),
        }
    }

    pub fn answer(&self, question_id: &str) -> &str {
        self.answers
            .get(question_id)
            .map_or("", |a| a.text.as_str())
    }

    pub fn is_answered(&self, question_id: &str) -> bool {
        !self.answer(question_id).trim().is_empty()
    }

    /// The start of the call in progress, if one is.
    pub fn open_call_start(&self) -> Option<Timestamp> {
        self.calls
            .last()
            .filter(|c| c.ended.is_none())
            .map(|c| c.started)
    }

    /// Whether the answer was given on an earlier call than the one in progress.
    pub fn answer_is_from_earlier_call(&self, question_id: &str) -> Option<Timestamp> {
        let answer = self.answers.get(question_id)?;
        let start = self.open_call_start()?;
        (answer.updated < start && !answer.text.trim().is_empty()).then_some(answer.updated)
    }

    /// Records an answer; returns whether anything changed so callers know to save. An answer
    /// from an earlier call is kept as a version instead of being overwritten.
    pub fn set_answer(&mut self, question_id: &str, text: &str, now: Timestamp) -> bool {
        if self.answer(question_id) == text {
            return false;
        }
        let earlier = self.answer_is_from_earlier_call(question_id).is_some();
        if let Some(answer) = self.answers.get_mut(question_id) {
            if earlier {
                answer.history.push(Version {
                    text: std::mem::take(&mut answer.text),
                    updated: answer.updated,
                });
            }
            // Updated in place, so keys a newer disco added to the answer survive.
            answer.text = text.to_string();
            answer.updated = now;
            if answer.text.is_empty() && answer.history.is_empty() && answer.extra.is_empty() {
                self.answers.remove(question_id);
            }
        } else {
            self.answers.insert(
                question_id.to_string(),
                Answer {
                    text: text.to_string(),
                    updated: now,
                    history: Vec::new(),
                    extra: BTreeMap::new(),
                },
            );
        }
        self.updated = now;
        true
    }

    pub fn records(&self, list_id: &str) -> &[Record] {
        self.captures.get(list_id).map_or(&[], Vec::as_slice)
    }

    pub fn records_mut(&mut self, list_id: &str) -> &mut Vec<Record> {
        self.captures.entry(list_id.to_string()).or_default()
    }

    pub fn progress(&self, bank: &Bank) -> Vec<StepProgress> {
        progress(bank, |id| self.is_answered(id))
    }

    /// Answers to questions the bank no longer has: kept in the file and shown as such.
    pub fn orphaned_answers<'a>(&'a self, bank: &Bank) -> Vec<(&'a str, &'a str)> {
        self.answers
            .iter()
            .filter(|(id, _)| bank.find_question(id).is_none())
            .map(|(id, a)| (id.as_str(), a.text.as_str()))
            .collect()
    }

    pub fn start_call(&mut self, mode: CallMode, now: Timestamp) {
        self.calls.push(Call {
            started: now,
            ended: None,
            mode,
            changes: Vec::new(),
            extra: BTreeMap::new(),
        });
        self.updated = now;
    }

    pub fn end_call(&mut self, now: Timestamp) {
        if let Some(call) = self.calls.last_mut() {
            call.ended = Some(now);
        }
    }

    pub fn last_call(&self) -> Option<Timestamp> {
        self.calls.last().map(|c| c.started)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::builtin_bank_for_tests as bank;

    #[test]
    fn empty_answers_are_removed_and_count_as_open() {
        let bank = bank();
        let now = Timestamp::UNIX_EPOCH;
        let mut account = Account::new("Acme", &bank, now);
        let id = &bank.steps[0].questions[0].id;
        assert!(account.set_answer(id, "Purchasing and engineering", now));
        assert!(account.is_answered(id));
        assert!(!account.set_answer(id, "Purchasing and engineering", now));
        assert!(account.set_answer(id, "", now));
        assert!(account.answers.is_empty());
        account.set_answer(id, "   ", now);
        assert_eq!(account.progress(&bank)[0].answered, 0);
    }

    #[test]
    fn an_answer_from_an_earlier_call_is_kept_as_a_version() {
        let bank = bank();
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        let mut account = Account::new("Acme", &bank, t(0));
        account.start_call(CallMode::Live, t(10));
        account.set_answer("valued-supplier", "Price", t(20));
        account.set_answer("valued-supplier", "Price and speed", t(30));
        account.end_call(t(40));
        assert!(
            account.answers["valued-supplier"].history.is_empty(),
            "same call: overwritten"
        );
        account.start_call(CallMode::Live, t(100));
        assert_eq!(
            account.answer_is_from_earlier_call("valued-supplier"),
            Some(t(30))
        );
        account.set_answer("valued-supplier", "Delivery on time", t(110));
        account.set_answer("valued-supplier", "Delivery on time, always", t(120));
        let answer = &account.answers["valued-supplier"];
        assert_eq!(answer.text, "Delivery on time, always");
        assert_eq!(
            answer.history,
            [Version {
                text: "Price and speed".into(),
                updated: t(30)
            }]
        );
        // Clearing an earlier answer keeps what was said before.
        account.end_call(t(130));
        account.start_call(CallMode::Live, t(200));
        account.set_answer("valued-supplier", "", t(210));
        assert!(!account.is_answered("valued-supplier"));
        assert_eq!(account.answers["valued-supplier"].history.len(), 2);
    }

    #[test]
    fn answers_to_retired_questions_are_reported() {
        let bank = bank();
        let now = Timestamp::UNIX_EPOCH;
        let mut account = Account::new("Acme", &bank, now);
        account.set_answer("old-question", "kept", now);
        assert_eq!(
            account.orphaned_answers(&bank),
            vec![("old-question", "kept")]
        );
    }
}
