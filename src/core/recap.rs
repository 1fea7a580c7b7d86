//! The written recap: a follow-up the rep can paste into an email, so what was agreed is in
//! writing. Also the data exports (CSV for a CRM contact import).

use super::bank::{Bank, CaptureList, FieldKind};
use super::company::Company;
use super::guard::{Concern, check};
use super::summary::summarize;
use super::{Account, Record};

fn field<'a>(record: &'a Record, id: &str) -> &'a str {
    record.get(id).map_or("", |v| v.trim())
}

/// "**Label**, other fields…" for one record.
fn record_markdown(list: &CaptureList, record: &Record) -> String {
    let label = field(record, &list.label_field);
    let label = if label.is_empty() { "(unnamed)" } else { label };
    let rest: Vec<String> = list
        .fields
        .iter()
        .filter(|f| f.id != list.label_field)
        .filter(|f| {
            list.company_sheet
                .as_ref()
                .is_none_or(|l| l.status_field != f.id)
        })
        .filter_map(|f| {
            let value = field(record, &f.id);
            (!value.is_empty()).then(|| match f.kind {
                FieldKind::Choice => format!("{}: {value}", f.label.to_lowercase()),
                FieldKind::Text => value.to_string(),
            })
        })
        .collect();
    if rest.is_empty() {
        format!("**{label}**")
    } else {
        format!("**{label}**: {}", rest.join("; "))
    }
}

fn commitments_markdown(
    list: &CaptureList,
    records: &[Record],
    company: Option<&Company>,
) -> String {
    let Some(link) = &list.company_sheet else {
        return String::new();
    };
    let mut out = String::new();
    let groups = [
        (link.can.as_str(), "We can"),
        (link.cannot.as_str(), "We can't"),
    ];
    for (status, heading) in groups {
        let items: Vec<&Record> = records
            .iter()
            .filter(|r| field(r, &link.status_field) == status)
            .collect();
        if items.is_empty() {
            continue;
        }
        out += &format!("\n{heading}:\n\n");
        for record in items {
            out += &format!("- {}\n", record_markdown(list, record));
        }
    }
    let other: Vec<&Record> = records
        .iter()
        .filter(|r| {
            ![link.can.as_str(), link.cannot.as_str()].contains(&field(r, &link.status_field))
        })
        .collect();
    if !other.is_empty() {
        out += "\nTo be confirmed:\n\n";
        for record in other {
            let status = field(record, &link.status_field);
            out += &format!("- {} ({status})\n", record_markdown(list, record));
        }
    }
    let concerns: Vec<(String, Concern)> = company
        .map(|c| {
            records
                .iter()
                .filter_map(|r| {
                    check(list, r, c)
                        .map(|concern| (field(r, &list.label_field).to_string(), concern))
                })
                .collect()
        })
        .unwrap_or_default();
    for (label, concern) in concerns {
        out += &format!(
            "\n> ⚠ Check before sending: “{label}”. {}\n",
            concern.message()
        );
    }
    out
}

/// The markdown follow-up for `account`.
pub fn markdown(account: &Account, bank: &Bank, company: Option<&Company>) -> String {
    let summary = summarize(account, bank);
    let mut out = format!("# {}: summary of our call\n", account.name);
    if let Some(call) = account.calls.last() {
        out += &format!("\nCall of {}.\n", call.started.strftime("%-d %B %Y"));
    }
    for (step, step_summary) in bank.steps.iter().zip(&summary.steps) {
        out += &format!("\n## {}\n", step.title);
        let mut empty = true;
        if let Some((list, records)) = step_summary.list
            && !records.is_empty()
        {
            empty = false;
            if list.company_sheet.is_some() {
                out += &commitments_markdown(list, records, company);
            } else {
                out.push('\n');
                for record in records {
                    out += &format!("- {}\n", record_markdown(list, record));
                }
            }
        }
        if !step_summary.answered.is_empty() {
            empty = false;
            out += "\nWhat we heard:\n\n";
            for (_, answer) in &step_summary.answered {
                let text = answer
                    .split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>();
                out += &format!("- {}\n", text.join(" "));
            }
        }
        if empty {
            out += "\nNot covered yet.\n";
        }
    }
    if let Some(company) = company
        && !company.people.is_empty()
    {
        out += &format!("\n## Your team at {}\n\n", company.name);
        for person in &company.people {
            let contact = if person.contact.is_empty() {
                String::new()
            } else {
                format!(" ({})", person.contact)
            };
            out += &format!("- **{}**, {}{contact}\n", person.name, person.role);
        }
    }
    let open: Vec<&str> = summary
        .steps
        .iter()
        .flat_map(|s| s.open_required.iter().copied())
        .collect();
    if !open.is_empty() {
        out += "\n## Still to discuss\n\n";
        for ask in open {
            out += &format!("- {ask}\n");
        }
    }
    out += "\n## Next step\n\n";
    match &account.next_step {
        Some(next) => {
            let date = next
                .date
                .map(|d| format!(", by {}", d.strftime("%A %-d %B %Y")))
                .unwrap_or_default();
            out += &format!("{}{date}.\n", next.text.trim_end_matches('.'));
        }
        None => out += "To be agreed.\n",
    }
    out
}

/// One CSV row per record of the first step's capture list (the people, for a CRM import).
pub fn people_csv(account: &Account, bank: &Bank) -> String {
    let Some(list) = bank.steps.first().and_then(|s| s.capture.as_ref()) else {
        return String::new();
    };
    let mut out = String::new();
    let header: Vec<String> = list.fields.iter().map(|f| csv_cell(&f.label)).collect();
    out += &header.join(",");
    out += "\r\n";
    for record in account.records(&list.id) {
        let row: Vec<String> = list
            .fields
            .iter()
            .map(|f| csv_cell(field(record, &f.id)))
            .collect();
        out += &row.join(",");
        out += "\r\n";
    }
    out
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
/// never runs a customer's words as a formula.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
