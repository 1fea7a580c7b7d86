//! `cargo bench`: the costs that decide whether disco keeps up with a rep who types while the
//! customer talks. Figures and the machine they were taken on are in BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disco::core::company::Company;
use disco::core::guard::{Guard, LineCache, Voice};
use disco::core::{Account, Bank, Record};
use disco::storage::accounts::parse_account;
use disco::storage::banks::{BUILTIN_BANK, parse_bank};
use disco::storage::warnings::{CACHE_FILE, WarningCounter};
use disco::storage::{AccountStore, builtin_bank};
use disco::tui::setup::Setup;
use disco::tui::terminal::screen::Screen;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| builtin_bank().unwrap())
}

fn account_yaml(notes_bytes: usize) -> String {
    disco::yaml::to_string(&disco::synth::account(bank(), 1, 7, notes_bytes)).unwrap()
}

#[divan::bench]
fn bank_load_and_validate() -> Bank {
    parse_bank(
        divan::black_box(BUILTIN_BANK.as_bytes()),
        Path::new("reset.yaml"),
    )
    .unwrap()
}

#[divan::bench(args = [0, 100_000, 1_000_000])]
fn account_load(bencher: divan::Bencher, notes_bytes: usize) {
    let text = account_yaml(notes_bytes);
    bencher.bench(|| parse_account(divan::black_box(text.as_bytes())).unwrap());
}

/// A durable save: serialize, write a temp file, fsync, rename, fsync the folder.
#[divan::bench(args = [0, 100_000, 1_000_000], sample_count = 30)]
fn account_save_durable(bencher: divan::Bencher, notes_bytes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let account = disco::synth::account(bank(), 1, 7, notes_bytes);
    let (path, _) = store.locate(&account.name).unwrap();
    bencher.bench_local(|| store.save(&path, &account).unwrap());
}

struct Typing {
    _dir: tempfile::TempDir,
    app: App,
    screen: Screen<TestBackend>,
}

fn typing(width: u16, height: u16, notes_bytes: usize) -> Typing {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let mut account = disco::synth::account(bank(), 1, 7, notes_bytes);
    account.name = "Bench".into();
    let opened = store
        .open_for_edit("Bench", bank(), jiff::Timestamp::now())
        .unwrap();
    store.save(&opened.path, &account).unwrap();
    drop(opened);
    let opened = store
        .open_for_edit("Bench", bank(), jiff::Timestamp::now())
        .unwrap();
    let app = App::call(
        Setup::new(store, bank().clone(), Theme { color: true }),
        opened,
        Instant::now(),
    );
    let mut screen = Screen::new(Terminal::new(TestBackend::new(width, height)).unwrap());
    screen.draw(&app).unwrap();
    Typing {
        _dir: dir,
        app,
        screen,
    }
}

impl Typing {
    /// Types a letter, then deletes it, and so on: the text keeps its size however many
    /// iterations divan runs, so every sample costs the same.
    fn keystrokes(&mut self) -> impl FnMut() + '_ {
        let keys = [
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        ];
        let mut n = 0;
        move || {
            self.app.update(Msg::Key(keys[n % 2]));
            n += 1;
            self.screen.draw(&self.app).unwrap();
        }
    }

    fn press(&mut self, key: KeyEvent) {
        self.app.update(Msg::Key(key));
        self.screen.draw(&self.app).unwrap();
    }
}

/// One keystroke through update, then the frame drawn: the whole cost of an echo. The account
/// holds 0 or 1 MB of scratch notes; the rep types an answer.
#[divan::bench(args = [(80, 24, 0), (200, 60, 0), (80, 24, 1_000_000), (200, 60, 1_000_000)])]
fn keystroke_and_draw(bencher: divan::Bencher, (width, height, notes): (u16, u16, usize)) {
    let mut t = typing(width, height, notes);
    // Into an answer already begun: the first letter of an answer redraws the outline too.
    t.app
        .update(Msg::Paste("Purchasing signs; engineering ".into()));
    t.screen.draw(&t.app).unwrap();
    bencher.bench_local(t.keystrokes());
}

