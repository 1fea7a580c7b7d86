//! What the command line prints: nothing from account data reaches the terminal as a control
//! sequence, columns line up by display width, and a closed pipe ends a command quietly.

use crate::common;

use std::fs;
use std::process::{Command, Output, Stdio};

use disco::storage::AccountStore;

fn disco(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(common::bin())
        .args(args)
        .env("DISCO_DATA_DIR", data)
        .env_remove("DISCO_BANK")
        .env_remove("DISCO_COMPANY")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Escape sequences a terminal acts on: title, clipboard, clear screen, reset, and a C1 CSI.
const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{1b}c\u{9b}31m";

fn no_controls(what: &str, text: &str) {
    // CSV ends its lines with CRLF.
    let text = &text.replace("\r\n", "\n");
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?}:\n{text}");
}

#[test]
fn account_data_never_reaches_the_terminal_as_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let mut account = AccountStore::load(&path).unwrap();
    account.notes = format!("notes {EVIL}");
    account.set_answer(
        "valued-supplier",
        &format!("answer {EVIL}"),
        common::at("2026-11-21T10:00:00Z"),
    );
    account.records_mut("people")[0].insert("name".into(), format!("Jane {EVIL}"));
    account.next_step.as_mut().unwrap().text = format!("next {EVIL}");
    account.calls[0].changes.push(format!("change {EVIL}"));
    store.save(&path, &account).unwrap();
    // A hand edit can put anything in a name, too; such a name is only listed.
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("name: Acme\n", "name: \"Evil\\e[2J\"\n");
    fs::write(store.dir().join("evil.yaml"), text).unwrap();
    let name = "Acme";
    for args in [
        vec!["accounts"],
        vec!["history", name],
        vec!["export", name],
        vec!["export", name, "--format", "csv"],
        vec!["debrief", name, "--scenario", "late-deliveries"],
    ] {
        let out = disco(dir.path(), &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        no_controls(&format!("{args:?}"), &stdout(&out));
        no_controls(
            &format!("{args:?} on stderr"),
            &String::from_utf8_lossy(&out.stderr),
        );
    }
    let out = disco(dir.path(), &["history", name]);
    assert!(
        stdout(&out).contains("\\u{1b}]0;pwned"),
        "written out, not dropped:\n{}",
        stdout(&out)
    );
    // Exports go outside the data folder (disco refuses to write among its own files).
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("recap.md");
    let out = disco(dir.path(), &["export", name, "-o", file.to_str().unwrap()]);
    assert!(out.status.success());
    no_controls(
        "the exported recap file",
        &fs::read_to_string(&file).unwrap(),
    );
    // An unknown name is quoted safely in the error, too.
    let out = disco(dir.path(), &["history", "Nobody\u{9b}2J"]);
    no_controls("the error", &String::from_utf8_lossy(&out.stderr));
}

#[test]
fn accounts_line_up_by_display_width_with_japanese_and_emoji_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for name in ["株式会社キーストーン", "Acme", "Bakery 🥐🥐"] {
        common::save_sample(&store, name, &bank);
    }
    let out = disco(dir.path(), &["accounts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let columns: Vec<usize> = text
        .lines()
        .map(|line| {
            let cut = line
                .find("2026-")
                .or_else(|| line.find("LAST CALL"))
                .unwrap();
            unicode_width::UnicodeWidthStr::width(&line[..cut])
        })
        .collect();
    assert_eq!(columns.len(), 4, "{text}");
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{text}"
    );
}

