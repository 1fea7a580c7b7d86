//! Joining two accounts of one customer (`disco account merge FROM INTO`): everything either
//! holds is kept, and where they disagree the other side goes to history.
//!
//! The two never shared a version, so this is the core three-way [`merge`] against a base that
//! is INTO with nothing in it: every answer, record, call and note of either side counts as
//! added, and the merge's rules decide the rest (an answer on both sides keeps the newer as
//! current and the other in its history; notes keep both sides' lines; calls are united).

use jiff::Timestamp;

use super::account::Account;
use super::merge::merge;

/// `into` with everything of `from` added. `into` keeps its name, file, bank and marks.
pub fn combine(into: &Account, from: &Account, now: Timestamp) -> Account {
    let mut base = into.clone();
    base.answers.clear();
    base.captures.clear();
    base.notes.clear();
    base.calls.clear();
    base.next_step = None;
    base.extra.clear();
    // What identifies an account is not merged: FROM brings its content only.
    let mut theirs = from.clone();
    theirs.name = into.name.clone();
    theirs.bank = into.bank.clone();
    theirs.archived = into.archived;
    theirs.merged_into = into.merged_into.clone();
    theirs.renames = into.renames.clone();
    let mut out = merge(&base, into, &theirs);
    out.created = into.created.min(from.created);
    out.updated = now;
    out.archived = false;
    out.merged_into = None;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::account::{CallMode, NextStep};
    use crate::core::builtin_bank_for_tests as bank;
    use crate::core::record::Record;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn texts(account: &Account) -> Vec<String> {
        let mut all = Vec::new();
        for answer in account.answers.values() {
            all.push(answer.text.clone());
            all.extend(answer.history.iter().map(|v| v.text.clone()));
        }
        all
    }

    fn person(name: &str) -> Record {
        let mut record = Record::new();
        record.insert("name".into(), name.into());
        record
    }

    fn next(text: &str, at: Timestamp) -> Option<NextStep> {
        let mut step: NextStep =
            crate::yaml::from_str(&format!("text: {text}\nupdated: {at}\n")).unwrap();
        step.updated = Some(at);
        Some(step)
    }

    #[test]
    fn every_answer_record_call_and_note_of_both_is_kept() {
        let bank = bank();
        let mut into = Account::new("Keystone Fastener & Supply Co.", &bank, t(0));
        into.start_call(CallMode::Live, t(10));
        into.set_answer("valued-supplier", "On-time delivery", t(20));
        into.set_answer("decision-makers", "Dana in purchasing", t(21));
        into.records_mut("people").push(person("Dana"));
        into.notes = "Met at the fair.".into();
        into.next_step = next("Send samples", t(22));
        into.assign_record_ids();
        let mut from = Account::new("Keystone Fastener", &bank, t(5));
        from.start_call(CallMode::Live, t(100));
        from.set_answer("valued-supplier", "Price, then quality", t(110));
        from.set_answer("our-limits", "No weekend delivery", t(111));
        from.records_mut("people").push(person("Lee"));
        from.notes = "Wants a call back Tuesday.".into();
        from.next_step = next("Quote by Friday", t(112));
        from.archived = true;
        from.assign_record_ids();

        let merged = combine(&into, &from, t(500));
        assert_eq!(merged.name, into.name);
        assert!(!merged.archived && merged.merged_into.is_none());
        for text in texts(&into).into_iter().chain(texts(&from)) {
            assert!(texts(&merged).contains(&text), "lost answer {text:?}");
        }
        // The newer answer is current, the other in its history.
        let valued = &merged.answers["valued-supplier"];
        assert_eq!(valued.text, "Price, then quality");
        assert_eq!(valued.history[0].text, "On-time delivery");
        let mut people: Vec<&str> = merged
            .records("people")
            .iter()
            .filter_map(|r| r.get("name").map(String::as_str))
            .collect();
        people.sort_unstable();
        assert_eq!(people, ["Dana", "Lee"]);
        assert_eq!(merged.calls.len(), 2);
        for note in ["Met at the fair.", "Wants a call back Tuesday."] {
            assert!(merged.notes.contains(note), "{}", merged.notes);
        }
        let step = merged.next_step.as_ref().unwrap();
        assert_eq!(step.text, "Quote by Friday", "the newer next step");
        assert!(
            step.history.iter().any(|h| h.text == "Send samples"),
            "{step:?}"
        );
        assert_eq!(merged.created, t(0));
    }
}
