//! What changed during a call, in words, and the timeline of an account's calls.

use jiff::Timestamp;

use super::bank::{Bank, CaptureList};
use super::summary::record_line;
use super::{Account, Record};

const PREVIEW: usize = 60;

pub(crate) fn preview(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() > PREVIEW {
        let cut: String = line.chars().take(PREVIEW - 1).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

/// The changes from `before` to `after`, one line each, in script order.
pub fn changes(before: &Account, after: &Account, bank: &Bank) -> Vec<String> {
    let mut out = Vec::new();
    for at in bank.question_refs() {
        let Some(question) = bank.question(at) else {
            continue;
        };
        let number = format!("{}.{}", at.step + 1, at.question + 1);
        let (old, new) = (before.answer(&question.id), after.answer(&question.id));
        if old == new {
            continue;
        }
        out.push(match (old.trim().is_empty(), new.trim().is_empty()) {
            (true, false) => format!("answered {number}: {}", preview(new)),
            (false, true) => format!("cleared {number} (was: {})", preview(old)),
            _ => match appended(old, new) {
                // A preview of both would show the same first 60 characters twice.
                Some(added) => format!("added to {number}: {}", preview(added)),
                None => format!("changed {number}: {} (was: {})", preview(new), preview(old)),
            },
        });
    }
    for list in bank.capture_lists() {
        out.extend(record_changes(
            list,
            before.records(&list.id),
            after.records(&list.id),
        ));
    }
    if before.notes != after.notes {
        out.push("updated the scratch note".into());
    }
    if before.next_step != after.next_step
        && let Some(next) = &after.next_step
    {
        let date = next.date.map(|d| format!(" by {d}")).unwrap_or_default();
        out.push(format!("next step: {}{date}", preview(&next.text)));
    }
    out
}

/// The changes of a call continued after a reopen: what it logged before, then what changed
/// since, each line once.
pub fn continued(earlier: &[String], since: Vec<String>) -> Vec<String> {
    let mut out = earlier.to_vec();
    out.extend(since.into_iter().filter(|line| !earlier.contains(line)));
    out
}

/// The text added at the end of `old`, when that is all that changed (the rep came back to
/// an answer and went on typing).
fn appended<'a>(old: &str, new: &'a str) -> Option<&'a str> {
    let kept = old.trim_end();
    let added = new.strip_prefix(kept)?;
    (!added.trim().is_empty()).then_some(added)
}

/// Records added, changed and removed. A record keeps its id when edited, so an edit is told
/// from a removal and an addition by the id; a record whose label changed was renamed. A
/// removal and an addition of the same label (records from files without ids) count as an
/// edit too.
fn record_changes(list: &CaptureList, before: &[Record], after: &[Record]) -> Vec<String> {
    let mut removed: Vec<&Record> = before.iter().collect();
    let mut added = Vec::new();
    for record in after {
        match removed.iter().position(|r| *r == record) {
            Some(i) => {
                removed.remove(i);
            }
            None => added.push(record),
        }
    }
    let label = |r: &Record| r.get(&list.label_field).cloned().unwrap_or_default();
    let title = list.title.to_lowercase();
    let mut out = Vec::new();
    for record in added {
        let same_id = || {
            removed
                .iter()
                .position(|r| !r.id.is_empty() && r.id == record.id)
        };
        let same_label = || removed.iter().position(|r| label(r) == label(record));
        match same_id().or_else(same_label) {
            Some(i) => {
                let old = removed.remove(i);
                let (was, now) = (label(old), label(record));
                if was.trim() != now.trim() {
                    out.push(format!(
                        "renamed in {title}: {} → {}",
                        was.trim(),
                        now.trim()
                    ));
                }
                let mut renamed_only = old.clone();
                renamed_only.insert(list.label_field.clone(), now);
                if renamed_only.fields != record.fields || renamed_only.extra != record.extra {
                    out.push(format!("updated {title}: {}", record_line(list, record)));
                }
            }
            None => out.push(format!("added {title}: {}", record_line(list, record))),
        }
    }
    for record in removed {
        out.push(format!(
            "removed {}: {}",
            list.title.to_lowercase(),
            record_line(list, record)
        ));
    }
    out
}

fn duration(started: Timestamp, ended: Option<Timestamp>) -> String {
    match ended {
        Some(ended) => {
            let minutes = ended.duration_since(started).as_secs().max(0) / 60;
            if minutes == 0 {
                "under a minute".into()
            } else {
                format!("{minutes} min")
            }
        }
        None => "still open, or disco was stopped".into(),
    }
}

