//! The account store: round trips, safe names, permissions, the lock, and files it must not touch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeMap;
use std::fs;

use disco::core::account::{Answer, BankRef, Call, CallMode, Draft, NextStep, Version};
use disco::core::practice::{Card, PRACTICE_SCHEMA, Phase, Progress, Rating, Review, ScriptRun};
use disco::core::{Account, Record};
use disco::storage::AccountStore;
use disco::storage::accounts::parse_account;
use disco::storage::practice::parse_progress;
use disco::yaml;
use jiff::Timestamp;
use proptest::prelude::*;

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("no".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("yes".to_string()),
        Just("0x1F".to_string()),
        Just("123".to_string()),
        Just("1.5e3".to_string()),
        Just("true".to_string()),
        Just(".nan".to_string()),
        Just("2026-11-24".to_string()),
        Just("- item".to_string()),
        Just("  leading spaces".to_string()),
        Just("trailing spaces  ".to_string()),
        Just("line one\nline two\n".to_string()),
        Just("\n\nblank lines first".to_string()),
        Just("key: value # not a comment".to_string()),
        Just("'quoted' \"both\"".to_string()),
        any::<String>(),
        "[a-zA-Z0-9 \n:#-]{0,40}",
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..4_000_000_000).prop_map(|s| Timestamp::from_second(s).unwrap())
}

fn record() -> impl Strategy<Value = Record> {
    (
        "[a-z0-9-]{1,18}",
        prop::collection::btree_map(
            "[a-z-]{1,10}".prop_filter("id is the record's", |k| k != "id"),
            tricky_text(),
            0..4,
        ),
    )
        .prop_map(|(id, fields)| Record {
            id,
            fields,
            extra: BTreeMap::new(),
            typed: BTreeMap::new(),
        })
}

fn version() -> impl Strategy<Value = Version> {
    (tricky_text(), timestamp()).prop_map(|(text, updated)| Version::new(text, updated))
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        tricky_text(),
        timestamp(),
        prop::collection::vec(version(), 0..3),
    )
        .prop_map(|(text, updated, history)| Answer {
            text,
            updated,
            history,
            extra: BTreeMap::new(),
        })
}

fn call() -> impl Strategy<Value = Call> {
    (
        timestamp(),
        prop::option::of(timestamp()),
        prop::collection::vec(tricky_text(), 0..3),
    )
        .prop_map(|(started, ended, changes)| Call {
            started,
            ended,
            mode: CallMode::Live,
            changes,
            extra: BTreeMap::new(),
        })
}

fn next_step() -> impl Strategy<Value = Option<NextStep>> {
    let date = (2000i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d));
    prop::option::of(
        (tricky_text(), prop::option::of(date)).prop_map(|(text, date)| NextStep::new(text, date)),
    )
}

prop_compose! {
    fn account()(
        name in tricky_text().prop_filter("names are not empty", |n| !n.trim().is_empty()),
        created in timestamp(),
        updated in timestamp(),
        answers in prop::collection::btree_map("[a-z0-9-]{1,12}", answer(), 0..6),
        captures in prop::collection::btree_map(
            "[a-z]{1,8}", prop::collection::vec(record(), 0..3), 0..3),
        notes in tricky_text(),
        calls in prop::collection::vec(call(), 0..3),
        next_step in next_step(),
        draft in prop::option::of(draft()),
        archived in any::<bool>(),
        merged_into in prop::option::of("[A-Za-z ]{1,12}"),
        renames in prop::collection::vec(
            (timestamp(), tricky_text(), tricky_text())
                .prop_map(|(at, from, to)| disco::core::account::Rename { at, from, to }),
            0..2,
        ),
    ) -> Account {
        Account {
            schema: 1,
            name,
            created,
            updated,
            bank: BankRef { id: "reset".into(), version: 1, extra: BTreeMap::new() },
            answers,
            captures,
            notes,
            calls,
            next_step,
            draft,
            archived,
            merged_into,
            renames,
            extra: BTreeMap::new(),
            touched: Default::default(),
            script: Default::default(),
        }
    }
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        "[a-z-]{1,10}",
        prop::option::of(0usize..5),
        prop::option::of(record()),
        record(),
        0usize..5,
    )
        .prop_map(|(list, editing, original, fields, field)| Draft {
            list,
            editing,
            original,
            fields,
            field,
        })
}

