//! End-to-end tier: the real binary, from the command line and in a pseudo-terminal (or
//! tmux): what a rep types ends up in the file, whatever happens to the process.
//! One test binary per tier: each binary is a link step, and the machine has two cores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod capture;
mod cli;
mod config;
mod local_time;
mod output;
mod reliability;
mod report;
mod team;
mod terminal;
