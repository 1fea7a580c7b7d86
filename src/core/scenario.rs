//! Role-play scenarios: a customer with a brief, a persona, hidden facts to uncover, replies to
//! the bank's questions, off-script moves, and the rubric a debrief scores against.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::bank::Bank;
use super::evidence::FactEvidence;
use super::script::{Script, ScriptTurn};
use super::text::Lexicon;
use super::validate::{Issue, Issues};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    /// The bank whose question ids the replies answer.
    pub bank: String,
    /// The company sheet the scenario is written against, so a debrief scores the same on
    /// every machine: `example` (the shipped example sheet) or a path beside the scenario
    /// file. An explicit `--company` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    pub brief: Brief,
    pub persona: Persona,
    pub facts: Vec<Fact>,
    pub replies: BTreeMap<String, Reply>,
    pub default_reply: String,
    #[serde(default)]
    pub moves: Vec<Move>,
    /// What the trainee may say besides the bank's questions: follow-ups, small talk, asking
    /// about price, each with example phrasings and the customer's answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<Intent>,
    pub rubric: Rubric,
    /// Example conversations and what their debrief must say: the scenario author's unit
    /// tests, run by `disco scenario test`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<ScenarioTest>,
}

/// One example conversation: the trainee's turns, played like a script, and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioTest {
    pub name: String,
    pub turns: Vec<ScriptTurn>,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Exactly the facts the debrief finds; every other fact must be missed.
    pub found: Vec<String>,
    pub passed: bool,
    /// Rules the debrief must find broken; the others must hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broken: Vec<Rule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    pub company: String,
    pub industry: String,
    pub contact: String,
    pub contact_title: String,
    #[serde(default)]
    pub situation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub name: String,
    pub title: String,
    pub manner: String,
    pub opening: String,
    /// Trust at the start of the call; replies may need more before they reveal a fact.
    #[serde(default)]
    pub trust: i32,
    /// What the customer says when a line can't be placed (rotated, never twice in a row);
    /// the scenario's `default_reply` comes first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unclear: Vec<String>,
    /// The customer's side of small talk, rotated like `unclear`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub small_talk: Vec<String>,
    /// What the customer brings up unasked until the trainee answers it with a move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pushes: Vec<Push>,
}

/// The customer pushing a topic (the price-first buyer asking for a price).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Push {
    pub id: String,
    /// What the customer says, in turn; the first one is said first.
    pub say: Vec<String>,
    /// `price` for a push about price: then the customer, not the trainee, raised it first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// After how many of the trainee's lines the push comes; 0: the opening line is the push.
    #[serde(default)]
    pub after: usize,
    /// How many of the trainee's lines pass before it comes again.
    #[serde(default = "three")]
    pub every: usize,
    /// Moves that answer the push: after one of them it stops.
    #[serde(default)]
    pub until: Vec<String>,
}

fn three() -> usize {
    3
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    DecisionMaker,
    Criterion,
    PastProblem,
    CantMeet,
    Other,
}

