//! Scripted role-play through the public API: a trainee's own words against the shipped
//! scenarios, the customer's trust, reveals that wait for trust or a follow-up, pushes and moves.

use crate::common;

use disco::core::Bank;
use disco::core::scenario::Scenario;
use disco::core::script::{Played, Script, play};
use disco::core::transcript::Speaker;
use disco::storage::roleplay::resolve_scenario;
use jiff::Timestamp;

fn scenario(id: &str, bank: &Bank) -> Scenario {
    resolve_scenario(id, bank).unwrap()
}

fn run(id: &str, script: &str) -> Played {
    let bank = common::bank();
    let script: Script = disco::yaml::from_str(script).unwrap();
    play(
        &scenario(id, &bank),
        &bank,
        &script,
        "Practice",
        Timestamp::UNIX_EPOCH,
        0,
        None,
    )
    .unwrap()
}

fn revealed(played: &Played) -> Vec<&str> {
    played.transcript.revealed().into_iter().collect()
}

fn customer_lines(played: &Played) -> Vec<&str> {
    played
        .transcript
        .turns
        .iter()
        .filter(|t| t.speaker == Speaker::Customer)
        .map(|t| t.text.as_str())
        .collect()
}

#[test]
fn a_strong_trainee_asking_in_their_own_words_gets_every_reveal() {
    let strong = [
        (
            "hidden-engineering",
            "turns:
  - ask: Hi Dana, thanks for making the time
  - ask: So tell me about your business and what you do there
  - ask: Do other departments play a part when you pick a supplier?
  - ask: Does someone have to sign off on a vendor before you can order?
  - ask: What would engineering want to see from us?
  - ask: What matters most to you in a supplier?
  - ask: How do you keep score on your vendors?
  - ask: Have you had trouble with suppliers before?
  - move: state-cannot
",
        ),
        (
            "late-deliveries",
            "turns:
  - ask: Is the decision yours alone, or does someone else sign off?
  - ask: What does a good supplier do for you?
  - ask: How do you measure whether a supplier is performing?
  - ask: What went wrong with suppliers you had before?
  - ask: Have late deliveries let you down before?
  - move: state-cannot
  - move: offer-supply-agreement
",
        ),
        (
            "price-first",
            "turns:
  - move: defer-price
  - ask: What part do the other departments play in choosing a supplier?
  - ask: Do you have to approve vendors before buying from them?
  - ask: How do you score your vendors?
  - ask: What do you value most in a supplier?
  - ask: Any quality problems with other vendors?
  - move: state-cannot
",
        ),
    ];
    let bank = common::bank();
    for (id, script) in strong {
        let played = run(id, script);
        let facts: Vec<String> = scenario(id, &bank)
            .facts
            .into_iter()
            .map(|f| f.id)
            .collect();
        let found = revealed(&played);
        for fact in &facts {
            assert!(
                found.contains(&fact.as_str()),
                "{id}: {fact} not revealed; the customer said {:#?}",
                customer_lines(&played)
            );
        }
        assert!(played.trust > 0, "{id}: trust {}", played.trust);
        let matched = played
            .transcript
            .turns
            .iter()
            // A move answers its question by being made, not by words matched.
            .filter(|t| {
                t.speaker == Speaker::Trainee && t.question.is_some() && t.move_id.is_none()
            })
            .all(|t| !t.matched_words.is_empty());
        assert!(matched, "{id}: every match shows the words it rests on");
    }
}

#[test]
fn a_reveal_waits_for_trust_and_asking_about_criteria_earns_it() {
    let cold = run(
        "late-deliveries",
        "turns:\n  - ask: Have late deliveries let you down before?\n",
    );
    assert!(!revealed(&cold).contains(&"wants-overnight"));
    assert!(customer_lines(&cold)[1].starts_with("Late is late"));
    let warm = run(
        "late-deliveries",
        "turns:\n  - ask: What does a good supplier do for you?\n  - ask: Have late deliveries let you down before?\n",
    );
    assert!(revealed(&warm).contains(&"wants-overnight"));
}

#[test]
fn a_follow_up_is_heard_only_after_what_it_follows() {
    let early = run(
        "hidden-engineering",
        "turns:\n  - ask: What would engineering want to see from us?\n",
    );
    assert!(!revealed(&early).contains(&"quality-manager-judges"));
    let later = run(
        "hidden-engineering",
        "turns:\n  - ask: Is there an approved vendor list?\n  - ask: What would engineering want to see from us?\n",
    );
    assert!(revealed(&later).contains(&"quality-manager-judges"));
    assert_eq!(
        later.transcript.turns[3].intent.as_deref(),
        Some("approved-list-how")
    );
}

