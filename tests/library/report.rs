//! `disco report`'s numbers on a small team folder built by hand (tests/common/team.rs), with
//! and without git, and with a company sheet.

use crate::common::team::{NOW, commit_as, write_team_folder};
use crate::common::{at, bank};

use disco::core::report::{
    self, Coverage, NextStepState, RepSource, Report, UNKNOWN_REP, markdown,
};
use disco::storage::AccountStore;
use disco::storage::company::{SheetSource, resolve_company};
use disco::storage::report::gather;
use disco::storage::warnings::WarningCounter;

fn cov(answered: usize, required: usize) -> Coverage {
    Coverage { answered, required }
}

fn report_of(dir: &std::path::Path) -> Report {
    let gathered = gather(&AccountStore::new(dir), None).unwrap();
    report::build(gathered, &bank(), at(NOW), &jiff::tz::TimeZone::UTC)
}

#[test]
fn per_account_numbers_of_a_small_folder() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let report = report_of(dir.path());
    let names: Vec<&str> = report.accounts.iter().map(|a| a.name.as_str()).collect();
    // Archived Old Co is left out; sorted by rep ("unknown" last), then name.
    assert_eq!(names, ["Acme Corp", "Globex", "Initech"]);

    let acme = &report.accounts[0];
    assert_eq!(
        (acme.rep.as_str(), acme.rep_from),
        ("Dana Ortiz", RepSource::Owner)
    );
    // A blank answer is not an answer; an optional one does not count.
    assert_eq!(acme.coverage, [cov(2, 3), cov(1, 3), cov(0, 1)]);
    // Rick left the company: not counted.
    assert_eq!(acme.decision_makers, 2);
    let next = acme.next_step.as_ref().unwrap();
    assert_eq!(next.state, NextStepState::Overdue);
    // The later of two calls, 3 days and 23 hours before: 3 whole days.
    assert_eq!(acme.last_call, Some(at("2026-11-20T10:00:00Z")));
    assert_eq!(acme.days_since_last_call, Some(3));
    assert_eq!(acme.warnings, None, "no sheet, no count");

    let globex = &report.accounts[1];
    assert_eq!(
        (globex.rep.as_str(), globex.rep_from),
        (UNKNOWN_REP, RepSource::Unknown)
    );
    assert_eq!(globex.coverage, [cov(0, 3), cov(3, 3), cov(1, 1)]);
    assert_eq!(globex.decision_makers, 0);
    assert_eq!(globex.next_step.as_ref().unwrap().state, NextStepState::Due);
    assert_eq!(globex.days_since_last_call, Some(21));

    let initech = &report.accounts[2];
    assert_eq!(initech.coverage, [cov(0, 3), cov(0, 3), cov(0, 1)]);
    assert_eq!(
        initech.next_step.as_ref().unwrap().state,
        NextStepState::Undated
    );
    assert_eq!(initech.days_since_last_call, None);

    // The broken file is listed with its file and reason; nothing else is a problem.
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].file, "accounts/broken.yaml");
    assert!(
        report.problems[0].reason.starts_with("2:"),
        "{:?}",
        report.problems
    );
}

#[test]
fn per_rep_and_team_totals() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let report = report_of(dir.path());
    let reps: Vec<&str> = report.reps.iter().map(|r| r.rep.as_str()).collect();
    assert_eq!(reps, ["Dana Ortiz", UNKNOWN_REP]);
    let dana = &report.reps[0];
    assert_eq!(dana.accounts, 1);
    assert_eq!(dana.coverage, [cov(2, 3), cov(1, 3), cov(0, 1)]);
    assert_eq!(
        (
            dana.next_steps_due,
            dana.next_steps_overdue,
            dana.without_next_step
        ),
        (0, 1, 0)
    );
    assert_eq!(dana.days_since_last_call, Some(3));
    let unknown = &report.reps[1];
    assert_eq!(unknown.accounts, 2);
    assert_eq!(unknown.coverage, [cov(0, 6), cov(3, 6), cov(1, 2)]);
    assert_eq!(unknown.decision_makers, 0);
    assert_eq!(unknown.accounts_without_decision_makers, 2);
    assert_eq!((unknown.next_steps_due, unknown.next_steps_overdue), (1, 0));
    // The rep's latest call on any account.
    assert_eq!(unknown.days_since_last_call, Some(21));
    let team = &report.team;
    assert_eq!(team.accounts, 3);
    assert_eq!(team.coverage, [cov(2, 9), cov(4, 9), cov(1, 3)]);
    assert_eq!(team.coverage[0].percent(), 22);
    assert_eq!(team.decision_makers, 2);
    assert_eq!((team.next_steps_due, team.next_steps_overdue), (1, 1));
    assert_eq!(team.days_since_last_call, Some(3));
}

