//! The promise guard: whatever a rep writes (a commitment, an answer, the scratch note, the next
//! step) is read against the company sheet, so a rep never promises what delivery can't provide
//! and never gives away what we can. Every finding quotes the words it rests on.

use std::collections::HashMap;
use std::ops::Range;

use super::bank::{Bank, CaptureList, FieldKind, SHEET_ITEM_KEY};
use super::company::{Company, Item, Limit, Side, plural_days};
use super::text::concepts::concept_in;
use super::text::lexicon::{Phrase, stable_hash};
use super::text::{Analysis, Bare, Lexicon, Speaker, analyze, phrase_stems, quantities};
use super::{Account, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConcernKind {
    /// We commit to something the sheet rules out.
    Promise,
    /// We deny something the sheet offers: a sale given away.
    Undersell,
}

/// Why a finding was made.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A keyword of the item, or a concept the item names.
    Words,
    /// A quantity outside (promise) or inside (undersell) the item's limit.
    Quantity { days: f64, limit: Limit },
}

/// One thing the guard has to say, with the words it rests on and the sheet item it cites.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: ConcernKind,
    pub item_id: String,
    pub statement: String,
    /// The words as typed.
    pub words: String,
    pub reason: Reason,
    /// Found in a commitment, whose status the rep can mark can or can't; elsewhere (answers,
    /// the note, the next step) the only remedy is to change the words.
    pub markable: bool,
}

impl Finding {
    /// The words, what to do, and the sheet item, in one line, in that order: a narrow footer
    /// or border that cuts the end still shows the words and the action.
    pub fn message(&self) -> String {
        format!("{}; {}", self.advice(), self.grounds())
    }

    /// The words, what to do and the limit, without the sheet's statement: for a border too
    /// narrow for the whole message.
    pub fn brief(&self) -> String {
        let grounds = match (&self.kind, &self.reason) {
            (ConcernKind::Promise, Reason::Quantity { limit, .. }) => limit.describe(),
            (ConcernKind::Promise, Reason::Words) => "we can't".to_string(),
            (ConcernKind::Undersell, _) => "the sheet offers it".to_string(),
        };
        format!("{}; {grounds}", self.advice())
    }

    /// The words and the sheet's limit or side, nothing more: for the narrowest border.
    pub fn tight(&self) -> String {
        let grounds = match (&self.kind, &self.reason) {
            (ConcernKind::Promise, Reason::Quantity { limit, .. }) => limit.describe(),
            (ConcernKind::Promise, Reason::Words) => "we can't".to_string(),
            (ConcernKind::Undersell, _) => "we can".to_string(),
        };
        format!("“{}”: {grounds}", self.words)
    }

    fn advice(&self) -> String {
        let action = match (&self.kind, &self.reason, self.markable) {
            (ConcernKind::Promise, Reason::Quantity { .. }, true) => "change it or mark can't",
            (ConcernKind::Promise, Reason::Quantity { .. }, false) => "change it",
            (ConcernKind::Promise, Reason::Words, true) => "take it back or mark can't",
            (ConcernKind::Promise, Reason::Words, false) => "take it back",
            (ConcernKind::Undersell, _, true) => "mark it can",
            (ConcernKind::Undersell, _, false) => "we can offer this",
        };
        format!("“{}”: {action}", self.words)
    }

    fn grounds(&self) -> String {
        match (&self.kind, &self.reason) {
            (ConcernKind::Promise, Reason::Quantity { days, limit }) => format!(
                "{}, the sheet allows {} ({})",
                plural_days(*days),
                limit.describe(),
                self.statement
            ),
            (ConcernKind::Promise, Reason::Words) => {
                format!("the sheet says: {}", self.statement)
            }
            (ConcernKind::Undersell, _) => format!("the sheet says we can: {}", self.statement),
        }
    }
}

/// How to read a piece of text: who speaks, and what its status says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// The text of a commitment record: always ours. `cannot` when its
    /// status is can't: whatever it names, we say we don't do it.
    Commitment { cannot: bool },
    /// The next step: our action unless it names another speaker.
    NextStep,
    /// Answers, notes: ours only where the text says so ("we", "I", "told him …").
    Free,
}

#[derive(Debug, Clone)]
struct SheetItem {
    side: Side,
    id: String,
    statement: String,
    keywords: Vec<Phrase>,
    concepts: Vec<usize>,
    limit: Option<Limit>,
    except: Vec<Phrase>,
}

