//! The debrief of a role-play or any captured call against a scenario: every fact found or
//! missed with the captured words that show it, every process rule with where it held or broke,
//! the score, and three Keep / Start / Stop points drawn from those results.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Account;
use super::bank::Bank;
use super::company::contains_keyword;
use super::scenario::{Fact, Rule, Scenario};

/// Something the trainee did during the call, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Event {
    Asked { at: Timestamp, question: String },
    Move { at: Timestamp, id: String },
}

impl Event {
    fn at(&self) -> Timestamp {
        match self {
            Event::Asked { at, .. } | Event::Move { at, .. } => *at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where it was captured: "answer 1.3", "People: Raj Patel", "scratch note".
    pub place: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactResult {
    pub id: String,
    pub kind: String,
    pub description: String,
    pub weight: u32,
    pub evidence: Option<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleResult {
    pub rule: Rule,
    pub passed: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debrief {
    pub scenario: String,
    pub facts: Vec<FactResult>,
    pub rules: Vec<RuleResult>,
    pub score: u32,
    pub pass_mark: u32,
    pub passed: bool,
    pub keep: String,
    pub start: String,
    pub stop: String,
}

/// Captured text, with where it was captured, in script order.
fn captured(account: &Account, bank: &Bank) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for at in bank.question_refs() {
        if let Some(question) = bank.question(at)
            && account.is_answered(&question.id)
        {
            out.push((
                format!("answer {}.{}", at.step + 1, at.question + 1),
                account.answer(&question.id).to_string(),
            ));
        }
    }
    for list in bank.capture_lists() {
        for record in account.records(&list.id) {
            let label = record.get(&list.label_field).cloned().unwrap_or_default();
            let text: Vec<&str> = record.values().map(String::as_str).collect();
            out.push((format!("{}: {label}", list.title), text.join(" · ")));
        }
    }
    for (id, text) in account.orphaned_answers(bank) {
        out.push((format!("answer {id}"), text.to_string()));
    }
    if !account.notes.trim().is_empty() {
        out.push(("scratch note".into(), account.notes.clone()));
    }
    out
}

/// The line of `text` holding `keyword`, cut to a readable length.
fn quote(text: &str, keyword: &str) -> String {
    let line = text
        .lines()
        .find(|l| contains_keyword(l, keyword))
        .unwrap_or(text)
        .trim();
    if line.chars().count() > 120 {
        format!("{}…", line.chars().take(119).collect::<String>())
    } else {
        line.to_string()
    }
}

fn find_evidence(fact: &Fact, texts: &[(String, String)]) -> Option<Evidence> {
    texts.iter().find_map(|(place, text)| {
        fact.evidence
            .iter()
            .find(|k| contains_keyword(text, k))
            .map(|k| Evidence {
                place: place.clone(),
                text: quote(text, k),
            })
    })
}

/// Without a transcript, the order comes from when each answer was first written.
fn events_from_answers(account: &Account) -> Vec<Event> {
    let mut events: Vec<Event> = account
        .answers
        .iter()
        .filter(|(_, a)| !a.text.trim().is_empty() || !a.history.is_empty())
        .map(|(id, a)| {
            let first = a.history.first().map_or(a.updated, |v| v.updated);
            Event::Asked {
                at: first,
                question: id.clone(),
            }
        })
        .collect();
    events.sort_by_key(Event::at);
    events
}

const PRICE_WORDS: &[&str] = &["price", "prices", "pricing", "discount", "cheaper", "quote"];

fn elapsed(start: Option<Timestamp>, at: Timestamp) -> String {
    match start {
        Some(start) => {
            let secs = at.duration_since(start).as_secs().max(0);
            format!("{:02}:{:02}", secs / 60, secs % 60)
        }
        None => at.strftime("%H:%M:%S").to_string(),
    }
}

fn check_rule(
    rule: Rule,
    account: &Account,
    bank: &Bank,
    scenario: &Scenario,
    events: &[Event],
) -> RuleResult {
    let start = account.calls.last().map(|c| c.started);
    let step_of = |q: &str| bank.find_question(q).map(|r| r.step);
    let number = |q: &str| {
        bank.find_question(q)
            .map(|r| format!("{}.{}", r.step + 1, r.question + 1))
            .unwrap_or_else(|| q.to_string())
    };
    let first_in_step = |step: usize| {
        events
            .iter()
            .find(|e| matches!(e, Event::Asked { question, .. } if step_of(question) == Some(step)))
    };
    let (passed, detail) = match rule {
        Rule::AllStepsCovered => {
            let missing: Vec<String> = bank
                .steps
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.questions.iter().any(|q| account.is_answered(&q.id)))
                .map(|(i, s)| format!("step {} ({})", i + 1, s.title))
                .collect();
            if missing.is_empty() {
                (true, "every step has answers".to_string())
            } else {
                (
                    false,
                    format!("nothing captured for {}", missing.join(", ")),
                )
            }
        }
        Rule::DecisionMakersFirst => match (first_in_step(0), first_in_step(1)) {
            (None, _) => (
                false,
                "no question about decision makers was asked".to_string(),
            ),
            (
                Some(Event::Asked {
                    question: first,
                    at,
                }),
                Some(Event::Asked {
                    question: second,
                    at: later,
                }),
            ) if later < at => (
                false,
                format!(
                    "{} came at {}, before the first decision-maker question ({} at {})",
                    number(second),
                    elapsed(start, *later),
                    number(first),
                    elapsed(start, *at)
                ),
            ),
            (Some(Event::Asked { question, at }), _) => (
                true,
                format!(
                    "started with {} at {}",
                    number(question),
                    elapsed(start, *at)
                ),
            ),
            (Some(_), _) => (true, "decision makers came first".to_string()),
        },
        Rule::NoEarlyPrice => {
            let criteria_at = first_in_step(1).map(Event::at);
            let price_move = events.iter().find_map(|e| match e {
                Event::Move { at, id } => scenario
                    .moves
                    .iter()
                    .find(|m| &m.id == id && m.topic.as_deref() == Some("price"))
                    .map(|m| (*at, format!("“{}” at {}", m.label, elapsed(start, *at)))),
                _ => None,
            });
            // Without a transcript: price written into a step 1 answer means it came up early.
            let price_answer = bank.steps.first().and_then(|step| {
                step.questions.iter().find_map(|q| {
                    let text = account.answer(&q.id);
                    PRICE_WORDS
                        .iter()
                        .any(|w| contains_keyword(text, w))
                        .then(|| {
                            (
                                account
                                    .answers
                                    .get(&q.id)
                                    .map_or(Timestamp::UNIX_EPOCH, |a| a.updated),
                                format!("price in answer {}", number(&q.id)),
                            )
                        })
                })
            });
            let early = [price_move, price_answer]
                .into_iter()
                .flatten()
                .filter(|(at, _)| criteria_at.is_none_or(|c| *at < c))
                .min_by_key(|(at, _)| *at);
            match early {
                Some((_, what)) => (
                    false,
                    format!("{what}, before the customer's criteria were known"),
                ),
                None => (true, "price did not lead".to_string()),
            }
        }
    };
    RuleResult {
        rule,
        passed,
        detail,
    }
}

fn question_revealing(scenario: &Scenario, bank: &Bank, fact: &str) -> Option<String> {
    bank.question_refs()
        .filter_map(|q| bank.question(q))
        .find_map(|q| {
            scenario
                .replies
                .get(&q.id)
                .filter(|r| r.reveals.iter().any(|f| f == fact))
                .map(|_| q.ask.clone())
        })
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Scores `account` against `scenario`. `events` is the role-play transcript when there is one.
pub fn debrief(
    account: &Account,
    bank: &Bank,
    scenario: &Scenario,
    events: Option<&[Event]>,
) -> Debrief {
    let texts = captured(account, bank);
    let facts: Vec<FactResult> = scenario
        .facts
        .iter()
        .map(|fact| FactResult {
            id: fact.id.clone(),
            kind: fact.kind.label().to_string(),
            description: fact.description.clone(),
            weight: fact.weight,
            evidence: find_evidence(fact, &texts),
        })
        .collect();
    let derived;
    let events = match events {
        Some(events) => events,
        None => {
            derived = events_from_answers(account);
            &derived
        }
    };
    let rules: Vec<RuleResult> = scenario
        .rubric
        .rules
        .iter()
        .map(|&rule| check_rule(rule, account, bank, scenario, events))
        .collect();
    let total_weight: u32 = facts.iter().map(|f| f.weight).sum();
    let found_weight: u32 = facts
        .iter()
        .filter(|f| f.evidence.is_some())
        .map(|f| f.weight)
        .sum();
    let weights = &scenario.rubric.weights;
    let fact_part = if total_weight == 0 {
        1.0
    } else {
        f64::from(found_weight) / f64::from(total_weight)
    };
    let passed_rules = rules.iter().filter(|r| r.passed).count();
    let rule_part = if rules.is_empty() {
        1.0
    } else {
        passed_rules as f64 / rules.len() as f64
    };
    let all = f64::from(weights.facts + weights.process).max(1.0);
    let score = ((f64::from(weights.facts) * fact_part + f64::from(weights.process) * rule_part)
        * 100.0
        / all)
        .round() as u32;

    let keep = match facts
        .iter()
        .filter(|f| f.evidence.is_some())
        .max_by_key(|f| f.weight)
    {
        Some(found) => format!(
            "Keep asking until you hear it: you found that {}",
            lower_first(&found.description)
        ),
        None => match rules.iter().find(|r| r.passed) {
            Some(rule) => format!("Keep this habit: {}.", lower_first(rule.rule.label())),
            None => "Keep practising: every call rehearses the next one.".to_string(),
        },
    };
    let start = match facts
        .iter()
        .filter(|f| f.evidence.is_none())
        .max_by_key(|f| f.weight)
    {
        Some(missed) => match question_revealing(scenario, bank, &missed.id) {
            Some(ask) => format!(
                "Start asking “{ask}” It would have shown that {}",
                lower_first(&missed.description)
            ),
            None => format!(
                "Start listening for the {}: {}",
                missed.kind,
                lower_first(&missed.description)
            ),
        },
        None => "Start the next call the same way: you found every fact.".to_string(),
    };
    let used_moves: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::Move { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let stop = match rules.iter().find(|r| !r.passed) {
        Some(broken) => match broken.rule {
            Rule::DecisionMakersFirst => "Stop asking about criteria before you know who decides.".to_string(),
            Rule::NoEarlyPrice => "Stop raising price before the customer has said how they measure vendors.".to_string(),
            Rule::AllStepsCovered => "Stop ending the call before every step is covered, above all what we can and can't do.".to_string(),
        },
        None => match scenario.moves.iter().find(|m| used_moves.contains(&m.id.as_str()) && m.topic.is_none()) {
            Some(m) => format!("Stop: “{}”. The customer heard: {}", m.label, m.reaction),
            None => "Stop nothing: the order held. Do it again on a real call.".to_string(),
        },
    };
    Debrief {
        scenario: scenario.id.clone(),
        facts,
        rules,
        score,
        pass_mark: scenario.rubric.pass_mark,
        passed: score >= scenario.rubric.pass_mark,
        keep,
        start,
        stop,
    }
}

impl Debrief {
    pub fn markdown(&self, title: &str, who: &str) -> String {
        let verdict = if self.passed { "passed" } else { "not yet" };
        let mut out = format!(
            "# Debrief: {title}\n\n{who}\n\nScore: **{} / 100** (pass mark {}): {verdict}.\n",
            self.score, self.pass_mark
        );
        out += "\n## Facts\n\n";
        for fact in &self.facts {
            match &fact.evidence {
                Some(e) => {
                    out += &format!(
                        "- ✓ {} ({}). Captured in {}: “{}”\n",
                        fact.description, fact.kind, e.place, e.text
                    )
                }
                None => {
                    out += &format!("- ✗ {} ({}). Not captured.\n", fact.description, fact.kind)
                }
            }
        }
        out += "\n## Process\n\n";
        for rule in &self.rules {
            let mark = if rule.passed { "✓" } else { "✗" };
            out += &format!("- {mark} {}: {}\n", rule.rule.label(), rule.detail);
        }
        out += &format!(
            "\n## Keep, start, stop\n\n- {}\n- {}\n- {}\n",
            self.keep, self.start, self.stop
        );
        out
    }
}
