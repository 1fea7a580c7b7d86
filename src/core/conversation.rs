//! The customer of a role-play, as a conversation: the trainee speaks in their own words (or
//! sends the bank's question, or makes a move), disco takes the words for a bank question or a
//! scenario intent, and the persona answers from the scenario, with trust that rises and falls,
//! replies that vary and notice repeats, reveals that wait for trust or a follow-up, and pushes
//! of its own. Deterministic: the same lines (and seed) always give the same transcript.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use jiff::Timestamp;

use super::bank::Bank;
use super::debrief::{price_word, raises_price};
use super::guard::{ConcernKind, Finding, Guard, Voice};
use super::scenario::{FactKind, Intent, Move, Reply, Scenario};
use super::text::lexicon::Lexicon;
use super::text::matcher::{Candidate, Match, Matcher, matching_lexicon_file};
use super::transcript::{Speaker, Transcript, Turn};

/// The intents every role-play knows (small talk, asking about price), as data.
pub(crate) const GENERIC_INTENTS: &str = include_str!("../../question-banks/intents.yaml");

/// Said when a bank question has no reply in the scenario: an answer that reveals nothing.
const NOTHING_TO_ADD: &[&str] = &[
    "Nothing special to tell you there.",
    "Not really, no. Nothing comes to mind.",
    "Hard to say. Nothing stands out.",
];
/// Said when a line can't be placed and the scenario gives nothing of its own.
const UNCLEAR: &[&str] = &[
    "Sorry, what do you mean?",
    "I'm not sure I follow. Can you put it another way?",
];
const SMALL_TALK: &[&str] = &[
    "Fine, thanks. What did you want to ask me?",
    "Good, thanks. Go ahead.",
];
pub(crate) const GUARDED: &str = "I'd rather not get into that yet.";
/// Said to a promise the company can't keep when no move of the scenario makes it.
const TAKEN_AT_WORD: &[&str] = &[
    "Good. I'll hold you to that.",
    "That's what I wanted to hear. I'll take you at your word.",
];
/// The intent a trainee's line is marked with when it promises what the sheet rules out.
pub(crate) const PROMISE: &str = "promise";

/// How much trust moves by what the trainee does, beyond what the scenario's moves and intents
/// say: asking how they judge suppliers earns it, an early price or a repeat loses it.
const ASKED_CRITERIA: i32 = 1;
const EARLY_PRICE: i32 = -1;
const REPEATED: i32 = -1;
/// A line taken for a question with at least this score is surely that question: only then does
/// asking it again cost trust, since a misread "repeat" is disco's mistake, not the trainee's.
const CONFIDENT: f64 = 0.6;
/// A promise the company can't keep, in the trainee's own words, when no move says how much.
const BROKEN_PROMISE: i32 = -1;

/// The generic intents, parsed once per conversation. They are part of the build and checked by
/// a test, so they always parse; should they not, role-play goes on without them.
pub(crate) fn generic_intents() -> Vec<Intent> {
    crate::yaml::from_str(GENERIC_INTENTS).unwrap_or_default()
}

/// What a trainee's line was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    Question(String),
    Intent(String),
    /// One of the scenario's moves, made in the trainee's own words ("I'll get you a sharp
    /// price, but first…" is deferring price).
    Move(String),
    Unclear,
}

/// The persona's state of mind and memory of the call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonaState {
    pub trust: i32,
    /// How often each reply was given in full (keyed `question:ID` or `intent:ID`).
    said: HashMap<String, usize>,
    /// The trainee's lines so far.
    pub trainee_lines: usize,
    /// The last line the customer said, so a rotated line is never said twice in a row.
    last_line: Option<String>,
    rotation: usize,
    /// Pushes a move has answered.
    resolved: BTreeSet<String>,
    pushes_said: HashMap<String, usize>,
    revealed: BTreeSet<String>,
    /// Lines that earned trust once for asking about criteria.
    criteria_asked: BTreeSet<String>,
    /// Whether the line being answered was surely meant as what it was taken for.
    confident: bool,
    /// Why trust moved while answering the line, for its turn.
    trust_why: Vec<String>,
}

