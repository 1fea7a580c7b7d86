//! Question matching in role-play against a labelled set of trainee questions in their own words
//! (tests/fixtures/matching/questions.yaml). FIDELITY.md reports the numbers and every miss;
//! `cargo test --test library matching_fidelity -- --nocapture` prints them.

use crate::common;

use disco::core::conversation::{Conversation, Meaning};
use disco::core::scenario::Scenario;
use disco::storage::roleplay::builtin_scenarios;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    say: String,
    means: Vec<String>,
    #[serde(default)]
    scenario: Option<String>,
    /// Written after the first round of tuning, measured once before the second.
    #[serde(default)]
    held_out: bool,
    /// A later batch, named: `held-out-2` was written after the second round, run once and
    /// never tuned on; `tryout-2` holds a tryout's lines, measured once before the tuning they
    /// led to.
    #[serde(default)]
    batch: Option<String>,
}

fn label(meaning: &Meaning) -> String {
    match meaning {
        Meaning::Question(id) | Meaning::Intent(id) | Meaning::Move(id) => id.clone(),
        Meaning::Unclear => "none".to_string(),
    }
}

#[test]
fn matching_agrees_with_a_fair_listener_on_the_labelled_questions() {
    let text = std::fs::read_to_string(common::fixture("matching/questions.yaml")).unwrap();
    let set: Vec<Labelled> = disco::yaml::from_str(&text).unwrap();
    let bank = common::bank();
    let scenarios: Vec<Scenario> = builtin_scenarios();
    let conversation = |id: &str| {
        let scenario = scenarios.iter().find(|s| s.id == id).unwrap().clone();
        Conversation::new(scenario, &bank, 0)
    };
    let mut by_scenario = std::collections::BTreeMap::new();
    let mut misses = Vec::new();
    let mut held_out_misses = 0;
    let mut second_misses = 0;
    let mut tryout_misses = 0;
    for item in &set {
        let id = item.scenario.as_deref().unwrap_or("hidden-engineering");
        let talk = by_scenario.entry(id).or_insert_with(|| conversation(id));
        let (meaning, found) = talk.interpret(&item.say);
        let got = label(&meaning);
        if !item.means.contains(&got) {
            held_out_misses += usize::from(item.held_out);
            second_misses += usize::from(item.batch.as_deref() == Some("held-out-2"));
            tryout_misses += usize::from(item.batch.as_deref() == Some("tryout-2"));
            let words = found.map(|m| format!("{:.2} {:?}", m.score, m.words));
            misses.push(format!(
                "{}{:?}: took it for {got} {}, a listener: {}",
                match (item.held_out, &item.batch) {
                    (_, Some(batch)) if batch == "tryout-2" => "(tryout batch) ",
                    (_, Some(_)) => "(second held-out batch) ",
                    (true, None) => "(held out) ",
                    (false, None) => "",
                },
                item.say,
                words.unwrap_or_default(),
                item.means.join(" or ")
            ));
        }
    }
    let right = set.len() - misses.len();
    let accuracy = right as f64 * 100.0 / set.len() as f64;
    println!(
        "{} questions; {right} taken as a listener would: {accuracy:.1} %",
        set.len()
    );
    let held_out = set.iter().filter(|i| i.held_out).count();
    println!(
        "of them {held_out} held out: {} right",
        held_out - held_out_misses
    );
    let in_batch = |name: &str| {
        set.iter()
            .filter(|i| i.batch.as_deref() == Some(name))
            .count()
    };
    let second = in_batch("held-out-2");
    println!(
        "of them {second} in the second held-out batch: {} right",
        second - second_misses
    );
    let tryout = in_batch("tryout-2");
    println!(
        "of them {tryout} from the tryout: {} right",
        tryout - tryout_misses
    );
    for miss in &misses {
        println!("miss: {miss}");
    }
    assert_eq!(set.len(), 182, "the set as FIDELITY.md describes it");
    assert!(accuracy >= 90.0, "{accuracy:.1} %: {misses:#?}");
}
