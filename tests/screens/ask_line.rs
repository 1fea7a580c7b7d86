//! The role-play's ask line: a question in the trainee's own words, sent with Enter, taken for a
//! bank question, answered by the customer, and the answer box of that question ready for notes.

use super::drive::{kims_roleplay_at_nine, press};
use crate::tui::render;

use disco::tui::{App, Msg};

/// What was said so far in the role-play.
fn transcript(app: &App) -> &disco::core::transcript::Transcript {
    &app.call_state()
        .unwrap()
        .roleplay
        .as_ref()
        .unwrap()
        .conversation
        .transcript
}

/// What waits in the ask line, unsent.
fn ask_line(app: &App) -> String {
    let call = app.call_state().unwrap();
    call.roleplay.as_ref().unwrap().ask_line.lines().join("")
}

#[test]
fn the_ask_line_takes_own_words_for_a_bank_question_at_80x24_and_60x20() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>Does engineering have to sign off on a new vendor?",
    );
    insta::assert_snapshot!("ask_line_typing_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("ask_line_typing_60x20", render(&app, 60, 20));
    press(&mut app, "<ret>");
    let call = app.call_state().unwrap();
    assert_eq!(
        call.question_id(),
        "vendor-approvals",
        "the answer box of the question asked"
    );
    let said = &call.roleplay.as_ref().unwrap().conversation.transcript;
    assert_eq!(said.turns[1].question.as_deref(), Some("vendor-approvals"));
    assert!(said.revealed().contains("engineering-approves"));
    insta::assert_snapshot!("ask_line_answered_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("ask_line_answered_60x20", render(&app, 60, 20));
    // Focus is back in the answer box: typing notes what was said.
    press(&mut app, "Eng signs off first");
    let call = app.call_state().unwrap();
    assert_eq!(call.answer.lines().join("\n"), "Eng signs off first");
}

#[test]
fn a_line_nobody_could_place_gets_a_what_do_you_mean_and_esc_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>zebra quantum<ret><F4>zebra quantum<ret>",
    );
    let said = transcript(&app);
    assert_eq!(
        said.turns.len(),
        5,
        "opening, then a line and a reply twice"
    );
    assert_ne!(
        said.turns[2].text, said.turns[4].text,
        "never the same reply twice in a row"
    );
    press(&mut app, "<F4>half a question<esc>");
    assert_eq!(ask_line(&app), "half a question");
    press(&mut app, "<ret>");
    assert_eq!(
        transcript(&app).turns.len(),
        5,
        "Enter in the answer box is a new line, not a question"
    );
    press(&mut app, "<F4><ret>");
    assert_eq!(
        transcript(&app).turns.len(),
        7,
        "back in the ask line, Enter sends what was kept"
    );
}

#[test]
fn a_follow_up_brings_back_the_answer_box_of_the_question_it_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>Is there an approved vendor list?<ret><A-2>",
    );
    assert_eq!(app.call_state().unwrap().question_id(), "valued-supplier");
    press(
        &mut app,
        "<F4>What would engineering want to see from us?<ret>",
    );
    let call = app.call_state().unwrap();
    let said = &call.roleplay.as_ref().unwrap().conversation.transcript;
    assert_eq!(said.turns[3].intent.as_deref(), Some("approved-list-how"));
    assert_eq!(call.question_id(), "vendor-approvals");
}

#[test]
fn a_question_pasted_into_the_ask_line_is_one_line_and_sends_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(&mut app, "<ret><F4>");
    app.update(Msg::Paste("Is there an approved\nvendor list?".into()));
    let call = app.call_state().unwrap();
    assert_eq!(
        call.roleplay.as_ref().unwrap().ask_line.lines(),
        ["Is there an approved vendor list?"]
    );
    assert_eq!(
        call.answer.lines().join(""),
        "",
        "nothing went to the answer"
    );
    press(&mut app, "<ret>");
    assert_eq!(app.call_state().unwrap().question_id(), "vendor-approvals");
}

#[test]
fn the_role_play_screen_keeps_the_step_shows_the_question_cut_with_an_ellipsis_and_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>who decides on suppliers there<ret><F4>Do other departments play a part?<ret><F4>What makes a supplier valuable to you?<ret>",
    );
    for (width, height) in [(80, 24), (60, 20)] {
        let screen = render(&app, width, height);
        insta::assert_snapshot!(format!("roleplay_screen_{width}x{height}"), screen);
        let header = screen.lines().next().unwrap_or_default();
        assert!(
            header.starts_with(" kim · hid") && header.contains("Step 2 of 3"),
            "the header names the trainee and scenario and keeps the step: {header}"
        );
        assert!(
            !header.contains("2026-"),
            "no timestamp in the header: {header}"
        );
        // The question 2.1 does not fit its rows: it is cut with "…", never silently.
        assert!(screen.contains("“When I start"), "{screen}");
        assert!(screen.contains('…'), "{screen}");
        assert!(
            !screen.contains("Who decides on suppliers there")
                && !screen.contains("who decides on suppliers there"),
            "the first line has scrolled out of view: {screen}"
        );
    }
    press(&mut app, "<pgup><pgup><pgup><pgup>");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("You: who decides on suppliers there"),
        "PgUp scrolls back to the first line: {screen}"
    );
    insta::assert_snapshot!("roleplay_screen_scrolled_back_80x24", screen);
    press(&mut app, "<pgdn><pgdn><pgdn><pgdn>");
    let screen = render(&app, 80, 24);
    assert!(
        !screen.contains("You: who decides on suppliers there"),
        "{screen}"
    );
}

#[test]
fn a_move_said_in_own_words_shows_which_move_it_was_taken_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kims_roleplay_at_nine(dir.path(), "hidden-engineering");
    press(
        &mut app,
        "<ret><F4>I'll get you a sharp price, but first can I ask how you judge a supplier?<ret>",
    );
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("→ move: Defer price until you know their criteria"),
        "{screen}"
    );
    assert!(
        screen.contains("Sure, go ahead."),
        "the move's reaction: {screen}"
    );
}
