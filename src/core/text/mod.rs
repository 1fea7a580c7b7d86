//! Reading what people type: one place for every judgement disco makes about text (the promise
//! guard, question matching). Explainable by construction: each match carries the tokens it rests
//! on, and those quote the original words. No disk, no clock, no model.

pub mod analyze;
pub mod concepts;
pub mod lexicon;
pub mod matcher;
pub mod numbers;
pub mod quantity;

pub use analyze::{Analysis, Clause, Speaker, Token, analyze, phrase_stems};
pub use concepts::{ConceptMatch, concept_matches};
pub use lexicon::{BUILTIN_LEXICON, Lexicon, LexiconFile};
pub use matcher::{Candidate, Match, Matcher};
pub use quantity::{Bare, Quantity, QuantityKind, quantities};
