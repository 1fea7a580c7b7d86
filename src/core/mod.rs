//! The domain: banks and accounts. No terminal, no disk.

pub mod account;
pub mod bank;
pub mod combine;
pub mod company;
pub mod conflict;
pub mod conversation;
pub mod debrief;
pub mod drills;
pub mod evidence;
pub mod guard;
pub mod history;
pub mod last_time;
pub mod merge;
pub mod merge_keys;
pub mod names;
pub mod plural;
pub mod practice;
pub mod printable;
pub mod recap;
pub mod record;
pub mod report;
pub mod roleplay;
pub mod scenario;
pub mod scenario_tests;
pub mod script;
pub mod script_order;
pub mod search;
pub mod stopwords;
pub mod summary;
pub mod text;
pub mod transcript;
pub mod validate;
pub mod wrap;

pub use account::{Account, CallMode, Record};
pub use bank::{
    Bank, CaptureList, Check, Field, FieldKind, Question, QuestionRef, Step, StepProgress,
};
pub use merge::merge;

#[cfg(test)]
pub(crate) fn builtin_bank_for_tests() -> Bank {
    crate::yaml::from_str(crate::BUILTIN_BANK).unwrap()
}