fn script_run() -> impl Strategy<Value = ScriptRun> {
    (timestamp(), 0usize..50, 0usize..50, 0usize..50, 0usize..50).prop_map(
        |(at, in_order, out_of_order, missed, total)| ScriptRun {
            at,
            in_order,
            out_of_order,
            missed,
            total,
            extra: BTreeMap::new(),
        },
    )
}

fn practice_card() -> impl Strategy<Value = Card> {
    let review = (timestamp(), 0usize..4, "[a-z-]{1,12}").prop_map(|(at, r, drill)| Review {
        at,
        rating: Rating::ALL[r],
        drill,
        extra: BTreeMap::new(),
    });
    (
        timestamp(),
        (0.0f64..1e6, 0.0f64..11.0),
        (0u32..1000, 0u32..100, 0usize..4),
        prop::option::of(timestamp()),
        (-5i64..40_000, any::<bool>()),
        prop::collection::vec(review, 0..4),
        prop::option::of(timestamp()),
    )
        .prop_map(
            |(
                due,
                (stability, difficulty),
                (reps, lapses, phase),
                last_review,
                (interval_days, retired),
                reviews,
                introduced,
            )| Card {
                due,
                stability,
                difficulty,
                reps,
                lapses,
                phase: [
                    Phase::New,
                    Phase::Learning,
                    Phase::Review,
                    Phase::Relearning,
                ][phase],
                last_review,
                interval_days,
                retired,
                introduced,
                reviews,
                extra: BTreeMap::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn practice_progress_round_trips_exactly(
        learner in tricky_text().prop_filter("named", |n| !n.trim().is_empty()),
        cards in prop::collection::btree_map("[a-z0-9-]{1,12}", practice_card(), 0..5),
        runs in prop::collection::vec(script_run(), 0..3),
    ) {
        let progress = Progress { schema: PRACTICE_SCHEMA, learner, cards, runs, extra: BTreeMap::new(), zone: Default::default() };
        let text = yaml::to_string(&progress).unwrap();
        prop_assert_eq!(parse_progress(text.as_bytes()).unwrap(), progress);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_progress_loader(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_progress(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if std::env::var_os("CI").is_some() { 256 } else { 512 }))]

    #[test]
    fn accounts_round_trip_exactly(account in account()) {
        let text = yaml::to_string(&account).unwrap();
        let back = parse_account(text.as_bytes()).unwrap();
        prop_assert_eq!(back, account);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loaders(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_account(&bytes);
        let _ = disco::storage::banks::parse_bank(&bytes, std::path::Path::new("fuzz.yaml"));
    }
}

#[test]
fn saved_accounts_load_back_through_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme Corp", &bank);
    let loaded = AccountStore::load(&path).unwrap();
    assert_eq!(loaded, common::sample_account("Acme Corp", &bank));
}

#[test]
fn hostile_names_stay_inside_the_accounts_folder_and_never_share_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(&dir.path().join("data"));
    let bank = common::bank();
    let long = "x".repeat(10 * 1024);
    let names = [
        "..",
        "../../etc/passwd",
        "/abs",
        "con",
        "NUL",
        "CON",
        "Zo\u{eb}",
        "Zoe\u{308}",
        &long,
        "Acme",
        "acme",
        "ACME",
        "a/b",
        "a\\b",
        "日本",
        "🚀 rocket",
        "-",
        ".hidden",
        "*?<>|",
    ];
    let mut paths = std::collections::HashSet::new();
    for name in names {
        let opened = store
            .open_for_edit(name, &bank, common::at("2026-01-01T00:00:00Z"))
            .unwrap();
        assert_eq!(opened.path.parent().unwrap(), store.dir(), "{name:?}");
        assert!(
            paths.insert(opened.path.clone()),
            "{name:?} shares {}",
            opened.path.display()
        );
        store.save(&opened.path, &opened.account).unwrap();
    }
    for name in names {
        let (path, account) = store.locate(name).unwrap();
        assert_eq!(account.unwrap().name, name.trim());
        assert!(paths.contains(&path));
    }
    assert_nothing_beside_the_data_folder(dir.path());
}

/// Nothing was written in `dir` but its `data` folder.
fn assert_nothing_beside_the_data_folder(dir: &std::path::Path) {
    let outside: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside, ["data"]);
}

#[test]
fn empty_and_control_names_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for name in ["", "   ", "\t\n"] {
        let err = store
            .open_for_edit(name, &bank, Timestamp::UNIX_EPOCH)
            .unwrap_err();
        assert_eq!(err.to_string(), "account name is empty");
    }
    let err = store
        .open_for_edit("evil\u{1b}[2J", &bank, Timestamp::UNIX_EPOCH)
        .unwrap_err();
    assert!(err.to_string().contains("control characters"), "{err}");
}

