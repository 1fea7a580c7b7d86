//! `disco export` against golden files, and the history across three calls.
//! Regenerate the golden files after an intended change with `UPDATE_GOLDEN=1 cargo test --test screens exports::`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::drive::press;

use std::fs;
use std::process::Command;
use std::time::Instant;

use proptest::prelude::*;

use disco::core::recap::{self, Audience, Format, Sendable};
use jiff::tz::TimeZone;

const UTC: TimeZone = TimeZone::UTC;
use disco::core::{Account, Record};
use disco::storage::AccountStore;
use disco::tui::setup::{Clipboard, RecapOptions, Setup};
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
    let jane = &mut account.records_mut("people")[0];
    jane.insert("email".into(), "jane.roe@acme.example".into());
    jane.insert("phone".into(), "+1 555 0100".into());
    account.records_mut("people").extend([
        record(&[
            ("name", "Raj Patel, P.E."),
            ("title", "Engineering lead"),
            ("department", "Engineering"),
            ("email", "raj@acme.example"),
            ("part", "approves vendors"),
            (
                "notes",
                "Keeps the \"approved vendor\" list\n// I said I'd check his list",
            ),
        ]),
        record(&[("name", "// Rick in engineering??"), ("part", "influences")]),
        record(&[
            ("name", "Tom Hale"),
            ("title", "Former buyer"),
            ("email", "tom@acme.example"),
            ("part", "left the company"),
        ]),
    ]);
    account.set_answer(
        "late-deliveries",
        "Yes: ~120 ppl idle when parts are late.\nLine runs 4pm->7am <night shift>\n// they sound desperate, push the supply agreement",
        common::at("2026-11-20T15:10:00Z"),
    );
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
            ("what", "No next-day delivery outside the metro area."),
            ("status", "can't"),
            ("sheet-item", "next-day"),
            (
                "notes",
                "Offered a supply agreement with reserved stock instead",
            ),
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
    export_with(&["--format", format]).0
}