/// One role-play's conversation.
pub struct Conversation {
    scenario: Scenario,
    questions: Vec<(String, String)>,
    intents: Vec<Intent>,
    matcher: Matcher,
    /// The lexicon lines are read with for price (`debrief::raises_price`).
    lexicon: Lexicon,
    /// The company sheet's guard: a promise it rules out, said in the trainee's own words,
    /// makes the customer react as to a promise move.
    guard: Option<Arc<Guard>>,
    seed: u64,
    pub state: PersonaState,
    pub transcript: Transcript,
}

fn question_key(id: &str) -> String {
    format!("question:{id}")
}

fn intent_key(id: &str) -> String {
    format!("intent:{id}")
}

/// The candidates a trainee's line is matched against: every bank question (its wording, topic,
/// key phrases, follow-ups and other ways to ask it) and every intent (its examples).
pub(crate) fn candidates(bank: &Bank, intents: &[Intent]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = bank
        .question_refs()
        .filter_map(|r| bank.question(r))
        .map(|q| {
            let mut phrasings = vec![q.ask.clone(), q.topic().to_string()];
            // Key phrases together: one alone ("supplier") would fit every line that says it.
            if !q.key_phrases.is_empty() {
                phrasings.push(q.key_phrases.join(" "));
            }
            phrasings.extend(q.follow_ups.iter().cloned());
            phrasings.extend(q.asked_as.iter().cloned());
            Candidate {
                id: question_key(&q.id),
                phrasings,
            }
        })
        .collect();
    out.extend(intents.iter().map(|i| Candidate {
        id: intent_key(&i.id),
        phrasings: i.examples.clone(),
    }));
    out
}

/// The scenario's moves a trainee can make in their own words. A price move is left out: asking
/// about price and quoting one share their words, and the price intent already reads both as
/// raising price.
pub(crate) fn move_candidates(scenario: &Scenario) -> Vec<Candidate> {
    scenario
        .moves
        .iter()
        .filter(|m| m.topic.as_deref() != Some("price"))
        .map(|m| Candidate {
            id: format!("move:{}", m.id),
            phrasings: vec![m.say.clone()],
        })
        .collect()
}

/// The scenario's intents, with the generic ones it does not replace.
pub(crate) fn intents_of(scenario: &Scenario) -> Vec<Intent> {
    let mut intents = scenario.intents.clone();
    for generic in generic_intents() {
        if !intents.iter().any(|i| i.id == generic.id) {
            intents.push(generic);
        }
    }
    intents
}

/// The lexicon role-play reads with: the built-in one and the matching synonyms.
pub(crate) fn matching_lexicon() -> Lexicon {
    Lexicon::compile(&matching_lexicon_file())
}

impl Conversation {
    pub fn new(scenario: Scenario, bank: &Bank, seed: u64) -> Self {
        Self::with_lexicon(scenario, bank, seed, matching_lexicon())
    }

    pub(crate) fn with_lexicon(
        scenario: Scenario,
        bank: &Bank,
        seed: u64,
        lexicon: Lexicon,
    ) -> Self {
        let intents = intents_of(&scenario);
        let mut known = candidates(bank, &intents);
        known.extend(move_candidates(&scenario));
        let matcher = Matcher::new(&known, lexicon.clone());
        let questions = bank
            .question_refs()
            .filter_map(|r| bank.question(r))
            .map(|q| (q.id.clone(), q.ask.clone()))
            .collect();
        let state = PersonaState {
            trust: scenario.persona.trust,
            ..PersonaState::default()
        };
        Self {
            scenario,
            questions,
            intents,
            matcher,
            lexicon,
            guard: None,
            seed,
            state,
            transcript: Transcript::default(),
        }
    }

