//! The written recap: a follow-up the rep can send, so what was agreed is in writing. One
//! document, written as markdown, as plain text for an email body, or as an email draft;
//! in the customer's version or an internal one. Also the CSV of people for a CRM import.

use super::bank::{Bank, CaptureList, FieldKind};
use super::company::Company;
use super::guard::Place;
use super::names::{fingerprint, slug};
use super::summary::summarize;
use super::{Account, Record};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

/// Customer text as markdown that shows exactly what was typed: `<Jane>` must not vanish as a
/// tag, `*urgent*` not turn italic, a leading `# ` or `1. ` not become a heading or a list.
/// Only what would change the rendering is escaped, so the recap still reads as plain text
/// when pasted into a plain email (snake_case names stay as they are).
pub(crate) fn md_text(text: &str) -> String {
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

/// Who the recap is for. The customer's version never carries the rep's `//` remarks or the
/// promise guard's warnings; the internal one shows both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Customer,
    Internal,
}

/// The written shapes of the recap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    /// Plain text for an email body: nothing escaped, line breaks kept.
    Text,
}

/// What Ctrl+T writes and where the rep sends it from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sendable {
    /// Plain text to paste into an email.
    #[default]
    Text,
    Markdown,
    /// An email draft to open in a mail client.
    Eml,
}

impl Sendable {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Sendable::Text => "txt",
            Sendable::Markdown => "md",
            Sendable::Eml => "eml",
        }
    }
}

/// The customer's recap of `account` as `sendable`; `now` and `from` date and sign an email;
/// `zone` is where the rep is, for the day of the call.
pub(crate) fn sendable(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
    sendable: Sendable,
    now: Timestamp,
    from: Option<&str>,
    zone: &TimeZone,
) -> String {
    let customer = Audience::Customer;
    match sendable {
        Sendable::Text => render(account, bank, company, Format::Text, customer, zone),
        Sendable::Markdown => render(account, bank, company, Format::Markdown, customer, zone),
        Sendable::Eml => eml(account, bank, company, now, from, zone),
    }
}

/// Account data as it may appear in a recap: no control characters (a recap is printed to
/// terminals and pasted into mail clients), tabs as spaces, line breaks kept (a lone `\r`, as
/// old Mac text has, is a line break too).
pub(crate) fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            // Bidirectional overrides can make text read differently from what it holds.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Where the rep's internal remark starts in `line`: at `//` that opens the line or follows a
/// space. `https://…` and `and/or` stay customer text.
fn remark_start(line: &str) -> Option<usize> {
    line.match_indices("//").map(|(i, _)| i).find(|&i| {
        line[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    })
}

/// Whether `text` is an internal remark from its first character.
fn is_remark(text: &str) -> bool {
    text.trim_start().starts_with("//")
}

/// The part of `text` that `audience` reads, cleaned, one entry per non-empty line. For the
/// customer, every `//` remark is cut to the end of its line.
fn visible_lines(text: &str, audience: Audience) -> Vec<String> {
    clean(text)
        .lines()
        .map(|line| match (audience, remark_start(line)) {
            (Audience::Customer, Some(at)) => &line[..at],
            _ => line,
        })
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// `text` as `audience` reads it, line breaks kept.
pub(crate) fn visible(text: &str, audience: Audience) -> String {
    visible_lines(text, audience).join("\n")
}

fn field<'a>(record: &'a Record, id: &str) -> &'a str {
    record.get(id).map_or("", |v| v.trim())
}

/// Fields that are contact details for the CRM, not news for the customer.
const CONTACT_FIELDS: [&str; 2] = ["email", "phone"];

/// A record the rep marked internal as a whole: its label starts with `//`.
fn is_internal_record(list: &CaptureList, record: &Record) -> bool {
    is_remark(field(record, &list.label_field))
}

/// The recap before it is written out: plain text pieces, already cleaned and filtered for
/// the audience, so each format only decides how they look.
struct Doc {
    title: String,
    intro: Vec<String>,
    sections: Vec<Section>,
}

struct Section {
    heading: String,
    blocks: Vec<Block>,
}

enum Block {
    Para(String),
    /// A short line that introduces the list below it ("What we heard:").
    Caption(String),
    List(Vec<Item>),
    Warning(String),
}

/// One bullet: an optional name shown first (bold in markdown), then text that may span lines.
struct Item {
    label: Option<String>,
    text: String,
}