/// Runs `disco export "Acme Corp"` with `args` on the full account: stdout and stderr.
fn export_with(args: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let path = common::save_sample(&store, "Acme Corp", &common::bank());
    store.save(&path, &full_account()).unwrap();
    let company = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let out = Command::new(common::bin())
        .args(["export", "Acme Corp", "--company", company])
        .args(args)
        .env("DISCO_DATA_DIR", dir.path())
        .env("DISCO_NOW", "2026-11-20T16:00:00Z")
        .env("DISCO_FROM", "Maria Lopez <maria.lopez@northwind.example>")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn golden(format: &str) {
    golden_file(&export(format), &format!("acme.{format}"));
}

fn golden_file(actual: &str, name: &str) {
    let path = common::fixture(&format!("export/{name}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
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
        md.contains("Maria Lopez"),
        "the sheet's people are introduced"
    );
    assert!(
        md.contains("- Yes: \\~120 ppl idle when parts are late.\\\n  Line runs 4pm-\\>7am"),
        "markdown escapes what would render, and keeps line breaks as hard breaks: {md}"
    );
}

#[test]
fn plain_text_recap_reads_as_an_email() {
    golden("text");
    let text = export("text");
    assert!(
        !text.contains('\\'),
        "no markdown escapes in plain text: {text}"
    );
    assert!(!text.contains("**"), "{text}");
    assert!(text.starts_with("Acme Corp: summary of our call\n\nCall of 20 November 2026.\n"));
    assert!(
        text.contains(
            "- Yes: ~120 ppl idle when parts are late.\n  Line runs 4pm->7am <night shift>\n"
        ),
        "a multi-line answer stays multi-line: {text}"
    );
    assert!(
        text.contains("- Family-owned distributor, 40 staff.\n  Buyer: Jane Roe.\n"),
        "{text}"
    );
}

#[test]
fn the_customer_recap_says_what_we_can_and_cannot_do_in_plain_sentences() {
    let text = export("text");
    for sentence in [
        "- Stocked items ship within 2 business days.\n",
        "- We can offer next-day delivery to the plant.\n",
        "- We can't offer custom machining. We source it, 6 weeks.\n",
        "- We can't offer next-day delivery outside the metro area. Offered a supply agreement with reserved stock instead.\n",
        "- We may be able to offer consignment stock if volume allows.\n",
    ] {
        assert!(
            text.contains(sentence),
            "{sentence:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("We can't:"), "{text}");
    assert!(!text.contains("(conditional)"), "{text}");
}

#[test]
fn still_to_discuss_names_topics_not_the_script() {
    let text = export("text");
    let open = text.split("Still to discuss\n\n").nth(1).unwrap();
    let open = open.split("\n\n").next().unwrap();
    assert_eq!(
        open,
        "- Whether purchasing decides alone\n- How you measure vendor performance\n- Problems with past vendors, and how we avoid them\n- What we can and can't do for you"
    );
}

#[test]
fn remarks_warnings_and_people_who_left_stay_out_of_the_customer_version() {
    for format in ["md", "text", "eml"] {
        let (out, stderr) = export_with(&["--format", format]);
        for internal in [
            "I said I'd check",
            "Rick in engineering",
            "push the supply agreement",
            "//",
            "Check before sending",
            "Tom Hale",
            "tom@acme.example",
        ] {
            assert!(!out.contains(internal), "{format}: {internal:?} in\n{out}");
        }
        assert!(
            stderr.contains("disco: check before sending: “Next-day delivery to the plant”"),
            "the rep still hears the warning: {stderr}"
        );
    }
    let (internal, _) = export_with(&["--format", "text", "--internal"]);
    golden_file(&internal, "acme.internal.txt");
    for shown in [
        "Internal version: not for the customer.",
        "// I said I'd check his list",
        "- // Rick in engineering??",
        "// they sound desperate",
        "- Tom Hale: Former buyer; part in the decision: left the company",
        "⚠ Check before sending: “Next-day delivery to the plant”. “Next-day”: change it or mark can't",
    ] {
        assert!(
            internal.contains(shown),
            "{shown:?} missing from\n{internal}"
        );
    }
    let (md, _) = export_with(&["--format", "md", "--internal"]);
    assert!(
        md.contains("> ⚠ Check before sending: “Next-day delivery to the plant”"),
        "{md}"
    );
}

#[test]
fn the_email_draft_parses_and_is_addressed_to_the_people_with_an_email() {
    let eml = export("eml");
    golden_file(&eml, "acme.eml");
    let message = mail_parser::MessageParser::default()
        .parse(eml.as_bytes())
        .unwrap();
    assert_eq!(message.subject(), Some("Acme Corp: summary of our call"));
    let to: Vec<(Option<&str>, Option<&str>)> = message
        .to()
        .unwrap()
        .iter()
        .map(|a| (a.name(), a.address()))
        .collect();
    assert_eq!(
        to,
        [
            (Some("Jane Roe"), Some("jane.roe@acme.example")),
            (Some("Raj Patel, P.E."), Some("raj@acme.example")),
        ]
    );
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("maria.lopez@northwind.example"));
    assert_eq!(from.name(), Some("Maria Lopez"));
    assert_eq!(message.date().unwrap().to_rfc3339(), "2026-11-20T16:00:00Z");
    let body = message.body_text(0).unwrap();
    let text = export("text");
    let (_, text_body) = text.split_once("\n\n").unwrap();
    assert_eq!(
        body.replace("\r\n", "\n"),
        text_body,
        "the body is the plain-text recap"
    );
}

#[test]
fn internal_applies_to_recaps_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    let out = Command::new(common::bin())
        .args(["export", "Acme Corp", "--format", "eml", "--internal"])
        .env("DISCO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--internal goes with --format md or text")
    );
}

#[test]
fn json_matches_its_golden_file_and_holds_the_whole_account() {
    golden("json");
    let value: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(value["name"], "Acme Corp");
    assert_eq!(
        value["captures"]["commitments"].as_array().unwrap().len(),
        5
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
        csv.starts_with(
            "First Name,Last Name,Email,Phone,Company,Job Title,Department,Part in the decision,Notes\r\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains(
            "\r\nJane,Roe,jane.roe@acme.example,+1 555 0100,Acme Corp,Buyer,,decides,\r\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("Raj,\"Patel, P.E.\",raj@acme.example,"),
        "{csv}"
    );
    assert!(
        !csv.contains("Rick"),
        "a // record is a remark, not a contact"
    );
    assert!(
        !csv.contains("Tom Hale"),
        "someone who left is not imported"
    );
}

#[test]
fn export_to_a_file_and_an_unknown_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    // Exports go outside the data folder: disco refuses to write one among its own files.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("recap.md");
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
        "<A-2><C-a><C-k>Delivery and quality<C-s><A-n>Send a trial order<tab>2026-12-01<ret><C-q>",
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
            // No importance was chosen, and none is assumed.
            "added criteria: On-time delivery",
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

fn recap_call(dir: &std::path::Path, setup: impl FnOnce(Setup) -> Setup) -> App {
    let store = AccountStore::new(dir);
    let bank = common::bank();
    let opened = store
        .open_for_edit("Acme Corp", &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    App::call(
        setup(Setup::new(store.clone(), bank, Theme { color: false })),
        opened,
        Instant::now(),
    )
}

#[test]
fn the_recap_key_writes_plain_text_named_after_the_account_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = recap_call(dir.path(), |s| s);
    press(&mut app, "Purchasing decides<ret>// ask about Rick<C-t>");
    let recap = dir.path().join("recaps").join("Acme Corp.txt");
    let text = fs::read_to_string(&recap).unwrap();
    assert!(
        text.starts_with("Acme Corp: summary of our call\n"),
        "{text}"
    );
    assert!(text.contains("- Purchasing decides\n"), "{text}");
    assert!(!text.contains("Rick"), "the customer's version: {text}");
    let message = app.call_state().unwrap().message.clone().unwrap();
    assert!(message.starts_with("Recap written to "), "{message}");
    assert!(message.ends_with("recaps/Acme Corp.txt"), "{message}");
    // From the summary too.
    press(&mut app, "<C-s><A-n>Call back<ret><C-t>");
    assert!(fs::read_to_string(&recap).unwrap().contains("Call back."));
    app.finish().unwrap();
    assert_eq!(
        app.farewell().unwrap(),
        format!("Recap written to {}", recap.display()),
        "the exit message says where"
    );
}

#[test]
fn the_recap_key_writes_the_chosen_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = recap_call(dir.path(), |s| {
        s.with_recap(RecapOptions {
            format: Sendable::Eml,
            from: Some("maria@northwind.example".into()),
        })
    });
    press(&mut app, "Purchasing decides<C-t>");
    let eml = fs::read(dir.path().join("recaps").join("Acme Corp.eml")).unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert_eq!(message.subject(), Some("Acme Corp: summary of our call"));
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains("- Purchasing decides")
    );
    app.finish().unwrap();
}