    /// Reads the trainee's lines with the company sheet in use, so a promise it rules out
    /// gets the customer's reaction and costs trust.
    pub(crate) fn set_guard(&mut self, guard: Option<Arc<Guard>>) {
        self.guard = guard;
    }

    /// The first promise in `text` the sheet rules out.
    fn promise_in(&self, text: &str) -> Option<Finding> {
        self.guard
            .as_ref()?
            .check_text(text, Voice::Free)
            .into_iter()
            .find(|f| f.kind == ConcernKind::Promise)
    }

    /// The trainee promised what the company can't do: the customer reacts as to the move that
    /// makes the same promise (its reaction and effect), or takes them at their word.
    fn promised(&mut self, mut turn: Turn, promise: Finding, at: Timestamp) {
        turn.intent = Some(PROMISE.to_string());
        turn.matched_words = vec![promise.words.clone()];
        let before = self.state.trust;
        let index = self.transcript.turns.len();
        self.state.trust_why.clear();
        self.state.trainee_lines += 1;
        self.say(turn);
        let same = self.scenario.moves.iter().find(|m| {
            m.effect < 0
                && self
                    .promise_in(&m.say)
                    .is_some_and(|f| f.item_id == promise.item_id)
        });
        let (reaction, effect) = match same {
            Some(m) => (m.reaction.clone(), m.effect),
            None => {
                let lines: Vec<String> = TAKEN_AT_WORD.iter().map(|l| l.to_string()).collect();
                (self.rotate(&lines), BROKEN_PROMISE)
            }
        };
        self.trust_moves(
            effect,
            format!("promised what the company can't do (“{}”)", promise.words),
        );
        self.mark_trust(index, before);
        let mut reply = Turn::new(at, Speaker::Customer, reaction);
        reply.intent = Some(PROMISE.to_string());
        self.say(reply);
        self.maybe_push(at);
    }

    #[cfg(test)]
    pub(crate) fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Whether the customer's criteria have come out (a criterion fact was revealed).
    pub(crate) fn criteria_known(&self) -> bool {
        self.scenario
            .facts
            .iter()
            .any(|f| f.kind == FactKind::Criterion && self.state.revealed.contains(&f.id))
    }

    /// What the trainee's words are taken for, with the words that decided it. A follow-up
    /// counts only after what it follows; otherwise the next candidate in the ranking does.
    pub fn interpret(&self, text: &str) -> (Meaning, Option<Match>) {
        for candidate in self.matcher.rank(text) {
            if candidate.score < self.matcher.threshold {
                break;
            }
            if let Some(id) = candidate.id.strip_prefix("question:") {
                return (Meaning::Question(id.to_string()), Some(candidate));
            }
            if let Some(id) = candidate.id.strip_prefix("move:") {
                return (Meaning::Move(id.to_string()), Some(candidate));
            }
            if let Some(id) = candidate.id.strip_prefix("intent:") {
                let Some(intent) = self.intents.iter().find(|i| i.id == id) else {
                    continue;
                };
                let heard = |after: &str| {
                    self.state.said.contains_key(&question_key(after))
                        || self.state.said.contains_key(&intent_key(after))
                        || self.transcript.was_asked(after)
                };
                if intent.after.as_deref().is_none_or(heard) {
                    return (Meaning::Intent(id.to_string()), Some(candidate));
                }
            }
        }
        (Meaning::Unclear, None)
    }

    /// The customer's opening line. A push that starts at once is the opening itself.
    pub(crate) fn open(&mut self, at: Timestamp) {
        if !self.transcript.is_empty() {
            return;
        }
        let mut turn = Turn::new(at, Speaker::Customer, &self.scenario.persona.opening);
        if let Some(push) = self.scenario.persona.pushes.iter().find(|p| p.after == 0) {
            turn.intent = Some(push.id.clone());
            turn.raises_price = push.topic.as_deref() == Some("price");
        }
        self.say(turn);
    }

