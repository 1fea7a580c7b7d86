//! `disco report` run as a manager would: JSON and markdown from the command line, the screen in
//! a pseudo-terminal, reps read from git in a team folder, and no program run outside one.

use crate::common;
use crate::common::team::{NOW, commit_as, write_team_folder};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use disco::storage::AccountStore;

fn disco(data: &Path, args: &[&str], path_env: Option<&str>) -> Output {
    let mut command = Command::new(common::bin());
    command
        .args(args)
        .env("DISCO_DATA_DIR", data)
        .env("DISCO_NOW", NOW)
        .env("TZ", "UTC")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("DISCO_BANK")
        .env_remove("DISCO_COMPANY");
    if let Some(path) = path_env {
        command.env("PATH", path);
    }
    command.output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A team folder whose Globex file Raj committed and the rest Ana.
fn team_repository(dir: &Path) {
    write_team_folder(dir);
    let store = AccountStore::new(dir);
    let file = |name: &str| {
        let (path, _) = store.locate(name).unwrap();
        path.strip_prefix(dir).unwrap().display().to_string()
    };
    commit_as(dir, "Raj Patel", &[&file("Globex")]);
    commit_as(dir, "Ana Ruiz", &[&file("Initech"), &file("Acme Corp")]);
}

#[test]
fn report_json_has_accounts_reps_trainees_and_the_files_not_read() {
    let dir = tempfile::tempdir().unwrap();
    team_repository(dir.path());
    let report = json(&disco(dir.path(), &["report", "--json"], None));
    assert_eq!(report["today"], "2026-11-24");
    let reps: Vec<&str> = report["reps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rep"].as_str().unwrap())
        .collect();
    assert_eq!(reps, ["Ana Ruiz", "Dana Ortiz", "Raj Patel"]);
    let globex = &report["accounts"][2];
    assert_eq!(globex["name"], "Globex");
    assert_eq!(globex["rep"], "Raj Patel");
    assert_eq!(globex["rep_from"], "git");
    assert_eq!(globex["coverage"][1]["answered"], 3);
    assert_eq!(globex["next_step"]["state"], "due");
    assert_eq!(globex["days_since_last_call"], 21);
    assert_eq!(report["accounts"][1]["rep_from"], "owner");
    assert_eq!(report["team"]["next_steps_overdue"], 1);
    assert_eq!(report["warnings_counted"], false);
    assert_eq!(report["trainees"][0]["trainee"], "kim");
    assert_eq!(report["trainees"][0]["scores"][1]["score"], 80);
    assert_eq!(report["problems"][0]["file"], "accounts/broken.yaml");
    // The same with --format json.
    let again = json(&disco(dir.path(), &["report", "--format", "json"], None));
    assert_eq!(again, report);
}

#[test]
fn report_json_counts_open_warnings_with_a_company_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_flagged_sample(&store, "Flagged", &common::bank());
    let sheet = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let report = json(&disco(
        dir.path(),
        &["--company", sheet, "report", "--json"],
        None,
    ));
    assert_eq!(report["warnings_counted"], true);
    assert!(
        report["accounts"][0]["warnings"].as_u64().unwrap() >= 2,
        "{report}"
    );
    assert_eq!(
        report["team"]["warnings"],
        report["accounts"][0]["warnings"]
    );
}

#[test]
fn report_markdown_has_tables_sparklines_and_the_files_not_read() {
    let dir = tempfile::tempdir().unwrap();
    team_repository(dir.path());
    let out = disco(dir.path(), &["report", "--format", "md"], None);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# Team report\n\nAs of 2026-11-24 · 3 accounts · 3 reps · 2 trainees\n"),
        "{text}"
    );
    assert!(text.contains("| Raj Patel | 1 | 0% (0/3) | 100% (3/3) | 100% (1/1) | 0 (1 account with none) | – | 1 | 0 | 0 | 21 |"), "{text}");
    assert!(text.contains("| Globex | Raj Patel |"), "{text}");
    assert!(text.contains("`▄▆` 55 → 80"), "{text}");
    assert!(text.contains("- `accounts/broken.yaml`: 2:7:"), "{text}");
    // Piped without a format: the same markdown, not a screen.
    let piped = disco(dir.path(), &["report"], None);
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), text);
}

/// A `git` first on the PATH that notes each run, then runs the real one.
fn spy_git(dir: &Path) -> (String, std::path::PathBuf) {
    let real = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let log = dir.join("git-runs");
    let script = format!(
        "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{real}' \"$@\"\n",
        log.display()
    );
    fs::write(bin.join("git"), script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(bin.join("git"), fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, log)
}

#[test]
fn report_runs_git_only_in_a_team_folder() {
    let tools = tempfile::tempdir().unwrap();
    let (path, log) = spy_git(tools.path());
    let plain = tempfile::tempdir().unwrap();
    write_team_folder(plain.path());
    let report = json(&disco(plain.path(), &["report", "--json"], Some(&path)));
    assert!(!log.exists(), "git ran outside a team folder");
    assert_eq!(report["accounts"][1]["rep"], "unknown");

    let team = tempfile::tempdir().unwrap();
    team_repository(team.path());
    let report = json(&disco(team.path(), &["report", "--json"], Some(&path)));
    let runs = fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = runs.lines().collect();
    assert_eq!(lines.len(), 2, "where HEAD is, then one git log: {runs}");
    assert!(lines[0].contains("rev-parse"), "{runs}");
    assert!(lines[1].contains(" log "), "{runs}");
    assert_eq!(report["accounts"][2]["rep"], "Raj Patel");
    // Nothing committed since: the authors come from the cache, history is not read again.
    fs::remove_file(&log).unwrap();
    let again = json(&disco(team.path(), &["report", "--json"], Some(&path)));
    let runs = fs::read_to_string(&log).unwrap();
    assert_eq!(runs.lines().count(), 1, "{runs}");
    assert!(runs.contains("rev-parse"), "{runs}");
    assert_eq!(again, report);
}

#[test]
fn report_without_git_on_the_path_still_reports() {
    let team = tempfile::tempdir().unwrap();
    team_repository(team.path());
    let empty = tempfile::tempdir().unwrap();
    let report = json(&disco(
        team.path(),
        &["report", "--json"],
        Some(&empty.path().display().to_string()),
    ));
    assert_eq!(report["accounts"][2]["rep"], "unknown");
    let problems = report["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["reason"].as_str().unwrap().contains("needs git")),
        "{problems:?}"
    );
}

#[test]
fn report_screen_opens_switches_parts_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    write_team_folder(dir.path());
    let mut s =
        common::pty::Session::spawn_with_env(dir.path(), &["report"], &[("DISCO_NOW", NOW)]);
    s.wait_for("Per rep");
    s.wait_for("Dana Ortiz · required answered per step");
    s.type_text("\t");
    s.wait_for("Per account");
    s.send(b"\x1b");
    assert!(s.wait_exit().success());
    // At 60x20 too, where the step names are cut to fit beside their bars.
    let mut s = common::pty::Session::spawn_sized(dir.path(), &["report"], 60, 20);
    s.wait_for("1 Who decides");
    s.wait_for("2 How they measure…");
    s.type_text("\t");
    s.wait_for("Per account");
    s.send(b"\x1b");
    assert!(s.wait_exit().success());
}
