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
        .env("TZ", "UTC")
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

#[test]
fn company_example_prints_a_sheet_that_company_check_accepts_as_the_sheet_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let example = disco(dir.path(), &["company", "example"]);
    assert!(example.status.success());
    assert!(stdout(&example).starts_with("# A company capability sheet"));
    let sheet = dir.path().join("company.yaml");
    std::fs::write(&sheet, &example.stdout).unwrap();
    let check = |dir: &std::path::Path| {
        Command::new(common::bin())
            .args(["company", "check"])
            .env("DISCO_DATA_DIR", dir)
            .env("DISCO_COMPANY", dir.join("company.yaml"))
            .output()
            .unwrap()
    };
    let out = check(dir.path());
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("next-day") && text.contains("delivery: at least 2 days"),
        "{text}"
    );
    assert!(text.contains("payment terms: at most 30 days"), "{text}");
    // A team lexicon beside the sheet is read, and its problems are named with their place.
    std::fs::write(
        dir.path().join("lexicon.yaml"),
        "concepts:\n  - id: Bad Id\n    terms: [x]\n",
    )
    .unwrap();
    let out = check(dir.path());
    let errors = String::from_utf8_lossy(&out.stderr).into_owned() + &stdout(&out);
    assert!(!out.status.success());
    assert!(
        errors.contains("lexicon.yaml") && errors.contains("concepts[0].id"),
        "{errors}"
    );
}

#[test]
fn company_check_without_a_sheet_says_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(common::bin())
        .args(["company", "check"])
        .env("DISCO_DATA_DIR", dir.path())
        .env_remove("DISCO_COMPANY")
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stdout(&out).contains("disco company example >"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn accounts_counts_warnings_with_a_sheet_and_caches_them_by_file_and_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let (acme, mut account) = common::save_flagged_sample(&store, "Acme Corp", &bank);
    common::save_sample(&store, "Zoë's Bakery", &bank);
    let sheet = dir.path().join("company.yaml");
    std::fs::copy(
        common::fixture("../../question-banks/company.example.yaml"),
        &sheet,
    )
    .unwrap();
    let list = || {
        let out = Command::new(common::bin())
            .args(["accounts", "--json"])
            .env("DISCO_DATA_DIR", dir.path())
            .env("DISCO_COMPANY", &sheet)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (json[0]["warnings"].clone(), json[1]["warnings"].clone())
    };
    assert_eq!(list(), (2.into(), 0.into()));
    // The second listing takes the counts from the cache: a count planted there is shown...
    let cache_path = disco::storage::warnings::cache_path(dir.path());
    let cache = std::fs::read_to_string(&cache_path).unwrap();
    let planted = cache.replace(",2]", ",7]");
    assert_ne!(planted, cache);
    std::fs::write(&cache_path, &planted).unwrap();
    assert_eq!(list(), (7.into(), 0.into()));
    // ...until the file changes, or the sheet does.
    account.notes.push_str("\nwe'll machine the custom spacers");
    store.save(&acme, &account).unwrap();
    assert_eq!(list(), (3.into(), 0.into()));
    std::fs::write(
        &cache_path,
        std::fs::read_to_string(&cache_path)
            .unwrap()
            .replace(",3]", ",9]"),
    )
    .unwrap();
    let edited = std::fs::read_to_string(&sheet)
        .unwrap()
        .replace("at-most: 30", "at-most: 60");
    std::fs::write(&sheet, edited).unwrap();
    assert_eq!(list(), (2.into(), 0.into()), "net 60 is allowed now");
    // Without a sheet there is no count at all.
    let out = disco(dir.path(), &["accounts", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json[0].get("warnings").is_none());
}

#[test]
fn accounts_marks_an_overdue_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for (name, day) in [("Acme Corp", 20), ("Globex", 30)] {
        let path = common::save_sample(&store, name, &bank);
        let mut account = AccountStore::load(&path).unwrap();
        account.next_step = Some(disco::core::account::NextStep::new(
            "Send the quote".into(),
            Some(jiff::civil::date(2026, 11, day)),
        ));
        store.save(&path, &account).unwrap();
    }
    let out = Command::new(common::bin())
        .arg("accounts")
        .env("DISCO_DATA_DIR", dir.path())
        .env_remove("DISCO_BANK")
        .env("TZ", "UTC")
        .env("DISCO_NOW", "2026-11-25T09:00:00Z")
        .output()
        .unwrap();
    let text = stdout(&out);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .to_string()
    };
    assert!(
        line("Acme Corp").contains("overdue 2026-11-20 Send the quote"),
        "{text}"
    );
    assert!(!line("Globex").contains("overdue"), "{text}");
}

