//! What a rep captured for one customer account. Kept free of I/O: storage reads and writes it.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::bank::{Bank, StepProgress, progress};
pub use super::record::Record;
use super::record::stable_hash;
use crate::yaml::{Value, unknown_entries};

/// Bumped when the file layout changes in a way older versions cannot read.
pub const SCHEMA_VERSION: u32 = 1;

/// A reopen this soon after a call ended continues it: an accidental quit and reopen is
/// one call, not two.
pub const CONTINUE_CALL_WITHIN: jiff::SignedDuration = jiff::SignedDuration::from_mins(10);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub schema: u32,
    pub name: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub bank: BankRef,
    #[serde(default, serialize_with = "super::script_order::answers")]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default, serialize_with = "super::script_order::captures")]
    pub captures: BTreeMap<String, Vec<Record>>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub calls: Vec<Call>,
    /// What was agreed to happen next, and by when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStep>,
    /// A record or next step still being typed when the file was saved: a call that ends with
    /// a form open (quit, window closed, crash) reopens it where it was instead of losing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// Out of the lists, kept whole; `disco account unarchive` brings it back. A mark inside
    /// the file, not a move, so other copies of the folder merge cleanly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// The account everything here was merged into: looking this one up finds that one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// The names it had before (`disco account rename`), oldest first: history shows them and
    /// an old name still finds the account.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<Rename>,
    /// Keys written by a newer disco or by hand: carried through untouched. Read in a second
    /// pass ([`Account::finish_reading`]), because serde's flatten cannot read YAML tags.
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
    /// Answers already changed in this session: the first change of any other answer keeps
    /// the earlier text in its history, whatever the clocks said when it was written.
    #[serde(skip)]
    pub touched: Touched,
    /// The order the file is written in: the bank's ([`Account::follow_script`]).
    #[serde(skip)]
    pub script: super::script_order::Script,
}

/// Bookkeeping of one session, not content: two accounts with the same content are equal.
#[derive(Debug, Clone, Default)]
pub struct Touched(BTreeSet<String>);

