//! The three-way account merge: every edit of either side survives, and a deletion is undone
//! only by a concurrent edit of the same thing.

use std::collections::{BTreeMap, BTreeSet};

use disco::core::account::{Answer, Call, CallMode, NextStep};
use disco::core::{Account, Record, merge};
use disco::yaml::Value;
use jiff::Timestamp;
use proptest::prelude::*;

const QUESTIONS: [&str; 4] = ["q0", "q1", "q2", "q3"];
const LISTS: [&str; 2] = ["people", "criteria"];
const FIELDS: [&str; 3] = ["name", "title", "part"];

fn t(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn base_account() -> Account {
    let bank: disco::core::Bank = disco::yaml::from_str(disco::BUILTIN_BANK).unwrap();
    let mut account = Account::new("Acme", &bank, t(0));
    for (i, q) in QUESTIONS.iter().enumerate().take(3) {
        account
            .answers
            .insert(q.to_string(), answer(&format!("base {q}"), 100 + i as i64));
    }
    for (l, list) in LISTS.iter().enumerate() {
        for r in 0..3 {
            let mut record: Record = FIELDS
                .iter()
                .map(|f| (f.to_string(), format!("base {list} {r} {f}")))
                .collect();
            record.id = format!("r-{l}-{r}");
            account.records_mut(list).push(record);
        }
    }
    account.notes = (0..6)
        .map(|i| format!("base line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    account.calls.push(call(50));
    account
        .extra
        .insert("team".into(), Value::String("east".into()));
    account
}

fn answer(text: &str, at: i64) -> Answer {
    Answer {
        text: text.into(),
        updated: t(at),
        history: Vec::new(),
        extra: BTreeMap::new(),
    }
}

fn call(at: i64) -> Call {
    Call {
        started: t(at),
        ended: None,
        mode: CallMode::Live,
        changes: Vec::new(),
        extra: BTreeMap::new(),
    }
}

/// One thing a rep (or a hand edit) can do to a copy of the account.
#[derive(Debug, Clone)]
enum Edit {
    SetAnswer {
        question: usize,
        at: i64,
    },
    DeleteAnswer {
        question: usize,
    },
    AddRecord {
        list: usize,
    },
    ChangeRecord {
        list: usize,
        pick: usize,
        field: usize,
    },
    DeleteRecord {
        list: usize,
        pick: usize,
    },
    InsertLine {
        pick: usize,
    },
    DeleteLine {
        pick: usize,
    },
    AddCall {
        at: i64,
    },
    SetExtra {
        key: usize,
    },
    SetNextStep {
        at: i64,
    },
    ClearNextStep,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..QUESTIONS.len(), 0i64..400).prop_map(|(question, at)| Edit::SetAnswer { question, at }),
        (0..QUESTIONS.len()).prop_map(|question| Edit::DeleteAnswer { question }),
        (0..LISTS.len()).prop_map(|list| Edit::AddRecord { list }),
        (0..LISTS.len(), 0usize..8, 0..FIELDS.len())
            .prop_map(|(list, pick, field)| Edit::ChangeRecord { list, pick, field }),
        (0..LISTS.len(), 0usize..8).prop_map(|(list, pick)| Edit::DeleteRecord { list, pick }),
        (0usize..12).prop_map(|pick| Edit::InsertLine { pick }),
        (0usize..12).prop_map(|pick| Edit::DeleteLine { pick }),
        (0i64..400).prop_map(|at| Edit::AddCall { at }),
        (0usize..3).prop_map(|key| Edit::SetExtra { key }),
        (0i64..400).prop_map(|at| Edit::SetNextStep { at }),
        Just(Edit::ClearNextStep),
    ]
}

/// Applies the edits; every text written is unique (`side` and the edit's rank), so the
/// checks can tell whose edit a value is.
fn apply(base: &Account, side: &str, edits: &[Edit]) -> Account {
    let mut account = base.clone();
    for (n, edit) in edits.iter().enumerate() {
        let text = format!("{side} edit {n}");
        match *edit {
            Edit::SetAnswer { question, at } => {
                let q = QUESTIONS[question].to_string();
                let mut new = answer(&text, at);
                if let Some(old) = account.answers.get(&q) {
                    new.history = old.history.clone();
                }
                account.answers.insert(q, new);
            }
            Edit::DeleteAnswer { question } => {
                account.answers.remove(QUESTIONS[question]);
            }
            Edit::AddRecord { list } => {
                let record: Record = [("name".to_string(), text)].into_iter().collect();
                account.records_mut(LISTS[list]).push(record);
            }
            Edit::ChangeRecord { list, pick, field } => {
                let records = account.records_mut(LISTS[list]);
                if !records.is_empty() {
                    let at = pick % records.len();
                    records[at].insert(FIELDS[field].to_string(), text);
                }
            }
            Edit::DeleteRecord { list, pick } => {
                let records = account.records_mut(LISTS[list]);
                if !records.is_empty() {
                    let at = pick % records.len();
                    records.remove(at);
                }
            }
            Edit::InsertLine { pick } => {
                let mut lines: Vec<String> = account.notes.split('\n').map(String::from).collect();
                let at = pick % (lines.len() + 1);
                lines.insert(at, text);
                account.notes = lines.join("\n");
            }
            Edit::DeleteLine { pick } => {
                let mut lines: Vec<String> = account.notes.split('\n').map(String::from).collect();
                let at = pick % lines.len();
                lines.remove(at);
                account.notes = lines.join("\n");
            }
            Edit::AddCall { at } => {
                if !account.calls.iter().any(|c| c.started == t(at)) {
                    account.calls.push(call(at));
                    account.calls.sort_by_key(|c| c.started);
                }
            }
            Edit::SetExtra { key } => {
                account.extra.insert(format!("x{key}"), Value::String(text));
            }
            Edit::SetNextStep { at } => {
                account.set_next_step(Some(NextStep::new(text, None)), t(at));
            }
            Edit::ClearNextStep => {
                account.set_next_step(None, t(0));
            }
        }
    }
    account
}

fn records_by_id(account: &Account, list: &str) -> BTreeMap<String, Record> {
    account
        .records(list)
        .iter()
        .map(|r| (r.id.clone(), r.clone()))
        .collect()
}

fn lines(text: &str) -> BTreeSet<&str> {
    text.split('\n').collect()
}

/// Every edit `side` made to `base` is in `merged`.
fn assert_keeps_edits(
    base: &Account,
    side: &Account,
    merged: &Account,
) -> Result<(), TestCaseError> {
    for (q, answer) in &side.answers {
        if base.answers.get(q) != Some(answer) && !answer.text.is_empty() {
            let kept = merged.answers.get(q).is_some_and(|m| {
                m.text == answer.text || m.history.iter().any(|v| v.text == answer.text)
            });
            prop_assert!(
                kept,
                "answer {q} {:?} lost: {:?}",
                answer.text,
                merged.answers.get(q)
            );
        }
    }
    for list in LISTS {
        let before = records_by_id(base, list);
        for record in side.records(list) {
            let old = before.get(&record.id);
            for (field, value) in &record.fields {
                if old.and_then(|o| o.get(field)) == Some(value) {
                    continue;
                }
                let kept = merged
                    .records(list)
                    .iter()
                    .any(|m| m.id.starts_with(&record.id) && m.get(field) == Some(value));
                prop_assert!(kept, "{list} {} {field}={value:?} lost", record.id);
            }
        }
    }
    let (base_lines, merged_lines) = (lines(&base.notes), lines(&merged.notes));
    for line in lines(&side.notes) {
        prop_assert!(
            base_lines.contains(line) || merged_lines.contains(line),
            "note line {line:?} lost: {:?}",
            merged.notes
        );
    }
    for call in &side.calls {
        prop_assert!(merged.calls.iter().any(|c| c.started == call.started));
    }
    if let Some(next) = &side.next_step
        && base.next_step.as_ref().map(|b| &b.text) != Some(&next.text)
    {
        let kept = merged
            .next_step
            .as_ref()
            .is_some_and(|m| m.text == next.text || m.history.iter().any(|v| v.text == next.text));
        prop_assert!(
            kept,
            "next step {:?} lost: {:?}",
            next.text,
            merged.next_step
        );
    }
    Ok(())
}

/// What `side` deleted from `base` is gone from `merged`, unless `other` edited it.
fn assert_deletions_hold(
    base: &Account,
    side: &Account,
    other: &Account,
    merged: &Account,
) -> Result<(), TestCaseError> {
    for (q, answer) in &base.answers {
        if !side.answers.contains_key(q) && merged.answers.contains_key(q) {
            prop_assert_ne!(
                other.answers.get(q),
                Some(answer),
                "deleted answer {} came back",
                q
            );
        }
    }
    for list in LISTS {
        let (after, others, now) = (
            records_by_id(side, list),
            records_by_id(other, list),
            records_by_id(merged, list),
        );
        for (id, record) in records_by_id(base, list) {
            if !after.contains_key(&id) && now.contains_key(&id) {
                prop_assert_ne!(
                    others.get(&id),
                    Some(&record),
                    "deleted record {} came back",
                    id
                );
            }
            if !after.contains_key(&id) && others.get(&id).is_some_and(|o| *o != record) {
                prop_assert!(
                    now.contains_key(&id),
                    "record {id} edited by one side was lost"
                );
            }
        }
    }
    Ok(())
}

/// The base, both sides after their edits, and their merge.
struct Three {
    base: Account,
    ours: Account,
    theirs: Account,
    merged: Account,
}

fn three(ours_edits: &[Edit], theirs_edits: &[Edit]) -> Three {
    let base = base_account();
    let ours = apply(&base, "ours", ours_edits);
    let theirs = apply(&base, "theirs", theirs_edits);
    let merged = merge(&base, &ours, &theirs);
    Three {
        base,
        ours,
        theirs,
        merged,
    }
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn merge_keeps_every_edit_of_either_side(ours in edits(), theirs in edits()) {
        let m = three(&ours, &theirs);
        assert_keeps_edits(&m.base, &m.ours, &m.merged)?;
        assert_keeps_edits(&m.base, &m.theirs, &m.merged)?;
    }

    #[test]
    fn a_deletion_is_lost_only_to_a_concurrent_edit(ours in edits(), theirs in edits()) {
        let m = three(&ours, &theirs);
        assert_deletions_hold(&m.base, &m.ours, &m.theirs, &m.merged)?;
        assert_deletions_hold(&m.base, &m.theirs, &m.ours, &m.merged)?;
    }

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other_and_merging_again_changes_nothing(
        ours in edits(),
        theirs in edits(),
    ) {
        let m = three(&ours, &theirs);
        prop_assert_eq!(&merge(&m.base, &m.ours, &m.base), &m.ours);
        prop_assert_eq!(&merge(&m.base, &m.base, &m.ours), &m.ours);
        // Merging a side in again adds nothing: repeated saves do not grow the file.
        prop_assert_eq!(&merge(&m.base, &m.merged, &m.theirs), &m.merged);
        prop_assert_eq!(&merge(&m.base, &m.merged, &m.ours), &m.merged);
    }
}

#[test]
fn an_answer_changed_on_both_sides_keeps_the_newer_and_the_other_in_history() {
    let base = base_account();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.answers
        .insert("q0".into(), answer("ours, said at 300", 300));
    theirs
        .answers
        .insert("q0".into(), answer("theirs, said at 200", 200));
    let merged = merge(&base, &ours, &theirs);
    let q0 = &merged.answers["q0"];
    assert_eq!(q0.text, "ours, said at 300");
    assert_eq!(q0.history.len(), 1);
    assert_eq!(q0.history[0].text, "theirs, said at 200");
    let swapped = merge(&base, &theirs, &ours);
    assert_eq!(swapped.answers["q0"].text, "ours, said at 300");
}

#[test]
fn a_record_edited_on_both_sides_merges_field_by_field() {
    let base = base_account();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.records_mut("people")[0].insert("title".into(), "VP Purchasing".into());
    theirs.records_mut("people")[0].insert("part".into(), "decides".into());
    let merged = merge(&base, &ours, &theirs);
    let people = merged.records("people");
    assert_eq!(people.len(), 3, "no sibling without a clash");
    assert_eq!(people[0].get("title").unwrap(), "VP Purchasing");
    assert_eq!(people[0].get("part").unwrap(), "decides");
}

#[test]
fn a_field_changed_differently_on_both_sides_keeps_both_records() {
    let base = base_account();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.records_mut("people")[1].insert("title".into(), "ours".into());
    theirs.records_mut("people")[1].insert("title".into(), "theirs".into());
    let merged = merge(&base, &ours, &theirs);
    let titles: Vec<&str> = merged
        .records("people")
        .iter()
        .map(|r| r.get("title").unwrap().as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "base people 0 title",
            "ours",
            "theirs",
            "base people 2 title"
        ]
    );
    assert_eq!(
        merge(&base, &merged, &theirs),
        merged,
        "the sibling is added once"
    );
}

