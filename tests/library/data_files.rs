//! Every hand-written data file under tests/fixtures (banks, company sheets): valid ones load,
//! invalid ones fail with exactly the errors in their `.expected` file (`{file}` stands for
//! the file's path) and are left untouched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::process::Command;

use std::path::Path;

use disco::storage::company::load_company;
use disco::storage::{FileErrors, load_bank};

fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(common::fixture(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

/// Runs `load` over `<kind>/valid` and `<kind>/invalid`.
fn check_fixtures<T>(kind: &str, load: impl Fn(&Path) -> Result<T, FileErrors>) {
    for path in yaml_files(&format!("{kind}/valid")) {
        if let Err(errors) = load(&path) {
            panic!("{} should be valid:\n{errors}", path.display());
        }
    }
    for path in yaml_files(&format!("{kind}/invalid")) {
        let expected = fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()))
            .replace("{file}", &path.display().to_string());
        let before = fs::read(&path).unwrap();
        let Err(errors) = load(&path) else {
            panic!("{} should be invalid", path.display());
        };
        assert_eq!(
            errors.to_string().trim(),
            expected.trim(),
            "{}",
            path.display()
        );
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "checking must not touch the file"
        );
    }
}

#[test]
fn bank_fixtures() {
    check_fixtures("banks", load_bank);
}

#[test]
fn company_fixtures() {
    check_fixtures("company", load_company);
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks/company.example.yaml");
    load_company(&shipped).unwrap();
}

#[test]
fn the_shipped_bank_is_valid_and_matches_the_built_in_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks/reset.yaml");
    let shipped = load_bank(&path).unwrap();
    assert_eq!(shipped, common::bank());
    assert_eq!(shipped.steps.len(), 3);
    let questions: Vec<usize> = shipped.steps.iter().map(|s| s.questions.len()).collect();
    assert_eq!(questions, [5, 3, 3]);
    let lists: Vec<&str> = shipped.capture_lists().map(|c| c.id.as_str()).collect();
    assert_eq!(lists, ["people", "criteria", "commitments"]);
}

#[test]
fn bank_check_exits_one_and_lists_errors_on_stderr() {
    let path = common::fixture("banks/invalid/duplicate-ids.yaml");
    let out = Command::new(common::bin())
        .args(["bank", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("steps[1].questions[2].id: duplicate id \"past-problems\""),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems found"), "{stderr}");
}

#[test]
fn bank_check_accepts_the_shipped_bank() {
    let out = Command::new(common::bin())
        .args(["bank", "check", "question-banks/reset.yaml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (3 steps, 11 questions)"));
}

#[test]
fn company_check_exits_one_and_lists_errors() {
    let path = common::fixture("company/invalid/duplicate-ids.yaml");
    let out = Command::new(common::bin())
        .args(["company", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("can[0].id: duplicate id \"fast\""),
        "{stderr}"
    );
    assert!(stderr.contains("4 problems found"), "{stderr}");
}
