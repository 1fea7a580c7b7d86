//! Render and key tier: the screens on ratatui's TestBackend, driven by key sequences as a
//! rep types them, with the files they write (and a few runs of the real binary they need).
//! One test binary per tier: each binary is a link step, and the machine has two cores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod add_person;
mod ask_line;
mod call_history;
mod call_layout;
mod capture;
mod drive;
mod exports;
mod help;
mod home;
mod practice;
mod report;
mod roleplay;
mod roleplay_fair;
mod summary_keys;
mod tui;