fn record_item(list: &CaptureList, record: &Record, audience: Audience) -> Item {
    // A name shows on one line, before the rest of the record.
    let label = visible(field(record, &list.label_field), audience).replace('\n', " ");
    let label = if label.is_empty() {
        "(unnamed)".to_string()
    } else {
        label
    };
    let rest: Vec<String> = list
        .fields
        .iter()
        .filter(|f| f.id != list.label_field && !CONTACT_FIELDS.contains(&f.id.as_str()))
        .filter(|f| {
            list.company_sheet
                .as_ref()
                .is_none_or(|l| l.status_field != f.id)
        })
        .filter_map(|f| {
            let value = visible(field(record, &f.id), audience);
            (!value.is_empty()).then(|| match f.kind {
                FieldKind::Choice => format!("{}: {value}", f.label.to_lowercase()),
                FieldKind::Text => value,
            })
        })
        .collect();
    Item {
        label: Some(label),
        text: rest.join("; "),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stance {
    Can,
    Cannot,
    /// Any other status the bank offers ("conditional").
    Open,
    /// No status chosen yet: the rep has not said whether we can, so neither does the recap.
    Unset,
}

/// Verbs a rep starts a commitment with ("ship within 2 days"), so it reads "We can ship…"
/// rather than "We can offer ship…".
const VERBS: [&str; 40] = [
    "accept",
    "arrange",
    "beat",
    "build",
    "carry",
    "certify",
    "confirm",
    "customize",
    "deliver",
    "do",
    "drop-ship",
    "expedite",
    "extend",
    "get",
    "give",
    "guarantee",
    "handle",
    "hold",
    "include",
    "inspect",
    "install",
    "invoice",
    "keep",
    "machine",
    "make",
    "manage",
    "match",
    "meet",
    "offer",
    "pack",
    "provide",
    "quote",
    "repair",
    "replace",
    "reserve",
    "send",
    "ship",
    "source",
    "supply",
    "support",
];

/// Words that keep their capital inside a sentence.
const PROPER: [&str; 19] = [
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `text` with its first letter lowered when it only starts a sentence: "Next-day delivery"
/// → "next-day delivery", but "ISO 9001", "Friday" and "McMaster" stay.
fn decapitalize(text: &str) -> String {
    let word = text.split_whitespace().next().unwrap_or("");
    let mut chars = word.chars();
    let lower_rest = chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| !c.is_uppercase())
        && !PROPER.contains(&word.trim_end_matches(|c: char| !c.is_alphanumeric()));
    if !lower_rest {
        return text.to_string();
    }
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Ends `text` with a full stop unless it already ends a sentence.
fn full_stop(text: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() || text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The rest of `text` after any of `prefixes` (lowercase ASCII; case and curly apostrophes
/// in `text` are ignored).
fn after_prefix<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|prefix| {
        let mut chars = text.char_indices();
        for expected in prefix.chars() {
            let (_, c) = chars.next()?;
            let c = if c == '’' { '\'' } else { c };
            if c.to_ascii_lowercase() != expected {
                return None;
            }
        }
        Some(text[chars.offset()..].trim_start())
    })
}

/// A commitment as a sentence the customer reads naturally: "No next-day delivery outside the
/// metro area" marked can't becomes "We can't offer next-day delivery outside the metro
/// area."; a line already about us ("We source it") stays as written.
fn commitment_sentence(what: &str, stance: Stance) -> String {
    let ends_sentence = what.ends_with(['.', '!']);
    let core = what.trim_end_matches(['.', '!', ';', ',', ':', ' ']);
    let folded = core.to_lowercase().replace('’', "'");
    let about_us = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| {
            matches!(
                w,
                "we" | "we'll" | "we're" | "we've" | "we'd" | "our" | "us"
            )
        });
    let first = folded.split_whitespace().next().unwrap_or("");
    let starts_with_verb = VERBS.contains(&first);
    let (modal, offer) = match stance {
        Stance::Can => ("We can", "We can offer"),
        Stance::Cannot => ("We can't", "We can't offer"),
        Stance::Open => ("We may be able to", "We may be able to offer"),
        Stance::Unset => return full_stop(&format!("To be confirmed: {}", decapitalize(core))),
    };
    let sentence = if about_us {
        capitalize(core)
    } else if let (Stance::Cannot, Some(rest)) = (stance, after_prefix(core, &["no "])) {
        format!("{offer} {}", decapitalize(rest))
    } else if let (Stance::Cannot, Some(rest)) = (
        stance,
        after_prefix(core, &["can't ", "cannot ", "can not ", "cant "]),
    ) {
        format!("We can't {rest}")
    } else if let (Stance::Cannot, Some(rest)) =
        (stance, after_prefix(core, &["don't ", "do not "]))
    {
        format!("We don't {rest}")
    } else if let (Stance::Cannot, Some(rest)) =
        (stance, after_prefix(core, &["won't ", "will not "]))
    {
        format!("We won't {rest}")
    } else if let (Stance::Can | Stance::Open, Some(rest)) = (stance, after_prefix(core, &["can "]))
    {
        format!("{modal} {rest}")
    } else if starts_with_verb {
        format!("{modal} {}", decapitalize(core))
    } else if ends_sentence || (stance == Stance::Can && after_prefix(core, &["no "]).is_some()) {
        capitalize(core)
    } else {
        format!("{offer} {}", decapitalize(core))
    };
    full_stop(&sentence)
}

/// Notes that state a condition join the sentence ("… consignment stock if volume allows.");
/// other notes follow it as their own sentences.
fn with_notes(sentence: String, notes: &str) -> String {
    if notes.is_empty() {
        return sentence;
    }
    const CONDITIONS: [&str; 9] = [
        "if ",
        "when ",
        "once ",
        "provided ",
        "as long as ",
        "subject to ",
        "unless ",
        "depending ",
        "for orders ",
    ];
    let single_line = !notes.contains('\n');
    if single_line && after_prefix(notes, &CONDITIONS).is_some() {
        let head = sentence.trim_end_matches('.');
        let tail = notes.trim_end_matches(['.', ' ']);
        return format!("{head} {}.", decapitalize(tail));
    }
    let notes: Vec<String> = notes
        .lines()
        .map(|line| full_stop(&capitalize(line)))
        .collect();
    if single_line {
        format!("{sentence} {}", notes.join(" "))
    } else {
        format!("{sentence}\n{}", notes.join("\n"))
    }
}

fn commitment_items(
    list: &CaptureList,
    link: &super::bank::SheetLink,
    records: &[&Record],
    audience: Audience,
) -> Vec<Item> {
    let stance = |r: &Record| {
        let status = field(r, &link.status_field);
        if status == link.can {
            Stance::Can
        } else if status == link.cannot {
            Stance::Cannot
        } else if status.is_empty() {
            Stance::Unset
        } else {
            Stance::Open
        }
    };
    let mut ordered: Vec<&Record> = records.to_vec();
    ordered.sort_by_key(|r| match stance(r) {
        Stance::Can => 0,
        Stance::Cannot => 1,
        Stance::Open => 2,
        Stance::Unset => 3,
    });
    ordered
        .into_iter()
        .filter_map(|record| {
            let what = visible(field(record, &list.label_field), audience);
            if what.is_empty() {
                return None;
            }
            let notes: Vec<String> = list
                .fields
                .iter()
                .filter(|f| f.id != list.label_field && f.id != link.status_field)
                .filter(|f| f.kind == FieldKind::Text)
                .map(|f| visible(field(record, &f.id), audience))
                .filter(|v| !v.is_empty())
                .collect();
            let mut lines = what.lines();
            let first = commitment_sentence(lines.next().unwrap_or(""), stance(record));
            let rest: Vec<&str> = lines.collect();
            let sentence = if rest.is_empty() {
                first
            } else {
                format!("{first}\n{}", rest.join("\n"))
            };
            Some(Item {
                label: None,
                text: with_notes(sentence, &notes.join("\n")),
            })
        })
        .collect()
}

/// What the rep wrote that contradicts the company sheet (commitments of every status, answers,
/// the scratch note, the next step), each with where it was found: the one place the recap asks
/// the promise guard. Internal only: a warning is for the rep.
fn check_before_sending(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
) -> Vec<(Place, String)> {
    let Some(company) = company else {
        return Vec::new();
    };
    company
        .guard()
        .check_account(bank, account)
        .into_iter()
        .map(|warning| {
            let message = warning.finding.message();
            let text = match &warning.place {
                Place::Record { list, index, .. } => {
                    let label = bank
                        .capture_list(list)
                        .and_then(|l| account.records(list).get(*index).map(|r| (l, r)))
                        .map_or(String::new(), |(l, r)| {
                            clean(field(r, &l.label_field)).replace('\n', " ")
                        });
                    format!("“{label}”. {message}")
                }
                _ => format!(
                    "{}: {message}",
                    clean(&warning.place_label(bank, account)).replace('\n', " ")
                ),
            };
            (warning.place, clean(&text))
        })
        .collect()
}

/// Every warning the recap of `account` would carry, for the rep before sending.
pub(crate) fn warnings(account: &Account, bank: &Bank, company: Option<&Company>) -> Vec<String> {
    check_before_sending(account, bank, company)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// The warnings found at the places `here` picks, as recap blocks.
fn warning_blocks(found: &[(Place, String)], here: impl Fn(&Place) -> bool) -> Vec<Block> {
    found
        .iter()
        .filter(|(place, _)| here(place))
        .map(|(_, text)| Block::Warning(text.clone()))
        .collect()
}

/// The subject line of the recap, also its title.
pub(crate) fn subject(account: &Account) -> String {
    format!(
        "{}: summary of our call",
        clean(&account.name).replace('\n', " ")
    )
}

/// `zone`: where the rep is, for the day of the call.
fn build(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
    audience: Audience,
    zone: &TimeZone,
) -> Doc {
    let summary = summarize(account, bank);
    let found = match audience {
        Audience::Internal => check_before_sending(account, bank, company),
        Audience::Customer => Vec::new(),
    };
    let mut intro = Vec::new();
    if audience == Audience::Internal {
        intro.push(
            "Internal version: not for the customer. It shows your // remarks and what to check before sending."
                .to_string(),
        );
    }
    if let Some(call) = account.calls.last() {
        let day = zone.to_datetime(call.started).date();
        intro.push(format!("Call of {}.", day.strftime("%-d %B %Y")));
    }
    let mut sections = Vec::new();
    for (step, step_summary) in bank.steps.iter().zip(&summary.steps) {
        let mut blocks = Vec::new();
        if let Some((list, records)) = step_summary.list {
            let shown: Vec<&Record> = records
                .iter()
                .filter(|r| {
                    audience == Audience::Internal
                        || !(is_internal_record(list, r) || list.is_gone(r))
                })
                .collect();
            match &list.company_sheet {
                Some(link) => {
                    let items = commitment_items(list, link, &shown, audience);
                    if !items.is_empty() {
                        blocks.push(Block::List(items));
                    }
                }
                None if !shown.is_empty() => blocks.push(Block::List(
                    shown
                        .iter()
                        .map(|r| record_item(list, r, audience))
                        .collect(),
                )),
                None => {}
            }
            blocks.extend(warning_blocks(
                &found,
                |place| matches!(place, Place::Record { list: id, .. } if *id == list.id),
            ));
        }
        let heard: Vec<Item> = step_summary
            .answered
            .iter()
            .map(|(_, answer)| visible(answer, audience))
            .filter(|text| !text.is_empty())
            .map(|text| Item { label: None, text })
            .collect();
        if !heard.is_empty() {
            blocks.push(Block::Caption("What we heard:".into()));
            blocks.push(Block::List(heard));
        }
        blocks.extend(warning_blocks(&found, |place| {
            matches!(place, Place::Answer { question } if step.questions.iter().any(|q| q.id == *question))
        }));
        if blocks.is_empty() {
            blocks.push(Block::Para("Not covered yet.".into()));
        }
        sections.push(Section {
            heading: step.title.clone(),
            blocks,
        });
    }
    if let Some(company) = company
        && !company.people.is_empty()
    {
        let people = company
            .people
            .iter()
            .map(|person| {
                let contact = if person.contact.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", clean(&person.contact))
                };
                Item {
                    label: Some(clean(&person.name).replace('\n', " ")),
                    text: format!("{}{contact}", clean(&person.role)),
                }
            })
            .collect();
        sections.push(Section {
            heading: format!("Your team at {}", clean(&company.name)),
            blocks: vec![Block::List(people)],
        });
    }
    let open: Vec<Item> = bank
        .steps
        .iter()
        .flat_map(|step| &step.questions)
        // An answer that is all remarks told the customer nothing: the topic is still open.
        .filter(|q| q.required && visible(account.answer(&q.id), Audience::Customer).is_empty())
        .map(|q| Item {
            label: None,
            text: clean(q.topic()),
        })
        .collect();
    if !open.is_empty() {
        sections.push(Section {
            heading: "Still to discuss".into(),
            blocks: vec![Block::List(open)],
        });
    }
    let next = account
        .next_step
        .as_ref()
        .map(|next| (visible(&next.text, audience), next.date))
        .filter(|(text, _)| !text.is_empty());
    let next = match next {
        Some((text, date)) => {
            let date = date
                .map(|d| format!(", by {}", d.strftime("%A %-d %B %Y")))
                .unwrap_or_default();
            format!("{}{date}.", text.trim_end_matches('.'))
        }
        None => "To be agreed.".into(),
    };
    let mut blocks = vec![Block::Para(next)];
    blocks.extend(warning_blocks(&found, |place| *place == Place::NextStep));
    sections.push(Section {
        heading: "Next step".into(),
        blocks,
    });
    let note = warning_blocks(&found, |place| *place == Place::Notes);
    if !note.is_empty() {
        sections.push(Section {
            heading: "Scratch note".into(),
            blocks: note,
        });
    }
    Doc {
        title: subject(account),
        intro,
        sections,
    }
}

/// Markdown text for `text`, with line breaks kept as hard breaks indented by `indent`.
fn md_lines(text: &str, indent: &str) -> String {
    text.lines()
        .map(md_text)
        .collect::<Vec<_>>()
        .join(&format!("\\\n{indent}"))
}

fn write_markdown(doc: &Doc) -> String {
    let mut out = format!("# {}\n", md_text(&doc.title));
    for line in &doc.intro {
        out += &format!("\n{}\n", md_lines(line, ""));
    }
    for section in &doc.sections {
        out += &format!("\n## {}\n", md_text(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Para(text) | Block::Caption(text) => {
                    out += &format!("\n{}\n", md_lines(text, ""));
                }
                Block::List(items) => {
                    out.push('\n');
                    for item in items {
                        let text = md_lines(&item.text, "  ");
                        out += &match (&item.label, text.is_empty()) {
                            (Some(label), true) => format!("- **{}**\n", md_text(label)),
                            (Some(label), false) => format!("- **{}**: {text}\n", md_text(label)),
                            (None, _) => format!("- {text}\n"),
                        };
                    }
                }
                Block::Warning(text) => {
                    out += &format!("\n> ⚠ Check before sending: {}\n", md_lines(text, "> "));
                }
            }
        }
    }
    out
}

/// The body without the title, for an email whose subject already says it.
fn write_text_body(doc: &Doc) -> String {
    let mut paragraphs: Vec<String> = doc.intro.clone();
    for section in &doc.sections {
        paragraphs.push(section.heading.clone());
        let mut lines = String::new();
        for block in &section.blocks {
            match block {
                Block::Para(text) => paragraphs.push(text.clone()),
                Block::Caption(text) => lines = text.clone(),
                Block::List(items) => {
                    let mut list = std::mem::take(&mut lines);
                    for item in items {
                        if !list.is_empty() {
                            list.push('\n');
                        }
                        let text = item.text.replace('\n', "\n  ");
                        list += &match (&item.label, text.is_empty()) {
                            (Some(label), true) => format!("- {label}"),
                            (Some(label), false) => format!("- {label}: {text}"),
                            (None, _) => format!("- {text}"),
                        };
                    }
                    paragraphs.push(list);
                }
                Block::Warning(text) => {
                    paragraphs.push(format!("⚠ Check before sending: {text}"));
                }
            }
        }
    }
    paragraphs.join("\n\n") + "\n"
}

/// The recap of `account` in `format`, for `audience`; the call's day as it was in `zone`.
pub fn render(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
    format: Format,
    audience: Audience,
    zone: &TimeZone,
) -> String {
    let doc = build(account, bank, company, audience, zone);
    match format {
        Format::Markdown => write_markdown(&doc),
        Format::Text => format!("{}\n\n{}", doc.title, write_text_body(&doc)),
    }
}

/// The columns a CRM contact import expects, and the people list field that fills each.
const CRM_COLUMNS: [(&str, CrmSource); 6] = [
    ("First Name", CrmSource::FirstName),
    ("Last Name", CrmSource::LastName),
    ("Email", CrmSource::Field("email")),
    ("Phone", CrmSource::Field("phone")),
    ("Company", CrmSource::Company),
    ("Job Title", CrmSource::Field("title")),
];

#[derive(Debug, Clone, Copy)]
enum CrmSource {
    FirstName,
    LastName,
    Company,
    Field(&'static str),
}

/// "Raj Patel, P.E." → ("Raj", "Patel, P.E."): the first word is the first name.
fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.split_once(char::is_whitespace) {
        Some((first, last)) => (first, last.trim_start()),
        None => (name, ""),
    }
}

/// One CSV row per person of the first step's list, for a CRM contact import: First Name,
/// Last Name, Email, Phone, Company, Job Title, then the list's other fields (the part in the
/// decision, notes) under their own labels.
pub(crate) fn people_csv(account: &Account, bank: &Bank) -> String {
    let Some(list) = bank.steps.first().and_then(|s| s.capture.as_ref()) else {
        return String::new();
    };
    let mapped = |id: &str| {
        id == list.label_field
            || CRM_COLUMNS
                .iter()
                .any(|(_, source)| matches!(source, CrmSource::Field(f) if *f == id))
    };
    let others: Vec<_> = list.fields.iter().filter(|f| !mapped(&f.id)).collect();
    let mut header: Vec<String> = CRM_COLUMNS.iter().map(|(name, _)| csv_cell(name)).collect();
    header.extend(others.iter().map(|f| csv_cell(&clean(&f.label))));
    let mut out = header.join(",") + "\r\n";
    let company = clean(&account.name);
    for record in account.records(&list.id) {
        if is_internal_record(list, record) || list.is_gone(record) {
            continue;
        }
        let name = clean(field(record, &list.label_field));
        let (first, last) = split_name(&name);
        let mut row: Vec<String> = CRM_COLUMNS
            .iter()
            .map(|(_, source)| match source {
                CrmSource::FirstName => csv_cell(first),
                CrmSource::LastName => csv_cell(last),
                CrmSource::Company => csv_cell(&company),
                CrmSource::Field(id) => csv_cell(&clean(field(record, id))),
            })
            .collect();
        row.extend(
            others
                .iter()
                .map(|f| csv_cell(&clean(field(record, &f.id)))),
        );
        out += &row.join(",");
        out += "\r\n";
    }
    out
}

/// Addresses from the people list's `email` field that a mail client would take.
fn recipients(account: &Account, bank: &Bank) -> Vec<(String, String)> {
    let Some(list) = bank.steps.first().and_then(|s| s.capture.as_ref()) else {
        return Vec::new();
    };
    account
        .records(&list.id)
        .iter()
        .filter(|r| !is_internal_record(list, r) && !list.is_gone(r))
        .filter_map(|r| {
            let email = clean(field(r, "email"));
            let plausible = email.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty() && domain.contains('.') && !domain.contains('@')
            }) && !email.contains(char::is_whitespace)
                && !email.contains(['<', '>', ',', ';', '"']);
            let name = visible(field(r, &list.label_field), Audience::Customer).replace('\n', " ");
            plausible.then_some((name, email))
        })
        .collect()
}

