//! Finding text across an account: its answers, its records and its scratch note.
//!
//! The account is read once into lines folded to lower case (`SearchIndex::build`); each key
//! typed into the search then only scans those lines, so a 1 MB note costs a scan, not a
//! copy, per key (BENCHMARKS.md: a search key).

use super::{Account, Bank, QuestionRef};

/// Where a piece of text lives, so a hit can jump there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Answer {
        at: QuestionRef,
    },
    Record {
        list: String,
        /// The step whose capture list it is.
        step: usize,
        index: usize,
        /// The field's label as the form shows it.
        field: String,
    },
    Note,
}

/// One line of text that holds the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub place: Place,
    /// The line within its text (answers and notes have several).
    pub line: usize,
    /// Where the match starts in that line, in characters.
    pub column: usize,
    /// The whole line, as written.
    pub text: String,
}

/// What a query found: the first `limit` hits in script order, and how many lines hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// One text (an answer, a field, the note), whole: a string each, not one per line, so
/// reading a 1 MB note is two copies, not forty thousand small ones.
#[derive(Debug)]
struct Text {
    place: Place,
    original: String,
    folded: String,
    /// Where each line starts, in `original` and in `folded` (the same for ASCII text).
    starts: Vec<usize>,
    folded_starts: Vec<usize>,
}

/// An account's text, ready to be searched on every key.
#[derive(Debug, Default)]
pub struct SearchIndex {
    texts: Vec<Text>,
}

/// Lower case, one character for one, so a position in the folded text is the same
/// character position in the original.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl SearchIndex {
    /// Reads the account in script order: answers question by question, then each step's
    /// capture list, then the note.
    pub fn build(account: &Account, bank: &Bank) -> Self {
        let mut index = Self::default();
        for at in bank.question_refs() {
            if let Some(question) = bank.question(at) {
                index.add(Place::Answer { at }, account.answer(&question.id));
            }
        }
        for (step, list) in bank
            .steps
            .iter()
            .enumerate()
            .filter_map(|(s, step)| Some((s, step.capture.as_ref()?)))
        {
            for (i, record) in account.records(&list.id).iter().enumerate() {
                for field in &list.fields {
                    if let Some(value) = record.get(&field.id) {
                        let place = Place::Record {
                            list: list.id.clone(),
                            step,
                            index: i,
                            field: field.label.clone(),
                        };
                        index.add(place, value);
                    }
                }
            }
        }
        index.add(Place::Note, &account.notes);
        index
    }

    fn add(&mut self, place: Place, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let folded = fold(text);
        self.texts.push(Text {
            place,
            starts: line_starts(text),
            folded_starts: line_starts(&folded),
            original: text.to_string(),
            folded,
        });
    }

    /// Lines holding `query`, whatever its case; surrounding spaces are ignored. An empty
    /// query finds nothing.
    pub fn find(&self, query: &str, limit: usize) -> Found {
        let query = fold(query.trim());
        let mut found = Found::default();
        if query.is_empty() {
            return found;
        }
        for text in &self.texts {
            let mut from = 0;
            while let Some(at) = text.folded[from..].find(&query) {
                let byte = from + at;
                // The line holding the match; the next search starts on the line after it.
                let line = text.folded_starts.partition_point(|&s| s <= byte) - 1;
                let line_start = text.folded_starts[line];
                let next = text
                    .folded_starts
                    .get(line + 1)
                    .copied()
                    .unwrap_or(text.folded.len());
                found.total += 1;
                if found.hits.len() < limit {
                    let original_end = text
                        .starts
                        .get(line + 1)
                        .map_or(text.original.len(), |s| s - 1);
                    found.hits.push(Hit {
                        place: text.place.clone(),
                        line,
                        column: text.folded[line_start..byte].chars().count(),
                        text: text.original[text.starts[line]..original_end].to_string(),
                    });
                }
                from = next;
                if from >= text.folded.len() {
                    break;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Record;

    fn account() -> Account {
        let bank = crate::core::builtin_bank_for_tests();
        let now = jiff::Timestamp::UNIX_EPOCH;
        let mut account = Account::new("Acme", &bank, now);
        account.set_answer(
            "purchasing-alone",
            "Dana decides.\nShe wants delivery by 4pm/7am",
            now,
        );
        let mut person = Record::new();
        person.insert("name".into(), "Sam Ortiz".into());
        person.insert("notes".into(), "Heard on the DELIVERY call".into());
        account.records_mut("people").push(person);
        account.notes = "first line\n\nÉtienne called about delivery".into();
        account
    }

    #[test]
    fn finds_answers_records_and_notes_in_script_order_whatever_the_case() {
        let bank = crate::core::builtin_bank_for_tests();
        let index = SearchIndex::build(&account(), &bank);
        let found = index.find("Delivery", 10);
        assert_eq!(found.total, 3);
        let at = bank.find_question("purchasing-alone").unwrap();
        assert_eq!(found.hits[0].place, Place::Answer { at });
        assert_eq!((found.hits[0].line, found.hits[0].column), (1, 10));
        assert_eq!(
            found.hits[1].place,
            Place::Record {
                list: "people".into(),
                step: 0,
                index: 0,
                field: "Notes".into()
            }
        );
        assert_eq!(found.hits[2].place, Place::Note);
        assert_eq!((found.hits[2].line, found.hits[2].column), (2, 21));
    }

    #[test]
    fn columns_count_characters_not_bytes_and_slashes_are_plain_text() {
        let bank = crate::core::builtin_bank_for_tests();
        let index = SearchIndex::build(&account(), &bank);
        let found = index.find("called", 10);
        assert_eq!(found.hits[0].column, 8, "after “Étienne ”");
        assert_eq!(index.find("4PM/7am", 10).total, 1);
    }

    #[test]
    fn a_line_with_the_query_twice_counts_once_and_the_last_line_is_read() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut account = account();
        account.notes = "late, late again\nnothing\nLATE".into();
        let index = SearchIndex::build(&account, &bank);
        let found = index.find("late", 10);
        let lines: Vec<(usize, usize, &str)> = found
            .hits
            .iter()
            .filter(|h| h.place == Place::Note)
            .map(|h| (h.line, h.column, h.text.as_str()))
            .collect();
        assert_eq!(lines, [(0, 0, "late, late again"), (2, 0, "LATE")]);
    }

    #[test]
    fn an_empty_query_finds_nothing_and_the_limit_keeps_the_count() {
        let bank = crate::core::builtin_bank_for_tests();
        let index = SearchIndex::build(&account(), &bank);
        assert_eq!(index.find("  ", 10), Found::default());
        let found = index.find("e", 1);
        assert_eq!(found.hits.len(), 1);
        assert!(found.total > 1);
        assert_eq!(index.find("nowhere to be found", 10).total, 0);
    }
}
