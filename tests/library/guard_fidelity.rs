//! The promise guard measured on its labelled corpus (tests/fixtures/guard/corpus.txt): precision
//! and recall, reported in FIDELITY.md. Fails when either falls below the floor we reached.
//! `cargo test --test library guard_fidelity -- --nocapture` prints every miss.

use crate::common;
use disco::core::Record;
use disco::core::company::Company;
use disco::core::guard::{ConcernKind, Finding, Voice};

/// Floors at what the guard reaches today (FIDELITY.md); raise them when it gets better.
const PRECISION_FLOOR: f64 = 1.0;
const RECALL_FLOOR: f64 = 1.0;
const HELD_OUT_PRECISION_FLOOR: f64 = 0.95;
const HELD_OUT_RECALL_FLOOR: f64 = 0.95;
/// The tryout set (promises as reps type them, no subject): no false alarm is allowed.
const TRYOUT_PRECISION_FLOOR: f64 = 1.0;
const TRYOUT_RECALL_FLOOR: f64 = 0.95;

const CORPUS: &str = include_str!("../fixtures/guard/corpus.txt");
const HELD_OUT: &str = include_str!("../fixtures/guard/heldout.txt");
const TRYOUT: &str = include_str!("../fixtures/guard/tryout.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Promise,
    Undersell,
    Fine,
}

struct Case {
    line: usize,
    label: Label,
    item: String,
    place: String,
    text: String,
}

fn corpus() -> Vec<Case> {
    cases(CORPUS)
}

fn cases(text: &str) -> Vec<Case> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let parts: Vec<&str> = l.splitn(4, " | ").collect();
            assert_eq!(parts.len(), 4, "line {}: {l}", n + 1);
            let label = match parts[0] {
                "promise" => Label::Promise,
                "undersell" => Label::Undersell,
                "fine" => Label::Fine,
                other => panic!("line {}: unknown label {other}", n + 1),
            };
            Case {
                line: n + 1,
                label,
                item: parts[1].to_string(),
                place: parts[2].to_string(),
                text: parts[3].to_string(),
            }
        })
        .collect()
}

fn company() -> Company {
    disco::yaml::from_str(include_str!("../../question-banks/company.example.yaml")).unwrap()
}

fn findings(company: &Company, case: &Case) -> Vec<Finding> {
    let guard = company.guard();
    let status = match case.place.as_str() {
        "can" => "can",
        "cant" => "can't",
        "cond" => "conditional",
        "answer" | "note" => return guard.check_text(&case.text, Voice::Free),
        "next" => return guard.check_text(&case.text, Voice::NextStep),
        other => panic!("line {}: unknown place {other}", case.line),
    };
    let bank = common::bank();
    let list = bank.capture_list("commitments").unwrap();
    let (what, notes) = case.text.split_once(" || ").unwrap_or((&case.text, ""));
    let mut record = Record::new();
    record.insert("what".into(), what.into());
    record.insert("status".into(), status.into());
    if !notes.is_empty() {
        record.insert("notes".into(), notes.into());
    }
    guard
        .check_record(list, &record)
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

fn predicted(found: &[Finding]) -> Label {
    match found.iter().map(|f| f.kind).min() {
        Some(ConcernKind::Promise) => Label::Promise,
        Some(ConcernKind::Undersell) => Label::Undersell,
        None => Label::Fine,
    }
}

struct Score {
    cases: usize,
    labelled: usize,
    flagged: usize,
    right: usize,
    misses: Vec<String>,
}

fn score(cases: Vec<Case>) -> Score {
    let company = company();
    let mut score = Score {
        cases: 0,
        labelled: 0,
        flagged: 0,
        right: 0,
        misses: vec![],
    };
    for case in cases {
        let found = findings(&company, &case);
        let got = predicted(&found);
        score.cases += 1;
        score.labelled += usize::from(case.label != Label::Fine);
        score.flagged += usize::from(got != Label::Fine);
        let item_right = found.iter().any(|f| f.item_id == case.item);
        let correct = got == case.label && (case.label == Label::Fine || item_right);
        if correct && case.label != Label::Fine {
            score.right += 1;
        }
        if !correct {
            let said: Vec<String> = found
                .iter()
                .map(|f| format!("{:?} {} on “{}”", f.kind, f.item_id, f.words))
                .collect();
            score.misses.push(format!(
                "line {}: expected {:?} {}, got {:?} [{}] — {} | {}",
                case.line,
                case.label,
                case.item,
                got,
                said.join("; "),
                case.place,
                case.text
            ));
        }
    }
    score
}

#[test]
fn the_corpus_is_big_enough_and_covers_every_place_and_label() {
    let cases = corpus();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    for place in ["can", "cant", "cond", "answer", "note", "next"] {
        assert!(cases.iter().any(|c| c.place == place), "no {place} case");
    }
    for label in [Label::Promise, Label::Undersell, Label::Fine] {
        assert!(
            cases.iter().filter(|c| c.label == label).count() >= 10,
            "{label:?}"
        );
    }
    let company = company();
    for case in cases.iter().filter(|c| c.label != Label::Fine) {
        assert!(
            company.item(&case.item).is_some(),
            "line {}: no item {}",
            case.line,
            case.item
        );
    }
}

fn report(name: &str, score: &Score) -> (f64, f64) {
    let precision = score.right as f64 / score.flagged.max(1) as f64;
    let recall = score.right as f64 / score.labelled.max(1) as f64;
    println!(
        "{name}: {} cases, {} labelled promise or undersell, {} flagged, {} right",
        score.cases, score.labelled, score.flagged, score.right
    );
    println!(
        "{name}: precision {:.1} %, recall {:.1} %",
        precision * 100.0,
        recall * 100.0
    );
    for miss in &score.misses {
        println!("{name}: {miss}");
    }
    (precision, recall)
}

#[test]
fn precision_and_recall_on_the_corpus_stay_above_the_floor() {
    let (precision, recall) = report("corpus", &score(corpus()));
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.3}");
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3}");
}

#[test]
fn precision_and_recall_on_the_held_out_cases_stay_above_their_floor() {
    let (precision, recall) = report("held out", &score(cases(HELD_OUT)));
    assert!(
        precision >= HELD_OUT_PRECISION_FLOOR,
        "precision {precision:.3}"
    );
    assert!(recall >= HELD_OUT_RECALL_FLOOR, "recall {recall:.3}");
}

#[test]
fn precision_and_recall_on_the_tryout_set_stay_above_their_floor() {
    let cases = cases(TRYOUT);
    assert!(cases.len() >= 70, "{} cases", cases.len());
    let (precision, recall) = report("tryout", &score(cases));
    assert!(
        precision >= TRYOUT_PRECISION_FLOOR,
        "precision {precision:.3}"
    );
    assert!(recall >= TRYOUT_RECALL_FLOOR, "recall {recall:.3}");
}