#[test]
fn the_price_first_buyer_raises_price_and_pushes_until_a_move_answers() {
    let played = run(
        "price-first",
        "turns:\n  - ask: hello\n  - ask: how are you\n  - ask: what's the business?\n  - move: defer-price\n  - ask: hi again\n  - ask: nice day\n  - ask: ok\n",
    );
    assert_eq!(
        played.transcript.price_first_raised_by(),
        Some(Speaker::Customer)
    );
    let pushes = played
        .transcript
        .turns
        .iter()
        .filter(|t| t.intent.as_deref() == Some("price-push"))
        .count();
    assert_eq!(
        pushes, 2,
        "the opening and once after three lines, then the move ends it"
    );
    let quoting = run("hidden-engineering", "turns:\n  - move: quote-price\n");
    assert_eq!(
        quoting.transcript.price_first_raised_by(),
        Some(Speaker::Trainee)
    );
}

#[test]
fn moves_have_effects_good_ones_raise_trust_broken_promises_lower_it() {
    let promise = run("late-deliveries", "turns:\n  - move: promise-next-day\n");
    let plain = run("late-deliveries", "turns:\n  - move: state-cannot\n");
    assert!(promise.trust < plain.trust);
    let early = run("price-first", "turns:\n  - move: quote-price\n");
    let deferred = run("price-first", "turns:\n  - move: defer-price\n");
    assert!(early.trust < deferred.trust);
    // Deferring once her criteria are known is evasive: another reaction, another effect.
    let late = run(
        "price-first",
        "turns:\n  - ask: How do you measure vendor performance?\n  - move: defer-price\n",
    );
    assert_eq!(
        late.transcript.turns.last().unwrap().text,
        "You know what I measure now. So, the number?"
    );
    // Without trust she keeps her real criterion to herself.
    let guarded = run(
        "price-first",
        "turns:\n  - move: quote-price\n  - ask: What makes a supplier valuable to you?\n",
    );
    assert!(!revealed(&guarded).contains(&"quality-real-criterion"));
}

#[test]
fn the_same_script_gives_the_same_transcript_and_a_repeat_is_noticed() {
    let script = "turns:\n  - ask: What went wrong with suppliers before?\n  - ask: what problems did you have with vendors\n  - ask: zzz\n  - ask: zzz\n";
    let a = run("hidden-engineering", script);
    let b = run("hidden-engineering", script);
    assert_eq!(a.transcript, b.transcript);
    let lines = customer_lines(&a);
    assert!(lines[2].starts_with("As I said: "), "{lines:#?}");
    assert_ne!(lines[3], lines[4], "never the same line twice in a row");
}

#[test]
fn another_seed_gives_other_wordings_the_same_seed_the_same_ones() {
    let bank = common::bank();
    let script: Script = disco::yaml::from_str(
        "turns:\n  - ask: Is there an approved vendor list?\n  - ask: Is there an approved vendor list?\n",
    )
    .unwrap();
    let scenario = scenario("hidden-engineering", &bank);
    let with = |seed| {
        play(
            &scenario,
            &bank,
            &script,
            "P",
            Timestamp::UNIX_EPOCH,
            seed,
            None,
        )
        .unwrap()
        .transcript
    };
    assert_eq!(with(1), with(1));
    assert_ne!(with(0).turns[2].text, with(1).turns[2].text);
    assert_eq!(
        with(0).turns[2].reveals,
        with(1).turns[2].reveals,
        "same facts"
    );
}

#[test]
fn every_shipped_scenario_gives_up_every_fact_to_own_words_asking_every_question() {
    let bank = common::bank();
    let text =
        std::fs::read_to_string(common::fixture("scripts/own-words-every-question.yaml")).unwrap();
    let script: Script = disco::yaml::from_str(&text).unwrap();
    for scenario in disco::storage::roleplay::builtin_scenarios() {
        let played = play(
            &scenario,
            &bank,
            &script,
            "P",
            Timestamp::UNIX_EPOCH,
            0,
            None,
        )
        .unwrap();
        let asked = played.transcript.asked();
        assert_eq!(
            asked.len(),
            11,
            "{}: every bank question taken: {asked:?}",
            scenario.id
        );
        let found = revealed(&played);
        for fact in &scenario.facts {
            assert!(
                found.contains(&fact.id.as_str()),
                "{}: {} not revealed: {:#?}",
                scenario.id,
                fact.id,
                customer_lines(&played)
            );
        }
    }
}
