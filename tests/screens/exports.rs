//! `disco export` against golden files, and the history across three calls.
//! Regenerate the golden files after an intended change with `UPDATE_GOLDEN=1 cargo test --test screens exports::`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::process::Command;
use std::time::Instant;

use disco::core::{Account, Record};
use disco::storage::AccountStore;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};

fn record(pairs: &[(&str, &str)]) -> Record {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The sample account with every kind of capture, including a promise the sheet forbids.
fn full_account() -> Account {
    let bank = common::bank();
    let mut account = common::sample_account("Acme Corp", &bank);
    account.records_mut("people").push(record(&[
        ("name", "Raj Patel, P.E."),
        ("title", "Engineering lead"),
        ("department", "Engineering"),
        ("part", "approves vendors"),
        ("notes", "Keeps the \"approved vendor\" list"),
    ]));
    account.records_mut("criteria").push(record(&[
        ("criterion", "On-time delivery"),
        ("measure", "Monthly scorecard, 98% target"),
        ("importance", "high"),
        ("past-problem", "Last vendor was three weeks late"),
    ]));
    account.records_mut("commitments").extend([
        record(&[
            ("what", "Stocked items ship within 2 business days."),
            ("status", "can"),
            ("sheet-item", "stock-lead-time"),
        ]),
        record(&[
            ("what", "Next-day delivery to the plant"),
            ("status", "can"),
        ]),
        record(&[
            ("what", "Custom machining"),
            ("status", "can't"),
            ("notes", "We source it, 6 weeks"),
        ]),
        record(&[
            ("what", "Consignment stock"),
            ("status", "conditional"),
            ("notes", "If volume allows"),
        ]),
    ]);
    // Fixed ids, so the golden files hold still.
    for (list, records) in &mut account.captures {
        for (i, record) in records.iter_mut().enumerate() {
            record.id = format!("r-{list}-{i}");
        }
    }
    account
}

fn export(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let path = common::save_sample(&store, "Acme Corp", &common::bank());
    store.save(&path, &full_account()).unwrap();
    let company = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let out = Command::new(common::bin())
        .args([
            "export",
            "Acme Corp",
            "--format",
            format,
            "--company",
            company,
        ])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn golden(format: &str) {
    let actual = export(format);
    let path = common::fixture(&format!("export/acme.{format}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &actual).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap();
    assert_eq!(
        actual,
        expected,
        "{} differs; UPDATE_GOLDEN=1 rewrites it",
        path.display()
    );
}

#[test]
fn markdown_recap_matches_its_golden_file() {
    golden("md");
    let md = export("md");
    assert!(
        md.contains("⚠ Check before sending: “Next-day delivery to the plant”"),
        "{md}"
    );
    assert!(
        md.contains("Maria Lopez"),
        "the sheet's people are introduced"
    );
}

#[test]
fn json_matches_its_golden_file_and_holds_the_whole_account() {
    golden("json");
    let value: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(value["name"], "Acme Corp");
    assert_eq!(
        value["captures"]["commitments"].as_array().unwrap().len(),
        4
    );
}

#[test]
fn yaml_matches_its_golden_file_and_reads_back() {
    golden("yaml");
    let back = disco::storage::accounts::parse_account(export("yaml").as_bytes()).unwrap();
    assert_eq!(back, full_account());
}

#[test]
fn csv_matches_its_golden_file() {
    golden("csv");
    let csv = export("csv");
    assert!(
        csv.starts_with("Name,Title,Department,Part in the decision,Notes\r\n"),
        "{csv}"
    );
    assert!(csv.contains("\"Raj Patel, P.E.\""), "{csv}");
}

#[test]
fn export_to_a_file_and_an_unknown_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    let target = dir.path().join("recap.md");
    let out = Command::new(common::bin())
        .args(["export", "Acme Corp", "-o"])
        .arg(&target)
        .env("DISCO_DATA_DIR", dir.path())
        .env("DISCO_COMPANY", "/nonexistent/company.yaml")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "an explicit sheet that is missing is an error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/company.yaml"));
    let out = Command::new(common::bin())
        .args(["export", "Acme Corp", "-o"])
        .arg(&target)
        .env("DISCO_DATA_DIR", dir.path())
        .env_remove("DISCO_COMPANY")
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Acme Corp")
    );
    let out = Command::new(common::bin())
        .args(["export", "Nobody"])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no account named \"Nobody\""));
}