#[test]
fn a_hash_collision_gets_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let (path, _) = store.locate("Acme").unwrap();
    // Another account already sits where "Acme" would go.
    fs::create_dir_all(store.dir()).unwrap();
    let squatter = common::sample_account("Someone else", &bank);
    store.save(&path, &squatter).unwrap();
    let opened = store
        .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
        .unwrap();
    assert_ne!(opened.path, path);
    assert!(opened.created);
    assert_eq!(AccountStore::load(&path).unwrap().name, "Someone else");
}

#[cfg(unix)]
#[test]
fn files_are_0600_and_folders_0700() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = AccountStore::new(&data);
    let path = common::save_sample(&store, "Acme", &common::bank());
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&disco::storage::lock::lock_path(&path)), 0o600);
}

#[test]
fn a_second_editor_is_refused_until_the_first_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let first = store
        .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
        .unwrap();
    let err = store
        .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("\"Acme\" is already open in another disco"),
        "{message}"
    );
    assert!(
        message.contains(&std::process::id().to_string()),
        "{message}"
    );
    // A different account is not blocked.
    store
        .open_for_edit("Globex", &bank, Timestamp::UNIX_EPOCH)
        .unwrap();
    drop(first);
    store
        .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
        .unwrap();
}

#[test]
fn a_malformed_account_is_reported_with_its_place_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let (path, _) = store.locate("Acme").unwrap();
    fs::create_dir_all(store.dir()).unwrap();
    let garbage = b"schema: 1\nname: Acme\nanswers: [unclosed\n";
    fs::write(&path, garbage).unwrap();
    let err = format!(
        "{:#}",
        store
            .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
            .unwrap_err()
    );
    assert!(err.contains(&format!("{}:", path.display())), "{err}");
    assert!(
        err.contains(":4:1:") || err.contains(":3:"),
        "names line and column: {err}"
    );
    assert_eq!(fs::read(&path).unwrap(), garbage);
    let listed = store.list().unwrap();
    assert!(listed[0].account.is_err());
    assert_eq!(fs::read(&path).unwrap(), garbage);
}

#[test]
fn unknown_fields_survive_a_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("crm_id: 4711\nfrom_the_future:\n  nested: [1, two]\n");
    text = text.replace("  mode: live", "  mode: live\n  recording: call-1.m4a");
    text = text.replace(
        "    text: On-time delivery above all",
        "    text: On-time delivery above all\n    confidence: high",
    );
    fs::write(&path, &text).unwrap();
    let mut account = AccountStore::load(&path).unwrap();
    account.notes = "changed".into();
    store.save(&path, &account).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("crm_id: 4711"), "{saved}");
    assert!(saved.contains("nested:"), "{saved}");
    assert!(saved.contains("notes: changed"), "{saved}");
    assert!(saved.contains("recording: call-1.m4a"), "{saved}");
    assert!(saved.contains("confidence: high"), "{saved}");
}

#[test]
fn a_file_from_a_newer_disco_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("schema: 1", "schema: 9");
    fs::write(&path, &text).unwrap();
    let err = format!(
        "{:#}",
        store
            .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
            .unwrap_err()
    );
    assert!(err.contains("newer disco (schema 9)"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn answers_to_retired_questions_are_kept_through_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let opened = store
        .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
        .unwrap();
    let mut account = opened.account;
    account.set_answer("a-question-we-dropped", "still here", Timestamp::UNIX_EPOCH);
    store.save(&opened.path, &account).unwrap();
    let loaded = AccountStore::load(&opened.path).unwrap();
    assert_eq!(
        loaded.orphaned_answers(&bank),
        [("a-question-we-dropped", "still here")]
    );
}

#[test]
fn temp_files_left_by_a_killed_writer_are_cleaned_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let stale = store.dir().join(format!(".{name}.tmp-99999-0"));
    fs::write(&stale, "half a file").unwrap();
    let _open = store
        .open_for_edit("Acme", &bank, Timestamp::UNIX_EPOCH)
        .unwrap();
    assert!(!stale.exists());
}

/// Every map of an account file may carry keys this disco does not know, with values of any
/// YAML type: they come back with the same meaning (tags, integers past 64 bits, nesting).
const UNKNOWN_EVERYWHERE: &str = r#"schema: 1
name: Acme
created: 2026-11-20T15:04:05Z
updated: 2026-11-20T15:04:05Z
bank:
  id: reset
  version: 1
  source: !git abc123
