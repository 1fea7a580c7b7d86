//! The debrief of a role-play or any captured call against a scenario: every fact found or
//! missed with the words that show it (the customer's line and the trainee's note), every
//! process rule with where it held or broke, the score, and three Keep / Start / Stop points
//! drawn from those results.
//!
//! A fact counts as found in a role-play only when the customer revealed it in this role-play
//! and a note shows it (`core::evidence`); on a live account (no transcript) the notes alone
//! decide, judged the same way.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Account;
use super::bank::Bank;
use super::company::Company;
use super::evidence::FactEvidence;
use super::guard::{ConcernKind, Guard, Voice};
use super::roleplay::Speaker;
use super::scenario::{Rule, Scenario};
use super::text::{Lexicon, Speaker as Voiced, analyze};
use super::transcript::{Transcript, Turn};

/// Something the trainee did during the call, in order (records written before transcripts
/// carried question ids keep these).
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

/// A transcript from the events of a record that has no richer one: each question asked gets
/// the scenario's reply, each move its reaction.
pub(crate) fn transcript_from_events(
    scenario: &Scenario,
    bank: &Bank,
    events: &[Event],
) -> Transcript {
    let mut out = Transcript::default();
    let mut events = events.to_vec();
    events.sort_by_key(Event::at);
    let opening = events.first().map_or(Timestamp::UNIX_EPOCH, Event::at);
    out.push(Turn::new(
        opening,
        Speaker::Customer,
        &scenario.persona.opening,
    ));
    for event in &events {
        match event {
            Event::Asked { at, question } => {
                let ask = bank
                    .find_question(question)
                    .and_then(|q| bank.question(q))
                    .map_or(question.as_str(), |q| q.ask.as_str());
                let (say, reveals) = scenario.reply(question);
                let mut asked = Turn::new(*at, Speaker::Trainee, ask);
                asked.question = Some(question.clone());
                out.push(asked);
                let mut reply = Turn::new(*at, Speaker::Customer, say);
                reply.question = Some(question.clone());
                reply.reveals = reveals.to_vec();
                out.push(reply);
            }
            Event::Move { at, id } => {
                if let Some(m) = scenario.moves.iter().find(|m| &m.id == id) {
                    let mut made = Turn::new(*at, Speaker::Trainee, &m.say);
                    made.move_id = Some(id.clone());
                    made.question = m.question.clone();
                    made.raises_price = m.topic.as_deref() == Some("price");
                    out.push(made);
                    let mut reaction = Turn::new(*at, Speaker::Customer, &m.reaction);
                    reaction.move_id = Some(id.clone());
                    out.push(reaction);
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The customer's line that revealed the fact; none on a live account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The note that shows it, as typed (the sentence holding the words).
    #[serde(alias = "text")]
    pub note: String,
    /// Where the note was captured: "answer 1.3", "People: Raj Patel", "scratch note".
    pub place: String,
    /// The words the verdict rests on.
    #[serde(default)]
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactResult {
    pub id: String,
    #[serde(default)]
    pub found: bool,
    pub kind: String,
    pub description: String,
    pub weight: u32,
    pub evidence: Option<Evidence>,
    /// An expectation we can't meet, heard and noted, but never answered with what we can't do.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unanswered: bool,
    /// Why a fact was missed, quoting what there was: the customer's line no note shows,
    /// or a note naming what the customer never said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleResult {
    #[serde(alias = "rule")]
    pub id: Rule,
    #[serde(alias = "passed")]
    pub kept: bool,
    pub detail: String,
    /// Points taken off the score on top of the rule's share of the process weight.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub penalty: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
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

/// Points off for each promise the company can't keep.
pub(crate) const PROMISE_PENALTY: u32 = 15;

/// Captured text, with where it was captured, in script order: what a debrief reads, and
/// what a role-play keeps on each revealing line (`Transcript::keep_notes_then`).
pub(crate) fn captured(account: &Account, bank: &Bank) -> Vec<(String, String)> {
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

/// A quote cut to a readable length.
fn clip(text: &str) -> String {
    let line = text.trim();
    if line.chars().count() > 120 {
        format!("{}…", line.chars().take(119).collect::<String>())
    } else {
        line.to_string()
    }
}

/// How many sentences holding our own promise one note may skip before it is given up on;
/// notes are short, this bounds pathological input.
const PROMISES_SKIPPED: usize = 8;

/// The first note that shows the fact, with the words it rests on. A sentence promising what
/// the sheet rules out ("we can machine custom fittings to her drawings") is what we said, not
/// what the customer expects, so it shows no fact.
fn note_showing(
    evidence: &FactEvidence,
    texts: &[(String, String)],
    lexicon: &Lexicon,
    guard: Option<&Guard>,
) -> Option<(String, super::evidence::Shown)> {
    // Ours when the fact's words are the promise's words: "needs 24 hour replacement; said we
    // replace overnight" still notes what the customer needs.
    let ours = |shown: &super::evidence::Shown| {
        let words: Vec<String> = shown
            .words
            .split_whitespace()
            .filter(|w| *w != "…")
            .map(str::to_lowercase)
            .collect();
        guard.is_some_and(|g| {
            g.check_text(&shown.quote, Voice::Free).iter().any(|f| {
                f.kind == ConcernKind::Promise
                    && f.words
                        .split_whitespace()
                        .any(|w| words.contains(&w.to_lowercase()))
            })
        })
    };
    texts.iter().find_map(|(place, text)| {
        let mut text = text.clone();
        for _ in 0..PROMISES_SKIPPED {
            let shown = evidence.shown_in(&text, lexicon)?;
            if !ours(&shown) {
                return Some((place.clone(), shown));
            }
            let rest = text.replacen(&shown.quote, " ", 1);
            if rest == text {
                return None;
            }
            text = rest;
        }
        None
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

/// Words that put price on the table. "cost" is left out: "what does a late delivery cost
/// you?" asks about their criteria.
const PRICE_STEMS: &[&str] = &[
    "price", "pricing", "budget", "quote", "discount", "cheaper", "cheap", "cheapest",
];
/// Words that set price aside for later: "before we talk price, …" raises nothing.
const DEFER_STEMS: &[&str] = &["before", "later", "until", "after", "park", "hold"];

/// The words of `text` that raise price, if it raises it: a price word no negation denies and
/// no deferral puts off. `ours` asks that the clause be ours ("we", "I", "quoted …") when the
/// text is a note rather than a line said aloud. The one judgement of price: the role-play
/// marks its lines with it as they are said (`Turn::raises_price`), and the debrief reads that
/// mark, so screen, JSON and debrief agree.
pub(crate) fn raises_price(
    text: &str,
    lexicon: &Lexicon,
    ours: bool,
    may_defer: bool,
) -> Option<String> {
    price_raised(text, lexicon, ours, may_defer).map(|(sentence, _)| sentence)
}

/// As `raises_price`, with the price word itself as typed ("price" of "whats ur best price"):
/// what a role-play shows as the words a line was taken for price on.
pub(crate) fn price_word(text: &str, lexicon: &Lexicon, may_defer: bool) -> Option<String> {
    price_raised(text, lexicon, false, may_defer).map(|(_, word)| word)
}

/// The sentence that raises price and the price word in it.
fn price_raised(
    text: &str,
    lexicon: &Lexicon,
    ours: bool,
    may_defer: bool,
) -> Option<(String, String)> {
    let analysis = analyze(text, lexicon);
    let price: Vec<String> = PRICE_STEMS
        .iter()
        .filter_map(|w| analyze(w, lexicon).tokens.first().map(|t| t.stem.clone()))
        .collect();
    let defer: Vec<String> = DEFER_STEMS
        .iter()
        .filter_map(|w| analyze(w, lexicon).tokens.first().map(|t| t.stem.clone()))
        .collect();
    analysis.clauses.iter().find_map(|clause| {
        let range = clause.tokens.clone();
        let word = range
            .clone()
            .find(|&i| price.contains(&analysis.tokens[i].stem) && !analysis.is_negated(i))?;
        let sentence = analysis.sentence_tokens(clause.sentence);
        let deferred = may_defer
            && sentence
                .clone()
                .any(|i| defer.contains(&analysis.tokens[i].stem));
        let negated = clause.negated_from.is_some();
        let voiced = !ours || clause.speaker == Voiced::Us;
        (!deferred && !negated && voiced).then(|| {
            (
                clip(analysis.words(sentence)),
                analysis.words(word..word + 1).to_string(),
            )
        })
    })
}

/// The words of `text` where we say what we don't do: a clause of ours a negation denies
/// ("we don't machine custom parts", "told him we can't do net 90").
fn says_we_cannot(text: &str, lexicon: &Lexicon) -> Option<String> {
    let analysis = analyze(text, lexicon);
    analysis
        .clauses
        .iter()
        .find(|c| c.speaker == Voiced::Us && c.negated_from.is_some() && !c.hedged)
        .map(|c| clip(analysis.words(c.tokens.clone())))
}

fn elapsed(start: Option<Timestamp>, at: Option<Timestamp>) -> String {
    match (start, at) {
        (Some(start), Some(at)) => {
            let secs = at.duration_since(start).as_secs().max(0);
            format!(" at {:02}:{:02}", secs / 60, secs % 60)
        }
        _ => String::new(),
    }
}

/// What the debrief reads: the account, the bank and scenario, the sheet's guard, the lexicon.
pub(crate) struct Judge<'a> {
    pub bank: &'a Bank,
    pub scenario: &'a Scenario,
    pub guard: Option<&'a Guard>,
    pub lexicon: &'a Lexicon,
}

struct Said<'h> {
    index: usize,
    line: &'h Turn,
}

impl Judge<'_> {
    fn number(&self, q: &str) -> String {
        self.bank
            .find_question(q)
            .map(|r| format!("{}.{}", r.step + 1, r.question + 1))
            .unwrap_or_else(|| q.to_string())
    }

    fn step_of(&self, q: &str) -> Option<usize> {
        self.bank.find_question(q).map(|r| r.step)
    }

    fn first_asked_in<'h>(&self, heard: &'h [Turn], step: usize) -> Option<Said<'h>> {
        heard
            .iter()
            .enumerate()
            .find(|(_, h)| {
                h.speaker == Speaker::Trainee
                    && h.question.as_deref().and_then(|q| self.step_of(q)) == Some(step)
            })
            .map(|(index, line)| Said { index, line })
    }

    /// Where the customer's criteria became known: the first criteria question asked, or the
    /// first criterion the customer revealed unasked.
    fn criteria_known(&self, heard: &[Turn]) -> Option<usize> {
        let asked = self.first_asked_in(heard, 1).map(|s| s.index);
        let revealed = heard.iter().position(|h| {
            h.speaker == Speaker::Customer
                && h.reveals.iter().any(|id| {
                    self.scenario
                        .facts
                        .iter()
                        .any(|f| &f.id == id && f.kind == super::scenario::FactKind::Criterion)
                })
        });
        [asked, revealed].into_iter().flatten().min()
    }

    fn rule_from_transcript(&self, rule: Rule, account: &Account, heard: &[Turn]) -> RuleResult {
        let start = account
            .calls
            .last()
            .map(|c| c.started)
            .or_else(|| heard.first().map(|h| h.at));
        let (kept, detail) = match rule {
            Rule::AllStepsCovered => {
                let missing: Vec<String> = self
                    .bank
                    .steps
                    .iter()
                    .enumerate()
                    // A note is no question: a step counts only when the customer heard one.
                    .filter(|(i, _)| self.first_asked_in(heard, *i).is_none())
                    .map(|(i, s)| format!("step {} ({})", i + 1, s.title))
                    .collect();
                if missing.is_empty() {
                    (true, "a question was asked in every step".to_string())
                } else {
                    (
                        false,
                        format!("no question asked in {}", missing.join(", ")),
                    )
                }
            }
            Rule::DecisionMakersFirst => {
                match (self.first_asked_in(heard, 0), self.first_asked_in(heard, 1)) {
                    (None, _) => (
                        false,
                        "no question about decision makers was asked".to_string(),
                    ),
                    (Some(first), Some(criteria)) if criteria.index < first.index => (
                        false,
                        format!(
                            "you asked “{}” ({}){} before any decision-maker question",
                            clip(&criteria.line.text),
                            self.number(criteria.line.question.as_deref().unwrap_or("")),
                            elapsed(start, Some(criteria.line.at))
                        ),
                    ),
                    (Some(first), _) => (
                        true,
                        format!(
                            "you started with “{}” ({}){}",
                            clip(&first.line.text),
                            self.number(first.line.question.as_deref().unwrap_or("")),
                            elapsed(start, Some(first.line.at))
                        ),
                    ),
                }
            }
            Rule::NoEarlyPrice => self.price_from_transcript(heard, start),
            Rule::NoBrokenPromise => return self.promises(account, Some(heard)),
        };
        RuleResult {
            id: rule,
            kept,
            detail,
            penalty: 0,
        }
    }

    /// Who raised price first, and whether the trainee led with it before the customer's
    /// criteria were known.
    fn price_from_transcript(&self, heard: &[Turn], start: Option<Timestamp>) -> (bool, String) {
        let criteria = self.criteria_known(heard).unwrap_or(usize::MAX);
        // What the role-play marked as it was said: a price move, a price ask, a push, or a
        // line nobody placed that puts a price on the table.
        let raised = |h: &Turn| -> Option<String> {
            let price_move = h.move_id.as_ref().is_some_and(|id| {
                self.scenario
                    .moves
                    .iter()
                    .any(|m| &m.id == id && m.topic.as_deref() == Some("price"))
            });
            (price_move || h.raises_price).then(|| clip(&h.text))
        };
        let first = heard
            .iter()
            .enumerate()
            .find_map(|(i, h)| raised(h).map(|words| (i, h, words)));
        let trainee_early = heard
            .iter()
            .enumerate()
            .take(criteria)
            .filter(|(_, h)| h.speaker == Speaker::Trainee)
            .find_map(|(i, h)| raised(h).map(|words| (i, h, words)));
        let who_first = match &first {
            Some((_, h, words)) if h.speaker == Speaker::Customer => {
                format!("the customer raised price first (“{words}”)")
            }
            Some((_, _, words)) => format!("you raised price first (“{words}”)"),
            None => "price never came up".to_string(),
        };
        match (trainee_early, &first) {
            (Some((i, h, words)), Some((j, _, _))) if i == *j => (
                false,
                format!(
                    "you raised price first{} (“{words}”), before the customer's criteria were known",
                    elapsed(start, Some(h.at))
                ),
            ),
            (Some((_, h, words)), _) => {
                // A question about price is not an answer to the buyer's push.
                let did = if h.move_id.is_some() {
                    "answered with price"
                } else {
                    "asked about price"
                };
                (
                    false,
                    format!(
                        "{who_first}, and you {did}{} (“{words}”) before their criteria were known",
                        elapsed(start, Some(h.at))
                    ),
                )
            }
            (None, Some(_)) => (
                true,
                format!("{who_first}; you did not lead with price before their criteria"),
            ),
            (None, None) => (true, who_first),
        }
    }

    fn rule_from_notes(&self, rule: Rule, account: &Account) -> RuleResult {
        let events = events_from_answers(account);
        let first_in_step = |step: usize| {
            events.iter().find_map(|e| match e {
                Event::Asked { question, at } if self.step_of(question) == Some(step) => {
                    Some((question.as_str(), *at))
                }
                _ => None,
            })
        };
        let start = account.calls.last().map(|c| c.started);
        let (kept, detail) = match rule {
            Rule::AllStepsCovered => {
                let missing: Vec<String> = self
                    .bank
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
                    "no answer about decision makers was captured".to_string(),
                ),
                (Some((first, at)), Some((second, later))) if later < at => (
                    false,
                    format!(
                        "{} came{}, before the first decision-maker question ({}{})",
                        self.number(second),
                        elapsed(start, Some(later)),
                        self.number(first),
                        elapsed(start, Some(at))
                    ),
                ),
                (Some((first, at)), _) => (
                    true,
                    format!(
                        "started with {}{}",
                        self.number(first),
                        elapsed(start, Some(at))
                    ),
                ),
            },
            Rule::NoEarlyPrice => {
                // Without a transcript: a step 1 note saying we raised price ("quoted 10% under
                // list") means it came up early; "(customer pushed on price)" and "we never
                // discussed price" do not.
                let criteria_at = first_in_step(1).map(|(_, at)| at);
                let written = |q: &str| {
                    events.iter().find_map(|e| match e {
                        Event::Asked { question, at } if question == q => Some(*at),
                        _ => None,
                    })
                };
                let early = self.bank.steps.first().and_then(|step| {
                    step.questions
                        .iter()
                        .filter(|q| {
                            criteria_at.is_none_or(|c| written(&q.id).is_none_or(|at| at < c))
                        })
                        .find_map(|q| {
                            raises_price(account.answer(&q.id), self.lexicon, true, true)
                                .map(|words| (q.id.clone(), words))
                        })
                });
                match early {
                    Some((q, words)) => (
                        false,
                        format!(
                            "answer {} says you raised price before their criteria: “{words}”",
                            self.number(&q)
                        ),
                    ),
                    None => (
                        true,
                        "no note says you raised price before their criteria".to_string(),
                    ),
                }
            }
            Rule::NoBrokenPromise => return self.promises(account, None),
        };
        RuleResult {
            id: rule,
            kept,
            detail,
            penalty: 0,
        }
    }

    /// A promise the sheet rules out, made as a move or said aloud, or written in a note.
    fn promises(&self, account: &Account, heard: Option<&[Turn]>) -> RuleResult {
        let Some(guard) = self.guard else {
            return RuleResult {
                id: Rule::NoBrokenPromise,
                kept: true,
                detail: "no company sheet in use, so promises were not checked".to_string(),
                penalty: 0,
            };
        };
        // One promise is charged once: said aloud and then written down (the move and the
        // note recording it) is the same item of the sheet broken, not two.
        let mut broken: Vec<String> = Vec::new();
        let mut items: Vec<String> = Vec::new();
        let mut charge = |item: &str, line: String| {
            if !items.iter().any(|i| i == item) {
                items.push(item.to_string());
                broken.push(line);
            }
        };
        for h in heard.unwrap_or_default() {
            if h.speaker != Speaker::Trainee {
                continue;
            }
            for finding in guard.check_text(&h.text, Voice::Free) {
                if finding.kind == ConcernKind::Promise {
                    charge(
                        &finding.item_id,
                        format!("you said “{}” ({})", finding.words, finding.statement),
                    );
                }
            }
        }
        for warning in guard.check_account(self.bank, account) {
            if warning.finding.kind == ConcernKind::Promise {
                charge(
                    &warning.finding.item_id,
                    format!(
                        "a note says “{}” ({})",
                        warning.finding.words, warning.finding.statement
                    ),
                );
            }
        }
        if broken.is_empty() {
            RuleResult {
                id: Rule::NoBrokenPromise,
                kept: true,
                detail: "nothing promised beyond the company sheet".to_string(),
                penalty: 0,
            }
        } else {
            RuleResult {
                id: Rule::NoBrokenPromise,
                kept: false,
                penalty: PROMISE_PENALTY * broken.len().min(3) as u32,
                detail: broken.join("; "),
            }
        }
    }

    /// What each note gained after `line` was said, the note under the question that line
    /// answered first: a fact is looked for there before anywhere else.
    fn written_since(&self, line: &Turn, texts: &[(String, String)]) -> Vec<(String, String)> {
        let own = line
            .question
            .as_deref()
            .map(|q| format!("answer {}", self.number(q)));
        let mut since: Vec<(String, String)> = texts
            .iter()
            .map(|(place, text)| (place.clone(), line.written_since(place, text).to_string()))
            .filter(|(_, text)| !text.trim().is_empty())
            .collect();
        since.sort_by_key(|(place, _)| Some(place) != own.as_ref());
        since
    }

    fn facts(&self, account: &Account, heard: Option<&[Turn]>) -> Vec<FactResult> {
        let texts = captured(account, self.bank);
        let mut early: Vec<(String, String, String)> = Vec::new();
        self.scenario
            .facts
            .iter()
            .map(|fact| {
                let evidence = FactEvidence::compile(&fact.evidence, self.lexicon);
                let revealed = heard.map(|heard| {
                    heard
                        .iter()
                        .find(|h| h.speaker == Speaker::Customer && h.reveals.contains(&fact.id))
                });
                let note = match revealed {
                    Some(Some(line)) => {
                        let since = self.written_since(line, &texts);
                        let note = note_showing(&evidence, &since, self.lexicon, self.guard);
                        if note.is_none()
                            && let Some((place, shown)) =
                                note_showing(&evidence, &texts, self.lexicon, self.guard)
                        {
                            early.push((fact.id.clone(), place, shown.words));
                        }
                        note
                    }
                    _ => note_showing(&evidence, &texts, self.lexicon, self.guard),
                };
                let (evidence, why) = match (revealed, note) {
                    // A live account: the notes decide.
                    (None, Some((place, shown))) => (
                        Some(Evidence {
                            customer: None,
                            note: clip(&shown.quote),
                            place,
                            words: shown.words,
                        }),
                        String::new(),
                    ),
                    (None, None) => (None, "no note shows it".to_string()),
                    (Some(Some(line)), Some((place, shown))) => (
                        Some(Evidence {
                            customer: Some(clip(&line.text)),
                            note: clip(&shown.quote),
                            place,
                            words: shown.words,
                        }),
                        String::new(),
                    ),
                    (Some(Some(line)), None) => (
                        None,
                        format!(
                            "the customer said “{}” but no note shows it",
                            clip(&line.text)
                        ),
                    ),
                    (Some(None), Some((place, shown))) => (
                        None,
                        format!(
                            "{place} says “{}”, but the customer never said it in this role-play",
                            shown.words
                        ),
                    ),
                    (Some(None), None) => (None, "the customer never revealed it".to_string()),
                };
                // An expectation we can't meet is found when it was heard, noted, and answered:
                // the lesson is saying plainly that we can't, on the call or in the notes.
                let unanswered = fact.kind == super::scenario::FactKind::CantMeet
                    && matches!(revealed, Some(Some(_)))
                    && evidence.is_some()
                    && !self.said_we_cannot(heard.unwrap_or_default(), &texts);
                let (evidence, why) = if unanswered {
                    let heard = evidence.as_ref().and_then(|e| e.customer.clone()).unwrap_or_default();
                    (
                        None,
                        format!(
                            "the customer said “{heard}” and you noted it, but never said plainly that we can't"
                        ),
                    )
                } else {
                    (evidence, why)
                };
                let mut why = why;
                if let Some((_, place, words)) = early.iter().find(|(id, _, _)| id == &fact.id) {
                    why += &format!(
                        " ({place} says “{words}”, but it was written before the customer said it)"
                    );
                }
                FactResult {
                    id: fact.id.clone(),
                    found: evidence.is_some(),
                    unanswered,
                    kind: fact.kind.label().to_string(),
                    description: fact.description.clone(),
                    weight: fact.weight,
                    evidence,
                    why,
                }
            })
            .collect()
    }

    /// Whether the trainee said, or noted, what we can't do.
    fn said_we_cannot(&self, heard: &[Turn], texts: &[(String, String)]) -> bool {
        heard
            .iter()
            .filter(|h| h.speaker == Speaker::Trainee)
            .map(|h| h.text.as_str())
            .chain(texts.iter().map(|(_, text)| text.as_str()))
            .any(|text| says_we_cannot(text, self.lexicon).is_some())
    }

    /// The bank questions whose reply reveals `fact` that the trainee did not ask.
    fn unasked_question_revealing(&self, fact: &str, asked: &[&str]) -> Option<String> {
        self.bank
            .question_refs()
            .filter_map(|q| self.bank.question(q))
            .filter(|q| !asked.contains(&q.id.as_str()))
            .find_map(|q| {
                self.scenario
                    .replies
                    .get(&q.id)
                    .filter(|r| r.reveals.iter().any(|f| f == fact))
                    .map(|_| q.ask.clone())
            })
    }

    /// Scores `account` against the scenario. `heard` is the role-play's transcript when
    /// there is one; without it (a live account) the notes alone are judged.
    pub(crate) fn debrief(&self, account: &Account, heard: Option<&[Turn]>) -> Debrief {
        let facts = self.facts(account, heard);
        let mut rule_ids = self.scenario.rubric.rules.clone();
        if self.guard.is_some() && !rule_ids.contains(&Rule::NoBrokenPromise) {
            rule_ids.push(Rule::NoBrokenPromise);
        }
        let rules: Vec<RuleResult> = rule_ids
            .iter()
            .map(|&rule| match heard {
                Some(heard) => self.rule_from_transcript(rule, account, heard),
                None => self.rule_from_notes(rule, account),
            })
            .collect();
        let total_weight: u32 = facts.iter().map(|f| f.weight).sum();
        let found_weight: u32 = facts.iter().filter(|f| f.found).map(|f| f.weight).sum();
        let weights = &self.scenario.rubric.weights;
        let fact_part = if total_weight == 0 {
            1.0
        } else {
            f64::from(found_weight) / f64::from(total_weight)
        };
        let kept_rules = rules.iter().filter(|r| r.kept).count();
        let rule_part = if rules.is_empty() {
            1.0
        } else {
            kept_rules as f64 / rules.len() as f64
        };
        let all = f64::from(weights.facts + weights.process).max(1.0);
        let earned = ((f64::from(weights.facts) * fact_part
            + f64::from(weights.process) * rule_part)
            * 100.0
            / all)
            .round() as u32;
        let penalty: u32 = rules.iter().map(|r| r.penalty).sum();
        let score = earned.saturating_sub(penalty);

        let asked: Vec<&str> = heard
            .unwrap_or_default()
            .iter()
            .filter_map(|h| h.question.as_deref())
            .collect();
        let passed = score >= self.scenario.rubric.pass_mark;
        let (keep, start, stop) = self.advice(&facts, &rules, heard, &asked, passed);
        Debrief {
            scenario: self.scenario.id.clone(),
            facts,
            rules,
            score,
            pass_mark: self.scenario.rubric.pass_mark,
            passed,
            keep,
            start,
            stop,
        }
    }

    fn advice(
        &self,
        facts: &[FactResult],
        rules: &[RuleResult],
        heard: Option<&[Turn]>,
        asked: &[&str],
        passed: bool,
    ) -> (String, String, String) {
        let keep = match facts.iter().filter(|f| f.found).max_by_key(|f| f.weight) {
            Some(found) => format!(
                "Keep asking until you hear it: you found that {}",
                lower_first(&found.description)
            ),
            // A rule kept by asking nothing is no habit to keep.
            None => match rules
                .iter()
                .find(|r| r.kept)
                .filter(|_| heard.is_none() || !asked.is_empty())
            {
                Some(rule) => format!("Keep this habit: {}.", lower_first(rule.id.label())),
                None => "Keep practising: every call rehearses the next one.".to_string(),
            },
        };
        let start = match facts.iter().filter(|f| !f.found).max_by_key(|f| f.weight) {
            Some(missed) => {
                let said = heard.and_then(|heard| {
                    heard
                        .iter()
                        .find(|h| h.speaker == Speaker::Customer && h.reveals.contains(&missed.id))
                });
                match (said, self.unasked_question_revealing(&missed.id, asked)) {
                    (Some(_), _) if missed.unanswered => format!(
                        "Start saying plainly what we can't do: {}",
                        lower_first(&missed.description)
                    ),
                    (Some(line), _) => format!(
                        "Start writing down what you hear: the customer said “{}”",
                        clip(&line.text)
                    ),
                    (None, Some(ask)) => format!(
                        "Start asking “{ask}” It would have shown that {}",
                        lower_first(&missed.description)
                    ),
                    (None, None) => format!(
                        "Start following up when an answer is short: you asked, but never heard that {}",
                        lower_first(&missed.description)
                    ),
                }
            }
            None => "Start the next call the same way: you found every fact.".to_string(),
        };
        let used_moves: Vec<&str> = heard
            .unwrap_or_default()
            .iter()
            .filter_map(|h| h.move_id.as_deref())
            .collect();
        let stop = match rules.iter().find(|r| !r.kept) {
            Some(broken) => match broken.id {
                Rule::DecisionMakersFirst => {
                    "Stop asking about criteria before you know who decides.".to_string()
                }
                Rule::NoEarlyPrice => {
                    "Stop raising price before the customer has said how they measure vendors."
                        .to_string()
                }
                Rule::AllStepsCovered => {
                    "Stop ending the call before every step is covered, above all what we can and can't do.".to_string()
                }
                Rule::NoBrokenPromise => format!(
                    "Stop promising what the company can't do: {}",
                    broken.detail
                ),
            },
            None => match self
                .scenario
                .moves
                .iter()
                .find(|m| used_moves.contains(&m.id.as_str()) && m.effect < 0)
            {
                Some(m) => format!("Stop: “{}”. The customer heard: {}", m.label, m.reaction),
                None => match heard
                    .unwrap_or_default()
                    .iter()
                    .find(|t| t.speaker == Speaker::Trainee && t.trust < 0)
                {
                    Some(fall) => format!(
                        "Stop: “{}”. Trust fell: {}.",
                        clip(&fall.text),
                        fall.trust_why.join("; ")
                    ),
                    // The order held, but the facts missed cost the pass: Start says which.
                    None if !passed => {
                        "Stop nothing in the order: what you missed is under Start.".to_string()
                    }
                    None => "Stop nothing: the order held. Do it again on a real call.".to_string(),
                },
            },
        };
        (keep, start, stop)
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Scores `account` against `scenario` with `company`'s sheet (its guard for promises, its
/// lexicon for reading notes) or, without one, the built-in lexicon and no promise rule.
pub(crate) fn debrief_with_sheet(
    account: &Account,
    bank: &Bank,
    scenario: &Scenario,
    company: Option<&Company>,
    transcript: Option<&[Turn]>,
) -> Debrief {
    let guard = company.map(Company::guard);
    let lexicon = guard
        .as_ref()
        .map_or_else(Lexicon::builtin, |g| g.lexicon().clone());
    Judge {
        bank,
        scenario,
        guard: guard.as_deref(),
        lexicon: &lexicon,
    }
    .debrief(account, transcript)
}

/// Scores `account` against `scenario` with the built-in lexicon and no sheet; `events` is the
/// role-play's record of questions and moves when there is one.
pub fn debrief(
    account: &Account,
    bank: &Bank,
    scenario: &Scenario,
    events: Option<&[Event]>,
) -> Debrief {
    let lexicon = Lexicon::builtin();
    let judge = Judge {
        bank,
        scenario,
        guard: None,
        lexicon: &lexicon,
    };
    let heard = events.map(|e| transcript_from_events(scenario, bank, e));
    judge.debrief(account, heard.as_ref().map(|t| t.turns.as_slice()))
}

impl Debrief {
    /// The debrief for a terminal: plain lines, marks and quotes, no markup.
    pub fn text(&self, title: &str, who: &str) -> String {
        let verdict = if self.passed { "passed" } else { "not yet" };
        let mut out = format!(
            "Debrief: {title}\n{who}\n\nScore: {} / 100 (pass mark {}): {verdict}.\n",
            self.score, self.pass_mark
        );
        out += "\nFacts\n";
        for fact in &self.facts {
            out += &fact.line("  ");
        }
        out += "\nProcess\n";
        for rule in &self.rules {
            out += &rule.line("  ");
        }
        out += &format!(
            "\nKeep, start, stop\n  {}\n  {}\n  {}\n",
            self.keep, self.start, self.stop
        );
        out
    }
}

impl FactResult {
    fn line(&self, lead: &str) -> String {
        match &self.evidence {
            Some(e) => {
                let heard = e
                    .customer
                    .as_ref()
                    .map(|c| format!(" The customer: “{c}”"))
                    .unwrap_or_default();
                format!(
                    "{lead}✓ {} ({}).{heard} Your note ({}): “{}”\n",
                    self.description, self.kind, e.place, e.note
                )
            }
            None => format!(
                "{lead}✗ {} ({}). Not found: {}.\n",
                self.description, self.kind, self.why
            ),
        }
    }
}

impl RuleResult {
    fn line(&self, lead: &str) -> String {
        let mark = if self.kept { "✓" } else { "✗" };
        let penalty = if self.penalty > 0 {
            format!(" (−{} points)", self.penalty)
        } else {
            String::new()
        };
        format!(
            "{lead}{mark} {}: {}{penalty}\n",
            self.id.label(),
            self.detail
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::company::Company;
    use crate::core::script::{Played, Script, play};

    fn scenario(id: &str) -> Scenario {
        let text = match id {
            "hidden-engineering" => {
                include_str!("../../question-banks/scenarios/hidden-engineering.yaml")
            }
            "late-deliveries" => {
                include_str!("../../question-banks/scenarios/late-deliveries.yaml")
            }
            "assumed-terms" => include_str!("../../question-banks/scenarios/assumed-terms.yaml"),
            "committee-veto" => {
                include_str!("../../question-banks/scenarios/committee-veto.yaml")
            }
            _ => include_str!("../../question-banks/scenarios/price-first.yaml"),
        };
        crate::yaml::from_str(text).unwrap()
    }

    fn sheet() -> Company {
        crate::yaml::from_str(include_str!("../../question-banks/company.example.yaml")).unwrap()
    }

    fn played(scenario: &Scenario, script: &str) -> Played {
        let bank = crate::core::builtin_bank_for_tests();
        let script: Script = crate::yaml::from_str(script).unwrap();
        play(
            scenario,
            &bank,
            &script,
            "Practice",
            Timestamp::UNIX_EPOCH,
            0,
            Some(&sheet()),
        )
        .unwrap()
    }

    fn judged(id: &str, script: &str) -> (Debrief, Played) {
        let bank = crate::core::builtin_bank_for_tests();
        let scenario = scenario(id);
        let company = sheet();
        let guard = company.guard();
        let lexicon = Lexicon::builtin();
        let played = played(&scenario, script);
        let judge = Judge {
            bank: &bank,
            scenario: &scenario,
            guard: Some(&guard),
            lexicon: &lexicon,
        };
        (
            judge.debrief(&played.account, Some(&played.transcript.turns)),
            played,
        )
    }

    /// A script line asking a bank question in the bank's own words.
    fn ask(id: &str) -> String {
        let bank = crate::core::builtin_bank_for_tests();
        let q = bank
            .find_question(id)
            .and_then(|q| bank.question(q))
            .unwrap();
        format!("  - ask: '{}'\n", q.ask.replace('\'', "''"))
    }

    fn rule(debrief: &Debrief, id: Rule) -> &RuleResult {
        debrief.rules.iter().find(|r| r.id == id).unwrap()
    }

    fn fact<'d>(debrief: &'d Debrief, id: &str) -> &'d FactResult {
        debrief.facts.iter().find(|f| f.id == id).unwrap()
    }

    /// A trainee who asks every step's questions, in order, and notes what they hear in
    /// their own shorthand.
    fn strong() -> String {
        let mut script = "turns:\n".to_string();
        for (question, note) in [
            (
                "business-and-roles",
                "pumps for water utilities; Dana runs purchasing for seals and fittings",
            ),
            (
                "other-departments",
                "Eng. approves vendors (AVL) - nobody gets bought from without their sign-off",
            ),
            (
                "who-judges-service",
                "QM Priya Shah reviews every supplier quarterly",
            ),
            (
                "valued-supplier",
                "parts that arrive when promised, builds planned around deliveries",
            ),
            (
                "measure-performance",
                "OTD scored monthly, under 95% gets a call",
            ),
            (
                "past-problems",
                "old supplier shipped seals w/o material certs, whole batch quarantined 2 wks",
            ),
            (
                "can-and-cannot",
                "told her we do not machine custom parts; stocked items ship in 2 days",
            ),
        ] {
            script += &ask(question);
            script += &format!("  - note: {{question: {question}, text: '{note}'}}\n");
        }
        script
    }

    #[test]
    fn a_strong_trainee_asking_in_their_own_words_passes() {
        let script = "turns:
  - ask: Hi Dana, thanks for making the time
  - ask: So tell me about your business and what you do there
  - note: {question: business-and-roles, text: Pumps for water utilities; Dana buys seals}
  - ask: Do other departments play a part when you pick a supplier?
  - note: {question: other-departments, text: 'Eng. approves vendors (AVL)'}
  - ask: Does someone have to sign off on a vendor before you can order?
  - ask: What would engineering want to see from us?
  - note: {question: who-judges-service, text: 'QM Priya Shah rates suppliers every quarter'}
  - ask: What matters most to you in a supplier?
  - note: {question: valued-supplier, text: Parts that arrive when promised}
  - ask: How do you keep score on your vendors?
  - ask: Have you had trouble with suppliers before?
  - note: {question: past-problems, text: 'last supplier shipped w/o certs, batch quarantined'}
  - move: state-cannot
  - note: {question: can-and-cannot, text: 'we source seals, certs with every lot'}
";
        let (debrief, played) = judged("hidden-engineering", script);
        assert!(
            played.transcript.turns.iter().any(|t| t.intent.is_some()),
            "a follow-up in the trainee's own words"
        );
        for fact in &debrief.facts {
            let evidence = fact
                .evidence
                .as_ref()
                .unwrap_or_else(|| panic!("{} missed: {}", fact.id, fact.why));
            assert!(evidence.customer.is_some() && !evidence.words.is_empty());
        }
        assert!(
            debrief.passed && debrief.score == 100,
            "{}",
            debrief.text("t", "w")
        );
    }

    #[test]
    fn keywords_typed_without_asking_find_no_fact_and_do_not_pass() {
        let script = "turns:
  - note: {question: business-and-roles, text: 'engineering approves vendors, approved vendor list. Quality manager Priya reviews suppliers quarterly. On-time delivery 95%. No certificates, batch quarantined.'}
  - note: {question: valued-supplier, text: 'on time delivery 95 percent'}
  - note: {question: can-and-cannot, text: 'certificates quarantine'}
";
        let (debrief, _) = judged("hidden-engineering", script);
        assert!(
            debrief.facts.iter().all(|f| !f.found),
            "{:#?}",
            debrief.facts
        );
        assert!(!debrief.passed, "score {}", debrief.score);
        let engineering = &debrief.facts[0];
        assert!(
            engineering.why.contains("never said it")
                && engineering.why.contains("engineering … approves"),
            "the verdict quotes the note it refused: {}",
            engineering.why
        );
    }

    /// The Stop advice for what `script` played, as if every rule had been kept.
    fn stop_with_rules_kept(id: &str, script: &str, passed: bool) -> String {
        let bank = crate::core::builtin_bank_for_tests();
        let scenario = scenario(id);
        let lexicon = Lexicon::builtin();
        let played = played(&scenario, script);
        let judge = Judge {
            bank: &bank,
            scenario: &scenario,
            guard: None,
            lexicon: &lexicon,
        };
        let turns = &played.transcript.turns;
        let mut debrief = judge.debrief(&played.account, Some(turns));
        for rule in &mut debrief.rules {
            rule.kept = true;
        }
        let (_, _, stop) = judge.advice(&debrief.facts, &debrief.rules, Some(turns), &[], passed);
        stop
    }

    #[test]
    fn a_failed_role_play_is_never_told_the_order_held() {
        let script = "turns:
  - ask: Who else is involved when you pick a supplier?
";
        let stop = stop_with_rules_kept("hidden-engineering", script, false);
        assert!(!stop.contains("the order held"), "{stop}");
        let stop = stop_with_rules_kept("hidden-engineering", script, true);
        assert!(stop.contains("the order held"), "{stop}");
    }

    #[test]
    fn a_fall_in_trust_is_named_instead_of_the_order_held() {
        let script = "turns:
  - ask: Who else is involved when you pick a supplier?
  - ask: Who else is involved when you pick a supplier?
";
        let stop = stop_with_rules_kept("hidden-engineering", script, true);
        assert!(!stop.contains("the order held"), "{stop}");
        assert!(stop.contains("Trust fell"), "{stop}");
    }

    #[test]
    fn a_note_typed_before_the_customer_said_it_finds_nothing() {
        // The tryout's stuffed note: every fact's words typed first, then five short asks.
        let script = "turns:
  - note: {question: business-and-roles, text: 'finance Ingrid approves terms. net 90. complete kits nothing partial. partial shipments, boats sat unfinished'}
  - ask: who else is involved
  - ask: what do you value in a vendor
  - ask: how do you measure vendors
  - ask: any problems with past vendors
  - ask: can i explain what we can and cant do
";
        let (debrief, played) = judged("assumed-terms", script);
        assert!(!played.transcript.revealed().is_empty(), "the asks reveal");
        assert!(
            debrief.facts.iter().all(|f| !f.found),
            "{}",
            debrief.text("t", "w")
        );
        assert!(!debrief.passed, "score {}", debrief.score);
        assert!(
            debrief.facts[0]
                .why
                .contains("written before the customer said it"),
            "{}",
            debrief.facts[0].why
        );
        // The same words written after the reveal count.
        let after = "turns:
  - ask: who else is involved
  - note: {question: business-and-roles, text: 'finance Ingrid approves terms'}
";
        let (debrief, _) = judged("assumed-terms", after);
        assert!(debrief.facts[0].found, "{}", debrief.text("t", "w"));
    }

    #[test]
    fn notes_without_questions_cover_no_step_and_earn_no_praise() {
        let script = "turns:
  - note: {question: business-and-roles, text: who decides}
  - note: {question: valued-supplier, text: criteria}
  - note: {question: can-and-cannot, text: cant}
";
        let (debrief, _) = judged("hidden-engineering", script);
        let steps = rule(&debrief, Rule::AllStepsCovered);
        assert!(!steps.kept, "{steps:?}");
        assert!(
            steps.detail.contains("no question asked in step 1"),
            "{}",
            steps.detail
        );
        assert!(!debrief.keep.contains("habit"), "{}", debrief.keep);
        let gibberish = "turns:\n  - ask: asdf\n  - ask: qwer\n  - ask: zxcv\n  - ask: hmm\n";
        let (debrief, played) = judged("price-first", gibberish);
        assert!(!played.transcript.trainee_spoke());
        assert!(!debrief.keep.contains("habit"), "{}", debrief.keep);
    }

    #[test]
    fn an_unplaced_price_line_is_a_price_ask_on_screen_in_json_and_in_the_debrief() {
        let (debrief, played) = judged("price-first", "turns:\n  - ask: whats ur best price\n");
        let line = &played.transcript.turns[1];
        assert_eq!(line.speaker, Speaker::Trainee);
        assert!(line.raises_price, "{line:?}");
        assert_eq!(
            line.intent.as_deref(),
            Some("price"),
            "shown as price, not unplaced"
        );
        let price = rule(&debrief, Rule::NoEarlyPrice);
        assert!(!price.kept, "{price:?}");
        assert!(
            price.detail.contains("you asked about price") && !price.detail.contains("answered"),
            "{}",
            price.detail
        );
        // What the transcript does not mark, the debrief does not call price.
        let (debrief, mut played) = judged(
            "hidden-engineering",
            "turns:\n  - ask: whats ur best price\n",
        );
        assert!(!rule(&debrief, Rule::NoEarlyPrice).kept);
        for turn in &mut played.transcript.turns {
            turn.raises_price = false;
        }
        let bank = crate::core::builtin_bank_for_tests();
        let scenario = scenario("hidden-engineering");
        let lexicon = Lexicon::builtin();
        let judge = Judge {
            bank: &bank,
            scenario: &scenario,
            guard: None,
            lexicon: &lexicon,
        };
        let again = judge.debrief(&played.account, Some(&played.transcript.turns));
        assert!(
            rule(&again, Rule::NoEarlyPrice).kept,
            "one judgement: the mark"
        );
    }

    #[test]
    fn an_expectation_we_cannot_meet_is_found_only_once_we_say_we_cannot() {
        let heard = "turns:
  - ask: Can I explain what we can and can't do for you?
  - note: {question: can-and-cannot, text: He assumes net 90 like today}
";
        let (debrief, played) = judged("assumed-terms", heard);
        assert!(played.transcript.revealed().contains("assumes-net-90"));
        let fact = |d: &Debrief| {
            d.facts
                .iter()
                .find(|f| f.id == "assumes-net-90")
                .unwrap()
                .clone()
        };
        assert!(!fact(&debrief).found, "{:?}", fact(&debrief));
        assert!(
            fact(&debrief)
                .why
                .contains("never said plainly that we can't")
        );
        let (debrief, _) = judged("assumed-terms", &format!("{heard}  - move: state-cannot\n"));
        assert!(fact(&debrief).found, "{:?}", fact(&debrief));
        let noted = format!(
            "{heard}  - note: {{question: can-and-cannot, text: 'told him we can''t do net 90, only net 30'}}\n"
        );
        let (debrief, _) = judged("assumed-terms", &noted);
        assert!(fact(&debrief).found, "{:?}", fact(&debrief));
    }

    #[test]
    fn the_note_quoted_is_the_one_under_the_question_that_got_the_answer() {
        let script = "turns:
  - ask: What matters most to you in a supplier?
  - note: {question: valued-supplier, text: 'SDS w/ every delivery, seals rated for chems'}
  - ask: Have you had trouble with suppliers before?
  - note: {question: past-problems, text: 'seals not rated 4 solvents -> valve leak, line shut 1 day'}
";
        let (debrief, played) = judged("committee-veto", script);
        assert!(played.transcript.revealed().contains("wrong-seals"));
        let fact = fact(&debrief, "wrong-seals");
        let evidence = fact.evidence.as_ref().expect("found");
        assert!(evidence.note.contains("valve leak"), "{evidence:?}");
    }

    #[test]
    fn a_strong_trainee_asking_every_step_in_the_bank_words_passes() {
        let (debrief, played) = judged("hidden-engineering", &strong());
        let asked = played.transcript.asked();
        assert!(asked.contains(&"other-departments"), "{asked:?}");
        for fact in &debrief.facts {
            let evidence = fact.evidence.as_ref().unwrap_or_else(|| {
                panic!("{} missed: {}\n{:#?}", fact.id, fact.why, played.transcript)
            });
            assert!(evidence.customer.is_some(), "{evidence:?}");
            assert!(!evidence.words.is_empty(), "{evidence:?}");
        }
        assert!(debrief.passed, "{}", debrief.text("t", "w"));
        assert!(debrief.rules.iter().all(|r| r.kept), "{:#?}", debrief.rules);
    }

    #[test]
    fn the_trainee_opening_with_price_breaks_the_price_rule() {
        let script = format!(
            "turns:\n  - move: quote-price\n{}",
            &strong()["turns:\n".len()..]
        );
        let (debrief, _) = judged("hidden-engineering", &script);
        let price = rule(&debrief, Rule::NoEarlyPrice);
        assert!(!price.kept, "{price:?}");
        assert!(
            price.detail.contains("you raised price first"),
            "{}",
            price.detail
        );
        assert!(
            price.detail.contains("10% below"),
            "quotes the words: {}",
            price.detail
        );
    }

    #[test]
    fn the_customer_opening_with_price_does_not_break_it() {
        let script = format!(
            "turns:\n{}  - note: {{question: other-departments, text: 'regulatory affairs must approve any supplier change'}}\n{}  - note: {{question: valued-supplier, text: 'zero defects; recall 2 yrs ago'}}\n",
            ask("other-departments"),
            ask("valued-supplier")
        );
        let (debrief, played) = judged("price-first", &script);
        assert!(
            played.transcript.turns[0].text.contains("price"),
            "the persona opens with price"
        );
        assert_eq!(played.transcript.turns[0].speaker, Speaker::Customer);
        let price = rule(&debrief, Rule::NoEarlyPrice);
        assert!(price.kept, "{price:?}");
        assert!(
            price.detail.contains("the customer raised price first"),
            "{}",
            price.detail
        );
    }

    #[test]
    fn a_promise_we_cannot_keep_lowers_the_score() {
        let (honest, _) = judged("hidden-engineering", &strong());
        let typed = strong().replace(
            "told her we do not machine custom parts",
            "told her we can do overnight delivery anywhere",
        );
        let (promised, _) = judged("hidden-engineering", &typed);
        let rule = rule(&promised, Rule::NoBrokenPromise);
        assert!(!rule.kept && rule.penalty > 0, "{rule:?}");
        assert!(rule.detail.contains("overnight"), "{}", rule.detail);
        assert!(
            promised.score < honest.score,
            "{} < {}",
            promised.score,
            honest.score
        );
    }

    #[test]
    fn one_promise_made_and_noted_is_charged_once() {
        let script = format!(
            "turns:\n{}  - move: promise-custom\n  - note: {{question: can-and-cannot, text: 'told her we can machine anything to her drawings'}}\n",
            ask("other-departments")
        );
        let (debrief, played) = judged("price-first", &script);
        let bank = crate::core::builtin_bank_for_tests();
        assert!(
            sheet()
                .guard()
                .check_account(&bank, &played.account)
                .iter()
                .any(|w| w.finding.kind == ConcernKind::Promise),
            "the note is a promise too"
        );
        let rule = rule(&debrief, Rule::NoBrokenPromise);
        assert!(!rule.kept, "{rule:?}");
        assert_eq!(rule.penalty, PROMISE_PENALTY, "{}", rule.detail);
    }

    #[test]
    fn our_own_promise_in_a_note_shows_no_fact_about_the_customer() {
        let bank = crate::core::builtin_bank_for_tests();
        let scenario = scenario("price-first");
        let company = sheet();
        let guard = company.guard();
        let lexicon = Lexicon::builtin();
        let judge = Judge {
            bank: &bank,
            scenario: &scenario,
            guard: Some(&guard),
            lexicon: &lexicon,
        };
        let mut account = Account::new("Meyer", &bank, Timestamp::UNIX_EPOCH);
        account.set_answer(
            "can-and-cannot",
            "we can machine custom fittings to her drawings",
            Timestamp::UNIX_EPOCH,
        );
        let debrief = judge.debrief(&account, None);
        let custom = fact(&debrief, "wants-custom-machining");
        assert!(!custom.found, "{custom:?}");
        assert!(!rule(&debrief, Rule::NoBrokenPromise).kept);
        account.set_answer(
            "can-and-cannot",
            "we can machine custom fittings to her drawings. She needs fittings custom machined to their drawings",
            Timestamp::UNIX_EPOCH,
        );
        let debrief = judge.debrief(&account, None);
        let custom = fact(&debrief, "wants-custom-machining");
        let evidence = custom
            .evidence
            .as_ref()
            .expect("the customer's need, noted");
        assert!(evidence.note.starts_with("She needs"), "{evidence:?}");
    }

    #[test]
    fn a_promise_made_as_a_move_breaks_the_rule() {
        let script = format!(
            "turns:\n{}  - move: promise-custom\n",
            ask("other-departments")
        );
        let (debrief, _) = judged("price-first", &script);
        let rule = rule(&debrief, Rule::NoBrokenPromise);
        assert!(!rule.kept, "{rule:?}");
        assert!(rule.detail.starts_with("you said"), "{}", rule.detail);
    }

    #[test]
    fn start_asking_names_only_questions_not_asked() {
        let script = format!("turns:\n{}", ask("other-departments"));
        let (debrief, _) = judged("hidden-engineering", &script);
        // Engineering (the heaviest fact) was said but not noted: no "start asking".
        assert!(
            debrief.start.starts_with("Start writing down"),
            "{}",
            debrief.start
        );
        let noted = format!(
            "{script}  - note: {{question: other-departments, text: engineering approves vendors}}\n"
        );
        let (debrief, _) = judged("hidden-engineering", &noted);
        assert!(
            debrief.start.starts_with("Start asking"),
            "{}",
            debrief.start
        );
        assert!(!debrief.start.contains("Who else"), "{}", debrief.start);
    }

    #[test]
    fn a_live_account_is_judged_on_its_notes_alone() {
        let bank = crate::core::builtin_bank_for_tests();
        let scenario = scenario("hidden-engineering");
        let lexicon = Lexicon::builtin();
        let judge = Judge {
            bank: &bank,
            scenario: &scenario,
            guard: None,
            lexicon: &lexicon,
        };
        let mut account = Account::new("Keller", &bank, Timestamp::UNIX_EPOCH);
        account.set_answer(
            "other-departments",
            "Dana decides alone, engineering not involved",
            Timestamp::UNIX_EPOCH,
        );
        account.set_answer(
            "business-and-roles",
            "(customer pushed on price) we never discussed price",
            Timestamp::UNIX_EPOCH,
        );
        let debrief = judge.debrief(&account, None);
        assert!(!debrief.facts[0].found, "{:?}", debrief.facts[0]);
        assert!(rule(&debrief, Rule::NoEarlyPrice).kept);
        account.set_answer(
            "other-departments",
            "Eng. approves vendors (AVL)",
            Timestamp::UNIX_EPOCH,
        );
        account.set_answer(
            "business-and-roles",
            "I quoted our price first, 10% under",
            Timestamp::UNIX_EPOCH,
        );
        let debrief = judge.debrief(&account, None);
        let evidence = debrief.facts[0].evidence.as_ref().unwrap();
        assert_eq!(evidence.words, "Eng … approves");
        assert_eq!(evidence.customer, None);
        assert!(!rule(&debrief, Rule::NoEarlyPrice).kept);
    }
}