#[test]
fn every_command_ends_quietly_when_its_output_pipe_closes() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme", &common::bank());
    for args in [
        vec!["completions", "bash"],
        vec!["man"],
        vec!["accounts"],
        vec!["accounts", "--json"],
        vec!["bank", "show"],
        vec!["history", "Acme"],
        vec!["export", "Acme"],
        vec!["scenario", "list"],
    ] {
        let mut child = Command::new(common::bin())
            .args(&args)
            .env("DISCO_DATA_DIR", dir.path())
            .env_remove("DISCO_BANK")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first byte is written, like `| head -0`.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn company_check_refuses_keywords_with_no_letter_or_digit() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("company.yaml");
    fs::write(
        &sheet,
        "name: Us\ncan:\n  - id: fast\n    statement: Next-day delivery\n    keywords: [next day, '!!!']\n",
    )
    .unwrap();
    let out = disco(dir.path(), &["company", "check", sheet.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("can[0].keywords[1]") && stderr.contains("no letter or digit"),
        "{stderr}"
    );
}

#[test]
fn account_commands_rename_merge_archive_and_unarchive() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    common::save_sample(&store, "Keystone Fastener & Supply Co.", &bank);
    common::save_sample(&store, "Keystone", &bank);
    common::save_sample(&store, "Acme", &bank);
    let files_before = common::account_files(&store);
    let ok = |args: &[&str]| {
        let out = disco(dir.path(), args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    ok(&["account", "rename", "Acme", "Acme Industrial"]);
    ok(&[
        "account",
        "merge",
        "Keystone",
        "Keystone Fastener & Supply Co.",
    ]);
    ok(&["account", "archive", "Acme Industrial"]);
    let listed = ok(&["accounts"]);
    assert!(
        listed.contains("Keystone Fastener & Supply Co."),
        "{listed}"
    );
    assert!(
        !listed.contains("Acme") && listed.lines().count() == 2,
        "{listed}"
    );
    // Archived accounts still open by name; merged ones lead to where they went.
    assert!(ok(&["history", "Acme Industrial"]).contains("Acme Industrial"));
    let out = disco(dir.path(), &["history", "Keystone"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("was merged into"));
    let archived = ok(&["accounts", "--archived"]);
    assert!(archived.contains("Acme Industrial"), "{archived}");
    assert_eq!(archived.lines().count(), 2, "{archived}");
    ok(&["account", "unarchive", "Acme Industrial"]);
    assert!(ok(&["accounts"]).contains("Acme Industrial"));
    assert_eq!(ok(&["accounts", "--archived"]), "No archived accounts.\n");
    // No file was moved or deleted.
    assert_eq!(common::account_files(&store), files_before);
    // A name that is not there gets the look-alikes.
    let out = disco(dir.path(), &["export", "keystone fastener"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Did you mean \"Keystone Fastener & Supply Co.\""),
        "{stderr}"
    );
    let out = disco(
        dir.path(),
        &["account", "rename", "Acme Industrial", "Acme\u{202e}"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("text-direction"));
}

#[test]
fn an_export_never_replaces_an_account_file_or_any_file_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let path = common::save_sample(&store, "Acme Corp", &common::bank());
    let before = fs::read(&path).unwrap();
    // Once this turned the account's own file into a markdown recap, and the account was gone.
    let out = disco(
        dir.path(),
        &[
            "export",
            "Acme Corp",
            "-o",
            path.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("inside disco's data folder"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    let elsewhere = tempfile::tempdir().unwrap();
    let precious = elsewhere.path().join("precious.txt");
    fs::write(&precious, "keep me").unwrap();
    let target = precious.to_str().unwrap();
    let out = disco(dir.path(), &["export", "Acme Corp", "-o", target]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
    let out = disco(
        dir.path(),
        &["export", "Acme Corp", "-o", target, "--force"],
    );
    assert!(out.status.success());
    assert!(fs::read_to_string(&precious).unwrap().contains("Acme Corp"));
}

#[test]
fn accounts_with_only_unreadable_files_never_says_there_are_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let path = common::save_sample(&store, "Acme Corp", &common::bank());
    let valid = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!("<<<<<<< HEAD\n{valid}=======\n{valid}>>>>>>> theirs\n"),
    )
    .unwrap();
    let out = disco(dir.path(), &["accounts"]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(!text.contains("No accounts yet"), "{text}");
    assert!(text.contains("could not be read"), "{text}");
}