/// A company sheet compiled for checking: every keyword as stems, with the lexicon to read by.
#[derive(Debug, Clone)]
pub struct Guard {
    lexicon: Lexicon,
    items: Vec<SheetItem>,
    fingerprint: u64,
}

/// Where in an account a warning was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Answer {
        question: String,
    },
    Record {
        list: String,
        index: usize,
        field: String,
    },
    Notes,
    NextStep,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub place: Place,
    pub finding: Finding,
}

impl Warning {
    /// Where the warning is, in the rep's words: "Answer to “Who signs off…”", "Commitments:
    /// “Overnights”", "Scratch note", "Next step".
    pub fn place_label(&self, bank: &Bank, account: &Account) -> String {
        match &self.place {
            Place::Answer { question } => {
                let ask = bank
                    .find_question(question)
                    .and_then(|q| bank.question(q))
                    .map_or(question.as_str(), |q| q.ask.as_str());
                let short: String = ask.chars().take(40).collect();
                let more = if short.len() < ask.len() { "…" } else { "" };
                format!("Answer to “{short}{more}”")
            }
            Place::Record { list, index, .. } => {
                let captures = bank.capture_list(list);
                let label = captures
                    .and_then(|l| account.records(list).get(*index)?.get(&l.label_field))
                    .map_or("", String::as_str);
                let title = captures.map_or(list.as_str(), |l| l.title.as_str());
                format!("{title}: “{label}”")
            }
            Place::Notes => "Scratch note".into(),
            Place::NextStep => "Next step".into(),
        }
    }
}

/// A status disco proposes for a new commitment from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    Can,
    Cannot,
    Conditional,
}

impl Guard {
    pub fn new(company: &Company, lexicon: Lexicon) -> Guard {
        let compile = |side: Side, item: &Item| SheetItem {
            side,
            id: item.id.clone(),
            statement: item.statement.clone(),
            keywords: item
                .keywords
                .iter()
                .map(|k| phrase_stems(k))
                .filter(|p| !p.is_empty())
                .collect(),
            concepts: item
                .concepts
                .iter()
                .filter_map(|c| lexicon.concepts.iter().position(|known| known.id == *c))
                .collect(),
            limit: item.limit,
            except: item
                .except
                .iter()
                .map(|e| phrase_stems(e))
                .filter(|p| !p.is_empty())
                .collect(),
        };
        // Can't items first: when both sides have a word in one clause, the promise is what
        // matters most.
        let items = company
            .cannot
            .iter()
            .map(|i| compile(Side::Cannot, i))
            .chain(company.can.iter().map(|i| compile(Side::Can, i)))
            .collect();
        // What the verdicts depend on: the sheet, the lexicon, and this version's rules.
        let fingerprint = stable_hash(&format!(
            "{} {} {}",
            serde_json::to_string(company).unwrap_or_default(),
            lexicon.source,
            env!("CARGO_PKG_VERSION")
        ));
        Guard {
            lexicon,
            items,
            fingerprint,
        }
    }

