//! The written recap: a follow-up the rep can paste into an email, so what was agreed is in
//! writing. Also the data exports (CSV for a CRM contact import).

use super::bank::{Bank, CaptureList, FieldKind};
use super::company::Company;
use super::summary::summarize;
use super::{Account, Record};

/// Customer text as markdown that shows exactly what was typed: `<Jane>` must not vanish as a
/// tag, `*urgent*` not turn italic, a leading `# ` or `1. ` not become a heading or a list.
/// Only what would change the rendering is escaped, so the recap still reads as plain text
/// when pasted into a plain email (snake_case names stay as they are).
pub fn md_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let escape = match c {
            '\\' | '`' | '*' | '<' | '>' | '[' | ']' | '|' | '~' => true,
            // Underscores inside a word never emphasize.
            '_' => !(word(i.checked_sub(1)) && word(Some(i + 1))),
            '#' | '+' | '-' | '=' => i == 0,
            '.' | ')' => i > 0 && chars[..i].iter().all(char::is_ascii_digit),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn field<'a>(record: &'a Record, id: &str) -> &'a str {
    record.get(id).map_or("", |v| v.trim())
}

/// "**Label**, other fields…" for one record.
fn record_markdown(list: &CaptureList, record: &Record) -> String {
    let label = field(record, &list.label_field);
    let label = if label.is_empty() {
        "(unnamed)".to_string()
    } else {
        md_text(label)
    };
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
                FieldKind::Choice => format!("{}: {}", f.label.to_lowercase(), md_text(value)),
                FieldKind::Text => md_text(value),
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
            let status = md_text(field(record, &link.status_field));
            out += &format!("- {} ({status})\n", record_markdown(list, record));
        }
    }
    out += &super::guard::recap_warnings(list, records, company, md_text);
    out
}

/// The markdown follow-up for `account`.
pub fn markdown(account: &Account, bank: &Bank, company: Option<&Company>) -> String {
    let summary = summarize(account, bank);
    let mut out = format!("# {}: summary of our call\n", md_text(&account.name));
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
                out += &format!("- {}\n", md_text(&text.join(" ")));
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
            out += &format!("{}{date}.\n", md_text(next.text.trim_end_matches('.')));
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

    #[test]
    fn customer_text_shows_in_markdown_exactly_as_typed() {
        assert_eq!(md_text("Ask <Jane> first"), "Ask \\<Jane\\> first");
        assert_eq!(md_text("*urgent* [draft]"), "\\*urgent\\* \\[draft\\]");
        assert_eq!(md_text("# of sites"), "\\# of sites");
        assert_eq!(md_text("1. quality 2. price"), "1\\. quality 2. price");
        assert_eq!(md_text("- no list"), "\\- no list");
        assert_eq!(md_text("a-b c#d"), "a-b c#d");
        assert_eq!(
            md_text("mail john_doe at _noon_"),
            "mail john_doe at \\_noon\\_"
        );
        assert_eq!(md_text("C:\\path"), "C:\\\\path");
        assert_eq!(md_text("Plain words, 5 days."), "Plain words, 5 days.");
    }
}