/// Typing into the scratch note itself while it holds this many bytes.
#[divan::bench(args = [0, 10_000, 100_000, 1_000_000], sample_count = 30)]
fn keystroke_in_notes(bencher: divan::Bencher, notes: usize) {
    let mut t = typing(80, 24, notes);
    t.press(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    bencher.bench_local(t.keystrokes());
}

/// One key typed into the search (Ctrl+F) of an account with 1 MB of scratch notes: the query
/// searched again across answers, records and note, and the frame drawn. The key adds an "e"
/// to the query, then takes it away: after "" that is a query found on most lines, after
/// "deliver" a common word, after "qqzx" nothing.
#[divan::bench(args = ["", "deliver", "qqzx"], sample_count = 30)]
fn search_key_1mb_notes(bencher: divan::Bencher, query: &str) {
    let mut t = typing(80, 24, 1_000_000);
    t.press(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    t.app.update(Msg::Paste(query.into()));
    t.screen.draw(&t.app).unwrap();
    let keys = [
        KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    ];
    let mut n = 0;
    bencher.bench_local(|| {
        t.app.update(Msg::Key(keys[n % 2]));
        n += 1;
        t.screen.draw(&t.app).unwrap();
    });
}

/// Opening the search on an account with 1 MB of notes: the account read into lines once.
#[divan::bench(sample_count = 20)]
fn search_open_1mb_notes(bencher: divan::Bencher) {
    let mut t = typing(80, 24, 1_000_000);
    let keys = [
        KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL),
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
    ];
    bencher.bench_local(|| {
        for key in keys {
            t.app.update(Msg::Key(key));
        }
    });
}

/// The main thread's part of starting a save (copy the editors into the account, describe the
/// call's changes, hand a copy to the worker), which runs on the first tick after a pause: the
/// longest a key can wait behind saving. The write itself is on the worker thread.
#[divan::bench(args = [0, 1_000_000], sample_count = 20)]
fn save_start_on_tick(bencher: divan::Bencher, notes: usize) {
    let Typing { _dir, app, .. } = typing(80, 24, notes);
    let app = std::cell::RefCell::new(app);
    let mut clock = Instant::now();
    bencher
        .with_inputs(|| {
            // Untimed: the last save finished, then a key makes the account dirty.
            let mut app = app.borrow_mut();
            while app.call_state().unwrap().has_unsaved_changes() {
                clock += std::time::Duration::from_secs(1);
                app.update(Msg::Tick(clock));
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::Char('a'),
                KeyModifiers::NONE,
            )));
            clock += std::time::Duration::from_secs(1);
            clock
        })
        .bench_local_values(|now| app.borrow_mut().update(Msg::Tick(now)));
}

/// Typing at the end of an answer this many characters long (prose, wrapped in the box).
#[divan::bench(args = [50, 500, 2_000, 10_000])]
fn keystroke_in_long_answer(bencher: divan::Bencher, chars: usize) {
    let mut t = typing(80, 24, 0);
    let prose = "we moved vendors twice because deliveries slipped and nobody called ahead ";
    let text: String = prose.chars().cycle().take(chars).collect();
    t.app.update(Msg::Paste(text));
    t.screen.draw(&t.app).unwrap();
    bencher.bench_local(t.keystrokes());
}

fn ten_thousand_accounts() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = AccountStore::new(dir.path());
        std::fs::create_dir_all(store.dir()).unwrap();
        for i in 0..10_000 {
            let account = disco::synth::account(bank(), i, 7, 0);
            let (path, _) = store.locate(&account.name).unwrap();
            // Plain writes: generating test data needs no fsync.
            std::fs::write(path, disco::yaml::to_string(&account).unwrap()).unwrap();
        }
        dir
    })
    .path()
}

/// The home screen over the 10,000 generated accounts, before their list is read.
fn home_10k() -> App {
    let setup = Setup::new(
        AccountStore::new(ten_thousand_accounts()),
        bank().clone(),
        Theme { color: true },
    );
    App::home(setup, Instant::now()).unwrap()
}