    /// Changes whenever a verdict could: for caches of warning counts.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// What the guard has to say about `text` read as `voice`, promises first.
    pub fn check_text(&self, text: &str, voice: Voice) -> Vec<Finding> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        let analysis = analyze(text, &self.lexicon);
        let markable = matches!(voice, Voice::Commitment { .. });
        let bare = match voice {
            Voice::Commitment { .. } => Bare::Delivery,
            _ => Bare::Ignore,
        };
        let found = quantities(&analysis, &self.lexicon, bare);
        let mut findings: Vec<Finding> = Vec::new();
        let mut add = |finding: Finding| {
            if !findings
                .iter()
                .any(|f| f.kind == finding.kind && f.item_id == finding.item_id)
            {
                findings.push(finding);
            }
        };
        for (c, clause) in analysis.clauses.iter().enumerate() {
            // A commitment record is ours by where it is written: "if they sign" in it is a
            // condition, not another speaker.
            let ours = match voice {
                Voice::Commitment { .. } => true,
                Voice::NextStep => clause.speaker != Speaker::Other,
                Voice::Free => clause.speaker == Speaker::Us,
            };
            let hedged = clause.hedged && !matches!(voice, Voice::Commitment { .. });
            if !ours || hedged {
                continue;
            }
            let denied = |tokens: &Range<usize>| match voice {
                Voice::Commitment { cannot: true } => true,
                _ => clause.verdict_denied || tokens.clone().any(|t| analysis.is_negated(t)),
            };
            let sentence = analysis.sentence_tokens(clause.sentence);
            let excepted = |item: &SheetItem| self.excepted(&analysis, item, sentence.clone());
            let mut by_quantity: Vec<usize> = Vec::new();
            let asked = |t: usize| analysis.is_asked(&self.lexicon, t);
            for quantity in found
                .iter()
                .filter(|q| analysis.tokens[q.tokens.start].clause == c && !asked(q.tokens.start))
            {
                let of_kind: Vec<usize> = (0..self.items.len())
                    .filter(|&i| {
                        self.items[i]
                            .limit
                            .is_some_and(|l| l.quantity == quantity.kind)
                    })
                    .collect();
                by_quantity.extend(&of_kind);
                let words = analysis.words(quantity.tokens.clone()).to_string();
                let finding = |item: &SheetItem, kind| Finding {
                    kind,
                    item_id: item.id.clone(),
                    statement: item.statement.clone(),
                    words: words.clone(),
                    reason: Reason::Quantity {
                        days: quantity.days,
                        limit: item.limit.unwrap_or(Limit {
                            quantity: quantity.kind,
                            at_least: None,
                            at_most: None,
                        }),
                    },
                    markable,
                };
                let allows = |i: &usize| {
                    self.items[*i]
                        .limit
                        .is_some_and(|l| l.allows(quantity.days))
                };
                if denied(&quantity.tokens) {
                    let mut can_first = of_kind
                        .iter()
                        .filter(|i| self.items[**i].side == Side::Can)
                        .chain(
                            of_kind
                                .iter()
                                .filter(|i| self.items[**i].side == Side::Cannot),
                        );
                    if let Some(&i) = can_first.find(|i| allows(i) && !excepted(&self.items[**i])) {
                        add(finding(&self.items[i], ConcernKind::Undersell));
                    }
                } else {
                    // The can't items say where the line is; a can item's limit only speaks
                    // when the sheet has no can't item for this quantity.
                    let cannot: Vec<usize> = of_kind
                        .iter()
                        .copied()
                        .filter(|i| self.items[*i].side == Side::Cannot)
                        .collect();
                    let pool = if cannot.is_empty() {
                        of_kind.clone()
                    } else {
                        cannot
                    };
                    if pool.iter().any(|i| excepted(&self.items[*i])) {
                        continue;
                    }
                    if let Some(&i) = pool.iter().find(|i| !allows(i)) {
                        add(finding(&self.items[i], ConcernKind::Promise));
                    }
                }
            }
            for (i, item) in self.items.iter().enumerate() {
                if by_quantity.contains(&i) || excepted(item) {
                    continue;
                }
                let Some(tokens) = self.item_words(&analysis, item, clause.tokens.clone()) else {
                    continue;
                };
                if tokens.iter().any(|r| asked(r.start)) {
                    continue;
                }
                let kind = match (item.side, tokens.iter().any(&denied)) {
                    (Side::Cannot, false) => ConcernKind::Promise,
                    (Side::Can, true) => ConcernKind::Undersell,
                    _ => continue,
                };
                let words = tokens
                    .iter()
                    .map(|r| analysis.words(r.clone()))
                    .collect::<Vec<_>>()
                    .join(" … ");
                add(Finding {
                    kind,
                    item_id: item.id.clone(),
                    statement: item.statement.clone(),
                    words,
                    reason: Reason::Words,
                    markable,
                });
            }
        }
        findings.sort_by_key(|f| f.kind);
        findings
    }

    /// Where `item` is named in `range`: one of its keywords, or one of its concepts.
    fn item_words(
        &self,
        analysis: &Analysis,
        item: &SheetItem,
        range: Range<usize>,
    ) -> Option<Vec<Range<usize>>> {
        if let Some(found) = analysis.find_any(&item.keywords, range.clone()) {
            return Some(vec![found]);
        }
        item.concepts
            .iter()
            .find_map(|&c| concept_in(analysis, &self.lexicon.concepts[c], range.clone()))
    }

    /// Whether the sentence names one of the item's exceptions, and not as "outside" it.
    fn excepted(&self, analysis: &Analysis, item: &SheetItem, sentence: Range<usize>) -> bool {
        item.except.iter().any(|phrase| {
            analysis.find(phrase, sentence.clone()).any(|found| {
                let look_back = found.start.saturating_sub(3).max(sentence.start)..found.start;
                analysis
                    .find_any(&self.lexicon.exception_reversers, look_back)
                    .is_none()
            })
        })
    }

    /// The status a new commitment's text suggests: a denial is can't, a condition conditional.
    pub fn propose_status(&self, text: &str) -> Option<Proposal> {
        let analysis = analyze(text, &self.lexicon);
        let first = analysis.clauses.first()?;
        if first.negated_from.is_some() {
            Some(Proposal::Cannot)
        } else if analysis
            .find_any(&self.lexicon.conditions, 0..analysis.tokens.len())
            .is_some()
        {
            Some(Proposal::Conditional)
        } else {
            Some(Proposal::Can)
        }
    }

    /// Every finding on one record, with the field it was found in.
    pub fn check_record(&self, list: &CaptureList, record: &Record) -> Vec<(String, Finding)> {
        let mut out = Vec::new();
        let link = list.company_sheet.as_ref();
        let status = link.and_then(|l| record.get(&l.status_field));
        let cannot = link.is_some_and(|l| status == Some(&l.cannot));
        let picked = record
            .get(SHEET_ITEM_KEY)
            .and_then(|id| self.items.iter().find(|i| i.id == *id));
        for field in list.fields.iter().filter(|f| f.kind == FieldKind::Text) {
            let Some(text) = record.get(&field.id) else {
                continue;
            };
            let is_label = field.id == list.label_field && link.is_some();
            if is_label && let Some(item) = picked {
                // Copied from the sheet: the label is the item's statement, so the status alone
                // can contradict it.
                let kind = match (item.side, cannot, status.is_some_and(|s| !s.is_empty())) {
                    (Side::Cannot, false, true) => ConcernKind::Promise,
                    (Side::Can, true, _) => ConcernKind::Undersell,
                    _ => continue,
                };
                out.push((
                    field.id.clone(),
                    Finding {
                        kind,
                        item_id: item.id.clone(),
                        statement: item.statement.clone(),
                        words: text.clone(),
                        reason: Reason::Words,
                        markable: true,
                    },
                ));
                continue;
            }
            let voice = if is_label {
                Voice::Commitment { cannot }
            } else {
                Voice::Free
            };
            // Any field of a commitment is mended by its status, when the list has one.
            out.extend(self.check_text(text, voice).into_iter().map(|mut f| {
                f.markable = link.is_some();
                (field.id.clone(), f)
            }));
        }
        out
    }

    /// Everything the guard has to say about an account: answers of every step, every record,
    /// the scratch note and the next step.
    pub fn check_account(&self, bank: &Bank, account: &Account) -> Vec<Warning> {
        let mut out = Vec::new();
        for question in bank.question_refs().filter_map(|at| bank.question(at)) {
            if let Some(answer) = account.answers.get(&question.id) {
                out.extend(
                    self.check_text(&answer.text, Voice::Free)
                        .into_iter()
                        .map(|finding| Warning {
                            place: Place::Answer {
                                question: question.id.clone(),
                            },
                            finding,
                        }),
                );
            }
        }
        for list in bank.capture_lists() {
            for (index, record) in account.records(&list.id).iter().enumerate() {
                out.extend(
                    self.check_record(list, record)
                        .into_iter()
                        .map(|(field, finding)| Warning {
                            place: Place::Record {
                                list: list.id.clone(),
                                index,
                                field,
                            },
                            finding,
                        }),
                );
            }
        }
        out.extend(
            self.check_text(&account.notes, Voice::Free)
                .into_iter()
                .map(|finding| Warning {
                    place: Place::Notes,
                    finding,
                }),
        );
        if let Some(next) = &account.next_step {
            out.extend(
                self.check_text(&next.text, Voice::NextStep)
                    .into_iter()
                    .map(|finding| Warning {
                        place: Place::NextStep,
                        finding,
                    }),
            );
        }
        out
    }
}

