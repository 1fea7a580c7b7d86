//! The promise guard: a commitment that contradicts the company sheet is flagged the moment it
//! is recorded, so a rep never promises what delivery can't provide.

use super::Record;
use super::bank::{CaptureList, FieldKind, SHEET_ITEM_KEY};
use super::company::{Company, Item, Side, keyword_match};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern<'a> {
    /// Recorded as something we can do, but the sheet says we can't.
    Promise(&'a Item),
    /// Recorded as something we can't do, but the sheet says we can: a sale given away.
    Undersell(&'a Item),
}

impl Concern<'_> {
    pub fn message(&self) -> String {
        match self {
            Concern::Promise(item) => format!("We can't promise this. Sheet: {}", item.statement),
            Concern::Undersell(item) => format!("The sheet says we can: {}", item.statement),
        }
    }
}

/// What the guard has to say about one record of `list`, if anything.
pub fn check<'a>(list: &CaptureList, record: &Record, company: &'a Company) -> Option<Concern<'a>> {
    let link = list.company_sheet.as_ref()?;
    let status = record.get(&link.status_field)?;
    let picked = record.get(SHEET_ITEM_KEY).and_then(|id| company.item(id));
    let text: Vec<&str> = list
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Text)
        .filter_map(|f| record.get(&f.id).map(String::as_str))
        .collect();
    let text = text.join(" ");
    if *status == link.can {
        match picked {
            Some((Side::Cannot, item)) => Some(Concern::Promise(item)),
            Some((Side::Can, _)) => None,
            None => keyword_match(&company.cannot, &text).map(Concern::Promise),
        }
    } else if *status == link.cannot {
        match picked {
            Some((Side::Can, item)) => Some(Concern::Undersell(item)),
            Some((Side::Cannot, _)) => None,
            None => keyword_match(&company.can, &text).map(Concern::Undersell),
        }
    } else {
        None
    }
}

/// A commitment copied from the sheet: the statement as its label, the status from the side.
pub fn record_from_item(list: &CaptureList, side: Side, item: &Item) -> Option<Record> {
    let link = list.company_sheet.as_ref()?;
    let status = match side {
        Side::Can => &link.can,
        Side::Cannot => &link.cannot,
    };
    let mut record = Record::new();
    record.insert(list.label_field.clone(), item.statement.clone());
    record.insert(link.status_field.clone(), status.clone());
    record.insert(SHEET_ITEM_KEY.to_string(), item.id.clone());
    Some(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::builtin_bank_for_tests;

    fn company() -> Company {
        crate::yaml::from_str(include_str!("../../question-banks/company.example.yaml")).unwrap()
    }

    fn commitments() -> CaptureList {
        builtin_bank_for_tests()
            .capture_list("commitments")
            .unwrap()
            .clone()
    }

    fn record(pairs: &[(&str, &str)]) -> Record {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn concern_id(record: &Record) -> Option<(&'static str, String)> {
        let company = company();
        check(&commitments(), record, &company).map(|c| match c {
            Concern::Promise(item) => ("promise", item.id.clone()),
            Concern::Undersell(item) => ("undersell", item.id.clone()),
        })
    }

    #[test]
    fn a_cant_item_typed_as_can_is_flagged_by_keyword() {
        let typed = record(&[
            ("what", "Next-day delivery to the plant"),
            ("status", "can"),
        ]);
        assert_eq!(concern_id(&typed), Some(("promise", "next-day".into())));
        let in_notes = record(&[
            ("what", "Rush orders"),
            ("status", "can"),
            ("notes", "they want overnight"),
        ]);
        assert_eq!(concern_id(&in_notes), Some(("promise", "next-day".into())));
    }

    #[test]
    fn a_cant_item_picked_from_the_sheet_and_switched_to_can_is_flagged() {
        let list = commitments();
        let company = company();
        let (side, item) = company.item("custom-machining").unwrap();
        let mut picked = record_from_item(&list, side, item).unwrap();
        assert_eq!(
            check(&list, &picked, &company),
            None,
            "recorded as can't: fine"
        );
        picked.insert("status".into(), "can".into());
        assert_eq!(
            concern_id(&picked),
            Some(("promise", "custom-machining".into()))
        );
    }

    #[test]
    fn a_can_item_recorded_as_cant_is_flagged_both_ways() {
        let typed = record(&[("what", "Two days lead time on stock"), ("status", "can't")]);
        assert_eq!(
            concern_id(&typed),
            Some(("undersell", "stock-lead-time".into()))
        );
        let list = commitments();
        let company = company();
        let (side, item) = company.item("supply-agreement").unwrap();
        let mut picked = record_from_item(&list, side, item).unwrap();
        assert_eq!(check(&list, &picked, &company), None);
        picked.insert("status".into(), "can't".into());
        assert_eq!(
            concern_id(&picked),
            Some(("undersell", "supply-agreement".into()))
        );
    }

    #[test]
    fn nothing_is_flagged_without_a_match_or_for_conditional_items() {
        assert_eq!(
            concern_id(&record(&[
                ("what", "Weekly status calls"),
                ("status", "can")
            ])),
            None
        );
        assert_eq!(
            concern_id(&record(&[
                ("what", "Next-day delivery"),
                ("status", "conditional")
            ])),
            None
        );
        let other_list = builtin_bank_for_tests()
            .capture_list("people")
            .unwrap()
            .clone();
        let company = company();
        let person = record(&[("name", "Next-day Ned"), ("part", "decides")]);
        assert_eq!(
            check(&other_list, &person, &company),
            None,
            "only linked lists are checked"
        );
    }
}
