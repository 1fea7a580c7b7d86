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