    fn say(&mut self, mut turn: Turn) {
        // A customer's line that answers nothing may still put price on the table ("That's
        // fine, but what about price?"); the same judgement as the trainee's lines.
        if turn.speaker == Speaker::Customer
            && !turn.raises_price
            && turn.question.is_none()
            && turn.intent.is_none()
            && turn.move_id.is_none()
        {
            turn.raises_price = raises_price(&turn.text, &self.lexicon, false, false).is_some();
        }
        if turn.speaker == Speaker::Customer {
            self.state.last_line = Some(turn.text.clone());
            self.state.revealed.extend(turn.reveals.iter().cloned());
        }
        self.transcript.push(turn);
    }

    /// A line from `lines`, rotating, never the line just said.
    fn rotate(&mut self, lines: &[String]) -> String {
        let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
        if lines.is_empty() {
            return String::new();
        }
        let start = self.state.rotation.wrapping_add(self.seed as usize);
        self.state.rotation += 1;
        (0..lines.len())
            .map(|k| lines[(start + k) % lines.len()])
            .find(|l| self.state.last_line.as_deref() != Some(l.as_str()))
            .unwrap_or(lines[0])
            .clone()
    }

    /// The trainee says `text` in their own words.
    pub(crate) fn ask(&mut self, text: &str, at: Timestamp) -> Meaning {
        let mut turn = Turn::new(at, Speaker::Trainee, text);
        if let Some(promise) = self.promise_in(text) {
            self.promised(turn, promise, at);
            return Meaning::Intent(PROMISE.to_string());
        }
        let (mut meaning, found) = self.interpret(text);
        self.state.confident = found.as_ref().is_some_and(|m| m.score >= CONFIDENT);
        if let Meaning::Move(id) = &meaning {
            let words = found.map(|m| m.words).unwrap_or_default();
            self.move_in_words(id, text, words, at);
            return meaning;
        }
        turn.matched_words = found.map(|m| m.words).unwrap_or_default();
        // A line nobody placed that puts price on the table ("whats ur best price") is a price
        // ask: shown as one, answered as one, and judged as one by the debrief.
        if meaning == Meaning::Unclear
            && let Some(word) = price_word(text, &self.lexicon, true)
            && let Some(price) = self
                .intents
                .iter()
                .find(|i| i.topic.as_deref() == Some("price") && i.after.is_none())
        {
            meaning = Meaning::Intent(price.id.clone());
            turn.matched_words = vec![word];
        }
        match &meaning {
            Meaning::Question(id) => turn.question = Some(id.clone()),
            Meaning::Intent(id) => {
                turn.intent = Some(id.clone());
                turn.raises_price = self
                    .intent(id)
                    .is_some_and(|i| i.topic.as_deref() == Some("price"));
            }
            Meaning::Move(_) | Meaning::Unclear => {}
        }
        self.trainee_said(turn, &meaning, at);
        meaning
    }

    /// The trainee sends a bank question word for word (F2).
    pub(crate) fn ask_question(&mut self, question_id: &str, at: Timestamp) {
        let text = self
            .questions
            .iter()
            .find(|(id, _)| id == question_id)
            .map_or_else(|| question_id.to_string(), |(_, ask)| ask.clone());
        let mut turn = Turn::new(at, Speaker::Trainee, text);
        turn.question = Some(question_id.to_string());
        self.state.confident = true;
        let meaning = Meaning::Question(question_id.to_string());
        self.trainee_said(turn, &meaning, at);
    }

    /// The bank question a line is about: the one it was taken for, or the one a follow-up
    /// follows. The trainee's notes on the reply belong there.
    pub(crate) fn question_of(&self, meaning: &Meaning) -> Option<String> {
        match meaning {
            Meaning::Question(id) => Some(id.clone()),
            Meaning::Intent(id) => self
                .intent(id)
                .and_then(|i| i.after.clone())
                .filter(|after| self.questions.iter().any(|(q, _)| q == after)),
            Meaning::Move(_) | Meaning::Unclear => None,
        }
    }

