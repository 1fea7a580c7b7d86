//! `cargo bench --bench guard`: what the promise guard costs where a rep feels it. Figures in
//! BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disco::core::company::Company;
use disco::core::guard::{Guard, LineCache, Voice};
use disco::core::{Account, Bank, Record};
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
        account.set_answer(id, &text, disco::core::account::now());
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
        .open_for_edit("Bench", bank(), disco::core::account::now())
        .unwrap();
    let mut setup = Setup::new(store, bank().clone(), Theme { color: true });
    setup.company = Some(company());
    let mut app = App::call(setup, opened, Instant::now());
    let mut screen = Screen::new(Terminal::new(TestBackend::new(80, 24)).unwrap());
    for key in [
        KeyEvent::new(KeyCode::Char('3'), KeyModifiers::ALT),
        KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL),
        KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE),
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
    for line in lines.iter().cycle() {
        if note.len() >= bytes {
            break;
        }
        note.push_str(line);
        note.push('\n');
    }
    note
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
            std::fs::write(path, disco::yaml::to_string(&account).unwrap()).unwrap();
        }
        dir
    })
    .path()
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