/// The home screen over the 10,000 generated accounts, with their list read.
fn home_10k_filled() -> App {
    let mut app = home_10k();
    app.wait_for_accounts();
    app
}

/// Opening the home screen over 10,000 accounts until the list is filled in.
#[divan::bench(sample_count = 5)]
fn open_home_filled_10k(bencher: divan::Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        let app = home_10k_filled();
        terminal.draw(|frame| app.view(frame)).unwrap();
    });
}

/// Typing a customer's name into the home screen's filter over 10,000 accounts: a letter, then
/// Backspace, each through update and a drawn frame.
#[divan::bench(sample_count = 30)]
fn home_keystroke_10k(bencher: divan::Bencher) {
    let mut app = home_10k_filled();
    let mut screen = Screen::new(Terminal::new(TestBackend::new(80, 24)).unwrap());
    app.update(Msg::Paste("Acme".into()));
    screen.draw(&app).unwrap();
    let keys = [
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    ];
    let mut n = 0;
    bencher.bench_local(|| {
        app.update(Msg::Key(keys[n % 2]));
        n += 1;
        screen.draw(&app).unwrap();
    });
}

/// A frame of the home screen over 10,000 accounts with nothing typed: drawn ten times a
/// second while the screen is idle.
#[divan::bench(sample_count = 30)]
fn home_frame_10k(bencher: divan::Bencher) {
    let app = home_10k_filled();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|frame| app.view(frame)).unwrap();
    });
}

/// The first frame over 10,000 accounts: what the rep waits for before typing.
#[divan::bench(sample_count = 20)]
fn open_home_first_frame_10k(bencher: divan::Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        let app = home_10k();
        terminal.draw(|frame| app.view(frame)).unwrap();
        app
    });
}

/// A whole frame drawn from scratch: what a key that changes more than the answer costs
/// (moving to the next question, opening a list).
#[divan::bench(args = [(80, 24), (200, 60)])]
fn full_frame(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let t = typing(width, height, 0);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|frame| t.app.view(frame)).unwrap();
    });
}

// The promise guard: what it costs where a rep feels it.

fn company() -> Company {
    disco::yaml::from_str(include_str!("../question-banks/company.example.yaml")).unwrap()
}

fn guard() -> Arc<Guard> {
    static GUARD: OnceLock<Arc<Guard>> = OnceLock::new();
    GUARD.get_or_init(|| company().guard()).clone()
}

/// The corpus lines, as an account's answers, records, note and next step would hold them.
fn corpus_lines() -> Vec<String> {
    include_str!("../tests/fixtures/guard/corpus.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.splitn(4, " | ").nth(3).map(|t| t.replace(" || ", ". ")))
        .collect()
}

/// A full account whose every text is a line reps really wrote: answers of two or three
/// corpus lines, eight commitments, the rest of the corpus in the note.
fn corpus_account() -> Account {
    let lines = corpus_lines();
    let mut account = disco::synth::account(bank(), 1, 7, 0);
    let mut next = lines.iter().cycle();
    let questions: Vec<String> = bank()
        .question_refs()
        .filter_map(|q| bank().question(q))
        .map(|q| q.id.clone())
        .collect();
    for id in &questions {
        let text = format!("{} {}", next.next().unwrap(), next.next().unwrap());
        account.set_answer(id, &text, jiff::Timestamp::now());
    }
    let commitments = account.records_mut("commitments");
    commitments.clear();
    for (i, line) in lines.iter().take(8).enumerate() {
        let mut record = Record::new();
        record.insert("what".into(), line.clone());
        record.insert(
            "status".into(),
            ["can", "can't", "conditional"][i % 3].into(),
        );
        commitments.push(record);
    }
    account.notes = lines[40..].join("\n");
    account
}

/// The guard's work on one key typed into a commitment: the record read against the sheet,
/// and the status proposed from its text.
#[divan::bench(args = ["Ship tomorrow if ordered by noon", "We don't do custom machining - we source it", "Net 60 if volume is over 100k and they sign the supply agreement by Q3"])]
fn guard_on_a_commitment_key(bencher: divan::Bencher, what: &str) {
    let guard = guard();
    let list = bank().capture_list("commitments").unwrap().clone();
    let mut record = Record::new();
    record.insert("what".into(), what.into());
    bencher.bench_local(|| {
        let found = guard.check_record(&list, divan::black_box(&record));
        (found, guard.propose_status(what))
    });
}

/// The whole key in the commitment form, through update and draw, with the example sheet.
#[divan::bench]
fn keystroke_in_commitment_form(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let opened = store
        .open_for_edit("Bench", bank(), jiff::Timestamp::now())
        .unwrap();
    let mut setup = Setup::new(store, bank().clone(), Theme { color: true });
    setup.company = Some(company());
    let mut app = App::call(setup, opened, Instant::now());
    let mut screen = Screen::new(Terminal::new(TestBackend::new(80, 24)).unwrap());
    for key in [
        KeyEvent::new(KeyCode::Char('3'), KeyModifiers::ALT),
        KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL),
        KeyEvent::new(KeyCode::Insert, KeyModifiers::NONE),
    ] {
        app.update(Msg::Key(key));
    }
    app.update(Msg::Paste("Ship tomorrow if ordered by noon".into()));
    screen.draw(&app).unwrap();
    let keys = [
        KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    ];
    let mut n = 0;
    bencher.bench_local(|| {
        app.update(Msg::Key(keys[n % 2]));
        n += 1;
        screen.draw(&app).unwrap();
    });
}