#[test]
fn per_trainee_scores_over_time_and_retention() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let report = report_of(dir.path());
    let names: Vec<&str> = report.trainees.iter().map(|t| t.trainee.as_str()).collect();
    assert_eq!(names, ["kim", "lee"]);
    let kim = &report.trainees[0];
    let scores: Vec<u32> = kim.scores.iter().map(|s| s.score).collect();
    assert_eq!(scores, [55, 80], "oldest first");
    assert_eq!(kim.unfinished_roleplays, 0);
    assert_eq!(kim.reviews_30d, 3);
    assert_eq!(kim.retention_30d, Some(2.0 / 3.0));
    assert_eq!(kim.retention_days.len(), 30);
    // The 20th to the 24th (today): Good, Again, Easy, then nothing.
    let last_days: Vec<(usize, usize)> = kim.retention_days[25..]
        .iter()
        .map(|d| (d.reviews, d.remembered))
        .collect();
    assert_eq!(last_days, [(1, 1), (1, 0), (1, 1), (0, 0), (0, 0)]);
    assert_eq!(kim.retention_days[29].date, jiff::civil::date(2026, 11, 24));
    let lee = &report.trainees[1];
    assert!(lee.scores.is_empty());
    assert_eq!(lee.unfinished_roleplays, 1);
    assert_eq!(lee.retention_30d, None);
}

#[test]
fn reps_come_from_git_authors_unless_the_account_names_an_owner() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let files = |names: &[&str]| -> Vec<String> {
        let store = AccountStore::new(dir.path());
        names
            .iter()
            .map(|n| {
                let (path, _) = store.locate(n).unwrap();
                path.strip_prefix(dir.path()).unwrap().display().to_string()
            })
            .collect()
    };
    let raj = files(&["Globex"]);
    commit_as(
        dir.path(),
        "Raj Patel",
        &raj.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let ana = files(&["Initech", "Acme Corp"]);
    commit_as(
        dir.path(),
        "Ana Ruiz",
        &ana.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let report = report_of(dir.path());
    let rep = |name: &str| {
        let a = report.accounts.iter().find(|a| a.name == name).unwrap();
        (a.rep.clone(), a.rep_from)
    };
    assert_eq!(rep("Acme Corp"), ("Dana Ortiz".into(), RepSource::Owner));
    assert_eq!(rep("Globex"), ("Raj Patel".into(), RepSource::Git));
    assert_eq!(rep("Initech"), ("Ana Ruiz".into(), RepSource::Git));
    let reps: Vec<&str> = report.reps.iter().map(|r| r.rep.as_str()).collect();
    assert_eq!(reps, ["Ana Ruiz", "Dana Ortiz", "Raj Patel"]);

    // A colleague's new account, committed after that report: read from the newer commits only.
    let store = AccountStore::new(dir.path());
    let opened = store
        .open_for_edit("Umbrella", &bank(), at("2026-11-23T09:00:00Z"))
        .unwrap();
    store.save(&opened.path, &opened.account).unwrap();
    drop(opened);
    let lee = files(&["Umbrella"]);
    commit_as(
        dir.path(),
        "Lee Chen",
        &lee.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(
        dir.path()
            .join("cache")
            .join(disco::storage::authors::AUTHORS_CACHE)
            .exists()
    );
    let report = report_of(dir.path());
    let reps: Vec<&str> = report.reps.iter().map(|r| r.rep.as_str()).collect();
    assert_eq!(reps, ["Ana Ruiz", "Dana Ortiz", "Lee Chen", "Raj Patel"]);
}

#[test]
fn a_git_folder_without_commits_has_no_authors_and_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    crate::common::team::git(dir.path(), &["init", "-q"]);
    let report = report_of(dir.path());
    assert!(report.accounts.iter().skip(1).all(|a| a.rep == UNKNOWN_REP));
    assert_eq!(
        report.problems.len(),
        1,
        "only the broken file: {:?}",
        report.problems
    );
}

#[test]
fn open_warnings_are_counted_with_a_sheet_and_cached() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = bank();
    crate::common::save_sample(&store, "Calm", &bank);
    crate::common::save_flagged_sample(&store, "Flagged", &bank);
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("question-banks/company.example.yaml");
    let Some(SheetSource::Loaded(company, _)) = resolve_company(Some(&sheet), None).unwrap() else {
        panic!("the example sheet does not load");
    };
    let counted = |store: &AccountStore| {
        let counter = WarningCounter::new(store.data_dir(), company.guard(), bank.clone());
        let report = report::build(
            gather(store, Some(&counter)).unwrap(),
            &bank,
            at(NOW),
            &jiff::tz::TimeZone::UTC,
        );
        let warnings: Vec<Option<usize>> = report.accounts.iter().map(|a| a.warnings).collect();
        (warnings, report.team.warnings)
    };
    let (first, team) = counted(&store);
    assert_eq!(first[0], Some(0), "Calm");
    assert!(first[1].is_some_and(|n| n >= 2), "Flagged: {first:?}");
    assert_eq!(team, Some(first[1].unwrap()));
    assert!(
        disco::storage::warnings::cache_path(dir.path()).exists(),
        "the counts are cached for the next report and listing"
    );
    assert_eq!(counted(&store).0, first, "same counts from the cache");
}