/// A call on a clock starting at `start`: later calls start later, without sleeping.
fn call_at(store: &AccountStore, start: &str, keys: &str) {
    let (_, mut app) = common::call_app_at(store, "Acme Corp", Instant::now(), start);
    for key in common::keys::parse(keys) {
        app.update(Msg::Key(key));
    }
    app.finish().unwrap();
}

#[test]
fn history_across_three_calls_keeps_every_version_and_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    call_at(
        &store,
        "2026-11-24T09:00:00Z",
        "Purchasing decides<A-2>Price<C-l><ins>On-time delivery<ret><esc><C-q>",
    );
    call_at(
        &store,
        "2026-11-25T09:00:00Z",
        "<A-2><C-a><C-k>Delivery on time<C-q>",
    );
    call_at(
        &store,
        "2026-11-26T09:00:00Z",
        "<A-2><C-a><C-k>Delivery and quality<C-s>nSend a trial order<tab>2026-12-01<ret><C-q>",
    );
    let account = common::load_only_account(&store);
    assert_eq!(account.calls.len(), 3);
    let answer = &account.answers["valued-supplier"];
    assert_eq!(answer.text, "Delivery and quality");
    let earlier: Vec<&str> = answer.history.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(earlier, ["Price", "Delivery on time"]);
    assert_eq!(
        account.calls[0].changes,
        [
            "answered 1.1: Purchasing decides",
            "answered 2.1: Price",
            "added criteria: On-time delivery · high",
        ]
    );
    assert_eq!(
        account.calls[1].changes,
        ["changed 2.1: Delivery on time (was: Price)"]
    );
    assert_eq!(
        account.calls[2].changes,
        [
            "changed 2.1: Delivery and quality (was: Delivery on time)",
            "next step: Send a trial order by 2026-12-01",
        ]
    );
    let out = Command::new(common::bin())
        .args(["history", "Acme Corp"])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert_eq!(text.matches("live call").count(), 3, "{text}");
    assert!(
        text.contains("  - changed 2.1: Delivery on time (was: Price)"),
        "{text}"
    );
    assert!(
        text.contains("Next step: Send a trial order (by 2026-12-01)"),
        "{text}"
    );
    let accounts = Command::new(common::bin())
        .arg("accounts")
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&accounts.stdout).contains("2026-12-01 Send a trial order"));
}

#[test]
fn the_recap_key_writes_markdown_next_to_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let opened = store
        .open_for_edit("Acme Corp", &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    let account_path = opened.path.clone();
    let mut app = App::call(
        Setup::new(store.clone(), bank, Theme { color: false }),
        opened,
        Instant::now(),
    );
    for key in common::keys::parse("Purchasing decides<C-t>") {
        app.update(Msg::Key(key));
    }
    let recap = account_path.with_extension("recap.md");
    let text = fs::read_to_string(&recap).unwrap();
    assert!(
        text.starts_with("# Acme Corp: summary of our call"),
        "{text}"
    );
    assert!(text.contains("- Purchasing decides"), "{text}");
    let message = app.call_state().unwrap().message.clone().unwrap();
    assert!(message.starts_with("Recap written to"), "{message}");
    // From the summary too.
    for key in common::keys::parse("<C-s>nCall back<ret><C-t>") {
        app.update(Msg::Key(key));
    }
    assert!(fs::read_to_string(&recap).unwrap().contains("Call back."));
    app.finish().unwrap();
}

#[test]
fn the_recap_shows_customer_text_exactly_as_typed() {
    let bank = common::bank();
    let mut account = common::sample_account("<Acme> *Corp*", &bank);
    account.set_answer(
        "business-and-roles",
        "# of sites: 3. Ask <Jane> first; *urgent*",
        jiff::Timestamp::UNIX_EPOCH,
    );
    account
        .records_mut("people")
        .push(record(&[("name", "[Sam] Lee"), ("part", "decides")]));
    let md = disco::core::recap::markdown(&account, &bank, None);
    assert!(md.starts_with("# \\<Acme\\> \\*Corp\\*: summary"), "{md}");
    assert!(
        md.contains("- \\# of sites: 3. Ask \\<Jane\\> first; \\*urgent\\*\n"),
        "{md}"
    );
    assert!(md.contains("**\\[Sam\\] Lee**"), "{md}");
}