impl FactKind {
    pub fn label(self) -> &'static str {
        match self {
            FactKind::DecisionMaker => "decision maker",
            FactKind::Criterion => "criterion",
            FactKind::PastProblem => "past problem with a vendor",
            FactKind::CantMeet => "expectation we can't meet",
            FactKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub kind: FactKind,
    pub description: String,
    /// Patterns that, found in what the trainee captured, show the fact was taken in
    /// (`core::evidence`: `"engineering | eng + approve | sign off"`). Older files call them
    /// `keywords`; a single word is a pattern of one group.
    #[serde(alias = "keywords")]
    pub evidence: Vec<String>,
    #[serde(default = "one")]
    pub weight: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub say: String,
    /// Other ways the customer says it, when asked again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    #[serde(default)]
    pub reveals: Vec<String>,
    /// The trust the customer needs before revealing anything here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<i32>,
    /// Said instead, revealing nothing, while the trust is short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarded: Option<String>,
}

/// Something the trainee may say besides the bank's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    pub id: String,
    /// How a trainee might say it, for matching their own words.
    pub examples: Vec<String>,
    /// A follow-up: heard only once this bank question (or intent) was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// The customer's answer.
    pub reply: Reply,
    /// `price` when asking this raises price; `criteria` when it asks how they judge suppliers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// How much asking this changes the customer's trust.
    #[serde(default)]
    pub effect: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub id: String,
    pub label: String,
    /// What the trainee says when making the move.
    pub say: String,
    pub reaction: String,
    /// `price` marks a move that raises price, for the rule about raising it too early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// How much the move changes the customer's trust.
    #[serde(default)]
    pub effect: i32,
    /// The bank question this move answers when it is made (saying plainly what we can't do
    /// is `can-and-cannot`): its step counts as covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The reaction once the customer's criteria are known, when it differs (deferring price
    /// is good early and evasive late).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction_once_criteria_known: Option<String>,
    /// The trust change once the criteria are known, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_once_criteria_known: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Every step of the script has at least one answer.
    AllStepsCovered,
    /// The first step's questions come before the second step's.
    DecisionMakersFirst,
    /// Price is not raised before the customer's criteria are known.
    NoEarlyPrice,
    /// Nothing promised that the company sheet rules out, said or written. Checked whenever a
    /// sheet is in use, listed or not; each promise also costs points.
    NoBrokenPromise,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::AllStepsCovered => "All three steps covered",
            Rule::DecisionMakersFirst => "Decision makers before criteria",
            Rule::NoEarlyPrice => "Price not raised before the customer's criteria are known",
            Rule::NoBrokenPromise => "Nothing promised that the company can't do",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub facts: u32,
    pub process: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Out of 100.
    pub pass_mark: u32,
    pub weights: Weights,
    pub rules: Vec<Rule>,
}

/// Topics an intent may have.
pub const INTENT_TOPICS: &[&str] = &["price", "criteria", "small-talk"];
/// Topics a move may have.
pub const MOVE_TOPICS: &[&str] = &["price"];

