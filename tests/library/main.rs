//! Library tier: disco's parts through its public API, without a screen: the account store,
//! every data file under tests/fixtures, the patched editor, and
//! fill-the-gap grading and the promise guard against their labelled sets.
//! One test binary per tier: each binary is a link step, and the machine has two cores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod data_files;
mod debrief_fidelity;
mod editor;
mod gap_fidelity;
mod guard_fidelity;
mod matching_fidelity;
mod merge;
mod outside;
mod report;
mod roleplay_script;
mod scenario_tests;
mod script_order;
mod store;
mod team_files;

/// The driver falls back to `git merge-file`; without git those tests are skipped, saying so.
pub fn team_git_missing() -> bool {
    let missing = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err();
    if missing {
        eprintln!("SKIPPED: git is not installed");
    }
    missing
}
