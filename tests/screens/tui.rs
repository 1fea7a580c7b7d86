//! The screens on ratatui's TestBackend, driven by key sequences like a rep would type them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::drive::press;

use std::fs;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;
use disco::storage::AccountStore;
use disco::tui::overlays::form::GuardLine;
use disco::tui::saver::Saves;
use disco::tui::setup::Setup;
use disco::tui::terminal::screen::Screen;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

const THEME: Theme = Theme { color: false };

fn text_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(crate) fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    text_of(terminal.backend().buffer())
}

/// Fields drop in order: the app (and its account lock) before the folder it locks in, whose
/// inode a parallel test may otherwise get while the lock still names it.
struct Call {
    app: App,
    store: AccountStore,
    _dir: tempfile::TempDir,
    start: Instant,
}

/// The calls of these tests start on 24 Nov 2026 at 09:00 UTC, at `start`.
fn clock(start: Instant) -> disco::clock::Clock {
    disco::clock::Clock::new(common::at("2026-11-24T09:00:00Z"), start)
}

fn open_call(name: &str) -> Call {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let opened = store
        .open_for_edit(name, &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    let start = Instant::now();
    let mut setup = Setup::new(store.clone(), bank, THEME).with_clock(clock(start));
    setup.saves = Saves::Inline;
    let app = App::call(setup, opened, start);
    Call {
        _dir: dir,
        store,
        app,
        start,
    }
}

fn key(spec: &str) -> KeyEvent {
    common::keys::parse(spec)[0]
}

/// Ticks until the save has put `needle` on disk (or gives up after a while: the wait is a
/// bound, not a timing claim). These calls save inline: time moves by ticking, not sleeping.
fn wait_until_saved(call: &mut Call, needle: &str) -> String {
    let mut clock = call.start;
    for _ in 0..500 {
        clock += Duration::from_millis(100);
        call.app.update(Msg::Tick(clock));
        if let Some(text) = common::account_files(&call.store)
            .first()
            .and_then(|path| fs::read_to_string(path).ok())
            && text.contains(needle)
        {
            return text;
        }
    }
    panic!("{needle:?} never reached the disk");
}

#[test]
fn home_counts_the_guard_warnings_of_each_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    common::save_flagged_sample(&store, "Acme Corp", &bank);
    common::save_sample(&store, "Globex", &bank);
    let sheet = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let mut setup = Setup::new(store, bank, THEME);
    setup.company =
        Some(disco::storage::company::load_company(std::path::Path::new(sheet)).unwrap());
    let mut app = App::home(setup, Instant::now()).unwrap();
    app.wait_for_accounts();
    let screen = render(&app, 80, 24);
    let acme_row = screen.lines().find(|l| l.contains("Acme Corp")).unwrap();
    let globex_row = screen.lines().find(|l| l.contains("Globex")).unwrap();
    assert!(acme_row.contains("⚠ 2"), "{screen}");
    assert!(!globex_row.contains('⚠'), "{screen}");
}

#[test]
fn home_on_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::home(
        Setup::new(AccountStore::new(dir.path()), common::bank(), THEME),
        Instant::now(),
    )
    .unwrap();
    app.wait_for_accounts();
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn home_with_accounts_filters_and_offers_to_create() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for name in ["Acme Corp", "Globex", "日本の商社"] {
        common::save_sample(&store, name, &bank);
    }
    // A fixed day: the rows say whether each next step is due.
    let now = Instant::now();
    let setup = Setup::new(store, bank, THEME).with_clock(clock(now));
    let mut app = App::home(setup, now).unwrap();
    app.wait_for_accounts();
    insta::assert_snapshot!("home_with_accounts", render(&app, 80, 24));
    press(&mut app, "gl");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Globex") && !screen.contains("Acme Corp"),
        "{screen}"
    );
    assert!(screen.contains("+ New account “gl”"), "{screen}");
}

#[test]
fn home_scrolls_through_many_accounts_and_the_filter_narrows_and_widens() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    for i in 0..60 {
        common::save_sample(&store, &format!("Customer {i:02}"), &bank);
    }
    common::save_sample(&store, "Zeta Widgets", &bank);
    let mut app = App::home(Setup::new(store, bank, THEME), Instant::now()).unwrap();
    app.wait_for_accounts();
    // Only the rows in sight are drawn; moving down scrolls them, the selected one in view.
    press(&mut app, &"<down>".repeat(40));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Customer 40"), "{screen}");
    assert!(!screen.contains("Customer 00"), "{screen}");
    press(&mut app, &"<down>".repeat(100));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Zeta Widgets"), "{screen}");
    // Each letter narrows the matches; Backspace widens them again.
    press(&mut app, "ZETA");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Zeta Widgets") && !screen.contains("Customer"),
        "{screen}"
    );
    press(&mut app, "x");
    let screen = render(&app, 80, 24);
    assert!(!screen.contains("Zeta Widgets"), "{screen}");
    assert!(screen.contains("+ New account “ZETAx”"), "{screen}");
    press(&mut app, "<bs><bs><bs><bs><bs>");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Customer 00") && !screen.contains("New account"),
        "{screen}"
    );
    // A name typed exactly as an account's opens it rather than offering a new one.
    press(&mut app, "Customer 07");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Customer 07") && !screen.contains("New account"),
        "{screen}"
    );
}

#[test]
fn home_creates_and_opens_a_new_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let mut app = App::home(
        Setup::new(store.clone(), common::bank(), THEME),
        Instant::now(),
    )
    .unwrap();
    press(&mut app, "Initech<ret>They buy from three vendors<C-q>");
    assert!(app.quit);
    app.finish().unwrap();
    let account = common::load_only_account(&store);
    assert_eq!(account.name, "Initech");
    assert_eq!(
        account.answer("business-and-roles"),
        "They buy from three vendors"
    );
}

