//! Capturing and finding on the call screen: a record added to any list from anywhere, read
//! in full; search across the account; Go to question by number or words.

use crate::common;

use std::time::Instant;

use disco::core::QuestionRef;
use disco::storage::AccountStore;
use disco::tui::screens::call::Focus;
use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The account lock drops before its folder.
struct Call {
    app: App,
    _dir: tempfile::TempDir,
}

fn open_call() -> Call {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let (_, app) = common::call_app(&store, "Acme Corp", Instant::now());
    Call { app, _dir: dir }
}

use super::drive::{press, render};

/// An answer on 1.1, a person with a note of their own, and a scratch note: the three kinds of
/// text search reads.
fn call_with_dana() -> Call {
    let mut call = open_call();
    press(
        &mut call.app,
        "Dana runs purchasing, deliveries by 4pm/7am<C-l><ins>Dana Fox<tab>Buyer<tab><tab><tab><tab><tab>Met Dana at the trade fair<ret><esc><C-o>Call Dana back on Friday<C-o>",
    );
    call
}

#[test]
fn search_finds_text_in_answers_records_and_the_note_and_jumps_there() {
    let mut call = call_with_dana();
    press(&mut call.app, "<C-f>dana");
    let screen = render(&call.app, 80, 24);
    insta::assert_snapshot!("search_dana", screen);
    assert!(screen.contains("4 lines hold it."), "{screen}");
    assert!(screen.contains("1.1  Dana runs purchasing"), "{screen}");
    assert!(screen.contains("People · Dana Fox · Name"), "{screen}");
    assert!(screen.contains("Note  Call Dana back"), "{screen}");
    // The words found are marked in each line, wherever they are in it.
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| call.app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let marked: Vec<String> = (0..24)
        .map(|y| {
            (0..80)
                .filter(|&x| {
                    buffer[(x, y)]
                        .modifier
                        .contains(ratatui::style::Modifier::UNDERLINED)
                })
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .filter(|m: &String| !m.is_empty())
        .collect();
    assert_eq!(marked, ["Dana", "Dana", "Dana", "Dana"]);
    // The third hit is the person's own note: Enter goes to that record in the list.
    press(&mut call.app, "<down><tab><ret>");
    let state = call.app.call_state().unwrap();
    assert!(
        matches!(state.focus, Focus::Captures { .. }),
        "{:?}",
        state.focus
    );
    assert_eq!(state.selected_record, 0);
    assert_eq!(state.at.step, 0);
}

#[test]
fn search_takes_every_typed_character_and_lands_on_the_match_in_the_note() {
    let mut call = call_with_dana();
    // Slashes, digits and letters are all text to the search, never commands.
    press(&mut call.app, "<tab><C-f>4PM/7am");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Find 4PM/7am"), "{screen}");
    assert!(screen.contains("1 line holds it."), "{screen}");
    press(&mut call.app, "<ret>");
    let state = call.app.call_state().unwrap();
    assert_eq!(
        state.at,
        QuestionRef {
            step: 0,
            question: 0
        }
    );
    assert!(matches!(state.focus, Focus::Answer));
    assert_eq!(state.answer.cursor(), (0, 36), "the cursor is on the match");
    // The note: its line and column.
    press(&mut call.app, "<C-f>friday<ret>");
    let state = call.app.call_state().unwrap();
    assert!(matches!(state.focus, Focus::Notes));
    assert_eq!(state.notes.cursor(), (0, 18));
    // Nothing found: Enter says so and stays.
    press(&mut call.app, "<C-f>zebra<ret>");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Nothing found."), "{screen}");
    // Esc closes it, back to the note it was opened from; from the answer, to the answer.
    press(&mut call.app, "<esc>");
    assert!(matches!(call.app.call_state().unwrap().focus, Focus::Notes));
    press(&mut call.app, "<C-o><C-f>x<esc>");
    assert!(matches!(
        call.app.call_state().unwrap().focus,
        Focus::Answer
    ));
}

#[test]
fn go_to_question_takes_a_number_or_words_and_filters_as_they_are_typed() {
    let mut call = open_call();
    press(&mut call.app, "<C-g>2.3");
    let screen = render(&call.app, 80, 24);
    insta::assert_snapshot!("goto_filter_number", screen);
    assert!(screen.contains("Filter 2.3▏  1 of 11"), "{screen}");
    assert!(screen.contains("   2.3 You have worked"), "{screen}");
    press(&mut call.app, "<ret>");
    assert_eq!(
        call.app.call_state().unwrap().at,
        QuestionRef {
            step: 1,
            question: 2
        }
    );
    // "3" keeps step 3; words keep the questions that hold them, whatever their case.
    press(&mut call.app, "<C-g>3");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Filter 3▏  3 of 11"), "{screen}");
    assert!(
        screen.contains("Step 3 · ") && !screen.contains("Step 2 · "),
        "{screen}"
    );
    press(&mut call.app, "<bs>VALUABLE supplier");
    let screen = render(&call.app, 60, 20);
    insta::assert_snapshot!("goto_filter_words", screen);
    assert!(
        screen.contains("Filter VALUABLE supplier▏  1 of 11"),
        "{screen}"
    );
    press(&mut call.app, "<ret>");
    let at = call.app.call_state().unwrap().at;
    assert_eq!(
        at,
        QuestionRef {
            step: 1,
            question: 0
        }
    );
    // A pasted filter works like a typed one.
    press(&mut call.app, "<C-g>");
    call.app.update(Msg::Paste("3.2".into()));
    press(&mut call.app, "<ret>");
    assert_eq!(
        call.app.call_state().unwrap().at,
        QuestionRef {
            step: 2,
            question: 1
        }
    );
    let at = call.app.call_state().unwrap().at;
    // A filter that keeps nothing says so, and Enter stays put.
    press(&mut call.app, "<C-g>9.9<ret>");
    let state = call.app.call_state().unwrap();
    assert!(matches!(state.focus, Focus::Picker { .. }));
    assert_eq!(state.at, at);
}

#[test]
fn a_person_heard_on_step_three_goes_to_people_and_the_rep_is_back_on_step_three() {
    let mut call = open_call();
    // Ins from the answer: this step's list (commitments); Alt+1 sends the record to people.
    press(&mut call.app, "<A-3>They said<ins>Priya Shah");
    let screen = render(&call.app, 80, 24);
    assert!(
        screen.contains("Add to commitments · Alt+1 people"),
        "{screen}"
    );
    press(&mut call.app, "<A-1>");
    let screen = render(&call.app, 80, 24);
    insta::assert_snapshot!("add_person_from_step_three", screen);
    // What was typed as the commitment's "what" is now the person's name.
    assert!(screen.contains("Add to people"), "{screen}");
    assert!(
        screen.contains("▶ Name*                Priya Shah"),
        "{screen}"
    );
    press(&mut call.app, "<tab>Plant manager<ret>");
    let screen = render(&call.app, 80, 24);
    assert!(
        screen.contains("Added “Priya Shah” to People. Undo: Ctrl+L, Ctrl+U."),
        "{screen}"
    );
    press(&mut call.app, " and more");
    let state = call.app.call_state().unwrap();
    let people = state.account.records("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "Priya Shah");
    assert_eq!(people[0]["title"], "Plant manager");
    assert_eq!(
        people[0].get("part"),
        None,
        "no part in the decision is assumed"
    );
    assert!(state.account.records("commitments").is_empty());
    assert_eq!(state.at.step, 2, "still on step 3");
    assert_eq!(
        state.answer.lines(),
        ["They said and more"],
        "typing goes on"
    );
    // From step 3's list, the list's undo takes the person back.
    press(&mut call.app, "<C-l><C-u>");
    assert!(
        call.app
            .call_state()
            .unwrap()
            .account
            .records("people")
            .is_empty()
    );
}

#[test]
fn ins_right_after_a_letter_typed_at_a_list_adds_a_record() {
    let mut call = open_call();
    // The letter leaves the list for the answer; Ins then used to add nothing.
    press(&mut call.app, "<C-l>x<ins>");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.answer.lines(), ["x"]);
    assert!(
        matches!(&state.focus, Focus::Form(form) if form.list.id == "people"),
        "{:?}",
        state.focus
    );
    // Alt+A from the list is Ins there: the new record is saved back into the list.
    press(&mut call.app, "<esc><C-l><A-a>Bo<ret>");
    assert!(matches!(
        call.app.call_state().unwrap().focus,
        Focus::Captures { .. }
    ));
    press(&mut call.app, "<esc>");
    // An edited record stays in its list: Alt+2 does not move it.
    press(&mut call.app, "Ann<ret><C-l><ret><A-2>");
    let state = call.app.call_state().unwrap();
    assert!(
        matches!(&state.focus, Focus::Form(form) if form.list.id == "people"
            && form.error.as_deref() == Some("An edited record stays in its list.")),
        "{:?}",
        state.focus
    );
}

#[test]
fn choices_start_empty_and_backspace_takes_one_back() {
    let mut call = open_call();
    press(&mut call.app, "<ins>Ann<tab><tab><tab>");
    let screen = render(&call.app, 80, 24);
    assert!(
        screen.contains("Part in the decision – not chosen · → picks"),
        "nothing chosen, nothing must be: {screen}"
    );
    press(&mut call.app, "<left>");
    let screen = render(&call.app, 80, 24);
    assert!(
        screen.contains("left the company"),
        "← from none takes the last: {screen}"
    );
    press(&mut call.app, "<bs><ret>");
    let people = &call.app.call_state().unwrap().account.records("people");
    assert_eq!(people[0].get("part"), None);
}

#[test]
fn a_long_record_reads_in_full_in_the_detail_view_and_scrolls() {
    let mut call = open_call();
    let long = "Runs the receiving dock on nights and checks every pallet against the order; \
                was let down twice by the last vendor, who shipped short and never called; \
                wants a named contact and a call before anything ships late, ";
    press(
        &mut call.app,
        &format!(
            "<C-l><ins>Dana Fox<tab>Night supervisor<tab><tab><tab><tab><tab>{long}{long}{long}end of note.<ret>"
        ),
    );
    // In the list the record is one cut line; → shows all of it.
    let list = render(&call.app, 60, 20);
    assert!(!list.contains("end of note."), "{list}");
    press(&mut call.app, "<right>");
    let screen = render(&call.app, 60, 20);
    insta::assert_snapshot!("record_detail_60x20", screen);
    let shown: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(shown.contains("People 1 of 1"), "{screen}");
    assert!(
        shown.contains("lines 1–"),
        "the scroll position shows: {screen}"
    );
    press(&mut call.app, "<pgdn>");
    let screen = render(&call.app, 60, 20);
    let shown: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains("end of note."), "{screen}");
    // At 80×24 it fits whole, with no scroll position.
    let screen = render(&call.app, 80, 24);
    let shown: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        shown.contains("Runs the receiving dock") && shown.contains("end of note."),
        "{screen}"
    );
    // Enter edits it; Esc in the detail view goes back to the list.
    press(&mut call.app, "<ret>");
    assert!(matches!(
        call.app.call_state().unwrap().focus,
        Focus::Form(_)
    ));
    press(&mut call.app, "<esc><right><esc>");
    assert!(matches!(
        call.app.call_state().unwrap().focus,
        Focus::Captures { .. }
    ));
}

