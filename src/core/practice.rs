//! Spaced-repetition practice of a bank's questions. Cards are keyed by the bank's stable
//! question ids, so rewording a question keeps its progress, and a removed question retires
//! its card instead of deleting its history.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use rs_fsrs::{Card as FsrsCard, FSRS, Parameters, Rating as FsrsRating, State as FsrsState};
use serde::{Deserialize, Serialize};

use super::bank::Bank;
use crate::yaml::{Value, unknown_entries};

pub const PRACTICE_SCHEMA: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    fn fsrs(self) -> FsrsRating {
        match self {
            Rating::Again => FsrsRating::Again,
            Rating::Hard => FsrsRating::Hard,
            Rating::Good => FsrsRating::Good,
            Rating::Easy => FsrsRating::Easy,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "Again",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    #[default]
    New,
    Learning,
    Review,
    Relearning,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub at: Timestamp,
    pub rating: Rating,
    pub drill: String,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub due: Timestamp,
    pub stability: f64,
    pub difficulty: f64,
    pub reps: u32,
    pub lapses: u32,
    pub phase: Phase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<Timestamp>,
    /// Days between the last review and `due`.
    #[serde(default)]
    pub interval_days: i64,
    /// Set when the bank no longer has the question; the history stays.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub schema: u32,
    pub learner: String,
    #[serde(default)]
    pub cards: BTreeMap<String, Card>,
    /// Keys a newer disco or a hand edit added, in this map and in every card and review:
    /// read in a second pass ([`Progress::finish_reading`]), as serde's flatten cannot read
    /// YAML tags.
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

fn to_chrono(t: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

fn from_chrono(t: chrono::DateTime<chrono::Utc>) -> Timestamp {
    Timestamp::from_second(t.timestamp()).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn utc_date(t: Timestamp) -> jiff::civil::Date {
    jiff::tz::Offset::UTC.to_datetime(t).date()
}

fn scheduler() -> FSRS {
    // Short-term steps make "Again" come back within minutes, as a learner expects; no fuzz,
    // because a drill's schedule must be reproducible.
    FSRS::new(Parameters {
        enable_short_term: true,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

impl Card {
    pub fn new(now: Timestamp) -> Self {
        Self {
            due: now,
            stability: 0.0,
            difficulty: 0.0,
            reps: 0,
            lapses: 0,
            phase: Phase::New,
            last_review: None,
            interval_days: 0,
            retired: false,
            reviews: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    fn to_fsrs(&self) -> FsrsCard {
        FsrsCard {
            due: to_chrono(self.due),
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: 0,
            scheduled_days: self.interval_days,
            reps: self.reps as i32,
            lapses: self.lapses as i32,
            state: match self.phase {
                Phase::New => FsrsState::New,
                Phase::Learning => FsrsState::Learning,
                Phase::Review => FsrsState::Review,
                Phase::Relearning => FsrsState::Relearning,
            },
            last_review: to_chrono(self.last_review.unwrap_or(self.due)),
        }
    }

    /// The card after a review at `now`.
    pub fn reviewed(&self, rating: Rating, drill: &str, now: Timestamp) -> Self {
        let next = scheduler()
            .next(self.to_fsrs(), to_chrono(now), rating.fsrs())
            .card;
        let mut reviews = self.reviews.clone();
        reviews.push(Review {
            at: now,
            rating,
            drill: drill.to_string(),
            extra: BTreeMap::new(),
        });
        Self {
            due: from_chrono(next.due),
            stability: next.stability,
            difficulty: next.difficulty,
            reps: next.reps.max(0) as u32,
            lapses: next.lapses.max(0) as u32,
            phase: match next.state {
                FsrsState::New => Phase::New,
                FsrsState::Learning => Phase::Learning,
                FsrsState::Review => Phase::Review,
                FsrsState::Relearning => Phase::Relearning,
            },
            last_review: Some(now),
            interval_days: next.scheduled_days,
            retired: false,
            reviews,
            extra: self.extra.clone(),
        }
    }

    /// Known well enough to count as mastered in the stats.
    pub fn mastered(&self) -> bool {
        !self.retired && self.phase == Phase::Review && self.interval_days >= 7
    }
}

impl Progress {
    pub fn new(learner: &str) -> Self {
        Self {
            schema: PRACTICE_SCHEMA,
            learner: learner.to_string(),
            cards: BTreeMap::new(),
            extra: BTreeMap::new(),
        }
    }

    /// Completes progress read by serde with the keys it does not know, from `raw`, the same
    /// file read as plain YAML.
    pub fn finish_reading(&mut self, raw: &Value) {
        const CARD: &[&str] = &[
            "due",
            "stability",
            "difficulty",
            "reps",
            "lapses",
            "phase",
            "last_review",
            "interval_days",
            "retired",
            "reviews",
        ];
        self.extra = unknown_entries(Some(raw), &["schema", "learner", "cards"]);
        let cards = raw.get("cards");
        for (id, card) in &mut self.cards {
            let raw = cards.and_then(|c| c.get(id));
            card.extra = unknown_entries(raw, CARD);
            let reviews = raw
                .and_then(|c| c.get("reviews"))
                .map_or(&[][..], Value::items);
            for (review, raw) in card.reviews.iter_mut().zip(reviews) {
                review.extra = unknown_entries(Some(raw), &["at", "rating", "drill"]);
            }
        }
    }

    /// Retires cards whose question left the bank and revives those that came back.
    pub fn sync_with(&mut self, bank: &Bank) {
        let ids: BTreeSet<&str> = bank
            .question_refs()
            .filter_map(|q| bank.question(q))
            .map(|q| q.id.as_str())
            .collect();
        for (id, card) in &mut self.cards {
            card.retired = !ids.contains(id.as_str());
        }
    }

    pub fn review(&mut self, question_id: &str, rating: Rating, drill: &str, now: Timestamp) {
        let card = self
            .cards
            .get(question_id)
            .cloned()
            .unwrap_or_else(|| Card::new(now));
        self.cards
            .insert(question_id.to_string(), card.reviewed(rating, drill, now));
    }

    /// New cards introduced on the same UTC day as `now`.
    pub fn introduced_on(&self, now: Timestamp) -> usize {
        let day = utc_date(now);
        self.cards
            .values()
            .filter(|c| c.reviews.first().is_some_and(|r| utc_date(r.at) == day))
            .count()
    }

    /// Today's session: due cards first (most overdue first), then new questions in script
    /// order up to the day's limit of new cards.
    pub fn plan(&self, bank: &Bank, now: Timestamp, new_per_day: usize) -> Vec<String> {
        let mut due: Vec<(&String, &Card)> = self
            .cards
            .iter()
            .filter(|(id, c)| !c.retired && c.due <= now && bank.find_question(id).is_some())
            .collect();
        due.sort_by_key(|(id, c)| (c.due, bank.find_question(id)));
        let mut plan: Vec<String> = due.into_iter().map(|(id, _)| id.clone()).collect();
        let room = new_per_day.saturating_sub(self.introduced_on(now));
        let new = bank
            .question_refs()
            .filter_map(|q| bank.question(q))
            .filter(|q| !self.cards.contains_key(&q.id))
            .take(room)
            .map(|q| q.id.clone());
        plan.extend(new);
        plan
    }
}

/// A small, stable pseudo-random generator (SplitMix64): the same seed gives the same drill
/// on every platform and Rust version, which a reproducible session needs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Per-step mastery, today's due count, the streak of practice days and recent retention.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub steps: Vec<(String, usize, usize)>,
    pub due_today: usize,
    pub new_available: usize,
    pub streak_days: usize,
    pub retention_30d: Option<f64>,
    pub reviews_30d: usize,
}

pub fn stats(progress: &Progress, bank: &Bank, now: Timestamp) -> Stats {
    let steps = bank
        .steps
        .iter()
        .map(|step| {
            let mastered = step
                .questions
                .iter()
                .filter(|q| progress.cards.get(&q.id).is_some_and(Card::mastered))
                .count();
            (step.title.clone(), mastered, step.questions.len())
        })
        .collect();
    let due_today = progress
        .cards
        .iter()
        .filter(|(id, c)| !c.retired && bank.find_question(id).is_some() && c.due <= now)
        .count();
    let new_available = bank
        .question_refs()
        .filter_map(|q| bank.question(q))
        .filter(|q| !progress.cards.contains_key(&q.id))
        .count();
    let days: BTreeSet<jiff::civil::Date> = progress
        .cards
        .values()
        .flat_map(|c| c.reviews.iter().map(|r| utc_date(r.at)))
        .collect();
    let today = utc_date(now);
    // A streak still counts until the end of the day after the last practice.
    let mut day = if days.contains(&today) {
        Some(today)
    } else {
        today.yesterday().ok()
    };
    let mut streak_days = 0;
    while let Some(d) = day.filter(|d| days.contains(d)) {
        streak_days += 1;
        day = d.yesterday().ok();
    }
    let since = now - jiff::SignedDuration::from_hours(24 * 30);
    let recent: Vec<&Review> = progress
        .cards
        .values()
        .flat_map(|c| c.reviews.iter())
        .filter(|r| r.at >= since && r.at <= now)
        .collect();
    let remembered = recent.iter().filter(|r| r.rating != Rating::Again).count();
    Stats {
        steps,
        due_today,
        new_available,
        streak_days,
        retention_30d: (!recent.is_empty()).then(|| remembered as f64 / recent.len() as f64),
        reviews_30d: recent.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::builtin_bank_for_tests as bank;

    fn day(n: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + n * 86_400).unwrap()
    }

    #[test]
    fn intervals_grow_with_good_and_reset_with_again() {
        let mut card = Card::new(day(0));
        let mut intervals = Vec::new();
        let mut now = day(0);
        for _ in 0..4 {
            card = card.reviewed(Rating::Good, "test", now);
            intervals.push(card.interval_days);
            now = card.due;
        }
        assert!(intervals.windows(2).all(|w| w[1] > w[0]), "{intervals:?}");
        let before = card.interval_days;
        card = card.reviewed(Rating::Again, "test", now);
        assert_eq!(card.interval_days, 0, "back the same day");
        assert!(
            card.due < now + jiff::SignedDuration::from_hours(1),
            "within the hour: {}",
            card.due
        );
        assert!(before > 0);
        assert_eq!(card.lapses, 1);
        assert_eq!(card.reviews.len(), 5);
    }

    #[test]
    fn easy_beats_good_beats_hard() {
        let start = Card::new(day(0));
        let next = |r| start.reviewed(r, "t", day(0)).interval_days;
        assert!(next(Rating::Easy) > next(Rating::Good));
        assert!(next(Rating::Good) >= next(Rating::Hard));
    }

    #[test]
    fn plans_due_cards_first_most_overdue_first_then_new_up_to_the_limit() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        progress.review("purchasing-alone", Rating::Good, "t", day(0));
        progress.review("business-and-roles", Rating::Good, "t", day(1));
        let later = day(60);
        let plan = progress.plan(&bank, later, 2);
        assert_eq!(
            plan[..2],
            [
                "purchasing-alone".to_string(),
                "business-and-roles".to_string()
            ]
        );
        assert_eq!(
            plan[2..],
            [
                "other-departments".to_string(),
                "who-judges-service".to_string()
            ]
        );
        // Nothing due yet and the day's new cards already introduced: an empty session.
        let mut today = Progress::new("sam");
        today.review("business-and-roles", Rating::Good, "t", day(0));
        assert!(today.plan(&bank, day(0), 1).is_empty());
    }

    #[test]
    fn rewording_keeps_progress_and_removal_retires_the_card() {
        let mut bank = bank();
        let mut progress = Progress::new("sam");
        progress.review("past-problems", Rating::Good, "t", day(0));
        bank.steps[1].questions[2].ask = "What went wrong with your last supplier?".into();
        progress.sync_with(&bank);
        assert!(!progress.cards["past-problems"].retired);
        assert!(
            !progress
                .plan(&bank, day(0), 20)
                .contains(&"past-problems".to_string())
        );
        bank.steps[1].questions.remove(2);
        progress.sync_with(&bank);
        let card = &progress.cards["past-problems"];
        assert!(card.retired && card.reviews.len() == 1, "history kept");
        assert!(
            !progress
                .plan(&bank, day(90), 20)
                .contains(&"past-problems".to_string())
        );
    }

    #[test]
    fn stats_count_streak_and_retention() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        progress.review("business-and-roles", Rating::Good, "t", day(0));
        progress.review("purchasing-alone", Rating::Again, "t", day(1));
        progress.review("other-departments", Rating::Good, "t", day(2));
        let s = stats(&progress, &bank, day(2));
        assert_eq!(s.streak_days, 3);
        assert_eq!(s.reviews_30d, 3);
        assert_eq!(s.retention_30d, Some(2.0 / 3.0));
        assert_eq!(s.new_available, 8);
        assert_eq!(
            stats(&progress, &bank, day(5)).streak_days,
            0,
            "a missed day ends the streak"
        );
    }

    #[test]
    fn the_generator_is_stable() {
        let mut rng = Rng::new(7);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = Rng::new(7);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_eq!(Rng::new(1).next_u64(), 0x910A_2DEC_8902_5CC1);
    }
}
