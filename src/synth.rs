//! Realistic synthetic accounts for benchmarks and load tests: answers of varied length,
//! people, criteria, commitments and a few calls of history. Deterministic for a given seed.

use jiff::{SignedDuration, Timestamp};

use crate::core::account::{CallMode, NextStep};
use crate::core::practice::Rng;
use crate::core::{Account, Bank, Record};

const COMPANIES: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Keller",
    "Brightline",
    "Orion",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Zoë's",
    "Müller",
    "日本",
    "Åland",
];
const SUFFIXES: &[&str] = &[
    "Industries",
    "Supply",
    "Fluid Systems",
    "Packaging",
    "Medical",
    "GmbH",
    "AB",
    "Corp",
    "& Sons",
    "株式会社",
];
const FIRST: &[&str] = &[
    "Jane", "Raj", "Ana", "Marcus", "Helen", "Priya", "Dana", "Sam", "Kim", "Lee",
];
const LAST: &[&str] = &[
    "Roe", "Patel", "Ruiz", "Lee", "Brandt", "Shah", "Ortiz", "Chen", "Novak", "Okafor",
];
const PHRASES: &[&str] = &[
    "Engineering approves every new supplier before purchasing can order.",
    "They score vendors monthly on on-time delivery and defect rate.",
    "The last supplier shipped late twice and the line stopped.",
    "Quality wants certificates of conformance with every shipment.",
    "Price came up, but only after delivery and quality.",
    "They plan purchases weekly and expect stock within 48 hours.",
    "A supply agreement for twelve months would help them plan.",
    "The plant manager signs any new contract over 50k.",
];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

fn text(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| pick(rng, PHRASES))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn account_name(index: usize, rng: &mut Rng) -> String {
    format!("{} {} {index}", pick(rng, COMPANIES), pick(rng, SUFFIXES))
}

/// One account. `notes_bytes` pads the scratch note, for the large-account benchmarks.
pub fn account(bank: &Bank, index: usize, seed: u64, notes_bytes: usize) -> Account {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9));
    let base = Timestamp::from_second(1_790_000_000 + (rng.below(20_000_000) as i64))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let name = account_name(index, &mut rng);
    let mut account = Account::new(&name, bank, base);
    let calls = 1 + rng.below(4);
    for call in 0..calls {
        let start = base + SignedDuration::from_hours(24 * 7 * call as i64);
        account.start_call(CallMode::Live, start);
        for question in bank.question_refs().filter_map(|q| bank.question(q)) {
            if rng.below(3) > 0 {
                let sentences = 1 + rng.below(3);
                let answer = text(&mut rng, sentences);
                account.set_answer(&question.id, &answer, start + SignedDuration::from_mins(5));
            }
        }
        account.end_call(start + SignedDuration::from_mins(30));
    }
    for list in bank.capture_lists() {
        for _ in 0..rng.below(4) {
            let mut record = Record::new();
            // From the seed, like everything else here: the same seed, the same files.
            record.id = format!(
                "r-{:08x}{:08x}",
                rng.below(0xffff_ffff),
                rng.below(0xffff_ffff)
            );
            for field in &list.fields {
                let value = match field.kind {
                    crate::core::FieldKind::Choice => pick(
                        &mut rng,
                        &field.options.iter().map(String::as_str).collect::<Vec<_>>(),
                    )
                    .to_string(),
                    crate::core::FieldKind::Text if field.id == list.label_field => {
                        format!("{} {}", pick(&mut rng, FIRST), pick(&mut rng, LAST))
                    }
                    crate::core::FieldKind::Text => text(&mut rng, 1),
                };
                record.insert(field.id.clone(), value);
            }
            account.records_mut(&list.id).push(record);
        }
    }
    let mut notes = text(&mut rng, 2);
    while notes.len() < notes_bytes {
        notes.push('\n');
        notes.push_str(&text(&mut rng, 4));
    }
    account.notes = notes;
    if rng.below(2) == 0 {
        account.next_step = Some(NextStep::new(
            "Send the supply agreement draft".into(),
            jiff::civil::Date::new(2026, 12, 1 + rng.below(28) as i8).ok(),
        ));
    }
    account
}
