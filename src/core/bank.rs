//! Question banks: the script a rep follows, as data. Parsing happens in storage; this module
//! holds the shape and the rules a bank must satisfy.

use super::record::Record;
use super::stopwords::{bare, is_stopword};
use super::validate::{Issue, Issues};
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub version: u32,
    #[serde(default)]
    pub description: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub goal: String,
    #[serde(default)]
    pub guidance: Vec<String>,
    /// Suggested time for the step, shown beside the call timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub questions: Vec<Question>,
    /// Yes-or-no statements about the step's guidance, for practice ("Open with price?" no).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<CaptureList>,
}

/// A claim about how to run a step that a learner answers yes or no; practised like a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub id: String,
    pub ask: String,
    pub answer: YesNo,
    /// The reason, shown when the learner meets the check and after each answer.
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub ask: String,
    /// A few words naming what the question is about ("Who else decides"), for the recap's
    /// "Still to discuss": the customer reads topics, not the script's spoken lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    pub listen_for: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<String>,
    #[serde(default)]
    pub required: bool,
    /// Words of `ask` that carry its intent; fill-the-gap blanks one of these. Without them,
    /// the drill picks content words itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_phrases: Vec<String>,
    /// Why the question matters, shown when a learner first meets it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// Other ways a rep might ask it, so role-play takes a trainee's own words for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked_as: Vec<String>,
}

/// A named list of records the rep fills in during a step (the people of step 1, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureList {
    pub id: String,
    pub title: String,
    /// The field that names a record in lists and summaries.
    pub label_field: String,
    pub fields: Vec<Field>,
    /// Makes this the list that company sheet items are copied into and checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_sheet: Option<SheetLink>,
    /// The choice that marks a record as no longer current (a person who left the company):
    /// kept on file, left out of the recap and the CRM export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gone: Option<GoneMark>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoneMark {
    pub field: String,
    pub option: String,
}

impl CaptureList {
    /// Whether `record` is marked as gone (see [`GoneMark`]).
    pub fn is_gone(&self, record: &Record) -> bool {
        self.gone
            .as_ref()
            .is_some_and(|g| record.get(&g.field).is_some_and(|v| v.trim() == g.option))
    }
}

/// How a capture list records what the company sheet says: which choice field holds the
/// status, and which of its options mean "can" and "can't".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetLink {
    pub status_field: String,
    pub can: String,
    pub cannot: String,
}

/// The record key that remembers which sheet item a commitment was copied from.
pub const SHEET_ITEM_KEY: &str = "sheet-item";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Choice,
}

/// Where a question sits in the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionRef {
    pub step: usize,
    pub question: usize,
}

impl Question {
    /// What the question is about, for the customer: its topic, else the question itself
    /// without the lead-in ("Every account measures suppliers differently. How does…?").
    pub fn topic(&self) -> &str {
        if let Some(topic) = self.topic.as_deref().map(str::trim)
            && !topic.is_empty()
        {
            return topic;
        }
        let ask = self.ask.trim();
        let body = ask.trim_end_matches(['.', '?', '!']);
        match body.rfind(['.', '?', '!']) {
            Some(end) => ask[end + 1..].trim_start(),
            None => ask,
        }
    }
}

impl Bank {
    pub fn question(&self, at: QuestionRef) -> Option<&Question> {
        self.steps.get(at.step)?.questions.get(at.question)
    }