/// Every answer, record, the note and the next step of an account read against the sheet: a
/// synthetic account, and one written entirely from the corpus.
#[divan::bench(args = ["synthetic", "corpus"])]
fn whole_account_check(bencher: divan::Bencher, kind: &str) {
    let account = match kind {
        "synthetic" => disco::synth::account(bank(), 1, 7, 0),
        _ => corpus_account(),
    };
    let guard = guard();
    bencher.bench_local(|| guard.check_account(bank(), divan::black_box(&account)));
}

/// A note of this many bytes read at a pause after one line changed: the line cache re-reads
/// that line only. (Reading it all afresh is `note_first_read`.)
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 20)]
fn note_reread_after_an_edit(bencher: divan::Bencher, bytes: usize) {
    let note = corpus_note(bytes);
    let guard = guard();
    let mut cache = LineCache::default();
    cache.check(&guard, note.split('\n'), Voice::Free);
    let mut edited = note.clone();
    let mut n = 0;
    bencher.bench_local(|| {
        // Alternate two versions of the last line, as typing does.
        edited.truncate(note.len());
        edited.push_str(if n % 2 == 0 { " x" } else { " y" });
        n += 1;
        cache.check(&guard, edited.split('\n'), Voice::Free)
    });
}

/// The first read of a note this size, at the first pause of a call.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 10)]
fn note_first_read(bencher: divan::Bencher, bytes: usize) {
    let note = corpus_note(bytes);
    let guard = guard();
    bencher.bench_local(|| {
        let mut cache = LineCache::default();
        cache.check(&guard, note.split('\n'), Voice::Free)
    });
}

fn corpus_note(bytes: usize) -> String {
    let lines = corpus_lines();
    let mut note = String::new();
    // Each line different, as in a real note: the line cache gains nothing from repeats.
    for (n, line) in lines.iter().cycle().enumerate() {
        if note.len() >= bytes {
            break;
        }
        note.push_str(&format!("{line} #{n}\n"));
    }
    note
}

/// Listing 10,000 accounts: without a sheet (`plain`, what `disco accounts` did before), with
/// warning counts from a warm cache (the usual case), and cold (after the sheet changed: every
/// account read whole and checked).
#[divan::bench(args = ["plain", "warm", "cold"], sample_count = 3)]
fn list_10k_with_warning_counts(bencher: divan::Bencher, cache: &str) {
    let dir = ten_thousand_accounts();
    let store = AccountStore::new(dir);
    let cache_file = dir.join(CACHE_FILE);
    store
        .list_counting(Some(&WarningCounter::new(dir, guard(), bank().clone())))
        .unwrap();
    bencher.bench_local(|| {
        if cache == "plain" {
            return store.list().unwrap();
        }
        if cache == "cold" {
            let _ = std::fs::remove_file(&cache_file);
        }
        let counter = WarningCounter::new(dir, guard(), bank().clone());
        store.list_counting(Some(&counter)).unwrap()
    });
}