#[test]
fn call_screen_at_80x24_and_120x40() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "Purchasing decides, engineering approves the vendor list",
    );
    insta::assert_snapshot!("call_80x24", render(&call.app, 80, 24));
    insta::assert_snapshot!("call_120x40", render(&call.app, 120, 40));
}

#[test]
fn help_overlay_lists_every_binding() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<F1>");
    let screen = render(&call.app, 100, 180);
    insta::assert_snapshot!("help", screen);
    // Every key of a call; none of practice, role-play or the trainer's on a live call.
    let shown = call.app.help_scopes();
    for binding in disco::tui::keymap::BINDINGS {
        if shown.contains(&binding.scope) {
            assert!(
                screen.contains(binding.help),
                "help is missing {:?}",
                binding.help
            );
        } else {
            assert!(!screen.contains(binding.scope.title()), "{screen}");
        }
    }
    press(&mut call.app, "x");
    assert!(!render(&call.app, 100, 180).contains("any other key closes"));
    // Once the letter that closed the help was lost; now it is typed like any other.
    assert_eq!(
        call.app.call_state().unwrap().answer.lines(),
        ["x"],
        "the closing letter is typed"
    );
    press(&mut call.app, "<F1><esc>");
    assert_eq!(
        call.app.call_state().unwrap().answer.lines(),
        ["x"],
        "a key that is not typing only closes it"
    );
}

#[test]
fn help_scrolls_on_a_small_terminal_and_closes_on_any_other_key() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<F1>");
    assert!(!render(&call.app, 80, 24).contains("Back to the call"));
    press(
        &mut call.app,
        "<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>",
    );
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Back to the call"), "{screen}");
    press(&mut call.app, "<up>");
    assert!(render(&call.app, 80, 24).contains("Keys"));
    press(&mut call.app, "<esc>");
    assert!(call.app.help.is_none());
    assert!(render(&call.app, 80, 24).contains("Answer · type as you listen"));
}

#[test]
fn summary_shows_answers_open_questions_and_records() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "Purchasing decides<C-l><ins>Jane Roe<tab>Buyer<ret><esc><A-2>On-time delivery<C-o>Mentioned a trade show<C-s>",
    );
    insta::assert_snapshot!("summary", render(&call.app, 80, 40));
}

#[test]
fn a_note_typed_or_pasted_reaches_the_file_and_an_untouched_one_stays() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-o>Typed note");
    wait_until_saved(&mut call, "notes: Typed note\n");
    call.app.update(Msg::Paste(", then pasted".into()));
    wait_until_saved(&mut call, "notes: Typed note, then pasted\n");
    // Typing an answer leaves the note as it was.
    press(&mut call.app, "<C-o>An answer");
    wait_until_saved(&mut call, "text: An answer");
    let saved = common::load_only_account(&call.store);
    assert_eq!(saved.notes, "Typed note, then pasted");
    assert_eq!(saved.answer("business-and-roles"), "An answer");
}

#[test]
fn too_small_terminal_says_so() {
    let call = open_call("Acme Corp");
    insta::assert_snapshot!("too_small", render(&call.app, 40, 10));
    for (w, h) in [(1, 1), (2, 1), (55, 15), (56, 16), (300, 100)] {
        render(&call.app, w, h);
    }
}

#[test]
fn a_whole_call_typed_from_the_keyboard_is_saved() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        concat!(
            "Distributor, 40 staff<ret>Jane buys, engineering approves",
            "<tab>No, engineering signs off",
            "<tab><tab>Jane, the plant manager, receiving",
            // Choices start empty: the first → takes the first option.
            "<C-l><ins>Jane Roe<tab>Head of purchasing<tab>Purchasing<tab><right><ret>",
            "<ins>Raj Patel<tab>Engineering lead<tab>Engineering<tab><right><right><ret><esc>",
            "<A-2>Delivery on time, full orders",
            "<tab>Monthly scorecard",
            "<C-l><ins>On-time delivery<tab>Scorecard, 98% target<tab><right><tab>Last vendor was weeks late<ret><esc>",
            "<A-3><tab><tab>Yes, they agreed",
            // A new commitment's status must be chosen: the first arrow takes disco's suggestion.
            "<C-l><ins>Two-day lead time on stock items<tab><right><ret>",
            "<ins>Next-day delivery<tab><right><right><tab>Not in their region<ret><esc>",
            "<C-o>Call back Tuesday<C-o>",
            "<C-q>",
        ),
    );
    assert!(call.app.quit);
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    assert_eq!(
        account.answer("business-and-roles"),
        "Distributor, 40 staff\nJane buys, engineering approves"
    );
    assert_eq!(
        account.answer("purchasing-alone"),
        "No, engineering signs off"
    );
    assert_eq!(
        account.answer("who-judges-service"),
        "Jane, the plant manager, receiving"
    );
    assert_eq!(
        account.answer("valued-supplier"),
        "Delivery on time, full orders"
    );
    assert_eq!(account.answer("measure-performance"), "Monthly scorecard");
    assert_eq!(account.answer("can-and-cannot"), "Yes, they agreed");
    let people = account.records("people");
    assert_eq!(people.len(), 2);
    assert_eq!(people[0]["name"], "Jane Roe");
    assert_eq!(people[0]["part"], "decides");
    assert_eq!(people[1]["part"], "approves vendors");
    let criteria = account.records("criteria");
    assert_eq!(criteria[0]["criterion"], "On-time delivery");
    assert_eq!(criteria[0]["importance"], "high");
    assert_eq!(criteria[0]["past-problem"], "Last vendor was weeks late");
    let commitments = account.records("commitments");
    assert_eq!(commitments[0]["status"], "can");
    assert_eq!(commitments[1]["what"], "Next-day delivery");
    assert_eq!(commitments[1]["status"], "can't");
    assert_eq!(account.notes, "Call back Tuesday");
    assert_eq!(account.calls.len(), 1);
    assert!(account.calls[0].ended.is_some());
}

