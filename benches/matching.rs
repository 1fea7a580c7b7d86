//! `cargo bench --bench matching`: taking a trainee's own words for a bank question in
//! role-play, with the built-in bank and a scenario, and with a bank of 1,000 questions.
//! Figures are in BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use disco::core::Bank;
use disco::core::conversation::Conversation;
use disco::core::scenario::Scenario;
use disco::storage::builtin_bank;
use disco::storage::roleplay::resolve_scenario;

fn main() {
    divan::main();
}

/// Trainee lines as they come: a bank question in other words, a follow-up, small talk, a line
/// nobody could place. The benchmarks go through them in turn.
const LINES: &[&str] = &[
    "Does someone have to sign off on a new vendor before you can order?",
    "what matters most to you when you pick a supplier",
    "Have late deliveries been a problem for you?",
    "How was your weekend?",
    "Can I be upfront about what we can and can't do for you?",
    "zebra quantum",
];

fn scenario(bank: &Bank) -> Scenario {
    resolve_scenario("hidden-engineering", bank).unwrap()
}

fn builtin() -> &'static Conversation {
    static TALK: OnceLock<Conversation> = OnceLock::new();
    TALK.get_or_init(|| {
        let bank = builtin_bank().unwrap();
        Conversation::new(scenario(&bank), &bank, 0)
    })
}

/// Words for made-up questions: the bank's own vocabulary and more of a buyer's.
const WORDS: &[&str] = &[
    "supplier",
    "vendor",
    "delivery",
    "quality",
    "price",
    "contract",
    "engineering",
    "purchasing",
    "finance",
    "audit",
    "defect",
    "lead",
    "time",
    "stock",
    "forecast",
    "budget",
    "approval",
    "review",
    "score",
    "warranty",
    "return",
    "packaging",
    "freight",
    "invoice",
    "payment",
    "terms",
    "volume",
    "order",
    "schedule",
    "plant",
    "line",
    "downtime",
    "spare",
    "parts",
    "service",
    "support",
    "training",
    "install",
    "maintenance",
    "inspection",
    "certificate",
    "compliance",
    "safety",
    "regulatory",
    "sample",
    "prototype",
    "drawing",
    "tolerance",
    "material",
    "coating",
    "assembly",
    "logistics",
    "warehouse",
    "inventory",
    "rebate",
    "discount",
    "renewal",
    "tender",
    "committee",
    "director",
    "manager",
    "operator",
    "buyer",
];

const OPENERS: &[&str] = &[
    "How do you handle",
    "Who decides on",
    "What happens when",
    "Tell me about your",
    "How often do you review",
    "What went wrong with",
    "Who approves the",
    "How do you measure",
];

/// A bank of 1,000 questions: the built-in one's steps, each question cloned with made-up
/// wording (deterministic: the same bank on every run), asked_as phrasings included.
fn thousand() -> &'static Conversation {
    static TALK: OnceLock<Conversation> = OnceLock::new();
    TALK.get_or_init(|| {
        let mut bank = builtin_bank().unwrap();
        let template = bank.steps[0].questions[0].clone();
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let phrase = |next: &mut dyn FnMut(usize) -> usize| {
            let words: Vec<&str> = (0..4).map(|_| WORDS[next(WORDS.len())]).collect();
            format!("{} {}?", OPENERS[next(OPENERS.len())], words.join(" "))
        };
        let mut made = bank.question_refs().count();
        let steps = bank.steps.len();
        while made < 1_000 {
            let mut q = template.clone();
            q.id = format!("q{made}");
            q.ask = phrase(&mut next);
            q.topic = None;
            q.key_phrases = Vec::new();
            q.follow_ups = Vec::new();
            q.asked_as = (0..3).map(|_| phrase(&mut next)).collect();
            bank.steps[made % steps].questions.push(q);
            made += 1;
        }
        Conversation::new(scenario(&bank), &bank, 0)
    })
}

#[divan::bench]
fn match_one_question_builtin_bank(bencher: divan::Bencher) {
    let talk = builtin();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % LINES.len();
        talk.interpret(LINES[i])
    });
}

#[divan::bench]
fn match_one_question_1000_question_bank(bencher: divan::Bencher) {
    let talk = thousand();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % LINES.len();
        talk.interpret(LINES[i])
    });
}

/// What opening a role-play costs once: the matcher compiled from the bank and scenario.
#[divan::bench(sample_count = 20)]
fn compile_matcher_builtin_bank() -> Conversation {
    let bank = builtin_bank().unwrap();
    Conversation::new(scenario(&bank), &bank, 0)
}