answers:
  valued-supplier:
    text: On time
    updated: 2026-11-20T15:04:05Z
    confidence: 0.9
    history:
    - text: Price
      updated: 2026-11-01T10:00:00Z
      heard_by: !person
        name: Sam
captures:
  people:
  - id: r-1
    name: Jane
    seats: 12
    score: 123456789012345678901234567890
    tags: [a, !b c]
    met: null
notes: hi
calls:
- started: 2026-11-20T15:04:05Z
  mode: live
  recording:
    url: x
    seconds: 1.5
next_step:
  text: Send the draft
  owner: !rep Jo
  history:
  - text: Call back
    channel: [phone, 2]
huge: 340282366920938463463374607431768211455
negative: -170141183460469231731687303715884105728
tagged_top: !custom
  a: 1
flag: true
"#;

/// Mappings in key order, so a tree compares by meaning, not by where keys were written.
fn sorted(value: yaml::Value) -> yaml::Value {
    match value {
        yaml::Value::Mapping(entries) => {
            let mut entries: Vec<_> = entries.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            entries.sort_by_key(|(k, _)| format!("{k:?}"));
            yaml::Value::Mapping(entries)
        }
        yaml::Value::Sequence(items) => {
            yaml::Value::Sequence(items.into_iter().map(sorted).collect())
        }
        yaml::Value::Tagged(tag, inner) => yaml::Value::Tagged(tag, Box::new(sorted(*inner))),
        other => other,
    }
}

/// The same YAML, whatever the order of keys.
fn assert_written_back_as_read(read: &str, written: &str) {
    let before: yaml::Value = yaml::from_str(read).unwrap();
    let after: yaml::Value = yaml::from_str(written).unwrap();
    assert_eq!(sorted(after), sorted(before), "written back:\n{written}");
}

#[test]
fn unknown_keys_of_any_type_are_kept_in_every_map() {
    let account = parse_account(UNKNOWN_EVERYWHERE.as_bytes()).unwrap();
    assert_eq!(account.records("people")[0].get("name").unwrap(), "Jane");
    let listed = disco::storage::accounts::parse_summary(UNKNOWN_EVERYWHERE.as_bytes()).unwrap();
    assert_eq!(listed.name, "Acme");
    let written = yaml::to_string(&account).unwrap();
    assert_written_back_as_read(UNKNOWN_EVERYWHERE, &written);
    assert!(
        written.contains("huge: 340282366920938463463374607431768211455"),
        "{written}"
    );
    assert!(written.contains("!custom"), "{written}");
    assert_eq!(parse_account(written.as_bytes()).unwrap(), account);
}

/// The card `who-decides`, in learning, as the practice files below both begin it; each goes on
/// with keys of its own schema.
macro_rules! who_decides_learning {
    () => {
        "  who-decides:
    due: 2026-11-20T15:04:05Z
    stability: 1.5
    difficulty: 5.0
    reps: 1
    lapses: 0
    phase: learning
    interval_days: 0
"
    };
}

#[test]
fn unknown_keys_of_any_type_are_kept_in_practice_progress() {
    let text = concat!(
        "schema: 1\nlearner: kim\ncoach: !person Sam\ncards:\n",
        who_decides_learning!(),
        r#"    streak: 18446744073709551616
    reviews:
    - at: 2026-11-20T15:04:05Z
      rating: good
      drill: recall
      device: !tablet {model: x}
"#,
    );
    let progress = parse_progress(text.as_bytes()).unwrap();
    assert_written_back_as_read(text, &yaml::to_string(&progress).unwrap());
    // A review keeps the card's unknown keys.
    let card = &progress.cards["who-decides"];
    let reviewed = card.reviewed(Rating::Good, "recall", common::at("2026-11-21T10:00:00Z"));
    assert_eq!(reviewed.extra, card.extra);
}

#[test]
fn unknown_keys_are_kept_in_new_cards_and_run_the_script_results() {
    let text = concat!(
        "schema: 2\nlearner: kim\ncards:\n",
        who_decides_learning!(),
        r#"    introduced: 2026-11-19T09:00:00Z
    mood: !calm yes
    reviews: []
runs:
- at: 2026-11-20T15:04:05Z
  in_order: 3
  out_of_order: 1
  missed: 7
  total: 11
  spoken: !audio {seconds: 40}
"#,
    );
    let progress = parse_progress(text.as_bytes()).unwrap();
    assert_eq!(
        progress.cards["who-decides"].introduced,
        Some(common::at("2026-11-19T09:00:00Z"))
    );
    assert_eq!(progress.runs[0].missed, 7);
    assert_written_back_as_read(text, &yaml::to_string(&progress).unwrap());
}

