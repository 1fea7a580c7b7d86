//! Account files in script order: answers in the bank's order, capture lists in the order of
//! the steps, record fields in the form's order; keys the bank does not know come after the
//! known ones, as before (by name). A reader of the YAML, and `git diff`, see the call as it
//! went. Reading does not care about order: files written in any order still read.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serializer;
use serde::ser::{SerializeMap, SerializeSeq};

use super::account::Answer;
use super::bank::Bank;
use super::record::Record;

/// Where each question, list and field comes in the script.
#[derive(Debug, Default)]
pub struct ScriptOrder {
    questions: HashMap<String, usize>,
    /// A list's place among the lists, and its fields' places in the form.
    lists: HashMap<String, (usize, HashMap<String, usize>)>,
}

impl ScriptOrder {
    pub(crate) fn of(bank: &Bank) -> Self {
        let questions = bank
            .question_refs()
            .filter_map(|at| bank.question(at))
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        let lists = bank
            .capture_lists()
            .enumerate()
            .map(|(i, list)| {
                let fields = list
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(j, f)| (f.id.clone(), j))
                    .collect();
                (list.id.clone(), (i, fields))
            })
            .collect();
        Self { questions, lists }
    }
}

/// The order an account is written in; none writes keys by name. Bookkeeping, not content:
/// two accounts alike but for it are equal.
#[derive(Debug, Clone, Default)]
pub struct Script(pub Option<Arc<ScriptOrder>>);

impl PartialEq for Script {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

thread_local! {
    /// The order of the account being written: serde's field functions get only the field.
    static WRITING: RefCell<Option<Arc<ScriptOrder>>> = const { RefCell::new(None) };
}

/// Runs `write` with `script` as the order the account's answers and records are written in.
pub(crate) fn writing<R>(script: &Script, write: impl FnOnce() -> R) -> R {
    let before = WRITING.with(|w| w.replace(script.0.clone()));
    let result = write();
    WRITING.with(|w| *w.borrow_mut() = before);
    result
}

/// Known keys by their place, then unknown ones by name (the map's order).
fn ordered<T>(
    map: &BTreeMap<String, T>,
    place: impl Fn(&str) -> Option<usize>,
) -> Vec<(&String, &T)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by_key(|(key, _)| place(key).map_or((1, 0), |i| (0, i)));
    entries
}

/// `serialize_with` for the answers.
pub(crate) fn answers<S: Serializer>(
    map: &BTreeMap<String, Answer>,
    s: S,
) -> Result<S::Ok, S::Error> {
    WRITING.with(|w| {
        let order = w.borrow();
        let place = |id: &str| order.as_ref().and_then(|o| o.questions.get(id).copied());
        let mut out = s.serialize_map(Some(map.len()))?;
        for (id, answer) in ordered(map, place) {
            out.serialize_entry(id, answer)?;
        }
        out.end()
    })
}

/// `serialize_with` for the capture lists: each record's fields in its form's order.
pub(crate) fn captures<S: Serializer>(
    map: &BTreeMap<String, Vec<Record>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    WRITING.with(|w| {
        let order = w.borrow();
        let list = |id: &str| order.as_ref().and_then(|o| o.lists.get(id));
        let mut out = s.serialize_map(Some(map.len()))?;
        for (id, records) in ordered(map, |id| list(id).map(|(i, _)| *i)) {
            out.serialize_entry(id, &InForm(records, list(id).map(|(_, f)| f)))?;
        }
        out.end()
    })
}

struct InForm<'a>(&'a [Record], Option<&'a HashMap<String, usize>>);

impl serde::Serialize for InForm<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for record in self.0 {
            seq.serialize_element(&record.in_order(self.1))?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Account;
    use crate::core::builtin_bank_for_tests as bank;
    use jiff::Timestamp;

    fn positions(text: &str, keys: &[&str]) -> Vec<usize> {
        keys.iter()
            .map(|k| {
                text.find(k)
                    .unwrap_or_else(|| panic!("{k} missing in\n{text}"))
            })
            .collect()
    }

    #[test]
    fn answers_lists_and_fields_are_written_in_script_order_unknown_keys_last() {
        let bank = bank();
        let t = Timestamp::UNIX_EPOCH;
        let mut account = Account::new("Acme", &bank, t);
        // Typed out of order: step 3, step 2, step 1, and a retired question.
        account.set_answer("what-we-cannot-do", "No weekend delivery", t);
        account.set_answer("valued-supplier", "On time", t);
        account.set_answer("business-and-roles", "Distributor", t);
        account.set_answer("aaa-retired-question", "kept", t);
        let mut person = Record::new();
        person.id = "p1".into();
        for (field, text) in [
            ("zz-hand-added", "x"),
            ("part", "decides"),
            ("name", "Jane"),
            ("title", "Buyer"),
        ] {
            person.insert(field.into(), text.into());
        }
        account.records_mut("people").push(person.clone());
        account.records_mut("criteria").push(Record::new());
        let text = account.to_yaml().unwrap();
        let answers = positions(
            &text,
            &[
                "business-and-roles:",
                "valued-supplier:",
                "aaa-retired-question:",
            ],
        );
        assert!(answers.is_sorted(), "{text}");
        let lists = positions(&text, &["people:", "criteria:"]);
        assert!(lists.is_sorted(), "{text}");
        let fields = positions(
            &text,
            &[
                "id: p1",
                "name: Jane",
                "title: Buyer",
                "part: decides",
                "zz-hand-added:",
            ],
        );
        assert!(fields.is_sorted(), "{text}");
        // Read back, the same account; without a bank to follow, by name as before.
        let read: Account = crate::yaml::from_str(&text).unwrap();
        assert_eq!(read.answers, account.answers);
        let by_name = read.to_yaml().unwrap();
        assert!(by_name.find("aaa-retired-question:") < by_name.find("business-and-roles:"));
    }
}
