//! What a call captured, step by step: shared by the summary screen and, later, the recap.

use super::bank::{Bank, CaptureList};
use super::{Account, Record};

pub(crate) struct StepSummary<'a> {
    pub number: usize,
    pub title: &'a str,
    pub answered: Vec<(&'a str, &'a str)>,
    pub open_required: Vec<&'a str>,
    pub open_optional: usize,
    pub list: Option<(&'a CaptureList, &'a [Record])>,
}

pub(crate) struct Summary<'a> {
    pub steps: Vec<StepSummary<'a>>,
    pub orphaned: Vec<(&'a str, &'a str)>,
    pub notes: &'a str,
}

pub(crate) fn summarize<'a>(account: &'a Account, bank: &'a Bank) -> Summary<'a> {
    let steps = bank
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut summary = StepSummary {
                number: i + 1,
                title: &step.title,
                answered: Vec::new(),
                open_required: Vec::new(),
                open_optional: 0,
                list: step
                    .capture
                    .as_ref()
                    .map(|list| (list, account.records(&list.id))),
            };
            for question in &step.questions {
                if account.is_answered(&question.id) {
                    summary
                        .answered
                        .push((&question.ask, account.answer(&question.id)));
                } else if question.required {
                    summary.open_required.push(&question.ask);
                } else {
                    summary.open_optional += 1;
                }
            }
            summary
        })
        .collect();
    Summary {
        steps,
        orphaned: account.orphaned_answers(bank),
        notes: &account.notes,
    }
}

/// One line naming a record: its label field, then the other filled fields.
pub(crate) fn record_line(list: &CaptureList, record: &Record) -> String {
    let label = record.get(&list.label_field).map_or("", String::as_str);
    let label = if label.trim().is_empty() {
        "(unnamed)"
    } else {
        label
    };
    let rest: Vec<&str> = list
        .fields
        .iter()
        .filter(|f| f.id != list.label_field)
        .filter_map(|f| record.get(&f.id).map(String::as_str))
        .filter(|v| !v.trim().is_empty())
        .collect();
    if rest.is_empty() {
        label.to_string()
    } else {
        format!("{label} · {}", rest.join(" · "))
    }
}