#[test]
fn markdown_has_every_part_and_escapes_table_breakers() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let store = AccountStore::new(dir.path());
    let (path, _) = store.locate("Acme Corp").unwrap();
    let mut acme = AccountStore::load(&path).unwrap();
    acme.name = "Acme | Sons\nLtd".into();
    store.save(&path, &acme).unwrap();
    let text = markdown::render(&report_of(dir.path()));
    assert!(text.contains("| Acme \\| Sons Ltd | Dana Ortiz | 66% (2/3) | 33% (1/3) | 0% (0/1) | 2 | – | **overdue** 2026-11-20: Send the draft | 3 |"), "{text}");
    assert!(
        text.contains(
            "| **Everyone** | 3 | 22% (2/9) | 44% (4/9) | 33% (1/3) | 2 (2 accounts with none) |"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "| Dana Ortiz | 1 | 66% (2/3) | 33% (1/3) | 0% (0/1) | 2 | – | 0 | 1 | 0 | 3 |"
        ),
        "{text}"
    );
    assert!(
        text.contains("| kim | `▄▆` 55 → 80 | 80 (passed,"),
        "{text}"
    );
    assert!(text.contains("| 67% of 3 reviews |"), "{text}");
    assert!(
        text.contains("## Files not read\n\n- `accounts/broken.yaml`: 2:"),
        "{text}"
    );
}

#[test]
fn folders_that_cannot_be_listed_and_bad_records_are_lines_not_failures() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    // The practice folder replaced by a file; a role-play record that is not one.
    std::fs::remove_dir_all(dir.path().join("practice")).unwrap();
    std::fs::write(dir.path().join("practice"), "not a folder").unwrap();
    std::fs::write(dir.path().join("roleplay/records/bad.yaml"), "schema: [").unwrap();
    let report = report_of(dir.path());
    let files: Vec<&str> = report.problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "accounts/broken.yaml",
            "practice/",
            "roleplay/records/bad.yaml"
        ],
        "{:?}",
        report.problems
    );
    assert!(
        report.problems[1].reason.contains("cannot list"),
        "{:?}",
        report.problems
    );
    // Everything else is still there.
    assert_eq!(report.accounts.len(), 3);
    assert_eq!(report.trainees[0].scores.len(), 2);
    assert_eq!(
        report.trainees[0].retention_30d, None,
        "kim's practice was not read"
    );
}

#[test]
fn a_session_run_from_the_trainers_card_is_counted_apart_from_unfinished_ones() {
    use disco::core::roleplay::{RoleplayRecord, SCHEMA_VERSION, TrainerSession};
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    disco::storage::roleplay::RoleplayStore::new(dir.path())
        .save(&RoleplayRecord {
            schema: SCHEMA_VERSION,
            scenario: "hidden-engineering".into(),
            scenario_title: "Hidden engineering".into(),
            trainee: "lee".into(),
            account: "lee-2".into(),
            started: at("2026-11-23T09:00:00Z"),
            transcript: Vec::new(),
            events: Vec::new(),
            turns: Default::default(),
            debrief: None,
            trainer: Some(TrainerSession {
                ticked: vec!["engineering-approves".into()],
                notes: Vec::new(),
                ended: at("2026-11-23T09:20:00Z"),
                facts: 4,
            }),
        })
        .unwrap();
    let report = report_of(dir.path());
    let lee = &report.trainees[1];
    assert_eq!(lee.trainee, "lee");
    assert_eq!((lee.unfinished_roleplays, lee.trainer_sessions), (1, 1));
    assert!(lee.scores.is_empty());
}
