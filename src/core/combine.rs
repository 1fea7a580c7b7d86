//! Joining two accounts of one customer (`disco account merge FROM INTO`): everything either
//! holds is kept, and where they disagree the other side goes to history.
//!
//! A plain two-way union: the two accounts share no common version to compare against. When
//! the three-way `merge(base, ours, theirs)` of the core lands, this can call it with an empty
//! base; the rules below are the ones it uses for that case.

use jiff::Timestamp;

use super::account::{Account, Answer, Version};

/// `into` with everything of `from` added. `into` keeps its name, file and bank.
pub fn combine(into: &Account, from: &Account, now: Timestamp) -> Account {
    let mut out = into.clone();
    out.created = into.created.min(from.created);
    out.updated = now;
    out.archived = false;
    out.merged_into = None;
    for (id, theirs) in &from.answers {
        let joined = match out.answers.get(id) {
            Some(ours) => join_answers(ours, theirs),
            None => theirs.clone(),
        };
        out.answers.insert(id.clone(), joined);
    }
    for (list, records) in &from.captures {
        let ours = out.captures.entry(list.clone()).or_default();
        for record in records {
            if !ours.contains(record) {
                ours.push(record.clone());
            }
        }
    }
    for call in &from.calls {
        if !out.calls.contains(call) {
            out.calls.push(call.clone());
        }
    }
    out.calls.sort_by_key(|c| c.started);
    out.notes = join_notes(&out.notes, &from.notes, &from.name);
    match (&out.next_step, &from.next_step) {
        (None, Some(theirs)) => out.next_step = Some(theirs.clone()),
        (Some(ours), Some(theirs)) if ours != theirs => {
            // A next step has no history of its own; the notes keep the one not chosen.
            let date = theirs
                .date
                .map(|d| format!(" (by {d})"))
                .unwrap_or_default();
            let line = format!("Next step agreed with {}: {}{date}", from.name, theirs.text);
            out.notes = join_notes(&out.notes, &line, &from.name);
        }
        _ => {}
    }
    for (key, value) in &from.extra {
        out.extra
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
    out
}

/// The newer text stays current; the other and both histories become one history, oldest first.
fn join_answers(ours: &Answer, theirs: &Answer) -> Answer {
    let (current, other) = if theirs.updated > ours.updated {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut history: Vec<Version> = ours
        .history
        .iter()
        .chain(&theirs.history)
        .cloned()
        .collect();
    if other.text != current.text && !other.text.is_empty() {
        history.push(Version {
            text: other.text.clone(),
            updated: other.updated,
        });
    }
    history.sort_by_key(|v| v.updated);
    history.dedup();
    let mut extra = current.extra.clone();
    for (key, value) in &other.extra {
        extra.entry(key.clone()).or_insert_with(|| value.clone());
    }
    Answer {
        text: current.text.clone(),
        updated: current.updated,
        history,
        extra,
    }
}

fn join_notes(ours: &str, theirs: &str, from: &str) -> String {
    if theirs.trim().is_empty() || ours.contains(theirs) {
        return ours.to_string();
    }
    if ours.trim().is_empty() {
        return theirs.to_string();
    }
    format!("{}\n\nFrom {from}:\n{theirs}", ours.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::account::{CallMode, NextStep};
    use crate::core::builtin_bank_for_tests as bank;

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

    #[test]
    fn every_answer_record_call_and_note_of_both_is_kept() {
        let bank = bank();
        let mut into = Account::new("Keystone Fastener & Supply Co.", &bank, t(0));
        into.start_call(CallMode::Live, t(10));
        into.set_answer("valued-supplier", "On-time delivery", t(20));
        into.set_answer("decision-makers", "Dana in purchasing", t(21));
        into.records_mut("people")
            .push([("name".to_string(), "Dana".to_string())].into());
        into.notes = "Met at the fair.".into();
        into.next_step = Some(NextStep {
            text: "Send samples".into(),
            date: None,
        });
        let mut from = Account::new("Keystone Fastener", &bank, t(5));
        from.start_call(CallMode::Live, t(100));
        from.set_answer("valued-supplier", "Price, then quality", t(110));
        from.set_answer("our-limits", "No weekend delivery", t(111));
        from.records_mut("people")
            .push([("name".to_string(), "Lee".to_string())].into());
        from.records_mut("people")
            .push([("name".to_string(), "Dana".to_string())].into());
        from.notes = "Wants a call back Tuesday.".into();
        from.next_step = Some(NextStep {
            text: "Quote by Friday".into(),
            date: None,
        });

        let merged = combine(&into, &from, t(500));
        assert_eq!(merged.name, into.name);
        for text in texts(&into).into_iter().chain(texts(&from)) {
            assert!(texts(&merged).contains(&text), "lost answer {text:?}");
        }
        // The newer answer is current, the other in its history.
        let valued = &merged.answers["valued-supplier"];
        assert_eq!(valued.text, "Price, then quality");
        assert_eq!(valued.history[0].text, "On-time delivery");
        let people: Vec<&str> = merged
            .records("people")
            .iter()
            .map(|r| r["name"].as_str())
            .collect();
        assert_eq!(people, ["Dana", "Lee"]);
        assert_eq!(merged.calls.len(), 2);
        assert!(
            merged
                .calls
                .windows(2)
                .all(|w| w[0].started <= w[1].started)
        );
        for note in [
            "Met at the fair.",
            "Wants a call back Tuesday.",
            "Quote by Friday",
        ] {
            assert!(merged.notes.contains(note), "{}", merged.notes);
        }
        assert_eq!(merged.next_step.as_ref().unwrap().text, "Send samples");
        assert_eq!(merged.created, t(0));
        // Merging again adds nothing twice.
        assert_eq!(combine(&merged, &from, t(500)), merged);
    }
}
