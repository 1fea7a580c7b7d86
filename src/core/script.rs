//! Scripted role-play: a trainee's side written down (questions in their own words, moves, notes,
//! records captured), played against a scenario without a terminal. Trainers check a scenario
//! with it, `scenario test` runs a scenario's example conversations through it, and tests use it.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::account::{Account, CallMode};
use super::bank::Bank;
use super::company::Company;
use super::conversation::Conversation;
use super::debrief::captured;
use super::record::Record;
use super::scenario::Scenario;
use super::transcript::{Transcript, scripted_time};
use super::validate::{Issue, Issues};

/// A script as written in YAML: `turns:`, each one of `ask`, `move`, `note`, `record`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub turns: Vec<ScriptTurn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "TurnFile", into = "TurnFile")]
pub enum ScriptTurn {
    /// The trainee speaks, in their own words.
    Ask(String),
    /// The trainee makes one of the scenario's moves, by id.
    Move(String),
    /// Appended to the answer of a bank question.
    Note(NoteTurn),
    /// A record captured into one of the bank's lists.
    Record(RecordTurn),
}

/// A turn as written: a map with exactly one of its keys (`- ask: …`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TurnFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ask: Option<String>,
    #[serde(default, rename = "move", skip_serializing_if = "Option::is_none")]
    move_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<NoteTurn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    record: Option<RecordTurn>,
}

impl TryFrom<TurnFile> for ScriptTurn {
    type Error = String;

    fn try_from(file: TurnFile) -> Result<Self, String> {
        match file {
            TurnFile {
                ask: Some(text),
                move_id: None,
                note: None,
                record: None,
            } => Ok(ScriptTurn::Ask(text)),
            TurnFile {
                ask: None,
                move_id: Some(id),
                note: None,
                record: None,
            } => Ok(ScriptTurn::Move(id)),
            TurnFile {
                ask: None,
                move_id: None,
                note: Some(note),
                record: None,
            } => Ok(ScriptTurn::Note(note)),
            TurnFile {
                ask: None,
                move_id: None,
                note: None,
                record: Some(record),
            } => Ok(ScriptTurn::Record(record)),
            _ => Err("a turn is exactly one of ask, move, note or record".to_string()),
        }
    }
}

