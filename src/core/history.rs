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
            _ => format!("changed {number}: {} (was: {})", preview(new), preview(old)),
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

/// Records added and removed, pairing a removal and an addition of the same label as an edit.
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
    let mut out = Vec::new();
    for record in added {
        let title = list.title.to_lowercase();
        match removed.iter().position(|r| label(r) == label(record)) {
            Some(i) => {
                removed.remove(i);
                out.push(format!("updated {title}: {}", record_line(list, record)));
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

/// The account's calls as plain text, oldest first, for `disco history`.
pub fn timeline(account: &Account) -> String {
    let mut out = format!("{}\n", account.name);
    if account.calls.is_empty() {
        out += "No calls yet.\n";
    }
    for call in &account.calls {
        let when = call.started.strftime("%Y-%m-%d %H:%M");
        let mode = mode_label(call.mode);
        out += &format!(
            "\n{when} UTC · {} · {mode}\n",
            duration(call.started, call.ended)
        );
        if call.changes.is_empty() {
            out += "  nothing changed\n";
        }
        for change in &call.changes {
            out += &format!("  - {change}\n");
        }
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
