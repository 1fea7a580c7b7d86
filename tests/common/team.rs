//! A small team's data folder for the report's tests: three listed accounts, one archived,
//! one broken file; a learner's practice; role-plays of two trainees. Every number the report
//! shows for it is worked out by hand in `tests/library/report.rs`.

use std::fs;
use std::path::Path;
use std::process::Command;

use disco::core::account::NextStep;
use disco::core::practice::{Progress, Rating};
use disco::core::roleplay::{RoleplayRecord, SCHEMA_VERSION};
use disco::core::{Account, CallMode, Record};
use disco::storage::AccountStore;
use disco::storage::practice::PracticeStore;
use disco::storage::roleplay::{RoleplayStore, resolve_scenario};
use disco::yaml::Value;

use super::{at, bank, fixture};

/// The report's clock in these tests.
pub const NOW: &str = "2026-11-24T09:00:00Z";

fn person(name: &str, part: &str) -> Record {
    let mut record = Record::new();
    record.insert("name".into(), name.into());
    record.insert("part".into(), part.into());
    record
}

fn save(store: &AccountStore, account: &Account) {
    let (path, _) = store.locate(&account.name).unwrap();
    store.save(&path, account).unwrap();
}

/// Writes the folder. Acme has an `owner:`; Globex and Initech have none (their rep comes from
/// git, when [`commit_as`] made the folder a repository, else "unknown").
pub fn write_team_folder(dir: &Path) {
    let bank = bank();
    let store = AccountStore::new(dir);
    let t = at("2026-11-20T10:00:00Z");

    // Acme: 2 of 3 required in step 1, 1 of 3 in step 2; two people on file and one who left;
    // next step overdue; last call 4 days ago.
    let mut acme = Account::new("Acme Corp", &bank, t);
    acme.start_call(CallMode::Live, at("2026-11-10T10:00:00Z"));
    acme.start_call(CallMode::Live, t);
    acme.set_answer("business-and-roles", "Distributor; Jane buys.", t);
    acme.set_answer("purchasing-alone", "Engineering approves too.", t);
    acme.set_answer("other-departments", "Not required, answered.", t);
    acme.set_answer("valued-supplier", "On time.", t);
    acme.set_answer("measure-performance", "   ", t);
    acme.records_mut("people")
        .push(person("Jane Roe", "decides"));
    acme.records_mut("people")
        .push(person("Sam Lee", "approves vendors"));
    acme.records_mut("people")
        .push(person("Rick Novak", "left the company"));
    acme.next_step = Some(NextStep::new(
        "Send the draft".into(),
        Some(jiff::civil::date(2026, 11, 20)),
    ));
    acme.extra
        .insert("owner".into(), Value::String("Dana Ortiz".into()));
    save(&store, &acme);

    // Globex: step 2 complete, step 3 complete; nobody identified; next step due in 3 days;
    // last call 21 days ago.
    let g = at("2026-11-03T09:00:00Z");
    let mut globex = Account::new("Globex", &bank, g);
    globex.start_call(CallMode::Live, g);
    for id in [
        "valued-supplier",
        "measure-performance",
        "past-problems",
        "can-and-cannot",
    ] {
        globex.set_answer(id, "Said plainly.", g);
    }
    globex.next_step = Some(NextStep::new(
        "Site visit".into(),
        Some(jiff::civil::date(2026, 11, 27)),
    ));
    save(&store, &globex);

    // Initech: nothing yet, no call, an undated next step.
    let mut initech = Account::new("Initech", &bank, g);
    initech.next_step = Some(NextStep::new("Call back".into(), None));
    save(&store, &initech);

    // Archived, and a file that is not an account: neither may count.
    let mut old = Account::new("Old Co", &bank, g);
    old.archived = true;
    old.set_answer("business-and-roles", "Closed.", g);
    save(&store, &old);
    fs::write(
        store.dir().join("broken.yaml"),
        "schema: 1\nname: [unclosed\n",
    )
    .unwrap();

    // Kim practised: three reviews in the last 30 days, two remembered.
    let practice = PracticeStore::new(dir);
    let (path, mut progress) = practice.load("kim").unwrap();
    for (card, rating, when) in [
        ("business-and-roles", Rating::Good, "2026-11-20T09:00:00Z"),
        ("purchasing-alone", Rating::Again, "2026-11-21T09:00:00Z"),
        ("valued-supplier", Rating::Easy, "2026-11-22T09:00:00Z"),
    ] {
        progress.learn(card, at(when));
        progress.review(card, rating, "which-step", at(when));
    }
    practice.save(&path, &progress).unwrap();
    let _: &Progress = &progress;

    // Kim role-played twice (55, then 80); Lee once, unfinished.
    let scenario = resolve_scenario("hidden-engineering", &bank).unwrap();
    let played = AccountStore::load(&fixture("debrief/good-call.yaml")).unwrap();
    let roleplays = RoleplayStore::new(dir);
    for (account, trainee, started, score) in [
        ("kim-1", "kim", "2026-11-18T09:00:00Z", Some(55)),
        ("kim-2", "kim", "2026-11-21T09:00:00Z", Some(80)),
        ("lee-1", "lee", "2026-11-22T09:00:00Z", None),
    ] {
        let debrief = score.map(|score| {
            let mut d = disco::core::debrief::debrief(&played, &bank, &scenario, None);
            d.score = score;
            d.passed = score >= d.pass_mark;
            d
        });
        roleplays
            .save(&RoleplayRecord {
                schema: SCHEMA_VERSION,
                scenario: scenario.id.clone(),
                scenario_title: scenario.title.clone(),
                trainee: trainee.into(),
                account: account.into(),
                started: at(started),
                transcript: Vec::new(),
                events: Vec::new(),
                turns: Default::default(),
                debrief,
                trainer: None,
            })
            .unwrap();
    }
}

/// Runs git in `dir` with a fixed identity (a fresh machine has none) and no user config.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// Makes `dir` a git repository and commits `files` (paths inside it) as `author`.
pub fn commit_as(dir: &Path, author: &str, files: &[&str]) {
    if !dir.join(".git").exists() {
        git(dir, &["init", "-q"]);
    }
    let mut add = vec!["add", "--"];
    add.extend_from_slice(files);
    git(dir, &add);
    let email = format!("user.email={}@example.com", author.replace(' ', "."));
    let name = format!("user.name={author}");
    git(
        dir,
        &["-c", &name, "-c", &email, "commit", "-q", "-m", "accounts"],
    );
}
