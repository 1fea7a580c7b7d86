//! The rep's config file: remapped keys work and show in the help; a broken file never keeps
//! the rep out of a call.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use crate::common;
use crate::common::pty::Session;

const F1: &[u8] = b"\x1bOP";
const F5: &[u8] = b"\x1b[15~";
const CTRL_Q: &[u8] = b"\x11";
const CTRL_S: &[u8] = b"\x13";

fn disco(config: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(common::bin())
        .args(args)
        .env("DISCO_CONFIG", config)
        .output()
        .unwrap()
}

#[test]
fn a_remapped_key_works_and_shows_in_the_help() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "keys:\n  call.summary: F5\n").unwrap();
    let config = config.to_str().unwrap();
    let mut s = Session::spawn_with_env(dir.path(), &["call", "Acme"], &[("DISCO_CONFIG", config)]);
    s.wait_for("Who decides");
    // The old key no longer opens the summary; the new one does.
    s.send(CTRL_S);
    s.type_text("Buyer");
    s.wait_for("Buyer");
    assert!(!s.contents().contains("Step 1 · "), "{}", s.contents());
    s.send(F5);
    s.wait_for("Step 1 · ");
    // Esc alone: an Esc followed at once by a key reads as Alt with that key.
    s.send(b"\x1b");
    s.wait_for("Answer ·");
    s.send(F1);
    s.wait_for("Summary of the call");
    let help = s.contents();
    let line = help
        .lines()
        .find(|l| l.contains("Summary of the call"))
        .unwrap();
    assert!(line.contains("F5") && !line.contains("Ctrl+S"), "{help}");
    s.send(b"\x1b");
    s.wait_for("Answer ·");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
}

#[test]
fn a_broken_config_opens_the_call_with_the_defaults_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "theme: dark\nkeys:\n  call.summary: s\n").unwrap();
    let config = config.to_str().unwrap();
    let mut s = Session::spawn_with_env(dir.path(), &["call", "Acme"], &[("DISCO_CONFIG", config)]);
    // Two problems: their count and where to read them, whole on the screen.
    s.wait_for("Config: 2 problems; defaults in use (disco config check)");
    // The default key works.
    s.send(CTRL_S);
    s.wait_for("Step 1 · ");
    s.send(b"\x1b");
    s.wait_for("Answer ·");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    // Every problem, with its place, is printed for after the call.
    let out = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(
        out.contains("config.yaml:1:8: no theme named \"dark\""),
        "{out}"
    );
}

#[test]
fn config_path_example_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    let out = disco(&config, &["config", "path"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        config.to_str().unwrap()
    );
    // The platform folder when DISCO_CONFIG is not set.
    let out = Command::new(common::bin())
        .args(["config", "path"])
        .env_remove("DISCO_CONFIG")
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        dir.path().join("disco/config.yaml").to_str().unwrap()
    );
    let example = disco(&config, &["config", "example"]);
    assert!(example.status.success());
    let text = String::from_utf8_lossy(&example.stdout).into_owned();
    assert!(text.contains("# call.summary: Ctrl+S"), "{text}");
    assert!(text.contains("theme: default"), "{text}");
    std::fs::write(&config, &text).unwrap();
    let check = disco(&config, &["config", "check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::write(&config, "keys:\n  call.summary: Ctrl+G\n  call.nope: F5\n").unwrap();
    let check = disco(&config, &["config", "check"]);
    assert!(!check.status.success());
    let errors = String::from_utf8_lossy(&check.stderr).into_owned();
    let path = config.display();
    assert!(
        errors.contains(&format!("{path}:2:17: Ctrl+G is already call.go-to")),
        "{errors}"
    );
    assert!(
        errors.contains(&format!("{path}:3:14: no action named \"call.nope\"")),
        "{errors}"
    );
    assert!(errors.contains("2 problems found"), "{errors}");
}

#[test]
fn config_check_lists_every_problem_when_a_setting_is_misspelled() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(
        &config,
        "themes: light\nkeys:\n  call.nope: F5\n  call.notes: o\n",
    )
    .unwrap();
    let check = disco(&config, &["config", "check"]);
    assert!(!check.status.success());
    let errors = String::from_utf8_lossy(&check.stderr).into_owned();
    assert!(
        errors.contains("no setting named \"themes\"; did you mean theme?"),
        "{errors}"
    );
    assert!(errors.contains("no action named \"call.nope\""), "{errors}");
    assert!(errors.contains(": o types text here"), "{errors}");
    assert!(errors.contains("3 problems found"), "{errors}");
}