#[test]
fn notes_merge_by_lines_and_overlapping_changes_keep_both() {
    let base = base_account();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.notes = ours.notes.replace("base line 1", "ours line 1") + "\nours at the end";
    theirs.notes = theirs
        .notes
        .replace("base line 1", "theirs line 1")
        .replace("base line 4\n", "");
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(
        merged.notes,
        "base line 0\nours line 1\ntheirs line 1\nbase line 2\nbase line 3\nbase line 5\nours at the end"
    );
}

#[test]
fn a_next_step_changed_on_both_sides_keeps_the_newer_and_the_other_in_history() {
    let base = base_account();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.set_next_step(Some(NextStep::new("Send the draft".into(), None)), t(200));
    theirs.set_next_step(
        Some(NextStep::new("Book a site visit".into(), None)),
        t(300),
    );
    for merged in [merge(&base, &ours, &theirs), merge(&base, &theirs, &ours)] {
        let next = merged.next_step.unwrap();
        assert_eq!(next.text, "Book a site visit");
        let history: Vec<&str> = next.history.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(history, ["Send the draft"]);
    }
}

#[test]
fn a_form_left_half_typed_on_another_copy_is_kept() {
    let base = base_account();
    let ours = base.clone();
    let mut theirs = base.clone();
    theirs.draft = Some(disco::core::account::Draft {
        list: "people".into(),
        editing: None,
        original: None,
        fields: [("name".to_string(), "Dana Re".to_string())]
            .into_iter()
            .collect(),
        field: 0,
    });
    let mut ours_touched = ours.clone();
    ours_touched.notes.push_str("\nours");
    let merged = merge(&base, &ours_touched, &theirs);
    assert_eq!(merged.draft, theirs.draft);
    // Saved here (no draft any more) while theirs never had one: gone for good.
    let mut drafted = base.clone();
    drafted.draft = theirs.draft.clone();
    let mut saved = drafted.clone();
    saved.draft = None;
    let mut other = drafted.clone();
    other.notes.push_str("\nother");
    assert_eq!(merge(&drafted, &saved, &other).draft, None);
}

