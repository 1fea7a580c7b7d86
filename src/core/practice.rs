//! Spaced-repetition practice of a bank's questions. Cards are keyed by the bank's stable
//! question ids, so rewording a question keeps its progress, and a removed question retires
//! its card instead of deleting its history.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use rs_fsrs::{Card as FsrsCard, FSRS, Parameters, Rating as FsrsRating, State as FsrsState};
use serde::{Deserialize, Serialize};

use super::bank::Bank;
use super::drills::{DrillKind, RunResult};
use crate::yaml::{Value, unknown_entries};

/// 2: cards remember when they were introduced, and run-the-script results are kept. Files of
/// schema 1 read as they are.
pub const PRACTICE_SCHEMA: u32 = 2;

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
    /// When the learner was first shown the question to learn it; tested from then on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<Timestamp>,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<ScriptRun>,
    /// Keys a newer disco or a hand edit added, in this map and in every card, review and
    /// run: read in a second pass ([`Progress::finish_reading`]), as serde's flatten cannot
    /// read YAML tags.
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
    /// Where the learner's days begin and end: "today", streaks and the daily limit of new
    /// cards follow the local day. Not saved; UTC until [`Progress::in_zone`] says otherwise.
    #[serde(skip)]
    pub zone: DayZone,
}

/// The time zone practice counts days in. Not content: two progresses alike but for it
/// are equal.
#[derive(Debug, Clone)]
pub struct DayZone(pub jiff::tz::TimeZone);

impl Default for DayZone {
    fn default() -> Self {
        DayZone(jiff::tz::TimeZone::UTC)
    }
}

impl PartialEq for DayZone {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl DayZone {
    fn date(&self, t: Timestamp) -> jiff::civil::Date {
        self.0.to_datetime(t).date()
    }

    fn day_start(&self, day: jiff::civil::Date) -> Timestamp {
        day.to_datetime(jiff::civil::Time::midnight())
            .to_zoned_datetime(self.0.clone())
            .map_or(Timestamp::MAX, |z| z.timestamp())
    }
}

/// How long after a new card is learned its first test falls due.
pub const LEARNED_TESTED_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// One "Run the script": how many questions came back in order, out of order, or not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptRun {
    pub at: Timestamp,
    pub in_order: usize,
    pub out_of_order: usize,
    pub missed: usize,
    pub total: usize,
    #[serde(flatten, skip_deserializing)]
    pub extra: BTreeMap<String, Value>,
}

