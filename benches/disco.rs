//! `cargo bench`: the costs that decide whether disco keeps up with a rep who types while the
//! customer talks. Figures and the machine they were taken on are in BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disco::core::Bank;
use disco::storage::accounts::parse_account;
use disco::storage::banks::{BUILTIN_BANK, parse_bank};
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