#[test]
fn reopening_shows_what_was_captured_and_logs_a_second_call() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "First answer<C-q>");
    call.app.finish().unwrap();
    let Call {
        _dir,
        store,
        app: first,
        ..
    } = call;
    drop(first);
    // An hour later: a reopen within minutes would continue the first call.
    let (_, mut app) =
        common::call_app_at(&store, "Acme Corp", Instant::now(), "2026-11-24T10:00:00Z");
    // The first unanswered question comes up; the earlier answer is one Shift+Tab away.
    press(&mut app, "<S-tab>");
    assert_eq!(app.call_state().unwrap().answer.lines(), ["First answer"]);
    press(&mut app, " and more<C-q>");
    app.finish().unwrap();
    let account = common::load_only_account(&store);
    assert_eq!(
        account.answer("business-and-roles"),
        "First answer and more"
    );
    assert_eq!(account.calls.len(), 2);
}

#[test]
fn typing_reaches_the_disk_without_quitting() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "Said in passing");
    let text = wait_until_saved(&mut call, "Said in passing");
    assert!(text.contains("business-and-roles"));
}

/// Ticks on from `call.start` until the screen shows `needle` (or stops showing it).
fn tick_until_screen(call: &mut Call, needle: &str, shown: bool) -> String {
    let mut clock = call.start;
    for _ in 0..500 {
        clock += Duration::from_millis(100);
        call.app.update(Msg::Tick(clock));
        let screen = render(&call.app, 120, 24);
        if screen.contains(needle) == shown {
            call.start = clock;
            return screen;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{needle:?} never {}", if shown { "shown" } else { "went" });
}

/// Once `saved` is on disk, a colleague changes the file as `colleague` does, the rep types
/// `typed_after`, and the header says the outside change was merged. Returns the file.
fn merge_from_outside(
    call: &mut Call,
    saved: &str,
    typed_after: &str,
    colleague: impl FnOnce(&mut disco::core::Account),
) -> std::path::PathBuf {
    wait_until_saved(call, saved);
    tick_until_screen(call, "saved", true);
    let path = common::only_account_file(&call.store);
    let mut theirs = AccountStore::load(&path).unwrap();
    colleague(&mut theirs);
    fs::write(&path, disco::yaml::to_string(&theirs).unwrap()).unwrap();
    press(&mut call.app, typed_after);
    tick_until_screen(call, "saved, merged changes made outside disco", true);
    path
}

#[test]
fn a_change_made_outside_disco_is_merged_and_the_header_says_so_once() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "Said in passing");
    let path = merge_from_outside(&mut call, "Said in passing", ", and more", |theirs| {
        theirs.notes = "A colleague's line".into();
    });
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("A colleague's line"), "{text}");
    assert!(text.contains("Said in passing, and more"), "{text}");
    // Said once: the next save is a plain one.
    press(&mut call.app, " still");
    let screen = tick_until_screen(&mut call, "saving…", false);
    assert!(screen.contains("saved"), "{screen}");
    assert!(!screen.contains("merged changes"), "{screen}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("A colleague's line"), "{text}");
}

#[test]
fn a_file_left_with_conflict_markers_is_shown_never_written_and_saving_resumes_once_it_reads() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "Before the pull");
    wait_until_saved(&mut call, "Before the pull");
    tick_until_screen(&mut call, "saved", true);
    let path = common::only_account_file(&call.store);
    let valid = fs::read_to_string(&path).unwrap();
    let markers = format!("<<<<<<< HEAD\n{valid}=======\n{valid}>>>>>>> origin/main\n");
    fs::write(&path, &markers).unwrap();
    press(&mut call.app, ", typed after");
    let screen = tick_until_screen(&mut call, "NOT SAVED", true);
    assert!(screen.contains("Before the pull, typed after"), "{screen}");
    assert_eq!(fs::read_to_string(&path).unwrap(), markers, "never written");
    let kept = AccountStore::load(&disco::storage::outside::side_file(&path)).unwrap();
    assert_eq!(
        kept.answer("business-and-roles"),
        "Before the pull, typed after"
    );
    // Resolved outside: the next retry saves, merging.
    fs::write(&path, &valid).unwrap();
    let screen = tick_until_screen(&mut call, "NOT SAVED", false);
    assert!(!screen.contains("Not saved"), "{screen}");
    let text = wait_until_saved(&mut call, "Before the pull, typed after");
    assert!(text.contains("name: Acme Corp"));
}

#[test]
fn a_failing_save_is_shown_kept_in_memory_and_retried() {
    let mut call = open_call("Acme Corp");
    wait_until_saved(&mut call, "name: Acme Corp");
    let accounts = call.store.dir().to_path_buf();
    fs::remove_dir_all(&accounts).unwrap();
    fs::write(&accounts, "a file where the folder was").unwrap();
    press(&mut call.app, "Keep this");
    let mut clock = call.start + Duration::from_secs(10);
    let mut failed = false;
    for _ in 0..500 {
        clock += Duration::from_millis(100);
        call.app.update(Msg::Tick(clock));
        if render(&call.app, 80, 24).contains("NOT SAVED") {
            failed = true;
            break;
        }
    }
    assert!(failed, "the failure is shown");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Not saved:"), "{screen}");
    assert!(screen.contains("Keep this"), "{screen}");
    fs::remove_file(&accounts).unwrap();
    call.start = clock;
    let text = wait_until_saved(&mut call, "Keep this");
    assert!(text.contains("name: Acme Corp"));
    // The worker reports back on a later tick; then the warning goes.
    let mut clock = call.start;
    for _ in 0..500 {
        clock += Duration::from_millis(100);
        call.app.update(Msg::Tick(clock));
        if !render(&call.app, 80, 24).contains("NOT SAVED") {
            return;
        }
    }
    panic!("the warning stayed after a good save");
}