fn to_chrono(t: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

fn from_chrono(t: chrono::DateTime<chrono::Utc>) -> Timestamp {
    Timestamp::from_second(t.timestamp()).unwrap_or(Timestamp::UNIX_EPOCH)
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
            introduced: None,
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
            introduced: self.introduced,
            reviews,
            extra: self.extra.clone(),
        }
    }

    /// When the card would next be due after each rating at `now`, in [`Rating::ALL`] order.
    pub fn preview(&self, now: Timestamp) -> [(Rating, Timestamp); 4] {
        Rating::ALL.map(|r| (r, self.reviewed(r, "preview", now).due))
    }

    /// Each moment the card's due time changed, and the due time from then on: its
    /// introduction and every review, replayed through the scheduler.
    fn due_history(&self) -> Vec<(Timestamp, Timestamp)> {
        let Some(start) = self.introduced.or(self.reviews.first().map(|r| r.at)) else {
            return Vec::new();
        };
        let mut card = Card::new(start);
        let mut history = Vec::new();
        if let Some(at) = self.introduced {
            history.push((at, at + LEARNED_TESTED_AFTER));
        }
        for review in &self.reviews {
            card = card.reviewed(review.rating, &review.drill, review.at);
            history.push((review.at, card.due));
        }
        history
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
            runs: Vec::new(),
            extra: BTreeMap::new(),
            zone: DayZone::default(),
        }
    }

    /// Counts days where the learner is.
    pub fn in_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        self.zone = DayZone(zone);
        self
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
            "introduced",
            "reviews",
        ];
        const RUN: &[&str] = &["at", "in_order", "out_of_order", "missed", "total"];
        self.extra = unknown_entries(Some(raw), &["schema", "learner", "cards", "runs"]);
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
        let runs = raw.get("runs").map_or(&[][..], Value::items);
        for (run, raw) in self.runs.iter_mut().zip(runs) {
            run.extra = unknown_entries(Some(raw), RUN);
        }
    }

    /// Retires cards whose question or check left the bank and revives those that came back.
    pub fn sync_with(&mut self, bank: &Bank) {
        let ids: BTreeSet<&str> = bank.card_ids().collect();
        for (id, card) in &mut self.cards {
            card.retired = !ids.contains(id.as_str());
        }
    }

    pub fn review(&mut self, card_id: &str, rating: Rating, drill: &str, now: Timestamp) {
        let card = self
            .cards
            .get(card_id)
            .cloned()
            .unwrap_or_else(|| Card::new(now));
        self.cards
            .insert(card_id.to_string(), card.reviewed(rating, drill, now));
    }

    /// The learner has been shown a new card: it is tested from a later session on, an hour
    /// away at the soonest, so the end of this one doesn't call it due.
    pub fn learn(&mut self, card_id: &str, now: Timestamp) {
        self.cards
            .entry(card_id.to_string())
            .or_insert_with(|| Card {
                introduced: Some(now),
                ..Card::new(now + LEARNED_TESTED_AFTER)
            });
    }

    /// What each rating of a card would schedule, as "10m", "1d" and so on.
    pub fn preview(&self, card_id: &str, now: Timestamp) -> [(Rating, String); 4] {
        let card = self
            .cards
            .get(card_id)
            .cloned()
            .unwrap_or_else(|| Card::new(now));
        card.preview(now)
            .map(|(r, due)| (r, interval_label(now, due)))
    }

    /// Scores a "Run the script": each question recited in order is a passed review of its
    /// card, each one out of order or left out a failed one; the run itself is kept.
    pub fn record_run(&mut self, bank: &Bank, result: &RunResult, now: Timestamp) {
        let ids: Vec<String> = bank
            .question_refs()
            .filter_map(|q| bank.question(q))
            .map(|q| q.id.clone())
            .collect();
        let drill = DrillKind::RunScript.id();
        for line in &result.lines {
            if let Some(id) = line.matched.and_then(|i| ids.get(i)) {
                let rating = if line.out_of_order {
                    Rating::Again
                } else {
                    Rating::Good
                };
                self.review(id, rating, drill, now);
            }
        }
        for (i, _) in &result.missing {
            if let Some(id) = ids.get(*i) {
                self.review(id, Rating::Again, drill, now);
            }
        }
        self.runs.push(ScriptRun {
            at: now,
            in_order: result.in_order,
            out_of_order: result.lines.iter().filter(|l| l.out_of_order).count(),
            missed: result.missing.len(),
            total: result.total,
            extra: BTreeMap::new(),
        });
    }

    /// New cards introduced on the same local day as `now`.
    pub fn introduced_on(&self, now: Timestamp) -> usize {
        let utc_date = |t| self.zone.date(t);
        let day = utc_date(now);
        self.cards
            .values()
            .filter(|c| {
                c.introduced
                    .or(c.reviews.first().map(|r| r.at))
                    .is_some_and(|at| utc_date(at) == day)
            })
            .count()
    }

    fn live_cards<'a>(&'a self, bank: &'a Bank) -> impl Iterator<Item = (&'a String, &'a Card)> {
        self.cards
            .iter()
            .filter(|(id, c)| !c.retired && bank.has_card(id))
    }

    /// Today's session: due cards first (most overdue first), then new cards in script
    /// order up to the day's limit of new cards.
    pub fn plan(&self, bank: &Bank, now: Timestamp, new_per_day: usize) -> Vec<String> {
        let order: BTreeMap<&str, usize> =
            bank.card_ids().enumerate().map(|(i, id)| (id, i)).collect();
        let mut due: Vec<(&String, &Card)> = self
            .live_cards(bank)
            .filter(|(_, c)| c.due <= now)
            .collect();
        due.sort_by_key(|(id, c)| (c.due, order.get(id.as_str())));
        let mut plan: Vec<String> = due.into_iter().map(|(id, _)| id.clone()).collect();
        plan.extend(self.new_cards(bank).take(self.room_today(now, new_per_day)));
        plan
    }

    /// Practising ahead: the `limit` cards due soonest that are not due yet.
    pub fn plan_ahead(&self, bank: &Bank, now: Timestamp, limit: usize) -> Vec<String> {
        let mut ahead: Vec<(&String, &Card)> =
            self.live_cards(bank).filter(|(_, c)| c.due > now).collect();
        ahead.sort_by_key(|(id, c)| (c.due, bank.card_ids().position(|i| i == id.as_str())));
        ahead
            .into_iter()
            .take(limit)
            .map(|(id, _)| id.clone())
            .collect()
    }

    fn new_cards<'a>(&'a self, bank: &'a Bank) -> impl Iterator<Item = String> + 'a {
        bank.card_ids()
            .filter(|id| !self.cards.contains_key(*id))
            .map(str::to_string)
    }

    fn room_today(&self, now: Timestamp, new_per_day: usize) -> usize {
        new_per_day.saturating_sub(self.introduced_on(now))
    }

    /// What is left to practise, for the message at the end of a session.
    pub fn left(&self, bank: &Bank, now: Timestamp, new_per_day: usize) -> Left {
        let new_total = self.new_cards(bank).count();
        let new_today = new_total.min(self.room_today(now, new_per_day));
        Left {
            due_now: self.live_cards(bank).filter(|(_, c)| c.due <= now).count(),
            new_today,
            new_later: new_total - new_today,
            new_per_day,
            next_due: self
                .live_cards(bank)
                .map(|(_, c)| c.due)
                .filter(|due| *due > now)
                .min(),
        }
    }
}

