//! The command line, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::process::{Command, Output};

use disco::storage::AccountStore;

fn disco(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(common::bin())
        .args(args)
        .env("DISCO_DATA_DIR", data)
        .env_remove("DISCO_BANK")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn accounts_on_an_empty_folder_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = disco(dir.path(), &["accounts"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("No accounts yet"), "{}", stdout(&out));
    assert!(
        !dir.path().join("accounts").exists(),
        "listing creates nothing"
    );
}

#[test]
fn accounts_lists_last_call_and_progress_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    common::save_sample(&store, "Acme Corp", &bank);
    common::save_sample(&store, "Zoë's Bakery", &bank);
    let out = disco(dir.path(), &["accounts"]);
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&disco(dir.path(), &["accounts", "--json"]).stdout).unwrap();
    assert_eq!(json[0]["name"], "Acme Corp");
    assert_eq!(json[0]["last_call"], "2026-11-20T15:04:05Z");
    assert_eq!(json[0]["steps"][0]["answered"], 2);
    assert_eq!(json[0]["steps"][0]["total"], 5);
    assert_eq!(json[1]["name"], "Zoë's Bakery");
}

#[test]
fn accounts_reports_an_unreadable_file_and_still_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    let bad = store.dir().join("broken.yaml");
    fs::write(&bad, "name: [\n").unwrap();
    let out = disco(dir.path(), &["accounts"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("Acme Corp"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.yaml:1:7: name: invalid type"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&bad).unwrap(), "name: [\n");
}

#[test]
fn bank_show_prints_the_whole_script() {
    let dir = tempfile::tempdir().unwrap();
    let out = disco(dir.path(), &["bank", "show"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for needle in [
        "Step 1 of 3 · Who decides",
        "Step 2 of 3",
        "Step 3 of 3",
        "Listen for:",
        "Capture people:",
        "Why: The person on the phone may not be the one who decides.",
        "Key phrases: business, role, choosing suppliers",
        "Open the talk about criteria with price? No: Build the talk around service first.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn a_broken_bank_given_with_the_env_variable_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bank = common::fixture("banks/invalid/syntax.yaml");
    let out = Command::new(common::bin())
        .args(["bank", "show"])
        .env("DISCO_BANK", &bank)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:7:10:", bank.display())),
        "{stderr}"
    );
    drop(dir);
}

#[test]
fn version_help_completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let version = disco(dir.path(), &["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("disco {}", env!("CARGO_PKG_VERSION"))
    );
    let help = stdout(&disco(dir.path(), &["--help"]));
    assert!(
        help.contains("Examples:") && help.contains("disco call \"Acme Corp\""),
        "{help}"
    );
    let bash = disco(dir.path(), &["completions", "bash"]);
    assert!(bash.status.success() && stdout(&bash).contains("_disco()"));
    let man = disco(dir.path(), &["man"]);
    assert!(man.status.success() && stdout(&man).contains(".TH disco"));
}

#[test]
fn the_screens_refuse_to_start_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = disco(dir.path(), &["call", "Acme"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("need a terminal"));
    assert!(!dir.path().join("accounts").exists(), "no call is recorded");
}

#[test]
fn the_readme_key_table_covers_every_binding() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for binding in disco::tui::keymap::BINDINGS {
        assert!(
            readme.contains(binding.help),
            "README.md has no row for {:?}",
            binding.help
        );
    }
}