    fn intent(&self, id: &str) -> Option<&Intent> {
        self.intents.iter().find(|i| i.id == id)
    }

    /// Trust moves by `by`, for the reason the debrief will give.
    fn trust_moves(&mut self, by: i32, why: impl Into<String>) {
        if by != 0 {
            self.state.trust += by;
            self.state.trust_why.push(why.into());
        }
    }

    /// Puts what trust did since `before` on the trainee's turn at `index`.
    fn mark_trust(&mut self, index: usize, before: i32) {
        let why = std::mem::take(&mut self.state.trust_why);
        if let Some(turn) = self.transcript.turns.get_mut(index) {
            turn.trust = self.state.trust - before;
            if turn.trust != 0 {
                turn.trust_why = why;
            }
        }
    }

    fn trainee_said(&mut self, turn: Turn, meaning: &Meaning, at: Timestamp) {
        let early_price = turn.raises_price && !self.criteria_known();
        let before = self.state.trust;
        let index = self.transcript.turns.len();
        self.state.trust_why.clear();
        self.state.trainee_lines += 1;
        self.say(turn);
        if early_price {
            self.trust_moves(
                EARLY_PRICE,
                "price came up before their criteria were known",
            );
        }
        let reply = match meaning {
            Meaning::Question(id) => self.answer_question(id, at),
            Meaning::Intent(id) => self.answer_intent(id, at),
            Meaning::Move(_) | Meaning::Unclear => {
                let mut lines = vec![self.scenario.default_reply.clone()];
                lines.extend(self.scenario.persona.unclear.iter().cloned());
                lines.extend(UNCLEAR.iter().map(|l| l.to_string()));
                let text = self.rotate(&lines);
                Turn::new(at, Speaker::Customer, text)
            }
        };
        self.say(reply);
        self.mark_trust(index, before);
        self.maybe_push(at);
    }

    fn answer_question(&mut self, id: &str, at: Timestamp) -> Turn {
        let mut turn = match self.scenario.replies.get(id).cloned() {
            Some(reply) => self.answer(&question_key(id), &reply, at),
            None => {
                let lines: Vec<String> = NOTHING_TO_ADD.iter().map(|l| l.to_string()).collect();
                let text = self.rotate(&lines);
                Turn::new(at, Speaker::Customer, text)
            }
        };
        turn.question = Some(id.to_string());
        turn
    }

    fn answer_intent(&mut self, id: &str, at: Timestamp) -> Turn {
        let Some(intent) = self.intent(id).cloned() else {
            return Turn::new(at, Speaker::Customer, self.scenario.default_reply.clone());
        };
        let own_small_talk = !self.scenario.intents.iter().any(|i| i.id == id);
        let mut turn = if intent.topic.as_deref() == Some("small-talk") && own_small_talk {
            let mut lines = self.scenario.persona.small_talk.clone();
            // Two lines at least, so the same one never comes twice in a row.
            if lines.len() < 2 {
                lines.extend(SMALL_TALK.iter().map(|l| l.to_string()));
            }
            let text = self.rotate(&lines);
            Turn::new(at, Speaker::Customer, text)
        } else {
            let first_time = !self.state.said.contains_key(&intent_key(id));
            let turn = self.answer(&intent_key(id), &intent.reply, at);
            if first_time {
                self.trust_moves(intent.effect, format!("the customer's reaction to “{id}”"));
            }
            turn
        };
        if intent.topic.as_deref() == Some("criteria")
            && self.state.criteria_asked.insert(intent_key(id))
        {
            self.trust_moves(ASKED_CRITERIA, "asked about their criteria");
        }
        turn.intent = Some(id.to_string());
        turn
    }