    /// Every question in script order.
    pub fn question_refs(&self) -> impl Iterator<Item = QuestionRef> + '_ {
        self.steps.iter().enumerate().flat_map(|(step, s)| {
            (0..s.questions.len()).map(move |question| QuestionRef { step, question })
        })
    }

    pub fn find_question(&self, id: &str) -> Option<QuestionRef> {
        self.question_refs()
            .find(|&at| self.question(at).is_some_and(|q| q.id == id))
    }

    pub fn next_question(&self, at: QuestionRef) -> QuestionRef {
        let all: Vec<_> = self.question_refs().collect();
        let pos = all.iter().position(|&r| r == at).unwrap_or(0);
        all.get(pos + 1).copied().unwrap_or(at)
    }

    pub fn previous_question(&self, at: QuestionRef) -> QuestionRef {
        let all: Vec<_> = self.question_refs().collect();
        let pos = all.iter().position(|&r| r == at).unwrap_or(0);
        pos.checked_sub(1)
            .and_then(|p| all.get(p).copied())
            .unwrap_or(at)
    }

    /// Every practice card's id: each step's questions in script order, then its checks.
    pub fn card_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.steps.iter().flat_map(|s| {
            s.questions
                .iter()
                .map(|q| q.id.as_str())
                .chain(s.checks.iter().map(|c| c.id.as_str()))
        })
    }

    pub fn has_card(&self, id: &str) -> bool {
        self.card_ids().any(|c| c == id)
    }

    /// A guidance check and the index of its step.
    pub fn check(&self, id: &str) -> Option<(usize, &Check)> {
        self.steps
            .iter()
            .enumerate()
            .find_map(|(s, step)| step.checks.iter().find(|c| c.id == id).map(|c| (s, c)))
    }

    pub fn capture_lists(&self) -> impl Iterator<Item = &CaptureList> {
        self.steps.iter().filter_map(|s| s.capture.as_ref())
    }

    pub fn capture_list(&self, id: &str) -> Option<&CaptureList> {
        self.capture_lists().find(|c| c.id == id)
    }

    /// Every rule a bank breaks, all at once, so an author fixes them in one pass.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Issues::default();
        issues.check_id("id", &self.id);
        issues.not_empty("title", &self.title);
        if self.version == 0 {
            issues.push("version", "must be 1 or more");
        }
        if self.steps.is_empty() {
            issues.push("steps", "a bank needs at least one step");
        }
        let mut step_ids = HashSet::new();
        let mut question_ids = HashSet::new();
        let mut list_ids = HashSet::new();
        for (s, step) in self.steps.iter().enumerate() {
            let at = format!("steps[{s}]");
            issues.unique_id(&format!("{at}.id"), &step.id, &mut step_ids);
            issues.not_empty(&format!("{at}.title"), &step.title);
            issues.not_empty(&format!("{at}.goal"), &step.goal);
            for (g, tip) in step.guidance.iter().enumerate() {
                issues.not_empty(&format!("{at}.guidance[{g}]"), tip);
            }
            if step.minutes == Some(0) {
                issues.push(format!("{at}.minutes"), "must be 1 or more");
            }
            if step.questions.is_empty() {
                issues.push(
                    format!("{at}.questions"),
                    "a step needs at least one question",
                );
            }
            for (q, question) in step.questions.iter().enumerate() {
                let at = format!("{at}.questions[{q}]");
                issues.unique_id(&format!("{at}.id"), &question.id, &mut question_ids);
                issues.not_empty(&format!("{at}.ask"), &question.ask);
                issues.not_empty(&format!("{at}.listen_for"), &question.listen_for);
                if let Some(topic) = &question.topic {
                    issues.not_empty(&format!("{at}.topic"), topic);
                }
                for (f, follow_up) in question.follow_ups.iter().enumerate() {
                    issues.not_empty(&format!("{at}.follow_ups[{f}]"), follow_up);
                }
                for (k, phrase) in question.key_phrases.iter().enumerate() {
                    let at = format!("{at}.key_phrases[{k}]");
                    if phrase.trim().is_empty() {
                        issues.not_empty(&at, phrase);
                    } else if find_phrase(&question.ask, phrase).is_none() {
                        issues.push(at, format!("{phrase:?} is not word for word in `ask`"));
                    } else if phrase.split_whitespace().all(is_stopword) {
                        issues.push(at, "needs a word that carries meaning, not only words like \"the\" or \"your\"");
                    }
                }
            }
            for (c, check) in step.checks.iter().enumerate() {
                let at = format!("{at}.checks[{c}]");
                // Checks are practice cards too, so their ids share the questions' namespace.
                issues.unique_id(&format!("{at}.id"), &check.id, &mut question_ids);
                issues.not_empty(&format!("{at}.ask"), &check.ask);
                issues.not_empty(&format!("{at}.why"), &check.why);
            }
            if let Some(list) = &step.capture {
                issues.check_capture(&format!("{at}.capture"), list, &mut list_ids);
            }
        }
        issues.0
    }
}

impl Issues {
    fn check_capture<'a>(&mut self, at: &str, list: &'a CaptureList, seen: &mut HashSet<&'a str>) {
        self.unique_id(&format!("{at}.id"), &list.id, seen);
        self.not_empty(&format!("{at}.title"), &list.title);
        if list.fields.is_empty() {
            self.push(
                format!("{at}.fields"),
                "a capture list needs at least one field",
            );
        }
        let mut field_ids = HashSet::new();
        for (f, field) in list.fields.iter().enumerate() {
            let at = format!("{at}.fields[{f}]");
            self.unique_id(&format!("{at}.id"), &field.id, &mut field_ids);
            if field.id == super::record::ID_KEY {
                self.push(
                    format!("{at}.id"),
                    "\"id\" is taken: account files keep each record's own id under it",
                );
            }
            self.not_empty(&format!("{at}.label"), &field.label);
            match field.kind {
                FieldKind::Choice if field.options.is_empty() => {
                    self.push(
                        format!("{at}.options"),
                        "a choice field needs at least one option",
                    );
                }
                FieldKind::Text if !field.options.is_empty() => {
                    self.push(format!("{at}.options"), "only choice fields take options");
                }
                _ => {}
            }
            let mut options = HashSet::new();
            for (o, option) in field.options.iter().enumerate() {
                self.not_empty(&format!("{at}.options[{o}]"), option);
                if !options.insert(option.as_str()) {
                    self.push(
                        format!("{at}.options[{o}]"),
                        format!("duplicate option {option:?}"),
                    );
                }
            }
        }
        if let Some(link) = &list.company_sheet {
            let at = format!("{at}.company_sheet");
            match list.fields.iter().find(|f| f.id == link.status_field) {
                Some(field) if field.kind == FieldKind::Choice => {
                    for (key, value) in [("can", &link.can), ("cannot", &link.cannot)] {
                        if !field.options.contains(value) {
                            self.push(
                                format!("{at}.{key}"),
                                format!("{value:?} is not an option of field {:?}", field.id),
                            );
                        }
                    }
                }
                Some(_) => self.push(format!("{at}.status_field"), "must name a choice field"),
                None => self.push(
                    format!("{at}.status_field"),
                    format!(
                        "{:?} is not one of this list's field ids",
                        link.status_field
                    ),
                ),
            }
        }
        if let Some(gone) = &list.gone {
            match list.fields.iter().find(|f| f.id == gone.field) {
                Some(field) if field.kind == FieldKind::Choice => {
                    if !field.options.contains(&gone.option) {
                        self.push(
                            format!("{at}.gone.option"),
                            format!("{:?} is not an option of field {:?}", gone.option, field.id),
                        );
                    }
                }
                Some(_) => self.push(format!("{at}.gone.field"), "must name a choice field"),
                None => self.push(
                    format!("{at}.gone.field"),
                    format!("{:?} is not one of this list's field ids", gone.field),
                ),
            }
        }
        if let Some(f) = list.fields.iter().position(|f| f.id == SHEET_ITEM_KEY) {
            self.push(
                format!("{at}.fields[{f}].id"),
                format!("{SHEET_ITEM_KEY:?} is reserved for items copied from the company sheet"),
            );
        }
        if !list.fields.iter().any(|f| f.id == list.label_field) {
            self.push(
                format!("{at}.label_field"),
                format!("{:?} is not one of this list's field ids", list.label_field),
            );
        }
    }
}