/// What an older disco named these accounts' files: letters outside ASCII were dropped.
const NAMED_THE_OLD_WAY: [(&str, &str); 2] = [
    ("Müller Café ÖÜ", "m-ller-caf-9038a147.yaml"),
    ("東京 Trading", "trading-05f87291.yaml"),
];

#[test]
fn an_account_file_named_the_old_way_is_found_and_opened_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    fs::create_dir_all(store.dir()).unwrap();
    for (name, old_file) in NAMED_THE_OLD_WAY {
        let old = store.dir().join(old_file);
        store
            .save(&old, &common::sample_account(name, &bank))
            .unwrap();
        let (path, found) = store.locate(name).unwrap();
        assert_eq!(path, old);
        assert_eq!(found.unwrap().name, name);
        let opened = store
            .open_for_edit(name, &bank, common::at("2026-11-21T10:00:00Z"))
            .unwrap();
        assert_eq!(opened.path, old, "{name}");
        assert!(!opened.created);
        assert_eq!(
            opened.account.answer("valued-supplier"),
            "On-time delivery above all"
        );
        store.save(&opened.path, &opened.account).unwrap();
    }
    // Saved in place: no second file for either account.
    assert_eq!(common::account_files(&store).len(), 2);
}

#[test]
fn a_conflicted_file_named_the_old_way_is_resolved_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let (name, old_file) = NAMED_THE_OLD_WAY[0];
    let mut ours = common::sample_account(name, &bank);
    ours.notes = "ours".into();
    let mut theirs = ours.clone();
    theirs.notes = "theirs".into();
    let text = format!(
        "<<<<<<< HEAD\n{}=======\n{}>>>>>>> theirs\n",
        yaml::to_string(&ours).unwrap(),
        yaml::to_string(&theirs).unwrap()
    );
    fs::create_dir_all(store.dir()).unwrap();
    let old = store.dir().join(old_file);
    fs::write(&old, text).unwrap();
    assert_eq!(store.resolve(name).unwrap(), old);
    assert_eq!(AccountStore::load(&old).unwrap().name, name);
}

#[test]
fn new_files_get_a_readable_name_inside_the_folder_and_apart_from_look_alikes() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(&dir.path().join("data"));
    let bank = common::bank();
    let mut files = std::collections::HashSet::new();
    for (name, readable) in [
        ("Müller Café ÖÜ", "muller-cafe-ou-"),
        ("Muller Cafe OU", "muller-cafe-ou-"),
        ("東京 Trading", "dong-jing-trading-"),
        ("../東京/../..", "dong-jing-"),
    ] {
        let opened = store
            .open_for_edit(name, &bank, common::at("2026-11-21T10:00:00Z"))
            .unwrap();
        store.save(&opened.path, &opened.account).unwrap();
        assert_eq!(opened.path.parent(), Some(store.dir()), "{name}");
        let file = opened.path.file_name().unwrap().to_str().unwrap();
        assert!(
            file.starts_with(readable) && file.ends_with(".yaml"),
            "{name}: {file}"
        );
        assert!(files.insert(file.to_string()), "{name} shares {file}");
        assert_eq!(store.locate(name).unwrap().0, opened.path);
    }
    assert_nothing_beside_the_data_folder(dir.path());
}

#[test]
fn practice_progress_named_the_old_way_is_kept() {
    use disco::storage::practice::PracticeStore;
    let dir = tempfile::tempdir().unwrap();
    let practice = PracticeStore::new(dir.path());
    let learner = "Zoë Learner";
    let mut progress = Progress::new(learner);
    progress.runs.push(ScriptRun {
        at: common::at("2026-11-20T10:00:00Z"),
        in_order: 3,
        out_of_order: 1,
        missed: 1,
        total: 5,
        extra: BTreeMap::new(),
    });
    let old = dir.path().join("practice").join("zo-learner-d0670f53.yaml");
    practice.save(&old, &progress).unwrap();
    let (path, _, _lock) = practice.open(learner).unwrap();
    assert_eq!(path, old);
    let (_, loaded) = practice.load(learner).unwrap();
    assert_eq!(loaded.runs, progress.runs);
}
