//! A role-play's record: who played which scenario, what was said, and the debrief. Kept in
//! the same versioned format as accounts.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::debrief::{Debrief, Event};
use super::transcript::Transcript;

/// The layout of a role-play record this disco writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    Trainee,
    Customer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub at: Timestamp,
    pub who: Speaker,
    pub text: String,
}

/// One role-play: who, which scenario, what was said, and the debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleplayRecord {
    pub schema: u32,
    pub scenario: String,
    pub scenario_title: String,
    pub trainee: String,
    pub account: String,
    pub started: Timestamp,
    #[serde(default)]
    pub transcript: Vec<Line>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// What each line meant (question, reveals, move, price), so a debrief read later from
    /// the record judges what was really said.
    #[serde(default, skip_serializing_if = "Transcript::is_empty")]
    pub turns: Transcript,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debrief: Option<Debrief>,
    /// A session run from the trainer's card, with a person playing the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainer: Option<TrainerSession>,
}

/// What the trainer recorded on the card: the facts ticked as uncovered, their notes, the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainerSession {
    pub ticked: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub ended: Timestamp,
    /// How many hidden facts the scenario had, so history reads "3 of 4".
    pub facts: usize,
}
