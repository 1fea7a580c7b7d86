//! The key that adds a person works from the answer, the note and a list, on any step, and the
//! form closes back to where the rep was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Instant;

use disco::storage::AccountStore;
use disco::tui::screens::call::Focus;

use super::drive::{press, render};

#[test]
fn alt_w_adds_a_person_from_the_note_and_from_another_steps_list() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let (_, mut app) = common::call_app(&store, "Acme Corp", Instant::now());
    press(&mut app, "<A-2><C-o>met their buyer<A-w>");
    assert!(render(&app, 80, 24).contains("Add to people"));
    press(&mut app, "Dana Re<ret>");
    assert!(matches!(app.call_state().unwrap().focus, Focus::Notes));
    press(&mut app, "<C-o><C-l><A-w>Raj Patel<ret>");
    let state = app.call_state().unwrap();
    assert!(matches!(state.focus, Focus::Answer), "{:?}", state.focus);
    assert_eq!(state.at.step, 1, "still on step 2");
    let people = state.account.records("people");
    assert_eq!(people.len(), 2);
    assert_eq!(
        (&people[0]["name"], &people[1]["name"]),
        (&"Dana Re".to_string(), &"Raj Patel".to_string())
    );
    assert!(state.account.records("criteria").is_empty());
    assert_eq!(state.notes.lines(), ["met their buyer"]);
    app.finish().unwrap();
}