#[test]
fn wide_characters_and_a_large_paste_are_kept_whole() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "価格より品質 🚀 ");
    let big: String = (0..20_000)
        .map(|i| format!("line {i} of the pasted email\r\n"))
        .collect();
    call.app.update(Msg::Paste(big.clone()));
    let long_word = "x".repeat(5_000);
    call.app.update(Msg::Paste(long_word.clone()));
    for (w, h) in [(80, 24), (56, 16), (300, 100), (81, 25)] {
        render(&call.app, w, h);
    }
    press(&mut call.app, "<C-q>");
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    let expected = format!("価格より品質 🚀 {}{long_word}", big.replace("\r\n", "\n"));
    assert_eq!(account.answer("business-and-roles"), expected);
}

#[test]
fn required_form_fields_and_delete_confirmation() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-l><ins><ret>");
    assert!(render(&call.app, 80, 24).contains("Name is required."));
    press(&mut call.app, "Jane<ret><del>");
    assert!(render(&call.app, 80, 24).contains("Delete “Jane”?"));
    press(&mut call.app, "<esc>");
    assert_eq!(
        call.app
            .call_state()
            .unwrap()
            .account
            .records("people")
            .len(),
        1
    );
    press(&mut call.app, "<del><del>");
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
fn go_to_jumps_to_any_question() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-g>");
    insta::assert_snapshot!("picker", render(&call.app, 80, 24));
    for _ in 0..7 {
        call.app.update(Msg::Key(key("<down>")));
    }
    press(&mut call.app, "<ret>Quality escapes<C-q>");
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    assert_eq!(account.answer("past-problems"), "Quality escapes");
}

#[test]
fn the_question_picker_keeps_the_chosen_question_in_sight_on_a_small_screen() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-g>");
    let bank = common::bank();
    let questions: Vec<_> = bank.steps.iter().flat_map(|s| &s.questions).collect();
    for (i, question) in questions.iter().enumerate() {
        let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
        terminal.draw(|frame| call.app.view(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        // The marked row: its cells are drawn reversed.
        let marked: String = buffer
            .content()
            .iter()
            .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
            .map(|c| c.symbol())
            .collect();
        let start: String = question.ask.chars().take(12).collect();
        assert!(
            marked.contains(&start),
            "question {i} out of sight: {marked:?}\n{}",
            text_of(buffer)
        );
        call.app.update(Msg::Key(key("<down>")));
    }
}

fn open_call_with_sheet(name: &str) -> Call {
    open_call_with_sheet_in(tempfile::tempdir().unwrap(), name)
}

fn open_call_with_sheet_in(dir: tempfile::TempDir, name: &str) -> Call {
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let sheet = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let company = disco::storage::company::load_company(std::path::Path::new(sheet)).unwrap();
    let mut setup = Setup::new(store.clone(), bank.clone(), THEME);
    setup.company = Some(company);
    let opened = store
        .open_for_edit(name, &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    let start = Instant::now();
    setup.saves = Saves::Inline;
    let app = App::call(setup.with_clock(clock(start)), opened, start);
    Call {
        _dir: dir,
        store,
        app,
        start,
    }
}

#[test]
fn step_three_shows_the_sheet_copies_items_and_guards_promises() {
    let mut call = open_call_with_sheet("Acme Corp");
    press(&mut call.app, "<A-3><C-l><A-s>");
    insta::assert_snapshot!("sheet_picker", render(&call.app, 100, 30));
    // The second "can't" item, copied as a commitment.
    press(&mut call.app, "<down><down><down><down><ret>");
    press(
        &mut call.app,
        "<ins>Next-day delivery to the plant<tab><right><ret>",
    );
    let message = call.app.call_state().unwrap().message.clone().unwrap();
    assert!(
        message.contains("“Next-day”: change it or mark can't; at least 2 days"),
        "{message}"
    );
    insta::assert_snapshot!("step3_80x24", render(&call.app, 80, 24));
    let narrow = render(&call.app, 60, 20);
    assert!(
        narrow.contains("⚠ “Next-day”: change it or mark can't; at least 2 days"),
        "whole at 60 columns: {narrow}"
    );
    insta::assert_snapshot!("step3_120x40", render(&call.app, 120, 40));
    press(&mut call.app, "<C-q>");
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    let commitments = account.records("commitments");
    assert_eq!(commitments[0]["sheet-item"], "custom-machining");
    assert_eq!(commitments[0]["status"], "can't");
    assert_eq!(commitments[1]["status"], "can");
}

fn form(call: &Call) -> &disco::tui::screens::call::FormState {
    match &call.app.call_state().unwrap().focus {
        disco::tui::screens::call::Focus::Form(form) => form,
        other => panic!("not in a form: {other:?}"),
    }
}

#[test]
fn a_new_commitment_must_get_a_status_and_disco_suggests_one_from_the_text() {
    let mut call = open_call_with_sheet("Acme Corp");
    press(
        &mut call.app,
        "<A-3><C-l><ins>We don't do custom machining - we source it",
    );
    assert_eq!(form(&call).proposal.as_deref(), Some("can't"));
    insta::assert_snapshot!("commitment_form_suggests", render(&call.app, 80, 24));
    press(&mut call.app, "<ret>");
    let error = form(&call).error.clone().unwrap();
    // Every option by name, and whole in a 60-column form.
    assert_eq!(
        error,
        "Choose can, can't or conditional; ← or → takes can't."
    );
    let narrow = render(&call.app, 60, 20);
    assert!(narrow.contains(&error), "{narrow}");
    press(&mut call.app, "<tab><right>");
    assert_eq!(form(&call).error, None, "answered once a status is chosen");
    press(&mut call.app, "<ret>");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.account.records("commitments")[0]["status"], "can't");
    assert!(state.message.is_none(), "a correct can't is not flagged");
}

#[test]
fn the_guard_warns_in_the_form_while_the_commitment_is_typed() {
    let mut call = open_call_with_sheet("Acme Corp");
    press(
        &mut call.app,
        "<A-3><C-l><ins>Ship tomorrow if ordered by noon",
    );
    let Some(GuardLine::Warning(warning)) = form(&call).guard_line.clone() else {
        panic!("no warning: {:?}", form(&call).guard_line);
    };
    assert!(
        warning.contains("“tomorrow”: change it or mark can't; 1 day"),
        "{warning}"
    );
    let narrow = render(&call.app, 60, 20);
    // Whole at 60 columns: wrapped, down to the sheet's statement.
    assert!(narrow.contains("metro area.)"), "{narrow}");
    insta::assert_snapshot!("commitment_form_warns", narrow);
    // Negated, it is a can't and nothing to warn about.
    press(
        &mut call.app,
        "<esc><esc><ins>No next-day delivery outside the metro area",
    );
    assert!(!matches!(
        form(&call).guard_line,
        Some(GuardLine::Warning(_))
    ));
}

#[test]
fn a_promise_typed_into_an_answer_is_shown_on_the_box_when_typing_pauses() {
    let mut call = open_call_with_sheet("Acme Corp");
    press(
        &mut call.app,
        "<A-2>Line is down a lot. told him we can get it to him overnight when the line is down",
    );
    assert!(
        call.app
            .call_state()
            .unwrap()
            .text_warnings
            .answer
            .is_empty(),
        "not on the key"
    );
    let later = call.start + std::time::Duration::from_secs(2);
    call.app.update(Msg::Tick(later));
    let found = &call.app.call_state().unwrap().text_warnings.answer;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].words, "overnight");
    let screen = render(&call.app, 80, 24);
    // An answer or the note has no status to mark: the advice is to change the words.
    assert!(screen.contains("⚠ “overnight”: change it;"), "{screen}");
    assert!(!screen.contains("mark can't"), "{screen}");
    // At 60 columns the border keeps the words and the limit, uncut.
    let narrow = render(&call.app, 60, 20);
    // (The box has the whole width there: the outline goes first in a narrow window.)
    let border = narrow.lines().find(|l| l.contains("⚠")).unwrap_or_default();
    assert!(
        border.starts_with("└ ⚠ “overnight”: ") && border.contains(" at least 2 days ─"),
        "{narrow}"
    );
    // At 80 the words, what to do and the limit.
    assert!(
        screen.contains("└ ⚠ “overnight”: change it; at least 2 days ─"),
        "{screen}"
    );
    // The summary lists it with its place.
    press(&mut call.app, "<C-s>");
    let summary = render(&call.app, 100, 30);
    assert!(
        summary.contains("Check before the recap: 1 warning from the company sheet"),
        "{summary}"
    );
    assert!(summary.contains("Answer to “"), "{summary}");
}