/// The account's calls and renames as plain text, oldest first, for `disco history`; times
/// in `zone`.
pub fn timeline(account: &Account, zone: &jiff::tz::TimeZone) -> String {
    let mut out = format!("{}\n", account.name);
    if account.calls.is_empty() {
        out += "No calls yet.\n";
    }
    let when = |at: Timestamp| {
        at.to_zoned_datetime(zone.clone())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string()
    };
    let mut entries: Vec<(Timestamp, String)> = account
        .renames
        .iter()
        .map(|r| {
            (
                r.at,
                format!(
                    "\n{} · renamed from {:?} to {:?}\n",
                    when(r.at),
                    r.from,
                    r.to
                ),
            )
        })
        .collect();
    for call in &account.calls {
        let mode = mode_label(call.mode);
        let mut text = format!(
            "\n{} · {} · {mode}\n",
            when(call.started),
            duration(call.started, call.ended)
        );
        if call.changes.is_empty() {
            text += "  nothing changed\n";
        }
        for change in &call.changes {
            text += &format!("  - {change}\n");
        }
        entries.push((call.started, text));
    }
    // Stable: a rename and a call at the same second keep renames first.
    entries.sort_by_key(|(at, _)| *at);
    for (_, text) in entries {
        out += &text;
    }
    if let Some(next) = &account.next_step {
        let date = next.date.map(|d| format!(" (by {d})")).unwrap_or_default();
        out += &format!("\nNext step: {}{date}\n", next.text);
    }
    out
}

fn mode_label(mode: super::CallMode) -> &'static str {
    match mode {
        super::CallMode::Live => "live call",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::builtin_bank_for_tests as bank;

    fn account() -> Account {
        Account::new("Acme", &bank(), Timestamp::UNIX_EPOCH)
    }

    fn person(id: &str, name: &str, title: &str) -> Record {
        let mut record = Record::new();
        record.id = id.into();
        record.insert("name".into(), name.into());
        record.insert("title".into(), title.into());
        record
    }

    #[test]
    fn text_typed_after_an_answer_shows_as_an_addition() {
        let mut before = account();
        let long = "Purchasing decides with engineering, and the plant manager signs anything over";
        before.set_answer("business-and-roles", long, Timestamp::UNIX_EPOCH);
        let mut after = before.clone();
        after.set_answer(
            "business-and-roles",
            &format!("{long} 10k.\nFinance reviews in Q1."),
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(
            changes(&before, &after, &bank()),
            ["added to 1.1: 10k."],
            "the preview shows the new words, not the same opening twice"
        );
        let mut rewritten = before.clone();
        rewritten.set_answer("business-and-roles", "Only the CFO", Timestamp::UNIX_EPOCH);
        assert!(changes(&before, &rewritten, &bank())[0].starts_with("changed 1.1: Only the CFO"));
    }

    #[test]
    fn a_renamed_person_is_one_rename_not_an_add_and_a_remove() {
        let mut before = account();
        before
            .records_mut("people")
            .push(person("p1", "Jon Smith", "CFO"));
        let mut after = before.clone();
        after.records_mut("people")[0] = person("p1", "John Smith", "CFO");
        assert_eq!(
            changes(&before, &after, &bank()),
            ["renamed in people: Jon Smith → John Smith"]
        );
        after.records_mut("people")[0] = person("p1", "John Smith", "CEO");
        assert_eq!(
            changes(&before, &after, &bank()),
            [
                "renamed in people: Jon Smith → John Smith",
                "updated people: John Smith · CEO"
            ]
        );
        // Another person with a new id is an addition.
        after
            .records_mut("people")
            .push(person("p2", "Ann Lee", "Buyer"));
        assert_eq!(
            changes(&before, &after, &bank()).last().map(String::as_str),
            Some("added people: Ann Lee · Buyer")
        );
    }

    #[test]
    fn a_continued_call_keeps_what_it_logged_before_each_line_once() {
        let earlier = vec!["answered 1.1: Purchasing".to_string()];
        let since = vec![
            "answered 1.1: Purchasing".to_string(),
            "answered 1.2: Monthly".to_string(),
        ];
        assert_eq!(
            continued(&earlier, since),
            ["answered 1.1: Purchasing", "answered 1.2: Monthly"]
        );
    }
}