#[test]
fn calls_that_started_in_the_same_second_all_survive_a_merge() {
    // Calls on a fixed clock (DISCO_NOW) share their start; once only one of them was kept.
    let mut base = base_account();
    for change in ["first", "second", "third"] {
        let mut c = call(50);
        c.changes = vec![change.into()];
        base.calls.push(c);
    }
    let mut ours = base.clone();
    ours.notes.push_str("\nours");
    let mut theirs = base.clone();
    theirs.notes.push_str("\ntheirs");
    let mut ours_call = call(50);
    ours_call.changes = vec!["ours".into()];
    ours.calls.push(ours_call);
    let mut theirs_call = call(50);
    theirs_call.changes = vec!["theirs".into()];
    theirs.calls.push(theirs_call);
    let merged = merge(&base, &ours, &theirs);
    let changes: Vec<&str> = merged
        .calls
        .iter()
        .flat_map(|c| c.changes.iter().map(String::as_str))
        .collect();
    for change in ["first", "second", "third", "ours", "theirs"] {
        assert!(changes.contains(&change), "{change} lost: {changes:?}");
    }
    assert_eq!(merged.calls.len(), base.calls.len() + 2);
}

/// Writes the three versions as git hands them to the merge driver and runs it: the result
/// replaces OURS. An empty base is what git gives when both sides added the file.
fn through_the_driver(base: Option<&Account>, ours: &Account, theirs: &Account) -> Account {
    let dir = tempfile::tempdir().unwrap();
    let path = |n: &str| dir.path().join(n);
    let text = |a: &Account| disco::yaml::to_string(a).unwrap();
    std::fs::write(path("base"), base.map(text).unwrap_or_default()).unwrap();
    std::fs::write(path("ours"), text(ours)).unwrap();
    std::fs::write(path("theirs"), text(theirs)).unwrap();
    let merged = disco::storage::team::merge_file(
        &path("base"),
        &path("ours"),
        &path("theirs"),
        Some("accounts/acme.yaml"),
    )
    .unwrap();
    assert!(merged.notes.is_empty());
    let written = std::fs::read_to_string(path("ours")).unwrap();
    assert!(!written.contains("<<<<<<<") && !written.contains(">>>>>>>"));
    disco::storage::accounts::parse_account(written.as_bytes()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The git merge driver loses nothing of either side, with the real base or without one.
    #[test]
    fn the_merge_driver_keeps_every_edit_of_either_side(ours in edits(), theirs in edits(), both_added in any::<bool>()) {
        let m = three(&ours, &theirs);
        let base = (!both_added).then_some(&m.base);
        let merged = through_the_driver(base, &m.ours, &m.theirs);
        assert_keeps_edits(&m.base, &m.ours, &merged)?;
        assert_keeps_edits(&m.base, &m.theirs, &merged)?;
        if !both_added {
            prop_assert_eq!(&merged, &m.merged);
        }
    }
}

#[test]
fn a_rename_on_one_side_survives_an_edit_on_the_other() {
    let base = base_account();
    let mut ours = base.clone();
    ours.rename("Acme Industrial".into(), t(50));
    let mut theirs = base.clone();
    theirs.notes = "a note from the other copy".into();
    let merged = merge::merge(&base, &theirs, &ours);
    assert_eq!(merged.name, "Acme Industrial");
    assert_eq!(merged.renames.len(), 1);
    assert_eq!(merged.renames[0].from, base.name);
    assert_eq!(merged.notes, "a note from the other copy");
}
