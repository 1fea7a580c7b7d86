//! `disco roleplay SCENARIO --script FILE [--json]`: a trainee's side played from a file, the
//! transcript and the debrief printed, for trainers checking a scenario and for tests.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use serde_json::{Value, json};

use super::context::{bank as load_bank, now};
use super::render::{write_data_out, write_out};
use crate::core::Bank;
use crate::core::debrief::{Debrief, debrief};
use crate::core::scenario::Scenario;
use crate::core::script::{Played, play};
use crate::core::transcript::{Speaker, Transcript};
use crate::storage::roleplay::{load_script, resolve_scenario};

pub(super) fn run(
    bank: Option<&Path>,
    scenario: &str,
    script: &Path,
    json: bool,
    seed: u64,
) -> Result<ExitCode> {
    let bank = load_bank(bank)?;
    let scenario = resolve_scenario(scenario, &bank)
        .map_err(|e| anyhow!("the scenario has problems:\n{e}"))?;
    let turns = load_script(script, &scenario, &bank)
        .map_err(|e| anyhow!("the script has problems:\n{e}"))?;
    let played =
        play(&scenario, &bank, &turns, "Scripted role-play", now()?, seed).map_err(|issues| {
            let lines: Vec<String> = issues
                .iter()
                .map(|i| format!("{}: {i}", script.display()))
                .collect();
            anyhow!("the script has problems:\n{}", lines.join("\n"))
        })?;
    let result = debrief_of(&played, &bank, &scenario);
    if json {
        let text = serde_json::to_string_pretty(&as_json(&played, &scenario, &result))?;
        write_data_out(&format!("{text}\n"))
    } else {
        write_out(&readable(&played, &bank, &scenario, &result))
    }
}

/// The debrief of a scripted play, from whatever judges role-plays on this build.
pub(super) fn debrief_of(played: &Played, bank: &Bank, scenario: &Scenario) -> Debrief {
    debrief(
        &played.account,
        bank,
        scenario,
        Some(&played.transcript.events()),
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
            }
            turn
        })
        .collect();
    Value::Array(turns)
}

fn as_json(played: &Played, scenario: &Scenario, result: &Debrief) -> Value {
    let facts: Vec<Value> = result
        .facts
        .iter()
        .map(|f| {
            let evidence = f.evidence.as_ref().map(|e| {
                json!({
                    "customer": played.transcript.reveal_of(&f.id).map(|t| t.text.clone()),
                    "note": e.text,
                })
            });
            json!({"id": f.id, "found": f.evidence.is_some(), "evidence": evidence})
        })
        .collect();
    let rules: Vec<Value> = result
        .rules
        .iter()
        .map(|r| json!({"id": r.rule, "kept": r.passed, "detail": r.detail}))
        .collect();
    json!({
        "scenario": scenario.id,
        "transcript": transcript_json(&played.transcript),
        "trust": played.trust,
        "debrief": {
            "score": result.score,
            "pass_mark": result.pass_mark,
            "passed": result.passed,
            "facts": facts,
            "rules": rules,
        },
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
    out += &result.markdown(&scenario.title, "Scripted role-play");
    out
}