impl Scenario {
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Issues::default();
        issues.check_id("id", &self.id);
        issues.not_empty("title", &self.title);
        issues.check_id("bank", &self.bank);
        for (field, value) in [
            ("brief.company", &self.brief.company),
            ("brief.industry", &self.brief.industry),
            ("brief.contact", &self.brief.contact),
            ("brief.contact_title", &self.brief.contact_title),
            ("persona.name", &self.persona.name),
            ("persona.title", &self.persona.title),
            ("persona.manner", &self.persona.manner),
            ("persona.opening", &self.persona.opening),
            ("default_reply", &self.default_reply),
        ] {
            issues.not_empty(field, value);
        }
        if self.facts.is_empty() {
            issues.push("facts", "a scenario needs at least one hidden fact");
        }
        let mut fact_ids = HashSet::new();
        for (i, fact) in self.facts.iter().enumerate() {
            let at = format!("facts[{i}]");
            issues.unique_id(&format!("{at}.id"), &fact.id, &mut fact_ids);
            issues.not_empty(&format!("{at}.description"), &fact.description);
            if fact.evidence.is_empty() {
                issues.push(
                    format!("{at}.evidence"),
                    "list the words that show this fact was found",
                );
            }
            for (k, pattern) in fact.evidence.iter().enumerate() {
                if pattern.split(['+', '|']).any(|p| p.trim().is_empty()) {
                    issues.push(
                        format!("{at}.evidence[{k}]"),
                        "has an empty part: write words between every + and |",
                    );
                }
            }
            if fact.weight == 0 {
                issues.push(format!("{at}.weight"), "must be 1 or more");
            }
        }
        let check_reply = |issues: &mut Issues, at: &str, reply: &Reply| {
            issues.not_empty(&format!("{at}.say"), &reply.say);
            for (v, variant) in reply.variants.iter().enumerate() {
                issues.not_empty(&format!("{at}.variants[{v}]"), variant);
            }
            for (r, fact) in reply.reveals.iter().enumerate() {
                if !fact_ids.contains(fact.as_str()) {
                    issues.push(
                        format!("{at}.reveals[{r}]"),
                        format!("{fact:?} is not one of the facts"),
                    );
                }
            }
            if reply.guarded.is_some() && reply.trust.is_none() {
                issues.push(
                    format!("{at}.guarded"),
                    "is said only while trust is short: give the trust it needs",
                );
            }
        };
        for (question, reply) in &self.replies {
            check_reply(&mut issues, &format!("replies.{question}"), reply);
        }
        let mut intent_ids = HashSet::new();
        for (i, intent) in self.intents.iter().enumerate() {
            let at = format!("intents[{i}]");
            issues.unique_id(&format!("{at}.id"), &intent.id, &mut intent_ids);
            if intent.examples.iter().all(|e| e.trim().is_empty()) {
                issues.push(
                    format!("{at}.examples"),
                    "give at least one way a trainee might say it",
                );
            }
            check_reply(&mut issues, &format!("{at}.reply"), &intent.reply);
            if let Some(topic) = &intent.topic
                && !INTENT_TOPICS.contains(&topic.as_str())
            {
                issues.push(
                    format!("{at}.topic"),
                    format!(
                        "unknown topic {topic:?} (known: {})",
                        INTENT_TOPICS.join(", ")
                    ),
                );
            }
        }
        for (i, intent) in self.intents.iter().enumerate() {
            if let Some(after) = &intent.after
                && !self.replies.contains_key(after)
                && !intent_ids.contains(after.as_str())
            {
                issues.push(
                    format!("intents[{i}].after"),
                    format!("{after:?} is neither a question with a reply nor an intent"),
                );
            }
        }
        let mut move_ids = HashSet::new();
        for (i, m) in self.moves.iter().enumerate() {
            let at = format!("moves[{i}]");
            issues.unique_id(&format!("{at}.id"), &m.id, &mut move_ids);
            issues.not_empty(&format!("{at}.label"), &m.label);
            issues.not_empty(&format!("{at}.say"), &m.say);
            issues.not_empty(&format!("{at}.reaction"), &m.reaction);
            if let Some(topic) = &m.topic
                && !MOVE_TOPICS.contains(&topic.as_str())
            {
                issues.push(
                    format!("{at}.topic"),
                    format!(
                        "unknown topic {topic:?} (known: {})",
                        MOVE_TOPICS.join(", ")
                    ),
                );
            }
        }
        let mut push_ids = HashSet::new();
        for (i, push) in self.persona.pushes.iter().enumerate() {
            let at = format!("persona.pushes[{i}]");
            issues.unique_id(&format!("{at}.id"), &push.id, &mut push_ids);
            if push.say.iter().all(|s| s.trim().is_empty()) {
                issues.push(format!("{at}.say"), "give what the customer says");
            }
            if push.every == 0 {
                issues.push(format!("{at}.every"), "must be 1 or more");
            }
            for (u, id) in push.until.iter().enumerate() {
                if !move_ids.contains(id.as_str()) {
                    issues.push(
                        format!("{at}.until[{u}]"),
                        format!("{id:?} is not one of the moves"),
                    );
                }
            }
        }
        for (t, test) in self.tests.iter().enumerate() {
            issues.not_empty(&format!("tests[{t}].name"), &test.name);
            for (f, fact) in test.expect.found.iter().enumerate() {
                if !fact_ids.contains(fact.as_str()) {
                    issues.push(
                        format!("tests[{t}].expect.found[{f}]"),
                        format!("{fact:?} is not one of the facts"),
                    );
                }
            }
        }
        if self.rubric.pass_mark > 100 {
            issues.push("rubric.pass_mark", "is out of 100");
        }
        if self.rubric.weights.facts + self.rubric.weights.process == 0 {
            issues.push("rubric.weights", "facts and process cannot both weigh 0");
        }
        let mut rules = HashSet::new();
        for (i, rule) in self.rubric.rules.iter().enumerate() {
            if !rules.insert(*rule) {
                issues.push(format!("rubric.rules[{i}]"), "listed twice");
            }
        }
        issues.0
    }

    /// Checks that the replies answer questions the bank really has.
    pub fn validate_against(&self, bank: &Bank) -> Vec<Issue> {
        let mut issues = Issues::default();
        if self.bank != bank.id {
            issues.push(
                "bank",
                format!(
                    "written for bank {:?}, but the bank in use is {:?}",
                    self.bank, bank.id
                ),
            );
        }
        for question in self.replies.keys() {
            if bank.find_question(question).is_none() {
                issues.push(
                    format!("replies.{question}"),
                    format!("the bank has no question {question:?}"),
                );
            }
        }
        for (i, m) in self.moves.iter().enumerate() {
            if let Some(question) = &m.question
                && bank.find_question(question).is_none()
            {
                issues.push(
                    format!("moves[{i}].question"),
                    format!("the bank has no question {question:?}"),
                );
            }
        }
        for (t, test) in self.tests.iter().enumerate() {
            let script = Script {
                turns: test.turns.clone(),
            };
            for issue in script.validate(self, bank) {
                issues.push(format!("tests[{t}].{}", issue.path), issue.message);
            }
        }
        issues.0
    }

    /// What is allowed but probably wrong: a reply that reveals a fact in words a note could
    /// copy without showing it, a fact no reply reveals, weights that do not add up to 100,
    /// no example conversations.
    pub fn warnings(&self, lexicon: &Lexicon) -> Vec<Issue> {
        let mut issues = Issues::default();
        let evidence: BTreeMap<&str, FactEvidence> = self
            .facts
            .iter()
            .map(|f| (f.id.as_str(), FactEvidence::compile(&f.evidence, lexicon)))
            .collect();
        let mut revealed = HashSet::new();
        let mut check = |at: String, say: &str, reveals: &[String]| {
            for fact in reveals {
                revealed.insert(fact.clone());
                if let Some(e) = evidence.get(fact.as_str())
                    && e.shown_in(say, lexicon).is_none()
                {
                    issues.push(
                        format!("{at}.say"),
                        format!(
                            "reveals {fact}, but a trainee who writes these words down would not be credited: add a pattern to the fact's evidence that matches them"
                        ),
                    );
                }
            }
        };
        for (question, reply) in &self.replies {
            check(format!("replies.{question}"), &reply.say, &reply.reveals);
        }
        for (i, intent) in self.intents.iter().enumerate() {
            check(
                format!("intents[{i}].reply"),
                &intent.reply.say,
                &intent.reply.reveals,
            );
        }
        for (i, fact) in self.facts.iter().enumerate() {
            if !revealed.contains(&fact.id) {
                issues.push(
                    format!("facts[{i}].id"),
                    format!("no reply reveals {}, so no trainee can find it", fact.id),
                );
            }
        }
        let weights = &self.rubric.weights;
        if weights.facts + weights.process != 100 {
            issues.push(
                "rubric.weights",
                format!(
                    "facts and process add up to {}, not 100; scores are scaled to 100",
                    weights.facts + weights.process
                ),
            );
        }
        if self.tests.is_empty() {
            issues.push(
                "tests",
                "no example conversations: add some so `disco scenario test` can check the scenario",
            );
        }
        issues.0
    }

    /// The customer's answer to a question of the bank.
    pub fn reply(&self, question_id: &str) -> (&str, &[String]) {
        match self.replies.get(question_id) {
            Some(reply) => (&reply.say, &reply.reveals),
            None => (&self.default_reply, &[]),
        }
    }
}