/// `disco report` over 10,000 accounts, reading to the built report: without a sheet, with
/// warning counts from a warm cache (the usual case), and cold (every account checked whole).
#[divan::bench(args = ["no sheet", "warm", "cold"], sample_count = 3)]
fn report_10k(bencher: divan::Bencher, cache: &str) {
    let dir = ten_thousand_accounts();
    let store = AccountStore::new(dir);
    let cache_file = disco::storage::warnings::cache_path(dir);
    let now = jiff::Timestamp::from_second(1_795_000_000).unwrap();
    // The cache as a report or a listing leaves it.
    let counter = WarningCounter::new(dir, guard(), bank().clone());
    disco::storage::report::gather(&store, Some(&counter)).unwrap();
    bencher.bench_local(|| {
        let counter = match cache {
            "no sheet" => None,
            _ => {
                if cache == "cold" {
                    let _ = std::fs::remove_file(&cache_file);
                }
                Some(WarningCounter::new(dir, guard(), bank().clone()))
            }
        };
        let gathered = disco::storage::report::gather(&store, counter.as_ref()).unwrap();
        disco::core::report::build(gathered, bank(), now, &jiff::tz::TimeZone::UTC)
    });
}

// Team sharing: git's merge driver on one account, as `disco merge-file` does it (read three
// files, parse, merge, write the result atomically into OURS).

/// Two reps' copies of one realistic account: each changed answers, a person and the note.
fn two_reps_copies(notes_bytes: usize) -> (String, String, String) {
    let base = disco::synth::account(bank(), 1, 7, notes_bytes);
    let t = jiff::Timestamp::from_second(1_900_000_000).unwrap();
    let questions: Vec<String> = bank()
        .question_refs()
        .filter_map(|q| bank().question(q))
        .map(|q| q.id.clone())
        .collect();
    let mut ours = base.clone();
    ours.set_answer(&questions[0], "Ann heard: fill rate above price", t);
    ours.set_answer(&questions[2], "Plant manager judges service", t);
    ours.notes.push_str("\nAnn: call back Tuesday");
    let mut theirs = base.clone();
    theirs.set_answer(&questions[0], "Bob heard: on-time delivery first", t);
    theirs.set_answer(&questions[3], "Two sites, forty staff", t);
    theirs.notes.push_str("\nBob: send samples");
    let mut person = Record::default();
    person.insert("name".into(), "Ola Berg".into());
    theirs.records_mut("people").push(person);
    let text = |a: &Account| disco::yaml::to_string(a).unwrap();
    (text(&base), text(&ours), text(&theirs))
}

#[divan::bench(args = [0, 100_000], sample_count = 50)]
fn merge_one_account_driver(bencher: divan::Bencher, notes_bytes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = two_reps_copies(notes_bytes);
    let path = |n: &str| dir.path().join(n);
    std::fs::write(path("base"), &base).unwrap();
    std::fs::write(path("theirs"), &theirs).unwrap();
    bencher
        .with_inputs(|| std::fs::write(path("ours"), &ours).unwrap())
        .bench_local_values(|()| {
            disco::storage::team::merge_file(
                &path("base"),
                &path("ours"),
                &path("theirs"),
                Some("accounts/acme.yaml"),
            )
            .unwrap()
        });
}

/// The same merge without the disk: parse the three copies, merge, serialize.
#[divan::bench(args = [0, 100_000], sample_count = 50)]
fn merge_one_account_in_memory(bencher: divan::Bencher, notes_bytes: usize) {
    let (base, ours, theirs) = two_reps_copies(notes_bytes);
    bencher.bench_local(|| {
        let [b, o, t] = [&base, &ours, &theirs].map(|text| parse_account(text.as_bytes()).unwrap());
        disco::yaml::to_string(&disco::core::merge(&b, &o, &t)).unwrap()
    });
}