#[test]
fn the_summary_copies_the_customer_recap_through_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Clipboard::kept();
    let mut app = recap_call(dir.path(), |s| s.with_clipboard(clipboard.clone()));
    press(&mut app, "Purchasing decides<ret>// not for them<C-s><A-c>");
    let copied = clipboard.take().unwrap();
    assert!(
        copied.starts_with("Acme Corp: summary of our call\n"),
        "{copied}"
    );
    assert!(copied.contains("- Purchasing decides\n"), "{copied}");
    assert!(!copied.contains("not for them"), "{copied}");
    assert_eq!(clipboard.take(), None, "handed over once");
    let message = app.call_state().unwrap().message.clone().unwrap();
    assert!(message.starts_with("Recap copied"), "{message}");
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
    let md = recap::render(
        &account,
        &bank,
        None,
        Format::Markdown,
        Audience::Customer,
        &UTC,
    );
    assert!(md.starts_with("# \\<Acme\\> \\*Corp\\*: summary"), "{md}");
    assert!(
        md.contains("- \\# of sites: 3. Ask \\<Jane\\> first; \\*urgent\\*\n"),
        "{md}"
    );
    assert!(md.contains("**\\[Sam\\] Lee**"), "{md}");
}

/// Text pieces for random accounts: `⟂` marks what the rep wrote as internal, and never
/// occurs elsewhere, so finding it in a customer's recap means a remark leaked. A remark is
/// `//` at the start of a line or after a space (`a//b` and URLs are customer text).
fn piece() -> impl Strategy<Value = String> {
    let plain = "[a-zA-Z0-9 .,:;!?<>*_~#()'\"\\-]{0,16}";
    let control = prop::sample::select(vec!["\u{1b}[2J", "\r", "\t", "\u{7}", "\u{202e}", "\n"]);
    prop_oneof![
        3 => plain.prop_map(String::from),
        1 => control.prop_map(String::from),
        1 => (plain, plain).prop_map(|(a, b)| format!("{a}\n// ⟂{b}")),
        1 => (plain, plain).prop_map(|(a, b)| format!("{a} //⟂ {b}")),
        1 => plain.prop_map(|b| format!("\n//⟂{b}")),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..4).prop_map(|parts| parts.concat())
}

