//! What was said in a role-play, turn by turn, with what each line meant: the bank question a
//! trainee's words were taken for, the facts a customer's line revealed, the move a trainee made.
//! The debrief reads this, not the captured notes alone, so a fact counts only when the customer
//! really said it.

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::debrief::Event;
pub use super::roleplay::Speaker;

/// The intent of chat that asks nothing (`question-banks/intents.yaml`).
pub(crate) const SMALL_TALK: &str = "small-talk";

/// One line of the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub at: Timestamp,
    pub speaker: Speaker,
    pub text: String,
    /// The bank question this line asks (trainee) or answers (customer); `None` for small talk,
    /// moves, pushes and lines nobody could place.
    pub question: Option<String>,
    /// Facts the customer revealed in this line.
    #[serde(default)]
    pub reveals: Vec<String>,
    /// The scenario move this trainee line made, or the move a customer line reacts to.
    #[serde(default, rename = "move", skip_serializing_if = "Option::is_none")]
    pub move_id: Option<String>,
    /// The scenario intent a trainee line was taken for (a follow-up, small talk, a price ask),
    /// or the push a customer line makes ("price-push").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
    /// The words of this line the match rests on, as typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_words: Vec<String>,
    /// This line brings up price (a price move, a trainee asking about price, a buyer's push).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub raises_price: bool,
    /// How much this trainee line moved the customer's trust, and why, so the debrief can say
    /// when trust fell.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub trust: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trust_why: Vec<String>,
    /// On a customer line that revealed something: every note as it stood then (where it was
    /// captured, what it held). A note counts for what this line revealed only with what was
    /// written after it, so keywords typed before the customer spoke earn nothing. `None` in
    /// records from before notes were kept this way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_then: Option<Vec<(String, String)>>,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl Turn {
    pub(crate) fn new(at: Timestamp, speaker: Speaker, text: impl Into<String>) -> Self {
        Self {
            at,
            speaker,
            text: text.into(),
            question: None,
            reveals: Vec::new(),
            move_id: None,
            intent: None,
            matched_words: Vec::new(),
            raises_price: false,
            trust: 0,
            trust_why: Vec::new(),
            notes_then: None,
        }
    }

    /// The part of a note at `place` written after this line: what `now` holds beyond what the
    /// note held then (a note edited in the middle gives the edited middle). The whole note
    /// when this line kept no record of the notes.
    pub(crate) fn written_since<'t>(&self, place: &str, now: &'t str) -> &'t str {
        let Some(then) = &self.notes_then else {
            return now;
        };
        let before = then
            .iter()
            .find(|(p, _)| p == place)
            .map_or("", |(_, text)| text.as_str());
        added_text(before, now)
    }
}

/// What `now` adds to `before`: `now` without the longest start and end it shares with it.
fn added_text<'t>(before: &str, now: &'t str) -> &'t str {
    let prefix = before
        .char_indices()
        .zip(now.char_indices())
        .find(|((_, a), (_, b))| a != b)
        .map_or(before.len().min(now.len()), |((i, _), _)| i);
    let rest_before = &before[prefix..];
    let rest_now = &now[prefix..];
    let suffix = rest_before
        .chars()
        .rev()
        .zip(rest_now.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    &rest_now[..rest_now.len() - suffix]
}

/// A role-play's conversation, oldest line first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Transcript {
    pub turns: Vec<Turn>,
}

impl Transcript {
    pub(crate) fn push(&mut self, turn: Turn) {
        self.turns.push(turn);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.turns.is_empty()
    }

    /// When the customer's trust fell and why, for the debrief: the trainee's line and the
    /// reason each time, or nothing when it never fell.
    pub(crate) fn trust_report(&self) -> String {
        let falls: Vec<String> = self
            .turns
            .iter()
            .filter(|t| t.speaker == Speaker::Trainee && t.trust < 0)
            .map(|t| {
                format!(
                    "  Fell by {} after “{}”: {}.\n",
                    -t.trust,
                    t.text,
                    t.trust_why.join("; ")
                )
            })
            .collect();
        if falls.is_empty() {
            return String::new();
        }
        format!("\nTrust\n{}", falls.concat())
    }

    /// Whether the trainee asked anything the customer could place, or made a move: an
    /// opening line alone, small talk and lines nobody could place ("asdf") are not a
    /// role-play, so they are neither scored nor kept.
    pub(crate) fn trainee_spoke(&self) -> bool {
        self.turns.iter().any(|t| {
            t.speaker == Speaker::Trainee
                && (t.question.is_some()
                    || t.move_id.is_some()
                    || t.intent.as_deref().is_some_and(|i| i != SMALL_TALK))
        })
    }

    /// Every fact the customer revealed.
    pub fn revealed(&self) -> BTreeSet<&str> {
        self.turns
            .iter()
            .filter(|t| t.speaker == Speaker::Customer)
            .flat_map(|t| t.reveals.iter().map(String::as_str))
            .collect()
    }

    #[cfg(test)]
    /// The customer's first line that revealed `fact`: the evidence a debrief quotes.
    pub(crate) fn reveal_of(&self, fact: &str) -> Option<&Turn> {
        self.turns
            .iter()
            .find(|t| t.speaker == Speaker::Customer && t.reveals.iter().any(|r| r == fact))
    }

    /// The bank questions the trainee asked, in order, each once.
    pub fn asked(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.turns
            .iter()
            .filter(|t| t.speaker == Speaker::Trainee)
            .filter_map(|t| t.question.as_deref())
            .filter(|q| seen.insert(*q))
            .collect()
    }