/// Checks long text line by line and remembers each line's verdict, so a pause in typing
/// re-reads only the lines that changed (a 1 MB note is not read again for one new word). A
/// line break ends a sentence, so each line is judged as in the whole text; a promise made on
/// two lines is reported once per line.
#[derive(Debug, Default)]
pub struct LineCache {
    seen: HashMap<String, Vec<Finding>>,
}

impl LineCache {
    pub fn check<'l>(
        &mut self,
        guard: &Guard,
        lines: impl IntoIterator<Item = &'l str>,
        voice: Voice,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut count = 0;
        for line in lines {
            if line.trim().is_empty() {
                continue;
            }
            count += 1;
            match self.seen.get(line) {
                Some(found) => out.extend(found.iter().cloned()),
                None => {
                    let found = guard.check_text(line, voice);
                    out.extend(found.iter().cloned());
                    self.seen.insert(line.to_string(), found);
                }
            }
        }
        // Versions of lines since edited pile up; start afresh when they outnumber the text.
        if self.seen.len() > 2 * count + 64 {
            self.seen.clear();
        }
        out
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

/// The first finding on one record, for a mark beside it in lists.
pub fn check(list: &CaptureList, record: &Record, company: &Company) -> Option<Finding> {
    company
        .guard()
        .check_record(list, record)
        .into_iter()
        .map(|(_, f)| f)
        .min_by_key(|f| f.kind)
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

    fn concern_id(record: &Record) -> Option<(ConcernKind, String)> {
        check(&commitments(), record, &company()).map(|f| (f.kind, f.item_id))
    }

    fn text(text: &str, voice: Voice) -> Vec<(ConcernKind, String, String)> {
        company()
            .guard()
            .check_text(text, voice)
            .into_iter()
            .map(|f| (f.kind, f.item_id, f.words))
            .collect()
    }

    use ConcernKind::{Promise, Undersell};
    const CAN: Voice = Voice::Commitment { cannot: false };
    const CANT: Voice = Voice::Commitment { cannot: true };

    fn one(kind: ConcernKind, item: &str, words: &str) -> Vec<(ConcernKind, String, String)> {
        vec![(kind, item.to_string(), words.to_string())]
    }

    #[test]
    fn a_cant_item_typed_as_can_is_flagged_with_its_words() {
        assert_eq!(
            text("Next-day delivery to the plant", CAN),
            one(Promise, "next-day", "Next-day")
        );
        assert_eq!(
            text("Ship tomorrow if ordered by noon", CAN),
            one(Promise, "next-day", "tomorrow")
        );
        assert_eq!(text("net 45", CAN), one(Promise, "net-90", "net 45"));
        assert_eq!(
            text("We will machine the custom spacer", CAN),
            one(Promise, "custom-machining", "will machine")
        );
    }

    #[test]
    fn conditional_commitments_are_checked_too() {
        let conditional = record(&[
            ("what", "Net 60 if volume is over 100k"),
            ("status", "conditional"),
        ]);
        assert_eq!(concern_id(&conditional), Some((Promise, "net-90".into())));
    }

    #[test]
    fn quantities_inside_the_limit_pass_and_the_exception_is_respected() {
        assert!(text("Stocked items ship within 2 business days", CAN).is_empty());
        assert!(text("net 15 with 2% discount", CAN).is_empty());
        assert!(text("next-day delivery in the metro area", CAN).is_empty());
        assert_eq!(
            text("overnight outside the metro area", CAN),
            one(Promise, "next-day", "overnight")
        );
    }

    #[test]
    fn a_cant_record_is_a_denial_and_its_notes_about_alternatives_are_no_contradiction() {
        let cant = record(&[
            ("what", "No next-day delivery outside the metro area"),
            ("status", "can't"),
            (
                "notes",
                "offered a supply agreement with reserved stock instead",
            ),
        ]);
        assert_eq!(concern_id(&cant), None);
        assert_eq!(
            text("Can't do 2-day shipping", CANT),
            one(Undersell, "stock-lead-time", "2-day")
        );
    }

    #[test]
    fn only_our_own_commitments_count_in_free_text() {
        assert!(text("their old supplier promised overnight", Voice::Free).is_empty());
        assert!(text("they want overnight when the line is down", Voice::Free).is_empty());
        assert_eq!(
            text("I said sure, next morning", Voice::Free),
            one(Promise, "next-day", "next morning")
        );
        assert_eq!(
            text(
                "Line is down a lot. told him we can get it to him overnight when the line is down",
                Voice::Free
            ),
            one(Promise, "next-day", "overnight")
        );
        assert!(text("I told him we can't do overnight", Voice::Free).is_empty());
        assert!(text("Check with Sam whether overnight works", Voice::NextStep).is_empty());
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
            Some((Promise, "custom-machining".into()))
        );
        let (side, item) = company.item("supply-agreement").unwrap();
        let mut picked = record_from_item(&list, side, item).unwrap();
        assert_eq!(check(&list, &picked, &company), None);
        picked.insert("status".into(), "can't".into());
        assert_eq!(
            concern_id(&picked),
            Some((Undersell, "supply-agreement".into()))
        );
    }