/// Where `phrase` sits in `ask` as whole words, ignoring case and punctuation: the index of
/// its first word and its length in words.
pub fn find_phrase(ask: &str, phrase: &str) -> Option<(usize, usize)> {
    let words: Vec<String> = ask.split_whitespace().map(bare).collect();
    let wanted: Vec<String> = phrase.split_whitespace().map(bare).collect();
    if wanted.is_empty() || wanted.iter().any(String::is_empty) {
        return None;
    }
    words
        .windows(wanted.len())
        .position(|w| w == wanted.as_slice())
        .map(|start| (start, wanted.len()))
}

/// How much of each step an account has answered, in bank order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepProgress {
    pub answered: usize,
    pub total: usize,
}

pub fn progress(bank: &Bank, answered: impl Fn(&str) -> bool) -> Vec<StepProgress> {
    bank.steps
        .iter()
        .map(|step| StepProgress {
            answered: step.questions.iter().filter(|q| answered(&q.id)).count(),
            total: step.questions.len(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(ask: &str, topic: Option<&str>) -> Question {
        Question {
            id: "q".into(),
            ask: ask.into(),
            topic: topic.map(Into::into),
            listen_for: "x".into(),
            follow_ups: Vec::new(),
            required: true,
            key_phrases: Vec::new(),
            why: String::new(),
            asked_as: Vec::new(),
        }
    }

    #[test]
    fn a_topic_names_the_question_else_the_question_without_its_lead_in() {
        let ask = "Every account measures suppliers differently. How does your company measure vendor performance?";
        assert_eq!(
            question(ask, Some("How you measure vendors")).topic(),
            "How you measure vendors"
        );
        assert_eq!(
            question(ask, None).topic(),
            "How does your company measure vendor performance?"
        );
        assert_eq!(
            question(ask, Some("  ")).topic(),
            question(ask, None).topic()
        );
        assert_eq!(question("Who decides?", None).topic(), "Who decides?");
    }

    #[test]
    fn a_gone_mark_must_name_an_option_of_a_choice_field() {
        let mut bank = crate::core::builtin_bank_for_tests();
        assert_eq!(bank.validate(), []);
        let people = bank.steps[0].capture.as_mut().unwrap();
        let person = |part: &str| Record::from_iter([("part".to_string(), part.to_string())]);
        assert!(people.is_gone(&person("left the company")));
        assert!(!people.is_gone(&person("decides")));
        people.gone = Some(GoneMark {
            field: "part".into(),
            option: "retired".into(),
        });
        let issues: Vec<String> = bank.validate().iter().map(|i| i.to_string()).collect();
        assert_eq!(
            issues,
            ["steps[0].capture.gone.option: \"retired\" is not an option of field \"part\""]
        );
        let people = bank.steps[0].capture.as_mut().unwrap();
        people.gone.as_mut().unwrap().field = "name".into();
        let issues: Vec<String> = bank.validate().iter().map(|i| i.to_string()).collect();
        assert_eq!(
            issues,
            ["steps[0].capture.gone.field: must name a choice field"]
        );
    }

    #[test]
    fn every_question_of_the_built_in_bank_has_a_topic() {
        let bank = crate::core::builtin_bank_for_tests();
        for at in bank.question_refs() {
            let q = bank.question(at).unwrap();
            assert!(q.topic.is_some(), "{} has no topic", q.id);
        }
    }
}