    /// Whether the trainee asked `question` (in any words).
    pub(crate) fn was_asked(&self, question: &str) -> bool {
        self.turns
            .iter()
            .any(|t| t.speaker == Speaker::Trainee && t.question.as_deref() == Some(question))
    }

    #[cfg(test)]
    /// The moves the trainee made, in order.
    pub(crate) fn moves(&self) -> Vec<&str> {
        self.turns
            .iter()
            .filter(|t| t.speaker == Speaker::Trainee)
            .filter_map(|t| t.move_id.as_deref())
            .collect()
    }

    /// The first line that brought up price, and who said it.
    pub(crate) fn price_first_raised(&self) -> Option<&Turn> {
        self.turns.iter().find(|t| t.raises_price)
    }

    /// Who brought up price first, if anyone did.
    pub fn price_first_raised_by(&self) -> Option<Speaker> {
        self.price_first_raised().map(|t| t.speaker)
    }

    /// Whether some customer line revealed something and still waits for the notes of that
    /// moment (`keep_notes_then`).
    pub(crate) fn wants_notes(&self) -> bool {
        self.turns.iter().any(|t| {
            t.speaker == Speaker::Customer && !t.reveals.is_empty() && t.notes_then.is_none()
        })
    }

    /// Keeps `notes` (place, text) on every revealing customer line that has none yet: call it
    /// after each exchange, before the trainee writes what they heard.
    pub(crate) fn keep_notes_then(&mut self, notes: &[(String, String)]) {
        for turn in &mut self.turns {
            if turn.speaker == Speaker::Customer
                && !turn.reveals.is_empty()
                && turn.notes_then.is_none()
            {
                turn.notes_then = Some(notes.to_vec());
            }
        }
    }

    /// The trainee's questions and moves as the debrief's events.
    pub(crate) fn events(&self) -> Vec<Event> {
        self.turns
            .iter()
            .filter(|t| t.speaker == Speaker::Trainee)
            .filter_map(|t| match (&t.question, &t.move_id) {
                (_, Some(id)) => Some(Event::Move {
                    at: t.at,
                    id: id.clone(),
                }),
                (Some(question), None) => Some(Event::Asked {
                    at: t.at,
                    question: question.clone(),
                }),
                (None, None) => None,
            })
            .collect()
    }
}

/// The time of the `n`th turn of a scripted play: one second apart from `start`, so a script
/// gives the same transcript on every run and turns keep their order.
pub(crate) fn scripted_time(start: Timestamp, n: usize) -> Timestamp {
    let seconds = i64::try_from(n).unwrap_or(i64::MAX);
    start
        .checked_add(SignedDuration::from_secs(seconds))
        .unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(speaker: Speaker, text: &str) -> Turn {
        Turn::new(Timestamp::UNIX_EPOCH, speaker, text)
    }

    #[test]
    fn who_raised_price_first_is_read_from_the_turns() {
        let mut t = Transcript::default();
        t.push(turn(Speaker::Customer, "Hello"));
        assert_eq!(t.price_first_raised_by(), None);
        let mut push = turn(Speaker::Customer, "What's your best price?");
        push.raises_price = true;
        t.push(push);
        let mut quote = turn(Speaker::Trainee, "12% under list");
        quote.raises_price = true;
        quote.move_id = Some("quote-price".into());
        t.push(quote);
        assert_eq!(t.price_first_raised_by(), Some(Speaker::Customer));
        assert_eq!(t.moves(), ["quote-price"]);
    }

    #[test]
    fn gibberish_and_small_talk_alone_are_not_a_role_play() {
        let mut t = Transcript::default();
        t.push(turn(Speaker::Customer, "Hello"));
        t.push(turn(Speaker::Trainee, "asdf"));
        let mut chat = turn(Speaker::Trainee, "busy day?");
        chat.intent = Some(SMALL_TALK.into());
        t.push(chat);
        assert!(!t.trainee_spoke());
        let mut price = turn(Speaker::Trainee, "whats ur best price");
        price.intent = Some("price".into());
        t.push(price);
        assert!(t.trainee_spoke());
    }

    #[test]
    fn a_note_counts_only_with_what_was_written_after_the_line() {
        let mut line = turn(Speaker::Customer, "Engineering approves.");
        assert_eq!(
            line.written_since("answer 1.2", "eng approves"),
            "eng approves"
        );
        line.notes_then = Some(vec![("answer 1.2".into(), "finance approves terms".into())]);
        assert_eq!(
            line.written_since("answer 1.2", "finance approves terms"),
            ""
        );
        assert_eq!(
            line.written_since("answer 1.2", "finance approves terms\neng approves"),
            "\neng approves"
        );
        assert_eq!(
            line.written_since("answer 1.2", "finance, eng approve, approves terms"),
            ", eng approve,"
        );
        assert_eq!(line.written_since("answer 2.1", "Ölpreis"), "Ölpreis");
    }

    #[test]
    fn reveals_count_only_from_the_customer() {
        let mut t = Transcript::default();
        let mut ask = turn(Speaker::Trainee, "engineering?");
        ask.question = Some("other-departments".into());
        t.push(ask.clone());
        t.push(ask);
        let mut reply = turn(Speaker::Customer, "Engineering approves.");
        reply.question = Some("other-departments".into());
        reply.reveals = vec!["engineering-approves".into()];
        t.push(reply);
        assert_eq!(
            t.revealed().into_iter().collect::<Vec<_>>(),
            ["engineering-approves"]
        );
        assert_eq!(t.asked(), ["other-departments"]);
        assert!(t.was_asked("other-departments"));
        assert_eq!(
            t.reveal_of("engineering-approves").map(|t| t.text.as_str()),
            Some("Engineering approves.")
        );
        assert_eq!(t.events().len(), 2);
    }
}