    #[test]
    fn the_whole_account_is_checked_and_each_warning_says_where() {
        let bank = builtin_bank_for_tests();
        let mut account = Account::new("Acme", &bank, jiff::Timestamp::UNIX_EPOCH);
        let question = bank
            .question_refs()
            .next()
            .and_then(|q| bank.question(q))
            .unwrap();
        account.answers.insert(
            question.id.clone(),
            crate::core::account::Answer {
                text: "I promised next day on spares".into(),
                updated: jiff::Timestamp::UNIX_EPOCH,
                history: vec![],
                extra: Default::default(),
            },
        );
        account.notes = "said yes to net 60 - check w/ finance".into();
        account.next_step = Some(crate::core::account::NextStep::new(
            "Send drawing so we can machine the spacers".into(),
            None,
        ));
        account
            .records_mut("commitments")
            .push(record(&[("what", "Overnights"), ("status", "can")]));
        let places: Vec<Place> = company()
            .guard()
            .check_account(&bank, &account)
            .into_iter()
            .map(|w| w.place)
            .collect();
        assert_eq!(
            places,
            [
                Place::Answer {
                    question: question.id.clone()
                },
                Place::Record {
                    list: "commitments".into(),
                    index: 0,
                    field: "what".into()
                },
                Place::Notes,
                Place::NextStep,
            ]
        );
    }