#[test]
fn a_promise_already_in_the_note_is_found_off_the_main_thread_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    common::save_flagged_sample(&AccountStore::new(dir.path()), "Acme Corp", &common::bank());
    let mut call = open_call_with_sheet_in(dir, "Acme Corp");
    let mut clock = call.start;
    for _ in 0..500 {
        clock += Duration::from_millis(100);
        call.app.update(Msg::Tick(clock));
        if !call
            .app
            .call_state()
            .unwrap()
            .text_warnings
            .notes
            .is_empty()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let words: Vec<String> = call
        .app
        .call_state()
        .unwrap()
        .text_warnings
        .notes
        .iter()
        .map(|f| f.words.clone())
        .collect();
    assert_eq!(words, ["overnight", "net 60"]);
    press(&mut call.app, "<C-o>");
    let screen = render(&call.app, 80, 24);
    // An answer or the note has no status to mark: the advice is to change the words.
    assert!(screen.contains("⚠ “overnight”: change it;"), "{screen}");
    assert!(!screen.contains("mark can't"), "{screen}");
}

#[test]
fn without_a_sheet_the_rep_is_told_how_to_add_one() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<A-3><C-l><A-s>");
    let message = call.app.call_state().unwrap().message.clone().unwrap();
    assert!(message.contains("company sheet"), "{message}");
    assert!(render(&call.app, 120, 40).contains("No company sheet"));
}

#[test]
fn an_earlier_answer_is_offered_to_confirm_or_change() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "Purchasing decides<C-q>");
    call.app.finish().unwrap();
    let Call {
        _dir, store, app, ..
    } = call;
    drop(app);
    let (_, mut app) =
        common::call_app_at(&store, "Acme Corp", Instant::now(), "2026-11-24T10:00:00Z");
    press(&mut app, "<S-tab>");
    assert!(
        render(&app, 80, 24).contains("confirm (Alt+C) or change"),
        "{}",
        render(&app, 80, 24)
    );
    press(&mut app, " and engineering");
    assert!(!render(&app, 80, 24).contains("confirm (Alt+C) or change"));
}

#[test]
fn home_lists_an_unreadable_account_and_explains_it_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    let broken = store.dir().join("broken.yaml");
    fs::write(&broken, "schema: 1\nname: [oops\n").unwrap();
    let mut app = App::home(Setup::new(store, common::bank(), THEME), Instant::now()).unwrap();
    app.wait_for_accounts();
    let screen = render(&app, 80, 24);
    assert!(screen.contains("⚠ broken.yaml  can't be read"), "{screen}");
    assert!(screen.contains("Acme Corp"), "{screen}");
    // Unreadable files sort first, where they are seen.
    press(&mut app, "<ret>");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Can't open:") && screen.contains("broken.yaml:"),
        "{screen}"
    );
    assert!(!app.quit);
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        "schema: 1\nname: [oops\n"
    );
}

#[test]
fn home_refuses_a_blank_or_control_character_name_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::home(
        Setup::new(AccountStore::new(dir.path()), common::bank(), THEME),
        Instant::now(),
    )
    .unwrap();
    app.wait_for_accounts();
    press(&mut app, "<ret>");
    assert!(render(&app, 80, 24).contains("Type a customer's name to start a new account."));
    app.update(Msg::Paste("Evil\u{1b}[2J".into()));
    press(&mut app, "<ret>");
    // Pasted control characters are dropped from the filter, so the name is clean.
    assert!(
        app.call_state()
            .is_some_and(|c| c.account.name == "Evil[2J")
    );
}