    /// The customer's reply: guarded while trust is short; varied and "As I said" on a repeat.
    fn answer(&mut self, key: &str, reply: &Reply, at: Timestamp) -> Turn {
        if let Some(needed) = reply.trust
            && self.state.trust < needed
        {
            let text = reply.guarded.clone().unwrap_or_else(|| GUARDED.to_string());
            return Turn::new(at, Speaker::Customer, text);
        }
        let times = self.state.said.get(key).copied().unwrap_or(0);
        let mut lines = vec![reply.say.clone()];
        lines.extend(reply.variants.iter().cloned());
        let pick = (times as u64).wrapping_add(self.seed) % lines.len() as u64;
        let line = &lines[pick as usize];
        let text = if times > 0 {
            if self.state.confident {
                self.trust_moves(REPEATED, "asked again what was already answered");
            }
            // The line stays as written: lowering its first letter would lower a name
            // ("ole Brandt") or leave an aside mid-sentence ("honestly? Zero defects.").
            format!("As I said: {line}")
        } else {
            line.clone()
        };
        *self.state.said.entry(key.to_string()).or_default() += 1;
        let reveals_criterion = reply.reveals.iter().any(|r| {
            self.scenario
                .facts
                .iter()
                .any(|f| &f.id == r && f.kind == FactKind::Criterion)
        });
        if reveals_criterion && self.state.criteria_asked.insert(key.to_string()) {
            self.trust_moves(ASKED_CRITERIA, "asked about their criteria");
        }
        let mut turn = Turn::new(at, Speaker::Customer, text);
        turn.reveals = reply.reveals.clone();
        turn
    }

    /// The customer brings up what they push, when it is due and no move has answered it.
    fn maybe_push(&mut self, at: Timestamp) {
        let lines = self.state.trainee_lines;
        let due = self.scenario.persona.pushes.iter().find(|p| {
            !self.state.resolved.contains(&p.id)
                && p.every > 0
                && lines > p.after
                && (lines - p.after).is_multiple_of(p.every)
        });
        let Some(push) = due.cloned() else {
            return;
        };
        let count = self.state.pushes_said.entry(push.id.clone()).or_default();
        let say: Vec<&String> = push.say.iter().filter(|s| !s.trim().is_empty()).collect();
        if say.is_empty() {
            return;
        }
        let text = say[*count % say.len()].clone();
        *count += 1;
        let mut turn = Turn::new(at, Speaker::Customer, text);
        turn.intent = Some(push.id.clone());
        turn.raises_price = push.topic.as_deref() == Some("price");
        self.say(turn);
    }

    /// The trainee makes one of the scenario's moves. Returns false for an unknown move.
    pub(crate) fn make_move(&mut self, id: &str, at: Timestamp) -> bool {
        self.move_in_words(id, "", Vec::new(), at)
    }

    /// A move, said as the scenario words it (`text` empty) or in the trainee's own words.
    fn move_in_words(&mut self, id: &str, text: &str, words: Vec<String>, at: Timestamp) -> bool {
        let Some(m) = self.scenario.moves.iter().find(|m| m.id == id).cloned() else {
            return false;
        };
        let known = self.criteria_known();
        let text = if text.trim().is_empty() { &m.say } else { text };
        let mut said = Turn::new(at, Speaker::Trainee, text);
        said.matched_words = words;
        said.move_id = Some(m.id.clone());
        said.question = m.question.clone();
        said.raises_price = m.topic.as_deref() == Some("price");
        let before = self.state.trust;
        let index = self.transcript.turns.len();
        self.state.trust_why.clear();
        self.state.trainee_lines += 1;
        self.say(said);
        self.trust_moves(move_effect(&m, known), format!("the move “{}”", m.label));
        if m.topic.as_deref() == Some("price") && !known {
            self.trust_moves(
                EARLY_PRICE,
                "price came up before their criteria were known",
            );
        }
        self.mark_trust(index, before);
        let reaction = match (&m.reaction_once_criteria_known, known) {
            (Some(late), true) => late.clone(),
            _ => m.reaction.clone(),
        };
        let mut reply = Turn::new(at, Speaker::Customer, reaction);
        reply.move_id = Some(m.id.clone());
        self.say(reply);
        for push in &self.scenario.persona.pushes {
            if push.until.contains(&m.id) {
                self.state.resolved.insert(push.id.clone());
            }
        }
        true
    }
}