/// What a learner could still practise, and when more comes due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    pub due_now: usize,
    /// New cards that today's limit still lets in.
    pub new_today: usize,
    /// New cards beyond today's limit.
    pub new_later: usize,
    pub new_per_day: usize,
    pub next_due: Option<Timestamp>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Left {
    /// Says exactly what is left: never "today's new questions are done" when there were
    /// none to begin with.
    pub fn message(&self, now: Timestamp, zone: &DayZone) -> Vec<String> {
        let mut lines = Vec::new();
        lines.push(match self.due_now {
            0 => "No cards are due.".to_string(),
            n => format!("{} still due.", plural(n, "card is", "cards are")),
        });
        lines.push(match (self.new_today, self.new_later) {
            (0, 0) => "Every question has been introduced.".to_string(),
            (0, later) if self.new_per_day == 0 => format!(
                "{}; none are introduced with --new-per-day 0.",
                plural(later, "new card waits", "new cards wait")
            ),
            (0, later) => format!(
                "Today's {} done; {} tomorrow.",
                plural(self.new_per_day, "new card is", "new cards are"),
                plural(later, "more waits", "more wait")
            ),
            (today, _) => format!(
                "{} ready to learn today.",
                plural(today, "new card is", "new cards are")
            ),
        });
        if let Some(next) = self.next_due.filter(|_| self.due_now == 0) {
            lines.push(format!(
                "The next card is due {}. `disco practice --ahead` practises early.",
                when_label(now, next, zone)
            ));
        }
        lines
    }
}

/// How far `to` is from `from`, in the unit a learner thinks in: "10m", "3h", "4d", "2.5mo".
pub fn interval_label(from: Timestamp, to: Timestamp) -> String {
    let minutes = (to.as_second() - from.as_second()).max(0) as f64 / 60.0;
    let days = minutes / (60.0 * 24.0);
    if minutes < 1.0 {
        "<1m".into()
    } else if minutes < 60.0 {
        format!("{}m", minutes.round())
    } else if days < 1.0 {
        format!("{}h", (minutes / 60.0).round())
    } else if days < 30.0 {
        format!("{}d", days.round())
    } else if days < 365.0 {
        format!("{:.1}mo", days / 30.0)
    } else {
        format!("{:.1}y", days / 365.0)
    }
}