impl PartialEq for Touched {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankRef {
    pub id: String,
    pub version: u32,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub text: String,
    pub updated: Timestamp,
    /// Earlier versions from earlier calls, oldest first: the reset repeats on every call, and
    /// what the customer said before is worth keeping when they say something new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Version>,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub text: String,
    pub updated: Timestamp,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

impl Version {
    pub fn new(text: String, updated: Timestamp) -> Self {
        Self {
            text,
            updated,
            extra: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<jiff::civil::Date>,
    /// When it was last set; files from before this was kept have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    /// Next steps this one replaced when two copies of the account changed it at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<NextStepVersion>,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

impl NextStep {
    pub fn new(text: String, date: Option<jiff::civil::Date>) -> Self {
        Self {
            text,
            date,
            updated: None,
            history: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    /// This next step as an entry of another's history.
    pub fn as_version(&self) -> NextStepVersion {
        NextStepVersion {
            text: self.text.clone(),
            date: self.date,
            updated: self.updated,
            extra: self.extra.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextStepVersion {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<jiff::civil::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

/// What a half-typed form holds. Not part of the account's answers: summaries, recaps and
/// history ignore it until the rep saves the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The capture list the record goes into, or [`Draft::NEXT_STEP`].
    pub list: String,
    /// The position of the record being edited; none for a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<usize>,
    /// The record as it was before the edit, so a draft is never mistaken for the saved record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<Record>,
    #[serde(default)]
    pub fields: Record,
    /// The field the cursor was in.
    #[serde(default)]
    pub field: usize,
}

impl Draft {
    pub const NEXT_STEP: &'static str = "next-step";
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
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallMode {
    Live,
}

/// One change of the account's name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rename {
    pub at: Timestamp,
    pub from: String,
    pub to: String,
}

impl Account {
    /// Gives the account a new name and keeps the old one in `renames`.
    pub fn rename(&mut self, new: String, now: Timestamp) {
        let from = std::mem::replace(&mut self.name, new);
        self.renames.push(Rename {
            at: now,
            from,
            to: self.name.clone(),
        });
        self.updated = now;
    }
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
pub(crate) struct AnswerPresence {
    #[serde(rename = "text", deserialize_with = "not_blank")]
    pub(crate) answered: bool,
}

fn not_blank<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    String::deserialize(d).map(|text| !text.trim().is_empty())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct CallStart {
    pub(crate) started: Timestamp,
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
                extra: BTreeMap::new(),
            },
            answers: BTreeMap::new(),
            captures: BTreeMap::new(),
            notes: String::new(),
            calls: Vec::new(),
            next_step: None,
            draft: None,
            archived: false,
            merged_into: None,
            renames: Vec::new(),
            extra: BTreeMap::new(),
            touched: Touched::default(),
            script: Default::default(),
        }
        .following_script(bank)
    }

    /// Writes this account in `bank`'s order from now on.
    pub fn follow_script(&mut self, bank: &Bank) {
        self.script = super::script_order::Script(Some(std::sync::Arc::new(
            super::script_order::ScriptOrder::of(bank),
        )));
    }

    fn following_script(mut self, bank: &Bank) -> Self {
        self.follow_script(bank);
        self
    }

    /// The account file's text, in script order when it follows a bank.
    pub fn to_yaml(&self) -> anyhow::Result<String> {
        super::script_order::writing(&self.script, || crate::yaml::to_string(self))
    }

    /// Completes an account read by serde: fills in the keys it does not know from `raw`, the
    /// same file read as plain YAML, and gives records from older files their ids.
    pub fn finish_reading(&mut self, raw: &Value) {
        const ACCOUNT: &[&str] = &[
            "schema",
            "name",
            "created",
            "updated",
            "bank",
            "answers",
            "captures",
            "notes",
            "calls",
            "next_step",
            "archived",
            "merged_into",
            "renames",
            "draft",
        ];
        const ANSWER: &[&str] = &["text", "updated", "history"];
        const VERSION: &[&str] = &["text", "updated"];
        const CALL: &[&str] = &["started", "ended", "mode", "changes"];
        self.extra = unknown_entries(Some(raw), ACCOUNT);
        self.bank.extra = unknown_entries(raw.get("bank"), &["id", "version"]);
        let answers = raw.get("answers");
        for (id, answer) in &mut self.answers {
            let raw = answers.and_then(|a| a.get(id));
            answer.extra = unknown_entries(raw, ANSWER);
            let history = raw
                .and_then(|a| a.get("history"))
                .map_or(&[][..], Value::items);
            for (version, raw) in answer.history.iter_mut().zip(history) {
                version.extra = unknown_entries(Some(raw), VERSION);
            }
        }
        if let Some(next) = &mut self.next_step {
            let raw = raw.get("next_step");
            next.extra = unknown_entries(raw, &["text", "date", "updated", "history"]);
            let history = raw
                .and_then(|n| n.get("history"))
                .map_or(&[][..], Value::items);
            for (version, raw) in next.history.iter_mut().zip(history) {
                version.extra = unknown_entries(Some(raw), &["text", "date", "updated"]);
            }
        }
        let calls = raw.get("calls").map_or(&[][..], Value::items);
        for (call, raw) in self.calls.iter_mut().zip(calls) {
            call.extra = unknown_entries(Some(raw), CALL);
        }
        self.assign_record_ids();
    }

    /// Records from files written before records had ids get one derived from their list,
    /// their content and their rank among identical records: two copies of the same old file
    /// agree on the ids, so a merge pairs the records up; once saved, the id never changes.
    pub fn assign_record_ids(&mut self) {
        for (list_id, records) in &mut self.captures {
            let mut seen: BTreeMap<u64, u64> = BTreeMap::new();
            for record in records.iter_mut().filter(|r| r.id.is_empty()) {
                let content = stable_hash(list_id, &record.fields);
                let rank = seen.entry(content).or_insert(0);
                record.id = format!(
                    "m-{:016x}",
                    content ^ rank.wrapping_mul(0x9e37_79b9_7f4a_7c15)
                );
                *rank += 1;
            }
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

    /// Records an answer; returns whether anything changed so callers know to save. The first
    /// change of an answer in a session keeps the earlier text as a version instead of
    /// overwriting it; this does not ask the timestamps, since a colleague's clock may run fast.
    pub fn set_answer(&mut self, question_id: &str, text: &str, now: Timestamp) -> bool {
        if self.answer(question_id) == text {
            return false;
        }
        let first_change = self.touched.0.insert(question_id.to_string());
        if let Some(answer) = self.answers.get_mut(question_id) {
            if first_change && !answer.text.trim().is_empty() {
                answer.history.push(Version::new(
                    std::mem::take(&mut answer.text),
                    answer.updated,
                ));
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

    /// The rep heard that an earlier answer still holds: it now counts as given at `now`, its
    /// text and history untouched. Returns whether there was an answer to confirm.
    pub fn confirm_answer(&mut self, question_id: &str, now: Timestamp) -> bool {
        match self.answers.get_mut(question_id) {
            Some(answer) if !answer.text.trim().is_empty() => {
                answer.updated = now;
                self.updated = now;
                true
            }
            _ => false,
        }
    }

    /// Sets what was agreed to happen next; returns whether it changed. Keys a newer disco
    /// added to the next step, and its history, stay.
    pub fn set_next_step(&mut self, next: Option<NextStep>, now: Timestamp) -> bool {
        let same = match (&self.next_step, &next) {
            (Some(old), Some(new)) => old.text == new.text && old.date == new.date,
            (None, None) => true,
            _ => false,
        };
        if same {
            return false;
        }
        self.next_step = next.map(|mut new| {
            if let Some(old) = self.next_step.take() {
                new.history = old.history;
                new.extra = old.extra;
            }
            new.updated = Some(now);
            new
        });
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
        self.touched = Touched::default();
        self.calls.push(Call {
            started: now,
            ended: None,
            mode,
            changes: Vec::new(),
            extra: BTreeMap::new(),
        });
        self.updated = now;
    }

    /// Starts a call, or continues the last one when it ended (or, stopped without an end,
    /// was last saved) less than [`CONTINUE_CALL_WITHIN`] before `now`. Returns the changes
    /// the call had logged when it was continued. Answers changed on it count as changed on
    /// this call: changing them again keeps no extra version.
    pub fn start_or_continue_call(
        &mut self,
        mode: CallMode,
        now: Timestamp,
    ) -> Option<Vec<String>> {
        let updated = self.updated;
        let continued = self.calls.last_mut().filter(|call| {
            let ended = call.ended.unwrap_or(updated);
            call.mode == mode && ended <= now && now.duration_since(ended) < CONTINUE_CALL_WITHIN
        });
        let Some(call) = continued else {
            // A look that was never closed (disco killed) logged nothing: it goes.
            if self
                .calls
                .last()
                .is_some_and(|c| c.ended.is_none() && c.changes.is_empty())
            {
                self.calls.pop();
            }
            self.start_call(mode, now);
            return None;
        };
        call.ended = None;
        let (started, changes) = (call.started, call.changes.clone());
        self.touched = Touched(
            self.answers
                .iter()
                .filter(|(_, a)| a.updated >= started)
                .map(|(id, _)| id.clone())
                .collect(),
        );
        self.updated = now;
        Some(changes)
    }

    /// Takes back the call in progress when it logged no change: opening an account just to
    /// look leaves no call behind. `updated` is when the account was updated before the call.
    /// Returns whether the call was taken back.
    pub fn forget_unchanged_call(&mut self, updated: Timestamp) -> bool {
        let unchanged = self
            .calls
            .last()
            .is_some_and(|c| c.ended.is_none() && c.changes.is_empty());
        if unchanged {
            self.calls.pop();
            self.updated = updated;
        }
        unchanged
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
            [Version::new("Price and speed".into(), t(30))]
        );
        // Clearing an earlier answer keeps what was said before.
        account.end_call(t(130));
        account.start_call(CallMode::Live, t(200));
        account.set_answer("valued-supplier", "", t(210));
        assert!(!account.is_answered("valued-supplier"));
        assert_eq!(account.answers["valued-supplier"].history.len(), 2);
    }

    #[test]
    fn a_changed_answer_keeps_the_earlier_text_whatever_the_clocks_say() {
        let bank = bank();
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        let mut account = Account::new("Acme", &bank, t(0));
        // A colleague whose clock ran fast: stamped after this call started, and after now.
        account.set_answer("valued-supplier", "Price", t(10_000));
        account.start_call(CallMode::Live, t(100));
        account.set_answer("valued-supplier", "Delivery on time", t(110));
        account.set_answer("valued-supplier", "Delivery on time, always", t(120));
        let answer = &account.answers["valued-supplier"];
        assert_eq!(answer.text, "Delivery on time, always");
        assert_eq!(answer.history, [Version::new("Price".into(), t(10_000))]);
    }

    #[test]
    fn setting_the_next_step_keeps_keys_a_newer_disco_added() {
        let bank = bank();
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        let mut account = Account::new("Acme", &bank, t(0));
        let mut next = NextStep::new("Call back".into(), None);
        next.extra
            .insert("owner".into(), Value::String("Jo".into()));
        account.next_step = Some(next);
        assert!(account.set_next_step(Some(NextStep::new("Send the draft".into(), None)), t(5)));
        let next = account.next_step.as_ref().unwrap();
        assert_eq!(next.text, "Send the draft");
        assert_eq!(next.updated, Some(t(5)));
        assert_eq!(next.extra["owner"], Value::String("Jo".into()));
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

    #[test]
    fn a_reopen_within_ten_minutes_continues_the_call() {
        let bank = bank();
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        let mut account = Account::new("Acme", &bank, t(0));
        account.start_call(CallMode::Live, t(1000));
        account.set_answer("valued-supplier", "Price", t(1010));
        account.calls[0].changes = vec!["answered 2.1: Price".into()];
        account.end_call(t(1100));
        let continued = account.start_or_continue_call(CallMode::Live, t(1100 + 9 * 60));
        assert_eq!(continued, Some(vec!["answered 2.1: Price".to_string()]));
        assert_eq!(account.calls.len(), 1);
        assert_eq!(account.calls[0].ended, None);
        // Changed on this same call: no extra version kept.
        account.set_answer("valued-supplier", "Price and speed", t(1700));
        assert!(account.answers["valued-supplier"].history.is_empty());
        account.end_call(t(1800));
        assert_eq!(
            account.start_or_continue_call(CallMode::Live, t(1800 + 10 * 60)),
            None,
            "ten minutes later it is a new call"
        );
        assert_eq!(account.calls.len(), 2);
        // Left open with nothing logged (disco was killed during a look): replaced, not kept.
        account.calls[1].ended = None;
        account.updated = t(3000);
        account.start_or_continue_call(CallMode::Live, t(9000));
        assert_eq!(account.calls.len(), 2);
        assert_eq!(account.calls[1].started, t(9000));
    }

    #[test]
    fn a_call_that_changed_nothing_is_taken_back() {
        let bank = bank();
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        let mut account = Account::new("Acme", &bank, t(0));
        let before = account.clone();
        account.start_call(CallMode::Live, t(100));
        assert!(account.forget_unchanged_call(before.updated));
        assert_eq!(account, before);
        account.start_call(CallMode::Live, t(100));
        account.calls[0].changes = vec!["answered 2.1: Price".into()];
        assert!(!account.forget_unchanged_call(before.updated));
        assert_eq!(account.calls.len(), 1);
    }
}