impl From<ScriptTurn> for TurnFile {
    fn from(turn: ScriptTurn) -> Self {
        let mut file = TurnFile::default();
        match turn {
            ScriptTurn::Ask(text) => file.ask = Some(text),
            ScriptTurn::Move(id) => file.move_id = Some(id),
            ScriptTurn::Note(note) => file.note = Some(note),
            ScriptTurn::Record(record) => file.record = Some(record),
        }
        file
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteTurn {
    pub question: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordTurn {
    pub list: String,
    pub fields: BTreeMap<String, String>,
}

/// What a script produced: the conversation and the account as the trainee captured it.
#[derive(Debug, Clone)]
pub struct Played {
    pub transcript: Transcript,
    pub account: Account,
    /// The customer's trust at the end.
    pub trust: i32,
}

impl Script {
    /// Every reference to a move, question, list or field the scenario or bank lacks.
    pub(crate) fn validate(&self, scenario: &Scenario, bank: &Bank) -> Vec<Issue> {
        let mut issues = Issues::default();
        if self.turns.is_empty() {
            issues.push("turns", "a script needs at least one turn");
        }
        for (i, turn) in self.turns.iter().enumerate() {
            match turn {
                ScriptTurn::Ask(text) => issues.not_empty(&format!("turns[{i}].ask"), text),
                ScriptTurn::Move(id) => {
                    if !scenario.moves.iter().any(|m| &m.id == id) {
                        let known: Vec<&str> =
                            scenario.moves.iter().map(|m| m.id.as_str()).collect();
                        issues.push(
                            format!("turns[{i}].move"),
                            format!(
                                "the scenario has no move {id:?} (moves: {})",
                                known.join(", ")
                            ),
                        );
                    }
                }
                ScriptTurn::Note(note) => {
                    if bank.find_question(&note.question).is_none() {
                        issues.push(
                            format!("turns[{i}].note.question"),
                            format!("the bank has no question {:?}", note.question),
                        );
                    }
                }
                ScriptTurn::Record(record) => match bank.capture_list(&record.list) {
                    None => issues.push(
                        format!("turns[{i}].record.list"),
                        format!("the bank has no list {:?}", record.list),
                    ),
                    Some(list) => {
                        for field in record.fields.keys() {
                            if !list.fields.iter().any(|f| &f.id == field) {
                                issues.push(
                                    format!("turns[{i}].record.fields.{field}"),
                                    format!("the list {:?} has no field {field:?}", list.id),
                                );
                            }
                        }
                    }
                },
            }
        }
        issues.0
    }
}

/// Plays `script` against `scenario`: the customer opens, each turn follows one second after
/// the last (from `start`), and the account named `account_name` holds what was captured.
/// With `company`, a promise its sheet rules out, said in the trainee's words, gets the
/// customer's reaction. Refuses a script that names moves, questions, lists or fields that
/// don't exist.
pub fn play(
    scenario: &Scenario,
    bank: &Bank,
    script: &Script,
    account_name: &str,
    start: Timestamp,
    seed: u64,
    company: Option<&Company>,
) -> Result<Played, Vec<Issue>> {
    let issues = script.validate(scenario, bank);
    if !issues.is_empty() {
        return Err(issues);
    }
    let mut conversation = Conversation::new(scenario.clone(), bank, seed);
    conversation.set_guard(company.map(Company::guard));
    let mut account = Account::new(account_name, bank, start);
    account.start_call(CallMode::Live, start);
    conversation.open(start);
    for (n, turn) in script.turns.iter().enumerate() {
        let at = scripted_time(start, n + 1);
        if conversation.transcript.wants_notes() {
            let notes = captured(&account, bank);
            conversation.transcript.keep_notes_then(&notes);
        }
        match turn {
            ScriptTurn::Ask(text) => {
                conversation.ask(text, at);
            }
            ScriptTurn::Move(id) => {
                conversation.make_move(id, at);
            }
            ScriptTurn::Note(note) => {
                let before = account.answer(&note.question);
                let text = if before.trim().is_empty() {
                    note.text.clone()
                } else {
                    format!("{before}\n{}", note.text)
                };
                account.set_answer(&note.question, &text, at);
            }
            ScriptTurn::Record(captured) => {
                let mut record = Record::new();
                // Same script, same account: ids from the turn, not from chance.
                record.id = format!("script-{}", n + 1);
                for (field, value) in &captured.fields {
                    record.insert(field.clone(), value.clone());
                }
                account.records_mut(&captured.list).push(record);
            }
        }
    }
    if conversation.transcript.wants_notes() {
        let notes = captured(&account, bank);
        conversation.transcript.keep_notes_then(&notes);
    }
    account.end_call(scripted_time(start, script.turns.len() + 1));
    Ok(Played {
        trust: conversation.state.trust,
        transcript: conversation.transcript,
        account,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        crate::yaml::from_str(include_str!(
            "../../question-banks/scenarios/hidden-engineering.yaml"
        ))
        .unwrap()
    }

    const SCRIPT: &str = "turns:
  - ask: Who else gets a say when you pick a supplier?
  - note: {question: who-judges-service, text: Priya Shah (quality) reviews quarterly}
  - record: {list: people, fields: {name: Priya Shah, department: Quality}}
  - move: quote-price
";

    #[test]
    fn a_script_plays_to_a_transcript_and_an_account() {
        let bank = crate::core::builtin_bank_for_tests();
        let script: Script = crate::yaml::from_str(SCRIPT).unwrap();
        let play_keller = || {
            play(
                &scenario(),
                &bank,
                &script,
                "Keller",
                Timestamp::UNIX_EPOCH,
                0,
                None,
            )
            .unwrap()
        };
        let played = play_keller();
        assert_eq!(
            played.transcript.turns.len(),
            5,
            "opening, ask, reply, move, reaction"
        );
        assert_eq!(
            played.account.answer("who-judges-service"),
            "Priya Shah (quality) reviews quarterly"
        );
        assert_eq!(played.account.records("people")[0].id, "script-3");
        assert_eq!(played.transcript.moves(), ["quote-price"]);
        let again = play_keller();
        assert_eq!(again.transcript, played.transcript, "deterministic");
    }

    #[test]
    fn a_turn_with_two_keys_is_an_error_at_its_place() {
        let err = crate::yaml::from_str::<Script>("turns:\n  - ask: hi\n    move: quote-price\n")
            .unwrap_err();
        assert!(err.message.contains("exactly one of"), "{err:?}");
        assert_eq!(err.line, Some(2), "{err:?}");
    }

    #[test]
    fn a_script_naming_what_does_not_exist_is_refused_with_every_place() {
        let bank = crate::core::builtin_bank_for_tests();
        let script: Script = crate::yaml::from_str(
            "turns:\n  - move: hug\n  - note: {question: nope, text: x}\n  - record: {list: people, fields: {shoe: 9}}\n",
        )
        .unwrap();
        let issues = play(
            &scenario(),
            &bank,
            &script,
            "K",
            Timestamp::UNIX_EPOCH,
            0,
            None,
        )
        .unwrap_err();
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "turns[0].move",
                "turns[1].note.question",
                "turns[2].record.fields.shoe"
            ]
        );
    }
}
