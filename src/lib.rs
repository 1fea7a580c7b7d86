//! disco: a call assistant for B2B discovery calls.

pub mod cli;
pub mod clock;
pub mod core;
#[cfg(test)]
mod layering;
pub mod storage;
pub mod synth;
pub mod tui;
pub mod yaml;

pub use storage::banks::BUILTIN_BANK;