#[test]
fn the_list_and_the_answer_box_show_their_scroll_position_when_they_overflow() {
    let mut call = open_call();
    let screen = render(&call.app, 80, 24);
    assert!(
        !screen.contains("line 1 of"),
        "nothing overflows yet: {screen}"
    );
    for name in ["Ann", "Bo", "Cy", "Di", "Ed", "Flo"] {
        press(&mut call.app, &format!("<ins>{name}<ret>"));
    }
    press(&mut call.app, "<C-l>");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("3–6 of 6"), "{screen}");
    press(&mut call.app, "<up><up><up><up><up>");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("1–4 of 6"), "{screen}");
    press(&mut call.app, "<esc>");
    press(&mut call.app, &"a line<ret>".repeat(12));
    let screen = render(&call.app, 80, 24);
    insta::assert_snapshot!("scroll_positions", screen);
    assert!(screen.contains("line 13 of 13"), "{screen}");
    press(&mut call.app, "<up><up><up>");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("line 10 of 13"), "{screen}");
}

#[test]
fn a_record_added_from_the_note_goes_back_to_the_note() {
    let mut call = open_call();
    press(&mut call.app, "<C-o>Met at the fair:<A-a>Ann Lee<ret> more");
    let state = call.app.call_state().unwrap();
    assert!(matches!(state.focus, Focus::Notes), "{:?}", state.focus);
    assert_eq!(state.notes.lines(), ["Met at the fair: more"]);
    assert_eq!(state.account.records("people")[0]["name"], "Ann Lee");
    // Esc on an untouched form goes back to the note too.
    press(&mut call.app, "<ins><esc>");
    assert!(matches!(call.app.call_state().unwrap().focus, Focus::Notes));
}

#[test]
fn a_long_field_wraps_in_the_form_and_stays_readable_in_a_small_window() {
    let mut call = open_call();
    let long = "Runs the receiving dock on nights and checks every pallet against the order; \
                was let down twice by the last vendor who shipped short and never called";
    press(
        &mut call.app,
        &format!("<ins>Dana Fox<tab>Night supervisor<tab><tab><tab><tab><tab>{long}"),
    );
    for (width, height) in [(80, 24), (60, 20)] {
        let screen = render(&call.app, width, height);
        // Once the field scrolled sideways, and in a short window showed only its last word.
        assert!(screen.contains("Runs the receiving dock"), "{screen}");
        assert!(screen.contains("never called"), "{screen}");
    }
    insta::assert_snapshot!("form_long_field_60x20", render(&call.app, 60, 20));
}