/// The customer's recap as an email draft (RFC 5322): To the step-1 people who have an
/// email, the subject, the plain-text body. `X-Unsent` makes Outlook open it ready to send;
/// other clients open it as a message to forward or edit. `now` dates it and names it.
pub fn eml(
    account: &Account,
    bank: &Bank,
    company: Option<&Company>,
    now: Timestamp,
    from: Option<&str>,
    zone: &TimeZone,
) -> String {
    let doc = build(account, bank, company, Audience::Customer, zone);
    let mut message = MessageBuilder::new()
        .subject(doc.title.clone())
        .date(now.as_second())
        .message_id(format!(
            "recap.{}-{:08x}.{}@disco.invalid",
            slug(&account.name).as_deref().unwrap_or("account"),
            fingerprint(&account.name),
            now.as_second()
        ))
        .header("X-Unsent", Raw::new("1"))
        .text_body(write_text_body(&doc));
    let to = recipients(account, bank);
    if !to.is_empty() {
        message = message.to(to);
    }
    if let Some(from) = from.map(clean) {
        // "Maria Lopez <maria@example.com>" or a bare address.
        let from = match from.trim().trim_end_matches('>').split_once('<') {
            Some((name, address)) => (
                name.trim().trim_matches('"').to_string(),
                address.trim().to_string(),
            ),
            None => (String::new(), from.trim().to_string()),
        };
        if !from.1.is_empty() {
            message = message.from(from);
        }
    }
    // Writing into memory cannot fail; an empty draft would still say something went wrong.
    message.write_to_string().unwrap_or_default()
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
/// never runs a customer's words as a formula. A phone number ("+1 555 0100") is left as it
/// is: it holds no function to run, and a CRM would import the `'` into the number.
fn csv_cell(value: &str) -> String {
    let phone_like = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./x".contains(c));
    let value = if value.starts_with(['=', '+', '-', '@']) && !phone_like {
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
    fn phone_numbers_are_not_mistaken_for_formulas() {
        assert_eq!(csv_cell("+1 555 0100"), "+1 555 0100");
        assert_eq!(csv_cell("+1 (555) 010-0100"), "+1 (555) 010-0100");
        assert_eq!(csv_cell("+SUM(A1)"), "'+SUM(A1)");
        assert_eq!(csv_cell("-2+cmd|' /C calc'!A0"), "'-2+cmd|' /C calc'!A0");
    }

    #[test]
    fn commitments_read_as_sentences_about_us() {
        let cases = [
            (
                "No next-day delivery outside the metro area.",
                Stance::Cannot,
                "We can't offer next-day delivery outside the metro area.",
            ),
            (
                "Next-day delivery to the plant",
                Stance::Can,
                "We can offer next-day delivery to the plant.",
            ),
            (
                "Custom machining",
                Stance::Cannot,
                "We can't offer custom machining.",
            ),
            (
                "Can't do 2-day shipping",
                Stance::Cannot,
                "We can't do 2-day shipping.",
            ),
            (
                "don’t stock titanium",
                Stance::Cannot,
                "We don't stock titanium.",
            ),
            (
                "ship within 2 days",
                Stance::Can,
                "We can ship within 2 days.",
            ),
            (
                "Hold stock for Friday orders",
                Stance::Open,
                "We may be able to hold stock for Friday orders.",
            ),
            (
                "We don't do custom machining - we source it",
                Stance::Cannot,
                "We don't do custom machining - we source it.",
            ),
            (
                "Stocked items ship within 2 business days.",
                Stance::Can,
                "Stocked items ship within 2 business days.",
            ),
            (
                "ISO 9001 paperwork",
                Stance::Can,
                "We can offer ISO 9001 paperwork.",
            ),
            (
                "Saturday delivery",
                Stance::Cannot,
                "We can't offer Saturday delivery.",
            ),
            ("No minimum order", Stance::Can, "No minimum order."),
            (
                "Overnight when the line is down",
                Stance::Unset,
                "To be confirmed: overnight when the line is down.",
            ),
        ];
        for (what, stance, expected) in cases {
            assert_eq!(commitment_sentence(what, stance), expected, "{what:?}");
        }
    }

    #[test]
    fn notes_join_a_commitment_as_a_condition_or_follow_it() {
        assert_eq!(
            with_notes(
                "We may be able to offer consignment stock.".into(),
                "If volume allows"
            ),
            "We may be able to offer consignment stock if volume allows."
        );
        assert_eq!(
            with_notes(
                "We can't offer custom machining.".into(),
                "we source it, 6 weeks"
            ),
            "We can't offer custom machining. We source it, 6 weeks."
        );
        assert_eq!(
            with_notes("We can ship.".into(), "by noon\nfrom stock"),
            "We can ship.\nBy noon.\nFrom stock."
        );
    }

    #[test]
    fn remarks_are_cut_for_the_customer_only() {
        let text = "Jane decides\n// Rick in engineering??\nsee https://acme.example and/or fax // I said I'd check";
        assert_eq!(
            visible(text, Audience::Customer),
            "Jane decides\nsee https://acme.example and/or fax"
        );
        assert_eq!(visible(text, Audience::Internal), text);
        assert_eq!(visible("  // all of it", Audience::Customer), "");
    }

    #[test]
    fn the_internal_recap_warns_about_answers_the_note_and_the_next_step_too() {
        let bank = crate::core::builtin_bank_for_tests();
        let company: Company =
            crate::yaml::from_str(include_str!("../../question-banks/company.example.yaml"))
                .unwrap();
        let now = Timestamp::UNIX_EPOCH;
        let mut account = Account::new("Acme", &bank, now);
        let first = bank.steps[0].questions[0].id.clone();
        account.set_answer(&first, "I promised next day on spares", now);
        account.notes = "said yes to net 60 - check w/ finance".into();
        account.next_step = Some(crate::core::account::NextStep::new(
            "Send drawing so we can machine the spacers".into(),
            None,
        ));
        let internal = render(
            &account,
            &bank,
            Some(&company),
            Format::Text,
            Audience::Internal,
            &TimeZone::UTC,
        );
        // Whether the warning quoting `words` comes after the heading `from` and before `to`.
        let between = |words: &str, from: &str, to: &str| {
            let at = |heading: &str| internal.find(&format!("\n{heading}\n"));
            let warning = internal
                .lines()
                .find(|l| l.starts_with("⚠ Check before sending") && l.contains(words))
                .and_then(|l| internal.find(l));
            matches!((at(from), warning, at(to)), (Some(a), Some(w), Some(b)) if a < w && w < b)
        };
        // Each warning sits where the rep wrote the words, and quotes them.
        assert!(
            between("“next day”", "Who decides", "How they measure vendors"),
            "{internal}"
        );
        assert!(
            between("machine”", "Next step", "Scratch note"),
            "{internal}"
        );
        assert!(
            internal.contains("Scratch note\n\n⚠ Check before sending: Scratch note: “net 60”"),
            "{internal}"
        );
        assert_eq!(warnings(&account, &bank, Some(&company)).len(), 3);
        for format in [Format::Text, Format::Markdown] {
            let customer = render(
                &account,
                &bank,
                Some(&company),
                format,
                Audience::Customer,
                &TimeZone::UTC,
            );
            assert!(!customer.contains("Check before sending"), "{customer}");
            assert!(!customer.contains("Scratch note"), "{customer}");
        }
    }

    #[test]
    fn the_draft_goes_to_current_people_with_a_usable_address() {
        let bank = crate::core::builtin_bank_for_tests();
        let now = Timestamp::UNIX_EPOCH;
        let mut account = Account::new("Acme", &bank, now);
        let person = |name: &str, email: &str, part: &str| {
            Record::from_iter([
                ("name".to_string(), name.to_string()),
                ("email".to_string(), email.to_string()),
                ("part".to_string(), part.to_string()),
            ])
        };
        account.records_mut("people").extend([
            person("Jane \"JJ\" Roe, Ph.D.", " jane@acme.example ", "decides"),
            person("Tom", "tom@acme.example", "left the company"),
            person("// Rick?", "rick@acme.example", "influences"),
            person("Sam", "sam at acme", "uses"),
            person("Eve", "eve@acme.example>, x@evil.example", "uses"),
            person("Ann\r\nBcc: x@evil.example", "ann@acme.example", "uses"),
        ]);
        let eml = eml(
            &account,
            &bank,
            None,
            now,
            Some("Maria <maria@northwind.example>"),
            &TimeZone::UTC,
        );
        let message = mail_parser::MessageParser::default()
            .parse(eml.as_bytes())
            .unwrap();
        let to: Vec<(Option<&str>, Option<&str>)> = message
            .to()
            .unwrap()
            .iter()
            .map(|a| (a.name(), a.address()))
            .collect();
        assert_eq!(
            to,
            [
                (Some("Jane \"JJ\" Roe, Ph.D."), Some("jane@acme.example")),
                (Some("Ann Bcc: x@evil.example"), Some("ann@acme.example")),
            ]
        );
        assert!(message.bcc().is_none(), "{eml}");
    }

    /// The customer's recap as text, without a sheet.
    fn customer_text(account: &Account, bank: &Bank) -> String {
        render(
            account,
            bank,
            None,
            Format::Text,
            Audience::Customer,
            &TimeZone::UTC,
        )
    }

    #[test]
    fn an_answer_that_is_all_remarks_leaves_its_topic_to_discuss() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut account = Account::new("Acme", &bank, Timestamp::UNIX_EPOCH);
        account.set_answer("purchasing-alone", "// ask again", Timestamp::UNIX_EPOCH);
        account.set_answer("valued-supplier", "Speed", Timestamp::UNIX_EPOCH);
        let text = customer_text(&account, &bank);
        let open = text.split("Still to discuss\n\n").nth(1).unwrap_or("");
        assert!(
            open.contains("- Whether purchasing decides alone\n"),
            "{text}"
        );
        assert!(!open.contains("What makes a supplier valuable"), "{text}");
        assert!(!text.contains("ask again"), "{text}");
    }

    #[test]
    fn a_name_typed_over_two_lines_shows_on_one() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut account = Account::new("Acme", &bank, Timestamp::UNIX_EPOCH);
        account.records_mut("people").push(Record::from_iter([
            ("name".to_string(), "Jane\nRoe".to_string()),
            ("title".to_string(), "Buyer".to_string()),
        ]));
        let text = customer_text(&account, &bank);
        assert!(text.contains("\n- Jane Roe: Buyer"), "{text}");
    }

    #[test]
    fn control_characters_never_reach_a_recap() {
        assert_eq!(
            clean("a\u{1b}[31mred\tb\r\nc\u{202e}d\u{7}"),
            "a[31mred b\ncd"
        );
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

    #[test]
    fn the_day_of_the_call_is_the_reps_day() {
        let bank = crate::core::builtin_bank_for_tests();
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let mut account = Account::new("Acme", &bank, t("2026-11-24T23:30:00Z"));
        account.start_call(crate::core::CallMode::Live, t("2026-11-24T23:30:00Z"));
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let text = |zone| {
            render(
                &account,
                &bank,
                None,
                Format::Text,
                Audience::Customer,
                zone,
            )
        };
        assert!(
            text(&tokyo).contains("Call of 25 November 2026."),
            "{}",
            text(&tokyo)
        );
        assert!(text(&TimeZone::UTC).contains("Call of 24 November 2026."));
    }
}