/// "in 10m", "tomorrow", "in 4d (Mon 30 Nov)".
fn when_label(now: Timestamp, at: Timestamp, zone: &DayZone) -> String {
    let utc_date = |t| zone.date(t);
    let days = (utc_date(at) - utc_date(now)).get_days();
    match days {
        0 => format!("in {}", interval_label(now, at)),
        1 => "tomorrow".into(),
        _ => format!(
            "in {} days ({})",
            days,
            jiff::fmt::strtime::format("%a %-d %b", utc_date(at)).unwrap_or_default()
        ),
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

/// Per-step mastery, what is due, the streak, retention day by day, the next two weeks'
/// workload and run-the-script results: everything `disco practice --stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub learner: String,
    pub steps: Vec<StepMastery>,
    pub due_today: usize,
    pub new_available: usize,
    pub streak_days: usize,
    pub retention_30d: Option<f64>,
    pub reviews_30d: usize,
    /// The last 30 days, oldest first, today last.
    pub days: Vec<DayReviews>,
    /// Today (overdue cards included) and the 13 days after it.
    pub due_ahead: Vec<DayDue>,
    pub runs: Vec<ScriptRun>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepMastery {
    pub title: String,
    pub mastered: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayReviews {
    pub date: jiff::civil::Date,
    pub reviews: usize,
    pub remembered: usize,
}

impl DayReviews {
    pub fn retention(&self) -> Option<f64> {
        (self.reviews > 0).then(|| self.remembered as f64 / self.reviews as f64)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayDue {
    pub date: jiff::civil::Date,
    pub due: usize,
}

const HISTORY_DAYS: i64 = 30;
const AHEAD_DAYS: i64 = 14;

/// Days in a row, up to today, on which the learner practised or nothing was due. Today counts
/// once practised or once nothing is due in it; until then it neither counts nor breaks.
fn streak(progress: &Progress, bank: &Bank, now: Timestamp) -> usize {
    let utc_date = |t| progress.zone.date(t);
    let day_start = |d| progress.zone.day_start(d);
    let practised: BTreeSet<jiff::civil::Date> = progress
        .cards
        .values()
        .flat_map(|c| {
            c.introduced
                .into_iter()
                .chain(c.reviews.iter().map(|r| r.at))
        })
        .map(utc_date)
        .collect();
    let Some(&first) = practised.first() else {
        return 0;
    };
    let histories: Vec<Vec<(Timestamp, Timestamp)>> = progress
        .live_cards(bank)
        .map(|(_, c)| c.due_history())
        .collect();
    // Something was due on `day` if a card's due time, as it stood when the day began, fell
    // before the day ended.
    let had_due = |day: jiff::civil::Date| {
        let (start, end) = (
            day_start(day),
            day.tomorrow().map_or(Timestamp::MAX, day_start),
        );
        histories.iter().any(|history| {
            history
                .iter()
                .rev()
                .find(|(at, _)| *at < start)
                .is_some_and(|(_, due)| *due < end)
        })
    };
    let today = utc_date(now);
    let mut day = Some(today);
    if !practised.contains(&today) && had_due(today) {
        day = today.yesterday().ok();
    }
    let mut count = 0;
    while let Some(d) = day.filter(|d| *d >= first && (practised.contains(d) || !had_due(*d))) {
        count += 1;
        day = d.yesterday().ok();
    }
    count
}

pub fn stats(progress: &Progress, bank: &Bank, now: Timestamp) -> Stats {
    let utc_date = |t| progress.zone.date(t);
    let steps = bank
        .steps
        .iter()
        .map(|step| StepMastery {
            title: step.title.clone(),
            mastered: step
                .questions
                .iter()
                .map(|q| &q.id)
                .chain(step.checks.iter().map(|c| &c.id))
                .filter(|id| progress.cards.get(*id).is_some_and(Card::mastered))
                .count(),
            total: step.questions.len() + step.checks.len(),
        })
        .collect();
    let today = utc_date(now);
    let due_ahead: Vec<DayDue> = (0..AHEAD_DAYS)
        .filter_map(|offset| today.checked_add(jiff::Span::new().days(offset)).ok())
        .map(|date| DayDue {
            date,
            due: progress
                .live_cards(bank)
                .filter(|(_, c)| {
                    let due = utc_date(c.due);
                    due == date || (date == today && due < today)
                })
                .count(),
        })
        .collect();
    let reviews: Vec<&Review> = progress
        .live_cards(bank)
        .flat_map(|(_, c)| c.reviews.iter())
        .filter(|r| r.at <= now)
        .collect();
    let days: Vec<DayReviews> = (0..HISTORY_DAYS)
        .rev()
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
        .map(|date| {
            let on_day = reviews.iter().filter(|r| utc_date(r.at) == date);
            DayReviews {
                date,
                reviews: on_day.clone().count(),
                remembered: on_day.filter(|r| r.rating != Rating::Again).count(),
            }
        })
        .collect();
    let reviews_30d: usize = days.iter().map(|d| d.reviews).sum();
    let remembered: usize = days.iter().map(|d| d.remembered).sum();
    let left = progress.left(bank, now, usize::MAX);
    Stats {
        learner: progress.learner.clone(),
        steps,
        due_today: left.due_now,
        new_available: left.new_today + left.new_later,
        streak_days: streak(progress, bank, now),
        retention_30d: (reviews_30d > 0).then(|| remembered as f64 / reviews_30d as f64),
        reviews_30d,
        days,
        due_ahead,
        runs: progress.runs.clone(),
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
        assert_eq!(s.new_available, 8 + 8, "questions and guidance checks");
        assert_eq!(
            stats(&progress, &bank, day(5)).streak_days,
            0,
            "a missed day ends the streak"
        );
    }

    #[test]
    fn a_new_card_is_learned_first_and_tested_from_the_next_session() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        let plan = progress.plan(&bank, day(0), 2);
        assert_eq!(plan, ["business-and-roles", "purchasing-alone"]);
        for id in &plan {
            progress.learn(id, day(0));
        }
        let card = &progress.cards["business-and-roles"];
        assert_eq!((card.reviews.len(), card.introduced), (0, Some(day(0))));
        assert_eq!(progress.introduced_on(day(0)), 2);
        let soon = day(0) + jiff::SignedDuration::from_mins(59);
        assert!(
            progress.plan(&bank, soon, 2).is_empty(),
            "not in the same sitting"
        );
        assert_eq!(
            progress
                .left(&bank, soon, 2)
                .message(soon, &DayZone::default()),
            [
                "No cards are due.",
                "Today's 2 new cards are done; 17 more wait tomorrow.",
                "The next card is due in 1m. `disco practice --ahead` practises early."
            ]
        );
        // An hour on: both are due for their first test, and the day's new cards are used up.
        assert_eq!(
            progress.plan(&bank, day(0) + jiff::SignedDuration::from_hours(1), 2),
            plan
        );
        progress.learn("business-and-roles", day(1));
        assert_eq!(
            progress.cards["business-and-roles"].introduced,
            Some(day(0)),
            "kept"
        );
    }

    #[test]
    fn guidance_checks_are_cards_after_their_step_questions() {
        let bank = bank();
        let plan = Progress::new("sam").plan(&bank, day(0), 8);
        assert_eq!(
            plan[5..],
            [
                "first-contact-decides",
                "ask-about-departments",
                "valued-supplier"
            ]
        );
    }

    #[test]
    fn practising_ahead_takes_the_cards_due_soonest() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        progress.review("past-problems", Rating::Easy, "t", day(0));
        progress.review("open-with-price", Rating::Good, "t", day(0));
        progress.review(
            "open-with-price",
            Rating::Good,
            "t",
            day(0) + jiff::SignedDuration::from_mins(20),
        );
        progress.review("valued-supplier", Rating::Again, "t", day(0));
        let now = day(0) + jiff::SignedDuration::from_mins(30);
        assert_eq!(progress.plan(&bank, now, 0), ["valued-supplier"]);
        assert_eq!(
            progress.plan_ahead(&bank, now, 5),
            ["open-with-price", "past-problems"]
        );
        assert_eq!(progress.plan_ahead(&bank, now, 1), ["open-with-price"]);
    }

    #[test]
    fn the_end_message_says_exactly_what_is_left() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        assert_eq!(
            progress
                .left(&bank, day(0), 3)
                .message(day(0), &DayZone::default()),
            ["No cards are due.", "3 new cards are ready to learn today."]
        );
        for id in [
            "business-and-roles",
            "purchasing-alone",
            "other-departments",
        ] {
            progress.learn(id, day(0));
            progress.review(id, Rating::Easy, "t", day(0));
        }
        assert_eq!(
            progress
                .left(&bank, day(0), 3)
                .message(day(0), &DayZone::default()),
            [
                "No cards are due.",
                "Today's 3 new cards are done; 16 more wait tomorrow.",
                "The next card is due in 15 days (Sat 30 Jan). `disco practice --ahead` practises early."
            ]
        );
        for id in bank.card_ids() {
            progress.learn(id, day(0));
        }
        progress.review("purchasing-alone", Rating::Again, "t", day(0));
        assert_eq!(
            progress
                .left(&bank, day(1), 3)
                .message(day(1), &DayZone::default()),
            [
                "17 cards are still due.",
                "Every question has been introduced."
            ]
        );
        let off = Left {
            due_now: 0,
            new_today: 0,
            new_later: 4,
            new_per_day: 0,
            next_due: None,
        };
        assert_eq!(
            off.message(day(0), &DayZone::default()),
            [
                "No cards are due.",
                "4 new cards wait; none are introduced with --new-per-day 0."
            ]
        );
        let one = Left {
            due_now: 1,
            new_today: 1,
            new_later: 0,
            new_per_day: 1,
            next_due: None,
        };
        assert_eq!(
            one.message(day(0), &DayZone::default()),
            [
                "1 card is still due.",
                "1 new card is ready to learn today."
            ]
        );
    }

    #[test]
    fn the_rating_preview_is_what_the_rating_then_schedules() {
        let mut progress = Progress::new("sam");
        progress.review("past-problems", Rating::Good, "t", day(0));
        progress.review("past-problems", Rating::Good, "t", day(1));
        let preview = progress.preview("past-problems", day(5));
        let labels: Vec<&str> = preview.iter().map(|(_, l)| l.as_str()).collect();
        for (i, rating) in Rating::ALL.into_iter().enumerate() {
            let mut copy = progress.clone();
            copy.review("past-problems", rating, "t", day(5));
            assert_eq!(
                labels[i],
                interval_label(day(5), copy.cards["past-problems"].due)
            );
        }
        assert_eq!(labels, ["5m", "7d", "15d", "1.2mo"]);
        assert_eq!(
            progress.preview("new-card", day(0)).map(|(_, l)| l)[0],
            "1m"
        );
    }

    #[test]
    fn intervals_read_as_a_learner_thinks() {
        let at = |secs: i64| interval_label(day(0), day(0) + jiff::SignedDuration::from_secs(secs));
        assert_eq!(at(30), "<1m");
        assert_eq!(at(600), "10m");
        assert_eq!(at(3 * 3600), "3h");
        assert_eq!(at(4 * 86_400), "4d");
        assert_eq!(at(75 * 86_400), "2.5mo");
        assert_eq!(at(730 * 86_400), "2.0y");
    }

    #[test]
    fn a_recited_script_is_scored_card_by_card_and_kept() {
        let bank = bank();
        let recited: Vec<String> = [
            "purchasing alone or other departments",
            "your business and role",
        ]
        .map(String::from)
        .to_vec();
        let result = crate::core::drills::check_run(&bank, &recited);
        let mut progress = Progress::new("sam");
        progress.record_run(&bank, &result, day(0));
        let rating = |id: &str| {
            progress.cards[id]
                .reviews
                .iter()
                .map(|r| r.rating)
                .collect::<Vec<_>>()
        };
        assert_eq!(rating("purchasing-alone"), [Rating::Good]);
        assert_eq!(
            rating("business-and-roles"),
            [Rating::Again],
            "out of order"
        );
        assert_eq!(rating("can-and-cannot"), [Rating::Again], "left out");
        assert_eq!(progress.cards.len(), 11, "every question, no checks");
        assert_eq!(
            progress.cards["purchasing-alone"].reviews[0].drill,
            "run-script"
        );
        assert_eq!(
            progress.runs,
            [ScriptRun {
                at: day(0),
                in_order: 1,
                out_of_order: 1,
                missed: 9,
                total: 11,
                extra: BTreeMap::new(),
            }]
        );
        let s = stats(&progress, &bank, day(0));
        assert_eq!((s.runs.len(), s.reviews_30d), (1, 11));
    }

    #[test]
    fn the_streak_counts_days_with_nothing_due_and_breaks_on_a_missed_due_day() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        progress.learn("past-problems", day(0));
        progress.review("past-problems", Rating::Easy, "t", day(0));
        let due = progress.cards["past-problems"].due;
        let due_day = (due.as_second() - day(0).as_second()) / 86_400;
        assert!(due_day >= 3, "Easy waits days: {due}");
        // Days with nothing due count, right up to the day the card falls due.
        assert_eq!(stats(&progress, &bank, day(1)).streak_days, 2);
        assert_eq!(
            stats(&progress, &bank, day(due_day - 1)).streak_days,
            due_day as usize
        );
        // The due day is open until practised; it breaks the streak only once it is over.
        assert_eq!(
            stats(&progress, &bank, day(due_day)).streak_days,
            due_day as usize
        );
        assert_eq!(stats(&progress, &bank, day(due_day + 1)).streak_days, 0);
        progress.review("past-problems", Rating::Good, "t", day(due_day));
        assert_eq!(
            stats(&progress, &bank, day(due_day)).streak_days,
            due_day as usize + 1
        );
        assert_eq!(stats(&Progress::new("new"), &bank, day(0)).streak_days, 0);
    }

    #[test]
    fn stats_show_reviews_by_day_and_the_next_two_weeks() {
        let bank = bank();
        let mut progress = Progress::new("sam");
        progress.review("past-problems", Rating::Good, "t", day(0));
        progress.review("past-problems", Rating::Again, "t", day(1));
        progress.review("valued-supplier", Rating::Easy, "t", day(1));
        let s = stats(&progress, &bank, day(1));
        assert_eq!(s.days.len(), 30);
        let last: Vec<(usize, usize)> = s.days[28..]
            .iter()
            .map(|d| (d.reviews, d.remembered))
            .collect();
        assert_eq!(last, [(1, 1), (2, 1)]);
        assert_eq!(s.days[29].date, DayZone::default().date(day(1)));
        assert_eq!(s.due_ahead.len(), 14);
        assert_eq!(s.due_ahead[0].due, 1, "the missed card, due again today");
        // Easy waits 15 days, past the fortnight; two Goods make a card due within it.
        progress.review("open-with-price", Rating::Good, "t", day(0));
        progress.review("open-with-price", Rating::Good, "t", day(1));
        let s = stats(&progress, &bank, day(1));
        let soon = DayZone::default().date(progress.cards["open-with-price"].due);
        let soon = s.due_ahead.iter().position(|d| d.date == soon).unwrap();
        assert!(soon > 0, "due on a later day");
        assert_eq!(s.due_ahead[soon].due, 1);
        assert_eq!(s.due_ahead.iter().map(|d| d.due).sum::<usize>(), 2);
    }

    #[test]
    fn the_generator_is_stable() {
        let mut rng = Rng::new(7);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = Rng::new(7);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_eq!(Rng::new(1).next_u64(), 0x910A_2DEC_8902_5CC1);
    }

    #[test]
    fn the_daily_limit_of_new_cards_follows_the_local_day() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let tokyo = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
        let mut progress = Progress::new("sam");
        // 23:30 in Tokyo; then 00:30 the next morning there, the same day in UTC.
        progress.learn("open-with-price", t("2026-11-24T14:30:00Z"));
        let morning = t("2026-11-24T15:30:00Z");
        assert_eq!(progress.introduced_on(morning), 1, "one UTC day");
        let progress = progress.in_zone(tokyo);
        assert_eq!(progress.introduced_on(morning), 0, "a new day in Tokyo");
        assert_eq!(progress.introduced_on(t("2026-11-24T14:59:00Z")), 1);
    }
}
