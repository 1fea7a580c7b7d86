//! `disco roleplay SCENARIO --script FILE [--json]`: a trainee's side played from a file, the
//! transcript and the debrief printed, for trainers checking a scenario and for tests.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use serde_json::{Value, json};

use super::context::{bank as load_bank, loaded, now};
use super::render::{write_data_out, write_wrapped};
use super::roleplay::sheet_for;
use crate::core::Bank;
use crate::core::company::Company;
use crate::core::debrief::{Debrief, debrief_with_sheet};
use crate::core::scenario::Scenario;
use crate::core::script::{Played, play};
use crate::core::transcript::{Speaker, Transcript};
use crate::storage::roleplay::{load_script, resolve_scenario};

pub(super) fn run(
    bank: Option<&Path>,
    company: Option<&Path>,
    scenario: &str,
    script: &Path,
    json: bool,
    seed: u64,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let name = scenario;
    let scenario =
        resolve_scenario(name, &bank).map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
    let sheet = sheet_for(&scenario, name, company)?;
    let turns = load_script(script, &scenario, &bank)
        .map_err(|e| anyhow!("the script has problems:\n{e}"))?;
    let played = play(
        &scenario,
        &bank,
        &turns,
        "Scripted role-play",
        now()?,
        seed,
        loaded(&sheet),
    )
    .map_err(|issues| {
        let lines: Vec<String> = issues
            .iter()
            .map(|i| format!("{}: {i}", script.display()))
            .collect();
        anyhow!("the script has problems:\n{}", lines.join("\n"))
    })?;
    let result = debrief_of(&played, &bank, &scenario, loaded(&sheet));
    if json {
        let text = serde_json::to_string_pretty(&as_json(&played, &scenario, &result))?;
        write_data_out(&format!("{text}\n"))
    } else {
        write_wrapped(&readable(&played, &bank, &scenario, &result))
    }
}

/// The debrief of a scripted play, judged against `company`'s sheet.
pub(super) fn debrief_of(
    played: &Played,
    bank: &Bank,
    scenario: &Scenario,
    company: Option<&Company>,
) -> Debrief {
    debrief_with_sheet(
        &played.account,
        bank,
        scenario,
        company,
        Some(&played.transcript.turns),
    )
}

pub(super) fn transcript_json(transcript: &Transcript) -> Value {
    let turns: Vec<Value> = transcript
        .turns
        .iter()
        .map(|t| {
            let mut turn = json!({
                "speaker": t.speaker,
                "text": t.text,
                "question": t.question,
                "reveals": t.reveals,
            });
            if let Value::Object(map) = &mut turn {
                if let Some(id) = &t.move_id {
                    map.insert("move".into(), json!(id));
                }
                if let Some(id) = &t.intent {
                    map.insert("intent".into(), json!(id));
                }
                if !t.matched_words.is_empty() {
                    map.insert("matched_words".into(), json!(t.matched_words));
                }
                if t.raises_price {
                    map.insert("raises_price".into(), json!(true));
                }
                if t.trust != 0 {
                    map.insert("trust".into(), json!(t.trust));
                    map.insert("trust_why".into(), json!(t.trust_why));
                }
            }
            turn
        })
        .collect();
    Value::Array(turns)
}

fn as_json(played: &Played, scenario: &Scenario, result: &Debrief) -> Value {
    json!({
        "scenario": scenario.id,
        "transcript": transcript_json(&played.transcript),
        "trust": played.trust,
        "debrief": result,
    })
}

fn readable(played: &Played, bank: &Bank, scenario: &Scenario, result: &Debrief) -> String {
    let mut out = format!("Role-play: {} (scripted)\n\n", scenario.title);
    for turn in &played.transcript.turns {
        let who = match turn.speaker {
            Speaker::Trainee => "You".to_string(),
            Speaker::Customer => scenario.persona.name.clone(),
        };
        out += &format!("{who}: {}\n", turn.text);
        let mut notes = Vec::new();
        if turn.speaker == Speaker::Trainee {
            if let Some(q) = &turn.question {
                let number = bank
                    .find_question(q)
                    .map(|r| format!("{}.{}", r.step + 1, r.question + 1))
                    .unwrap_or_else(|| q.clone());
                notes.push(format!("taken for question {number} ({q})"));
            } else if let Some(intent) = &turn.intent {
                notes.push(format!("taken for {intent}"));
            } else if turn.move_id.is_none() {
                notes.push("not taken for any question".to_string());
            }
            if !turn.matched_words.is_empty() {
                notes.push(format!(
                    "on the words “{}”",
                    turn.matched_words.join("”, “")
                ));
            }
        }
        if !turn.reveals.is_empty() {
            notes.push(format!("reveals {}", turn.reveals.join(", ")));
        }
        if !notes.is_empty() {
            out += &format!("    ({})\n", notes.join("; "));
        }
    }
    out += &format!("\nTrust at the end: {}\n\n", played.trust);
    out += &result.text(&scenario.title, "Scripted role-play");
    out += &played.transcript.trust_report();
    out
}
