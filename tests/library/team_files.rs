//! git's merge driver on the team's shared files other than accounts: banks, scenarios, the
//! company sheet merge by keys when git's line merge cannot, and never leave a broken file.

use std::fs;
use std::path::Path;

use disco::storage::team::merge_file;

fn merge(dir: &Path, base: &str, ours: &str, theirs: &str) -> (String, Vec<String>) {
    fs::write(dir.join("base"), base).unwrap();
    fs::write(dir.join("ours"), ours).unwrap();
    fs::write(dir.join("theirs"), theirs).unwrap();
    let merged = merge_file(
        &dir.join("base"),
        &dir.join("ours"),
        &dir.join("theirs"),
        Some("team/company.yaml"),
    )
    .unwrap();
    (fs::read_to_string(dir.join("ours")).unwrap(), merged.notes)
}

const BASE: &str =
    "name: Northwind\ncan:\n  - id: stock\n    statement: Stocked items ship in 2 days.\n";

#[test]
fn items_added_at_the_same_place_on_both_sides_are_both_kept() {
    if super::team_git_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ours = format!("{BASE}  - id: agreement\n    statement: A 12-month agreement.\n");
    let theirs = format!("{BASE}  - id: samples\n    statement: Free samples.\n");
    let (text, notes) = merge(dir.path(), BASE, &ours, &theirs);
    assert!(
        text.contains("A 12-month agreement.") && text.contains("Free samples."),
        "{text}"
    );
    assert!(!text.contains("<<<<<<<"), "{text}");
    let sheet: disco::yaml::Value = disco::yaml::from_str(&text).unwrap();
    assert_eq!(sheet.get("can").unwrap().items().len(), 3);
    assert!(notes[0].contains("merged by keys"), "{notes:?}");
}

#[test]
fn one_value_changed_differently_keeps_ours_says_where_and_the_file_reads() {
    if super::team_git_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ours = BASE.replace("2 days", "3 days");
    let theirs = BASE.replace("2 days", "4 days");
    let (text, notes) = merge(dir.path(), BASE, &ours, &theirs);
    assert!(
        text.contains("3 days") && !text.contains("<<<<<<<"),
        "{text}"
    );
    disco::yaml::from_str::<disco::yaml::Value>(&text).unwrap();
    assert!(
        notes.iter().any(|n| n.contains("can.stock.statement")),
        "{notes:?}"
    );
}

#[test]
fn separate_changes_merge_by_lines_and_keep_the_comments() {
    if super::team_git_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let base = format!("# Our sheet\n{BASE}");
    let ours = base.replace("Northwind", "Northwind Industrial");
    let theirs = base.replace("2 days", "two business days");
    let (text, notes) = merge(dir.path(), &base, &ours, &theirs);
    assert!(text.starts_with("# Our sheet"), "{text}");
    assert!(text.contains("Northwind Industrial") && text.contains("two business days"));
    assert!(notes.is_empty());
}

#[test]
fn a_side_that_does_not_read_is_refused_and_ours_left_whole() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("base"), BASE).unwrap();
    fs::write(dir.path().join("ours"), BASE).unwrap();
    fs::write(dir.path().join("theirs"), "can: [unclosed\n").unwrap();
    let err = merge_file(
        &dir.path().join("base"),
        &dir.path().join("ours"),
        &dir.path().join("theirs"),
        Some("team/company.yaml"),
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("does not read"), "{err:#}");
    assert_eq!(fs::read_to_string(dir.path().join("ours")).unwrap(), BASE);
}
