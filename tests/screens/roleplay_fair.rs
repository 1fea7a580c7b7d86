//! Role-play debrief fairness on the live screen: a note counts for what the customer revealed
//! only with what was written after they said it.

use super::drive::{kims_roleplay_at_nine, press};
use crate::common;

use std::time::Instant;

use disco::storage::AccountStore;
use disco::storage::roleplay::resolve_scenario;
use disco::tui::App;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;

fn engineering_found(app: &mut App) -> bool {
    app.finish().unwrap();
    let call = app.call_state().unwrap();
    let debrief = call
        .roleplay
        .as_ref()
        .unwrap()
        .record
        .debrief
        .clone()
        .unwrap();
    debrief
        .facts
        .iter()
        .find(|f| f.id == "engineering-approves")
        .unwrap()
        .found
}

#[test]
fn a_note_typed_before_the_reveal_does_not_count_on_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    // The keywords first, in the box the reply will land in, then the question.
    press(
        &mut app,
        "<ret><A-1><tab><tab>engineering approves vendors<F4>Does engineering have to sign off on a new vendor?<ret><C-q>",
    );
    let call = app.call_state().unwrap();
    assert!(
        call.roleplay
            .as_ref()
            .unwrap()
            .conversation
            .transcript
            .revealed()
            .contains("engineering-approves")
    );
    assert!(!engineering_found(&mut app), "{}", app.farewell().unwrap());
    assert!(
        app.farewell()
            .unwrap()
            .contains("written before the customer said it"),
        "{}",
        app.farewell().unwrap()
    );

    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>Does engineering have to sign off on a new vendor?<ret>Eng approves vendors<C-q>",
    );
    assert!(engineering_found(&mut app), "{}", app.farewell().unwrap());
}

#[test]
fn gibberish_asks_alone_are_neither_scored_nor_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "price-first");
    press(
        &mut app,
        "<ret><F4>asdf<ret><F4>qwer<ret><F4>zxcv<ret><F4>hmm<ret><C-c>",
    );
    assert!(app.quit, "nothing to lose: Ctrl+C ends it at once");
    app.finish().unwrap();
    assert!(
        app.farewell().unwrap().contains("not scored or kept"),
        "{}",
        app.farewell().unwrap()
    );
    let (records, _) = disco::storage::roleplay::RoleplayStore::new(dir.path())
        .list()
        .unwrap();
    assert!(records.is_empty());
}

#[test]
fn a_promise_typed_on_the_ask_line_gets_a_reaction_and_costs_trust() {
    let company: disco::core::company::Company =
        disco::yaml::from_str(disco::storage::company::EXAMPLE_SHEET).unwrap();
    let trust_after = |company: Option<disco::core::company::Company>| {
        let dir = tempfile::tempdir().unwrap();
        let start = Instant::now();
        let mut setup = Setup::new(
            AccountStore::new(dir.path()),
            common::bank(),
            Theme { color: false },
        );
        setup.company = company;
        let scenario = resolve_scenario("assumed-terms", &common::bank()).unwrap();
        let mut app = App::roleplay(setup, scenario, "kim", start).unwrap();
        press(
            &mut app,
            "<ret><F4>and we can ship overnight anywhere, net 90 is fine too<ret>",
        );
        let conversation = &app
            .call_state()
            .unwrap()
            .roleplay
            .as_ref()
            .unwrap()
            .conversation;
        let said = conversation.transcript.turns[1].clone();
        (conversation.state.trust, said)
    };
    let (plain, _) = trust_after(None);
    let (guarded, said) = trust_after(Some(company));
    assert_eq!(said.intent.as_deref(), Some("promise"), "{said:?}");
    assert!(guarded < plain, "{guarded} < {plain}");
}

#[test]
fn history_and_debrief_say_what_they_did_not_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>Does engineering have to sign off on a new vendor?<ret>Eng approves vendors<C-q>",
    );
    app.finish().unwrap();
    let (records, _) = disco::storage::roleplay::RoleplayStore::new(dir.path())
        .list()
        .unwrap();
    assert_eq!(records.len(), 1);
    let run = |args: &[&str]| {
        std::process::Command::new(common::bin())
            .args(args)
            .env("DISCO_DATA_DIR", dir.path())
            .output()
            .unwrap()
    };
    let history = run(&["roleplay", "--history", "--trainee", "sam"]);
    let text = String::from_utf8_lossy(&history.stdout);
    assert!(
        text.contains("No role-plays by sam yet; there are some by: kim."),
        "{text}"
    );
    let other = run(&["debrief", &records[0].account, "--scenario", "price-first"]);
    assert!(
        !other.status.success(),
        "a role-play judged against another scenario"
    );
    let err = String::from_utf8_lossy(&other.stderr);
    assert!(
        err.contains("is a role-play of hidden-engineering, not price-first")
            && err.contains("--scenario hidden-engineering"),
        "{err}"
    );
}
