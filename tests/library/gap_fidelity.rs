//! Fill-the-gap grading against a labelled set of answers as new hires type them
//! (tests/fixtures/practice/gap-answers.txt). FIDELITY.md reports the numbers and every miss;
//! `cargo test --test library gap_fidelity -- --nocapture` prints them.

use crate::common;

use disco::core::drills::{Vocabulary, grade_gap};

#[test]
fn grading_agrees_with_a_trainer_on_the_labelled_answers() {
    let text = std::fs::read_to_string(common::fixture("practice/gap-answers.txt")).unwrap();
    let known = Vocabulary::of_bank(&common::bank());
    let (mut cases, mut wrong_accepts, mut wrong_rejects) = (0, Vec::new(), Vec::new());
    let (mut accepts, mut rejects) = (0, 0);
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [expected, typed, label] = parts[..] else {
            panic!("bad line: {line}");
        };
        let should = match label {
            "accept" => true,
            "reject" => false,
            other => panic!("bad label {other:?}: {line}"),
        };
        cases += 1;
        if should {
            accepts += 1;
        } else {
            rejects += 1;
        }
        match (should, grade_gap(expected, typed, &known)) {
            (true, false) => wrong_rejects.push(line),
            (false, true) => wrong_accepts.push(line),
            _ => {}
        }
    }
    let agree = cases - wrong_accepts.len() - wrong_rejects.len();
    println!("{cases} cases ({accepts} accept, {rejects} reject); agreed on {agree}");
    println!("wrongly accepted: {wrong_accepts:#?}");
    println!("wrongly rejected: {wrong_rejects:#?}");
    assert_eq!(cases, 72, "the set as FIDELITY.md describes it");
    // Floors from FIDELITY.md: a wrong word passing teaches the wrong script, so at most one;
    // a right word failing only costs a repeat, so at most three.
    assert!(wrong_accepts.len() <= 1, "{wrong_accepts:#?}");
    assert!(wrong_rejects.len() <= 3, "{wrong_rejects:#?}");
}