/// The terminal after every draw so far, full frames and echoes, equals the app's state drawn
/// from scratch.
fn assert_screen_is_right(screen: &Screen<TestBackend>, app: &App, what: &str) {
    let area = screen.area();
    let mut full = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    full.draw(|f| app.view(f)).unwrap();
    assert_eq!(screen.backend().buffer(), full.backend().buffer(), "{what}");
}

/// Types `keys` one at a time, drawing after each, and checks the screen after every one; returns
/// what the screen shows at the end.
fn type_checking_every_frame(
    app: &mut App,
    screen: &mut Screen<TestBackend>,
    keys: &str,
) -> String {
    for key in common::keys::parse(keys) {
        app.update(Msg::Key(key));
        screen.draw(app).unwrap();
        assert_screen_is_right(screen, app, &format!("after {key:?}"));
    }
    text_of(screen.backend().buffer())
}

#[test]
fn an_answer_from_an_earlier_call_asks_to_be_confirmed_until_it_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    common::save_sample(&store, "Acme Corp", &bank);
    let opened = store
        .open_for_edit("Acme Corp", &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    let mut app = App::call(Setup::new(store, bank, THEME), opened, Instant::now());
    // It opens on the first question not answered yet; 1.1 was answered last time.
    press(&mut app, "<S-tab>");
    let mut screen = Screen::new(Terminal::new(TestBackend::new(100, 30)).unwrap());
    screen.draw(&app).unwrap();
    let shown = text_of(screen.backend().buffer());
    assert!(
        shown.contains("Answer from 20 Nov 2026 · confirm (Alt+C) or change"),
        "{shown}"
    );
    // The first key changes the answer, and with it the box's title; typing on, the screen
    // stays right key after key.
    let shown = type_checking_every_frame(&mut app, &mut screen, " More staff now");
    assert!(shown.contains("Answer · type as you listen"), "{shown}");
    // Deleting what was added brings the earlier answer, and its title, back.
    let shown = type_checking_every_frame(&mut app, &mut screen, &"<bs>".repeat(15));
    assert!(shown.contains("Answer from 20 Nov 2026"), "{shown}");
}

#[test]
fn the_screen_after_echoes_equals_a_frame_drawn_in_full() {
    let keys = concat!(
        "<tab><tab><A-2><A-3><S-tab><A-1>",
        "Purchasing<ret>and engineering<bs><bs>ing",
        "<tab>x<bs><S-tab> more<C-l><ins>Jane<ret><esc>after the list",
        "<A-3>Next-day delivery<C-l><A-s><down><ret><esc>can do<C-o>note text<C-o>back",
        "<C-s><esc>typing again<F1>x<esc>y<C-g><down><ret>z",
        "a long answer that wraps onto a second and then a third line of the box",
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let mut call = open_call_with_sheet("Acme Corp");
        let mut clock = call.start;
        let mut screen = Screen::new(Terminal::new(TestBackend::new(w, h)).unwrap());
        for (i, key) in common::keys::parse(keys).into_iter().enumerate() {
            call.app.update(Msg::Key(key));
            if i % 5 == 0 {
                clock += Duration::from_millis(400);
                call.app.update(Msg::Tick(clock));
            }
            screen.draw(&call.app).unwrap();
            assert_screen_is_right(
                &screen,
                &call.app,
                &format!("after key {i} ({key:?}) at {w}x{h}"),
            );
        }
        // The header's save word goes "saving…" with the first key of a burst and back to
        // "saved" in the pause after it, with only the answer box redrawn in between. Each
        // round starts from a full frame (to the note and back) showing "saved".
        for round in 0..3 {
            for key in common::keys::parse("<C-o><C-o>ab") {
                call.app.update(Msg::Key(key));
                screen.draw(&call.app).unwrap();
                assert_screen_is_right(&screen, &call.app, &format!("round {round}, typing"));
            }
            for _ in 0..500 {
                clock += Duration::from_millis(100);
                call.app.update(Msg::Tick(clock));
                screen.draw(&call.app).unwrap();
                assert_screen_is_right(&screen, &call.app, &format!("round {round}, pausing"));
                if !call.app.call_state().unwrap().has_unsaved_changes() {
                    break;
                }
            }
            assert!(!call.app.call_state().unwrap().has_unsaved_changes());
        }
        // Most keys were plain typing, drawn the short way.
        assert!(screen.echoes() > 100, "{} echoes", screen.echoes());
    }
}

fn people(app: &App) -> Vec<disco::core::Record> {
    app.call_state().unwrap().account.records("people").to_vec()
}

#[test]
fn letters_typed_at_a_list_go_to_the_answer_and_never_change_a_record() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-l><ins>Dana Reyes<ret>");
    assert_eq!(people(&call.app).len(), 1);
    // Once "dyson" deleted her (D asked, Y confirmed) and "a" opened a form.
    press(&mut call.app, "dyson says engineering approves");
    assert_eq!(people(&call.app).len(), 1);
    assert_eq!(people(&call.app)[0]["name"], "Dana Reyes");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.answer.lines(), ["dyson says engineering approves"]);
    assert!(matches!(
        state.focus,
        disco::tui::screens::call::Focus::Answer
    ));
}

#[test]
fn deleting_names_the_record_asks_first_and_can_be_undone() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "<C-l><ins>Dana Reyes<ret><ins>Raj Patel<ret><up><del>",
    );
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Delete “Dana Reyes"), "{screen}");
    // A letter instead of the confirmation keeps her and is typed into the answer.
    press(&mut call.app, "y");
    assert_eq!(people(&call.app).len(), 2);
    assert_eq!(call.app.call_state().unwrap().answer.lines(), ["y"]);
    press(&mut call.app, "<C-l><up><del><ret>");
    assert_eq!(people(&call.app).len(), 1);
    assert_eq!(people(&call.app)[0]["name"], "Raj Patel");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Deleted “Dana Reyes”"), "{screen}");
    press(&mut call.app, "<C-u>");
    let names: Vec<String> = people(&call.app)
        .iter()
        .map(|r| r["name"].clone())
        .collect();
    assert_eq!(names, ["Dana Reyes", "Raj Patel"]);
    // An edit is taken back the same way.
    press(&mut call.app, "<ret><C-w>Rayes<ret>");
    assert_eq!(people(&call.app)[0]["name"], "Dana Rayes");
    press(&mut call.app, "<C-u>");
    assert_eq!(people(&call.app)[0]["name"], "Dana Reyes");
    press(&mut call.app, "<C-q>");
    call.app.finish().unwrap();
    assert_eq!(
        common::load_only_account(&call.store)
            .records("people")
            .len(),
        2
    );
}