fn random_account() -> impl Strategy<Value = Account> {
    let bank = common::bank();
    let question_ids: Vec<String> = bank
        .question_refs()
        .map(|at| bank.question(at).unwrap().id.clone())
        .collect();
    let record = prop::collection::vec(text(), 6);
    (
        prop::collection::vec((prop::sample::select(question_ids), text()), 0..8),
        prop::collection::vec((0..3usize, record, 0..6usize), 0..8),
        proptest::option::of(text()),
    )
        .prop_map(move |(answers, records, next)| {
            let mut account = common::sample_account("Acme Corp", &bank);
            for (id, answer) in answers {
                account.set_answer(&id, &answer, common::at("2026-11-20T15:10:00Z"));
            }
            let lists = ["people", "criteria", "commitments"];
            for (list, values, option) in records {
                let list = bank.capture_list(lists[list]).unwrap();
                let mut fields = values.into_iter();
                let record: Record = list
                    .fields
                    .iter()
                    .map(|f| {
                        let value = if f.options.is_empty() {
                            fields.next().unwrap_or_default()
                        } else {
                            f.options[option % f.options.len()].clone()
                        };
                        (f.id.clone(), value)
                    })
                    .collect();
                account.records_mut(&list.id).push(record);
            }
            account.next_step = next.map(|text| disco::core::account::NextStep::new(text, None));
            account
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn internal_text_never_reaches_the_customer(account in random_account()) {
        let bank = common::bank();
        let company = company();
        let company = Some(&company);
        let now = common::at("2026-11-20T16:00:00Z");
        let eml = recap::eml(&account, &bank, company, now, None, &UTC);
        let parsed = mail_parser::MessageParser::default().parse(eml.as_bytes()).unwrap();
        let customer = [
            recap::render(&account, &bank, company, Format::Text, Audience::Customer, &UTC),
            recap::render(&account, &bank, company, Format::Markdown, Audience::Customer, &UTC),
            parsed.body_text(0).unwrap().into_owned(),
        ];
        for out in &customer {
            prop_assert!(!out.contains('⟂'), "a remark leaked:\n{}", out);
            prop_assert!(!out.contains("Check before sending"), "{}", out);
            prop_assert!(
                !out.chars().any(|c| c.is_control() && c != '\n' && c != '\r'),
                "a control character: {:?}", out
            );
        }
        let internal = recap::render(&account, &bank, company, Format::Text, Audience::Internal, &UTC);
        prop_assert!(!internal.chars().any(|c| c.is_control() && c != '\n'), "{:?}", internal);
        // The generator does put remarks where they would show: the internal version has them.
        let wrote_remark = account.answers.values().any(|a| a.text.contains('⟂'))
            || account.next_step.as_ref().is_some_and(|n| n.text.contains('⟂'));
        if wrote_remark {
            prop_assert!(internal.contains('⟂'), "{}", internal);
        }
    }
}

fn company() -> disco::core::company::Company {
    disco::yaml::from_str(include_str!("../../question-banks/company.example.yaml")).unwrap()
}

#[test]
fn a_recap_that_cannot_be_written_says_so_and_is_not_named_on_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let faults = store.faults().clone();
    let mut app = recap_call(dir.path(), |s| Setup { store, ..s });
    press(&mut app, "Purchasing decides");
    faults.fail_next_writes(1);
    press(&mut app, "<C-t>");
    let message = app.call_state().unwrap().message.clone().unwrap();
    assert!(message.starts_with("Recap not written: "), "{message}");
    assert!(
        message.contains("Acme Corp.txt"),
        "names the file: {message}"
    );
    assert!(!dir.path().join("recaps").join("Acme Corp.txt").exists());
    app.finish().unwrap();
    assert_eq!(app.farewell(), None);
}