#[test]
fn history_records_a_rename_finds_the_old_name_and_suggests_for_a_typo() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Ltd", &common::bank());
    common::save_sample(&store, "Kiln Co", &common::bank());
    let out = disco(
        dir.path(),
        &["account", "rename", "Acme Ltd", "Acme Industrial"],
    );
    assert!(out.status.success());
    let out = disco(dir.path(), &["history", "Acme Ltd"]);
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.starts_with("Acme Industrial\n"), "{text}");
    assert!(
        text.contains("renamed from \"Acme Ltd\" to \"Acme Industrial\""),
        "{text}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("was renamed to \"Acme Industrial\""),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = disco(dir.path(), &["history", "Kil Co"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Did you mean \"Kiln Co\"?"), "{stderr}");
}

#[test]
fn roleplay_script_json_has_the_transcript_and_debrief_the_issue_names() {
    let dir = tempfile::tempdir().unwrap();
    let script = common::fixture("scripts/price-first-strong.yaml");
    let args = [
        "roleplay",
        "price-first",
        "--script",
        script.to_str().unwrap(),
        "--json",
    ];
    let out = disco(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let transcript = json["transcript"].as_array().unwrap();
    assert_eq!(transcript[0]["speaker"], "customer");
    let asked = transcript
        .iter()
        .find(|t| t["speaker"] == "trainee" && !t["question"].is_null())
        .unwrap();
    assert_eq!(asked["question"], "other-departments");
    assert!(asked["reveals"].as_array().unwrap().is_empty());
    assert!(transcript.iter().all(|t| t.get("question").is_some()));
    let debrief = &json["debrief"];
    for key in ["score", "pass_mark", "passed", "facts", "rules"] {
        assert!(debrief.get(key).is_some(), "{key} missing: {debrief}");
    }
    let fact = &debrief["facts"][0];
    assert!(fact["found"].is_boolean() && fact.get("evidence").is_some());
    assert!(debrief["rules"][0]["kept"].is_boolean());
    assert!(
        dir.path().read_dir().unwrap().next().is_none(),
        "saves nothing"
    );
    let again = disco(dir.path(), &args);
    assert_eq!(
        stdout(&again),
        stdout(&out),
        "the same script, the same output"
    );
}

#[test]
fn roleplay_script_readable_shows_the_words_each_match_rests_on() {
    let dir = tempfile::tempdir().unwrap();
    let script = common::fixture("scripts/price-first-strong.yaml");
    let out = disco(
        dir.path(),
        &[
            "roleplay",
            "price-first",
            "--script",
            script.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains(
            "(taken for question 2.2 (measure-performance); on the words “vendors”, “score”)"
        ),
        "{text}"
    );
    assert!(text.contains("Debrief: The price-first buyer"), "{text}");
    assert!(!text.contains("**"), "rendered for a terminal: {text}");
}

#[test]
fn a_bad_roleplay_script_is_refused_naming_the_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bad.yaml");
    fs::write(&script, "turns:\n  - ask: hi\n    move: quote-price\n").unwrap();
    let out = disco(
        dir.path(),
        &[
            "roleplay",
            "price-first",
            "--script",
            script.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.yaml:2:"), "{err}");
    assert!(
        err.contains("exactly one of ask, move, note or record"),
        "{err}"
    );
    fs::write(&script, "turns:\n  - move: hug\n").unwrap();
    let out = disco(
        dir.path(),
        &[
            "roleplay",
            "price-first",
            "--script",
            script.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.yaml: turns[0].move: the scenario has no move \"hug\""),
        "{err}"
    );
}

#[test]
fn a_debrief_in_a_narrow_terminal_breaks_between_words_and_says_when_trust_fell() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("repeat.yaml");
    fs::write(
        &script,
        "turns:\n  - ask: what happened with other suppliers\n  - ask: What problems did you run into with other vendors?\n  - ask: What problems did you run into with other vendors?\n  - note: {question: past-problems, text: \"partial shipments, boats sat unfinished\"}\n",
    )
    .unwrap();
    let args = [
        "roleplay",
        "assumed-terms",
        "--script",
        script.to_str().unwrap(),
    ];
    let piped = stdout(&disco(dir.path(), &args));
    assert!(
        piped.contains("\nTrust\n  Fell by 1 after “What problems did you run into with other vendors?”: asked again what was already answered.\n"),
        "{piped}"
    );
    assert!(
        !piped.contains("Fell by 1 after “what happened"),
        "the first time it is asked costs nothing: {piped}"
    );
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&disco(dir.path(), &json_args))).unwrap();
    let fell: Vec<&serde_json::Value> = json["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t.get("trust").is_some())
        .collect();
    assert_eq!(fell.len(), 2, "{json}");
    assert_eq!(fell[0]["trust"], -1);
    assert_eq!(
        fell[0]["trust_why"][0],
        "asked again what was already answered"
    );
    let mut session = common::pty::Session::spawn_sized(dir.path(), &args, 60, 20);
    session.wait_exit();
    let shown = String::from_utf8_lossy(&session.raw_output()).replace('\r', "");
    use unicode_width::UnicodeWidthStr;
    for line in shown.lines() {
        assert!(line.width() <= 60, "wider than the terminal: {line:?}");
    }
    let words = |text: &str| {
        text.split_whitespace()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&shown), words(&piped), "no word split or lost");
}