    #[test]
    fn the_line_cache_gives_what_the_whole_text_gives() {
        let guard = company().guard();
        let text =
            "they want overnight\nI promised next day on spares\nsaid we can do net 60\n\nfine";
        let mut cache = LineCache::default();
        let whole = guard.check_text(text, Voice::Free);
        assert_eq!(whole.len(), 2);
        assert_eq!(cache.check(&guard, text.split('\n'), Voice::Free), whole);
        assert_eq!(
            cache.check(&guard, text.split('\n'), Voice::Free),
            whole,
            "from the cache"
        );
        let edited = text.replace("net 60", "net 30");
        assert_eq!(
            cache.check(&guard, edited.split('\n'), Voice::Free).len(),
            1
        );
    }

    #[test]
    fn a_status_is_proposed_from_the_text() {
        let guard = company().guard();
        assert_eq!(
            guard.propose_status("We don't do custom machining - we source it"),
            Some(Proposal::Cannot)
        );
        assert_eq!(
            guard.propose_status("Net 60 if volume is over 100k"),
            Some(Proposal::Conditional)
        );
        assert_eq!(
            guard.propose_status("Overnight is not a problem"),
            Some(Proposal::Can)
        );
        assert_eq!(guard.propose_status("  "), None);
    }

    #[test]
    fn messages_say_which_words_which_item_and_what_to_do() {
        let guard = company().guard();
        let found = guard.check_text("ship tomorrow", CAN);
        assert_eq!(
            found[0].message(),
            "“tomorrow”: change it or mark can't; 1 day, the sheet allows at least 2 days (No next-day delivery outside the metro area.)"
        );
        let found = guard.check_text("custom machining", CAN);
        assert!(
            found[0]
                .message()
                .starts_with("“custom machining”: take it back or mark can't")
        );
        let found = guard.check_text("supply agreement", CANT);
        assert!(
            found[0]
                .message()
                .starts_with("“supply agreement”: mark it can")
        );
    }

    #[test]
    fn only_a_commitment_is_told_to_mark_its_status() {
        let guard = company().guard();
        for voice in [Voice::Free, Voice::NextStep] {
            let found = guard.check_text("we ship tomorrow, and custom machining is fine", voice);
            assert_eq!(found.len(), 2, "{found:?}");
            for finding in &found {
                assert!(!finding.message().contains("mark"), "{}", finding.message());
            }
            assert!(
                found[0]
                    .message()
                    .starts_with("“tomorrow”: change it; 1 day")
            );
        }
        let found = guard.check_text("we don't do supply agreements", Voice::Free);
        assert_eq!(
            found[0].message(),
            "“supply agreements”: we can offer this; the sheet says we can: A 12-month supply agreement that reserves stock for your forecast."
        );
    }

    #[test]
    fn the_short_forms_keep_the_words_and_the_limit() {
        let guard = company().guard();
        let found = guard.check_text("we ship tomorrow", Voice::Free);
        assert_eq!(found[0].brief(), "“tomorrow”: change it; at least 2 days");
        let found = guard.check_text("custom machining", CAN);
        assert_eq!(
            found[0].brief(),
            "“custom machining”: take it back or mark can't; we can't"
        );
        assert_eq!(found[0].tight(), "“custom machining”: we can't");
        let found = guard.check_text("we ship tomorrow", Voice::Free);
        assert_eq!(found[0].tight(), "“tomorrow”: at least 2 days");
    }
}