#[test]
fn the_call_keys_work_from_a_list() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-l><tab>");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.at.question, 1, "Tab moved on to the next question");
    press(&mut call.app, "<C-l><A-2>");
    assert_eq!(call.app.call_state().unwrap().at.step, 1);
    press(&mut call.app, "<C-l><C-s>");
    assert!(matches!(
        call.app.call_state().unwrap().focus,
        disco::tui::screens::call::Focus::Summary { .. }
    ));
    press(&mut call.app, "<esc><C-l><left>");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("does nothing in the list"), "{screen}");
}

#[test]
fn a_half_typed_record_is_saved_and_reopens_where_it_was() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-l><ins>Dana Re<tab>Head of purch");
    // Waiting saves it, like an answer.
    let text = wait_until_saved(&mut call, "Head of purch");
    assert!(text.contains("Dana Re"), "{text}");
    press(&mut call.app, "<C-q>");
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    assert!(
        account.records("people").is_empty(),
        "a draft is not a record yet"
    );
    let draft = account.draft.expect("the draft is in the file");
    assert_eq!(draft.fields["name"], "Dana Re");
    let Call {
        _dir, store, app, ..
    } = call;
    drop(app);
    let (_, mut app) = common::call_app(&store, "Acme Corp", Instant::now());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("What you were typing is back"), "{screen}");
    press(&mut app, "asing<S-tab>yes<ret>");
    assert_eq!(people(&app).len(), 1);
    assert_eq!(people(&app)[0]["name"], "Dana Reyes");
    assert_eq!(people(&app)[0]["title"], "Head of purchasing");
    press(&mut app, "<C-q>");
    app.finish().unwrap();
    let account = common::load_only_account(&store);
    assert!(account.draft.is_none());
    assert_eq!(account.records("people").len(), 1);
}

#[test]
fn esc_on_a_form_with_typing_asks_before_discarding() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-l><ins>Dana<esc>");
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Esc again discards"), "{screen}");
    press(&mut call.app, "<ret>");
    assert_eq!(people(&call.app).len(), 1, "Enter still saves it");
    // An untouched form closes at once.
    press(&mut call.app, "<ins><esc>");
    assert!(matches!(
        call.app.call_state().unwrap().focus,
        disco::tui::screens::call::Focus::Captures { .. }
    ));
    press(&mut call.app, "<ins>Raj<esc><esc>");
    assert_eq!(people(&call.app).len(), 1);
}

#[test]
fn the_next_step_being_typed_survives_a_quit() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "<C-s><A-n>Send the draft agreem<C-q>");
    call.app.finish().unwrap();
    let Call {
        _dir, store, app, ..
    } = call;
    drop(app);
    let (_, mut app) = common::call_app(&store, "Acme Corp", Instant::now());
    press(&mut app, "ent<ret>");
    press(&mut app, "<C-q>");
    app.finish().unwrap();
    let account = common::load_only_account(&store);
    assert_eq!(account.next_step.unwrap().text, "Send the draft agreement");
    assert!(account.draft.is_none());
}

/// The screen layer checks the redraw rule itself in debug builds: a change outside the typing
/// parts that the frame's key does not capture is caught at the next short redraw.
#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "a short redraw left the screen unlike a full frame")]
fn a_short_redraw_that_misses_a_change_is_caught() {
    let mut call = open_call("Acme Corp");
    let mut screen = Screen::new(Terminal::new(TestBackend::new(80, 24)).unwrap());
    // The first letter marks the question answered in the outline: a full frame.
    press(&mut call.app, "a");
    screen.draw(&call.app).unwrap();
    press(&mut call.app, "b");
    // Behind the key handler's back: the footer changes, the frame's key does not.
    if let disco::tui::app::ScreenState::Call(state) = &mut call.app.screen {
        state.message = Some("a message the key does not know of".into());
    }
    screen.draw(&call.app).unwrap();
}

#[test]
fn letters_typed_at_the_sheet_reach_the_answer_and_at_the_question_picker_filter_it() {
    let mut call = open_call_with_sheet("Acme Corp");
    press(&mut call.app, "<A-3><C-l><A-s>overnight");
    assert_eq!(call.app.call_state().unwrap().answer.lines(), ["overnight"]);
    // Go to question filters as you type (issue 16): the letters go to its filter.
    press(&mut call.app, "<C-g> ok");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.answer.lines(), ["overnight"]);
    assert!(
        matches!(&state.focus, disco::tui::screens::call::Focus::Picker { filter, .. } if filter == " ok"),
        "{:?}",
        state.focus
    );
}

#[test]
fn changes_merged_from_outside_show_on_the_screen_and_in_the_recap() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "<C-l><ins>Bob Smtih<ret><esc>Purchasing decides",
    );
    merge_from_outside(&mut call, "Bob Smtih", ", CFO signs", |theirs| {
        // A colleague fixes the typo and adds a line to the note, in the file.
        theirs.records_mut("people")[0].insert("name".into(), "Bob Smith".into());
        theirs.notes = "From the colleague".into();
    });
    // Once the file had the fix and the screen, the summary and the recap still had the typo.
    let state = call.app.call_state().unwrap();
    assert_eq!(state.account.records("people")[0]["name"], "Bob Smith");
    assert_eq!(state.notes.lines(), ["From the colleague"]);
    assert_eq!(
        state.answer.lines(),
        ["Purchasing decides, CFO signs"],
        "what the rep is typing stays as typed"
    );
    let screen = render(&call.app, 80, 24);
    assert!(screen.contains("Bob Smith"), "{screen}");
    assert!(!screen.contains("Smtih"), "{screen}");
    press(&mut call.app, " today<C-q>");
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    assert_eq!(account.records("people")[0]["name"], "Bob Smith");
    assert_eq!(
        account.answer("business-and-roles"),
        "Purchasing decides, CFO signs today"
    );
    assert_eq!(account.notes, "From the colleague");
}

