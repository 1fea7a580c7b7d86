//! Capturing on a live call, in the real binary: a person heard on step 3 goes to people
//! without leaving step 3, with two keys or with the one that adds a person.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::pty::Session;
use disco::storage::AccountStore;

const CTRL_Q: &[u8] = b"\x11";
const INSERT: &[u8] = b"\x1b[2~";
const ALT_1: &[u8] = b"\x1b1";
const ALT_3: &[u8] = b"\x1b3";
const ALT_W: &[u8] = b"\x1bw";

#[test]
fn a_person_heard_on_step_three_is_added_to_people_from_step_three() {
    add_a_person_on_step_three(|s| {
        // One key opens a record from the answer, this step's list preselected...
        s.send(INSERT);
        s.wait_for("Add to commitments");
        // ...and one more sends it to people.
        s.send(ALT_1);
    });
}

#[test]
fn one_key_on_step_three_adds_a_person_to_people() {
    add_a_person_on_step_three(|s| s.send(ALT_W));
}

/// On step 3, mid-answer, `open` brings up a new person; one is typed and saved, and the rep
/// types on in the answer of step 3.
fn add_a_person_on_step_three(open: impl FnOnce(&mut Session)) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(dir.path(), &["call", "Acme Corp"]);
    s.wait_for("Step 1 of 3");
    s.send(ALT_3);
    s.wait_for("Step 3 of 3");
    s.type_text("Weekly deliveries");
    open(&mut s);
    s.wait_for("Add to people");
    s.type_text("Priya Shah\r");
    s.wait_for("Added “Priya Shah” to People");
    assert!(s.contents().contains("Step 3 of 3"), "{}", s.contents());
    s.type_text(", she signs off");
    s.wait_for("Weekly deliveries, she signs off");
    s.send(CTRL_Q);
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let account = common::load_only_account(&AccountStore::new(dir.path()));
    let people = account.records("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "Priya Shah");
    assert_eq!(people[0].get("part"), None, "no part is assumed");
    assert!(account.records("commitments").is_empty());
    let bank = common::bank();
    let step_three = &bank.steps[2].questions[0].id;
    assert_eq!(
        account.answer(step_three),
        "Weekly deliveries, she signs off"
    );
}
