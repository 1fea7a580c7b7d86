//! The call's summary and footers: what is typed on the summary reaches the answer, the keys
//! named work, and a narrow footer keeps what a rep needs, once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::time::Instant;

use disco::storage::AccountStore;
use disco::tui::screens::call::Focus;
use disco::tui::settings;
use disco::tui::setup::{Clipboard, Setup};
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};

use super::drive::{press, render};

fn call(dir: &Path, setup: impl FnOnce(Setup) -> Setup) -> App {
    let store = AccountStore::new(dir);
    let bank = common::bank();
    let opened = store
        .open_for_edit("Sum Co", &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    App::call(
        setup(Setup::new(store, bank, Theme { color: false })),
        opened,
        Instant::now(),
    )
}

fn remapped(config: &str) -> impl FnOnce(Setup) -> Setup {
    let parsed = settings::parse(config, Path::new("config.yaml")).unwrap();
    move |setup: Setup| setup.with_config(Ok(parsed))
}

#[test]
fn words_typed_on_the_summary_go_into_the_answer_and_are_never_commands() {
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Clipboard::kept();
    let mut app = call(dir.path(), |s| s.with_clipboard(clipboard.clone()));
    press(
        &mut app,
        "first answer<C-s> they also said budget is tight<ret><C-s>Jane can confirm on Friday<ret><C-s>c",
    );
    let state = app.call_state().unwrap();
    assert_eq!(
        state.answer.lines(),
        [
            "first answer they also said budget is tight",
            "Jane can confirm on Friday",
            "c"
        ]
    );
    assert!(matches!(state.focus, Focus::Answer), "{:?}", state.focus);
    assert_eq!(state.account.next_step, None, "no letter set the next step");
    assert_eq!(clipboard.take(), None, "no letter copied the recap");
    app.finish().unwrap();
}

#[test]
fn enter_a_paste_and_the_calls_keys_work_from_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = call(dir.path(), |s| s);
    press(&mut app, "first line<C-s><ret>");
    app.update(Msg::Paste("pasted on the summary".into()));
    press(&mut app, "<C-l>");
    app.update(Msg::Paste(", and on the list".into()));
    let state = app.call_state().unwrap();
    assert_eq!(
        state.answer.lines(),
        ["first line", "pasted on the summary, and on the list"]
    );
    // The call's keys work from the summary as if it were closed first.
    press(&mut app, "<C-s><C-l>");
    let focus = &app.call_state().unwrap().focus;
    assert!(matches!(focus, Focus::Captures { .. }), "{focus:?}");
    press(&mut app, "<C-s><tab>");
    assert_eq!(app.call_state().unwrap().at.question, 1);
    app.finish().unwrap();
}

#[test]
fn the_summary_names_keys_that_work_in_either_case_and_as_remapped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = call(dir.path(), |s| s);
    press(&mut app, "<C-s>");
    let screen = render(&app, 100, 24);
    assert!(screen.contains("Alt+N sets it"), "{screen}");
    assert!(screen.contains("Alt+N next step"), "{screen}");
    // The footer's capital is the key: Alt with a shifted letter works too.
    press(&mut app, "<A-N>");
    assert!(matches!(app.call_state().unwrap().focus, Focus::Form(_)));
    app.finish().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut app = call(dir.path(), remapped("keys:\n  summary.next-step: F7\n"));
    press(&mut app, "<C-s>");
    let screen = render(&app, 100, 24);
    assert!(screen.contains("F7 sets it"), "{screen}");
    assert!(screen.contains("F7 next step"), "{screen}");
    assert!(!screen.contains("Alt+N"), "{screen}");
    press(&mut app, "<A-n>");
    assert!(!matches!(app.call_state().unwrap().focus, Focus::Form(_)));
    press(&mut app, "<C-s>");
    assert!(matches!(
        app.call_state().unwrap().focus,
        Focus::Summary { .. }
    ));
    press(&mut app, "<F7>");
    assert!(matches!(app.call_state().unwrap().focus, Focus::Form(_)));
    app.finish().unwrap();
}

#[test]
fn a_form_at_60_columns_has_one_footer_with_its_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = call(dir.path(), |s| s);
    press(&mut app, "<ins>Dana");
    let screen = render(&app, 60, 20);
    assert_eq!(screen.matches("quit").count(), 1, "{screen}");
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("Esc cancel"), "{screen}");
    assert!(footer.contains("Enter save"), "{screen}");
    app.finish().unwrap();
}