fn move_effect(m: &Move, criteria_known: bool) -> i32 {
    match (m.effect_once_criteria_known, criteria_known) {
        (Some(late), true) => late,
        _ => m.effect,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(name: &str) -> Scenario {
        let text = match name {
            "hidden-engineering" => {
                include_str!("../../question-banks/scenarios/hidden-engineering.yaml")
            }
            "late-deliveries" => {
                include_str!("../../question-banks/scenarios/late-deliveries.yaml")
            }
            _ => include_str!("../../question-banks/scenarios/price-first.yaml"),
        };
        crate::yaml::from_str(text).unwrap()
    }

    fn at(n: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + n).unwrap()
    }

    #[test]
    fn a_promise_in_own_words_gets_a_reaction_and_costs_trust() {
        let bank = crate::core::builtin_bank_for_tests();
        let company: crate::core::company::Company =
            crate::yaml::from_str(include_str!("../../question-banks/company.example.yaml"))
                .unwrap();
        let line = "and we can ship overnight anywhere, net 90 is fine too";
        let mut plain = Conversation::new(scenario("price-first"), &bank, 0);
        plain.ask(line, at(1));
        let mut c = Conversation::new(scenario("price-first"), &bank, 0);
        c.set_guard(Some(company.guard()));
        let meaning = c.ask(line, at(1));
        assert_eq!(meaning, Meaning::Intent(PROMISE.into()));
        let said = &c.transcript.turns[0];
        assert_eq!(said.intent.as_deref(), Some(PROMISE));
        assert!(
            !said.matched_words.is_empty(),
            "the words the verdict rests on"
        );
        assert!(
            c.state.trust < plain.state.trust,
            "{} < {}",
            c.state.trust,
            plain.state.trust
        );
        let reply = &c.transcript.turns[1];
        assert!(
            TAKEN_AT_WORD.contains(&reply.text.as_str()),
            "{}",
            reply.text
        );
        // A promise a move of the scenario makes gets that move's reaction.
        let mut c = Conversation::new(scenario("price-first"), &bank, 0);
        c.set_guard(Some(company.guard()));
        c.ask("sure, we can machine anything to your drawings", at(1));
        let custom = c
            .scenario()
            .moves
            .iter()
            .find(|m| m.id == "promise-custom")
            .unwrap()
            .clone();
        assert_eq!(c.transcript.turns[1].text, custom.reaction);
    }

    #[test]
    fn the_generic_intents_parse() {
        let intents = generic_intents();
        assert!(intents.iter().any(|i| i.id == "small-talk"));
        assert!(intents.iter().any(|i| i.id == "price"));
    }

    #[test]
    fn own_words_reach_the_bank_question_and_its_reveals() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("hidden-engineering"), &bank, 0);
        c.open(at(0));
        let meaning = c.ask(
            "Does anyone in engineering have to approve a new supplier?",
            at(1),
        );
        assert_eq!(meaning, Meaning::Question("vendor-approvals".into()));
        assert!(c.transcript.revealed().contains("engineering-approves"));
    }

    #[test]
    fn a_repeat_is_noticed_and_costs_trust() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("hidden-engineering"), &bank, 0);
        c.ask_question("past-problems", at(1));
        let trust = c.state.trust;
        c.ask_question("past-problems", at(2));
        let last = c.transcript.turns.last().unwrap();
        assert!(last.text.starts_with("As I said: "), "{}", last.text);
        assert!(c.state.trust < trust);
    }

    #[test]
    fn deferring_price_in_own_words_is_the_defer_move() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("price-first"), &bank, 0);
        c.open(at(0));
        let trust = c.state.trust;
        let meaning = c.ask(
            "I'll get you a sharp price, but first can I ask how you judge a supplier?",
            at(1),
        );
        assert_eq!(meaning, Meaning::Move("defer-price".into()));
        let said = &c.transcript.turns[1];
        assert_eq!(said.move_id.as_deref(), Some("defer-price"));
        assert!(
            said.text.starts_with("I'll get you"),
            "the trainee's own words"
        );
        assert!(c.state.trust > trust);
        assert_eq!(said.trust, c.state.trust - trust);
        // The push is answered: three more lines and she does not ask for a number again.
        for n in 2..5 {
            c.ask("hmm", at(n));
        }
        assert!(
            c.transcript
                .turns
                .iter()
                .skip(1)
                .all(|t| t.intent.as_deref() != Some("price-push")),
            "{:#?}",
            c.transcript.turns
        );
    }

    #[test]
    fn a_repeat_costs_trust_only_when_the_line_surely_asked_the_same() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("hidden-engineering"), &bank, 0);
        c.ask_question("past-problems", at(1));
        // A loose reading of a different line lands on the same question: no cost.
        let loose = "what about the old guys, any trouble with freight and billing";
        let (meaning, found) = c.interpret(loose);
        assert_eq!(meaning, Meaning::Question("past-problems".into()));
        assert!(
            found.as_ref().is_some_and(|m| m.score < CONFIDENT),
            "{found:?}"
        );
        let trust = c.state.trust;
        c.ask(loose, at(2));
        assert_eq!(
            c.state.trust, trust,
            "a misread is not the trainee's repeat"
        );
        // Asked surely again: it costs, and the trainee's line says why.
        c.ask_question("past-problems", at(3));
        assert_eq!(c.state.trust, trust + REPEATED);
        let asked = &c.transcript.turns[c.transcript.turns.len() - 2];
        assert_eq!(asked.trust, REPEATED);
        assert_eq!(asked.trust_why, ["asked again what was already answered"]);
    }

    #[test]
    fn a_repeat_keeps_the_line_as_written_so_names_keep_their_capitals() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("hidden-engineering"), &bank, 0);
        c.ask_question("business-and-roles", at(1));
        let first = c.transcript.turns.last().unwrap().text.clone();
        c.ask_question("business-and-roles", at(2));
        let again = &c.transcript.turns.last().unwrap().text;
        let rest = again.strip_prefix("As I said: ").unwrap_or(again);
        let capital = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
        assert!(capital(&first) && capital(rest), "{first:?} then {again:?}");
    }

    #[test]
    fn small_talk_never_repeats_a_line_back_to_back_even_with_one_persona_line() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("price-first"), &bank, 0);
        let mut last = String::new();
        for n in 0..5 {
            assert_eq!(
                c.ask("How was your weekend?", at(n)),
                Meaning::Intent("small-talk".into())
            );
            let said = c
                .transcript
                .turns
                .iter()
                .rev()
                .find(|t| {
                    t.intent.as_deref() == Some("small-talk") && t.speaker == Speaker::Customer
                })
                .unwrap()
                .text
                .clone();
            assert_ne!(said, last);
            last = said;
        }
    }

    #[test]
    fn an_unclear_line_is_never_answered_the_same_way_twice_in_a_row() {
        let bank = crate::core::builtin_bank_for_tests();
        let mut c = Conversation::new(scenario("hidden-engineering"), &bank, 0);
        let mut last = String::new();
        for n in 0..6 {
            assert_eq!(c.ask("zebra xylophone quantum", at(n)), Meaning::Unclear);
            let said = c.transcript.turns.last().unwrap().text.clone();
            assert_ne!(said, last);
            last = said;
        }
    }
}