#[test]
fn list_undo_survives_a_merge_from_outside_and_takes_back_only_its_own_change() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "<C-l><ins>Bob Smtih<ret><esc>Purchasing decides",
    );
    merge_from_outside(&mut call, "Bob Smtih", ", CFO signs", |theirs| {
        // A colleague adds someone in the file while the call goes on.
        let mut carol = disco::core::Record::new();
        carol.insert("name".into(), "Carol Diaz".into());
        theirs.records_mut("people").push(carol);
    });
    // Once the merge cleared the undo: Ctrl+U said there was nothing to undo.
    press(&mut call.app, "<C-l><C-u>");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.message.as_deref(), Some("Undone: added “Bob Smtih”."));
    let names: Vec<&str> = state
        .account
        .records("people")
        .iter()
        .map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names, ["Carol Diaz"], "the colleague's record stays");
}

#[test]
fn a_note_merged_from_outside_is_read_by_the_guard_at_once() {
    let mut call = open_call_with_sheet("Acme Corp");
    press(&mut call.app, "Purchasing decides");
    merge_from_outside(&mut call, "Purchasing decides", ", CFO signs", |theirs| {
        // A colleague's sync brings a promise into the note.
        theirs.notes = "said yes to net 60".into();
    });
    let found = &call.app.call_state().unwrap().text_warnings.notes;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].words, "net 60");
}

#[test]
fn a_form_opened_and_left_untouched_is_not_kept_as_a_draft() {
    let mut call = open_call("Acme Corp");
    press(&mut call.app, "Purchasing decides<tab>Alone<C-l><ins><C-q>");
    call.app.finish().unwrap();
    assert!(common::load_only_account(&call.store).draft.is_none());
}

#[test]
fn a_draft_reopens_on_its_steps_first_open_question() {
    let mut call = open_call("Acme Corp");
    // 1.1 and 1.2 answered, then a person half typed.
    press(
        &mut call.app,
        "Distributor<tab>Engineering too<C-l><ins>Dana<C-q>",
    );
    call.app.finish().unwrap();
    let Call {
        _dir, store, app, ..
    } = call;
    drop(app);
    let (_, app) = common::call_app(&store, "Acme Corp", Instant::now());
    let state = app.call_state().unwrap();
    assert_eq!(
        (state.at.step, state.at.question),
        (0, 2),
        "where a new call would start"
    );
    assert!(matches!(
        state.focus,
        disco::tui::screens::call::Focus::Form(_)
    ));
    // A reopened new record can still go to another step's list, and says how.
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Add to people · Alt+2 criteria"),
        "{screen}"
    );
}

#[test]
fn the_header_says_when_the_team_sync_is_offline_and_typing_redraws_it_right() {
    let mut call = open_call("Acme");
    if let disco::tui::app::ScreenState::Call(state) = &mut call.app.screen {
        state.set_team_word(Some("offline: queued "));
    }
    let screen = render(&call.app, 80, 24);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("offline: queued"), "{header}");
    // The word goes when the team is reached again; the header shows it at once.
    press(&mut call.app, "abc");
    if let disco::tui::app::ScreenState::Call(state) = &mut call.app.screen {
        state.set_team_word(None);
    }
    let screen = render(&call.app, 80, 24);
    assert!(
        !screen.lines().next().unwrap().contains("offline"),
        "{screen}"
    );
}

#[test]
fn a_broken_sheet_and_a_broken_config_are_both_told_at_the_start_of_a_call() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let start = Instant::now();
    let opened = common::open_when_free(&store, "Acme", &bank, common::at("2026-11-24T09:00:00Z"));
    let setup = Setup::new(store.clone(), bank, THEME)
        .with_clock(clock(start))
        .with_sheet(Some(disco::storage::company::SheetSource::Unreadable(
            "company.yaml:3:1: bad".into(),
        )))
        .with_config(Err(disco::tui::settings::ConfigProblem {
            line: "Config: 7 problems; defaults in use (disco config check)".into(),
            count: 7,
        }));
    let app = App::call(setup, opened, start);
    let shown = render(&app, 80, 24);
    assert!(
        shown.contains(
            " Guard off, sheet broken · 7 config problems: disco company check, config check"
        ),
        "both, whole in 80 columns\n{shown}"
    );
}

#[test]
fn a_next_step_dated_in_the_past_is_refused_with_the_reason() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "<C-s><A-n>Send the draft<tab>2020-01-01<ret>",
    );
    let shown = render(&call.app, 100, 30);
    assert!(
        shown.contains("2020-01-01 is in the past; today is 2026-11-24"),
        "{shown}"
    );
    press(
        &mut call.app,
        "<bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>2026-11-24<ret><C-q>",
    );
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    let next = account.next_step.unwrap();
    assert_eq!(
        next.date,
        Some(jiff::civil::date(2026, 11, 24)),
        "today is fine"
    );
}

#[test]
fn a_long_name_in_the_undo_message_is_cut_with_an_ellipsis() {
    let mut call = open_call("Acme Corp");
    press(
        &mut call.app,
        "<C-l><ins>Bartholomew Fitzgerald-Worthington the Third<ret><C-u>",
    );
    let state = call.app.call_state().unwrap();
    assert_eq!(
        state.message.as_deref(),
        Some("Undone: added “Bartholomew Fitzgerald-Worthington the…”.")
    );
}
