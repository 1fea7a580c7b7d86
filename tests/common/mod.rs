//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod keys;
pub mod pty;
pub mod team;

use std::path::{Path, PathBuf};

use disco::core::{Account, Bank};
use disco::storage::{AccountStore, builtin_bank};
use jiff::Timestamp;

pub fn bank() -> Bank {
    builtin_bank().unwrap()
}

/// Opens `name` on `store` for a call, the way `disco call` does, with colors off. Returns the
/// account file's path and the app.
pub fn call_app(
    store: &AccountStore,
    name: &str,
    now: std::time::Instant,
) -> (PathBuf, disco::tui::App) {
    call_app_at(store, name, now, "2026-11-24T09:00:00Z")
}

/// `call_app` with the clock starting at `start` (RFC 3339) at `now`: tests move time by
/// ticking with a later `Instant`, or by opening the next call at a later `start`.
pub fn call_app_at(
    store: &AccountStore,
    name: &str,
    now: std::time::Instant,
    start: &str,
) -> (PathBuf, disco::tui::App) {
    let bank = bank();
    let opened = open_when_free(store, name, &bank, at(start));
    let path = opened.path.clone();
    let setup = disco::tui::setup::Setup::new(
        store.clone(),
        bank,
        disco::tui::theme::Theme { color: false },
    )
    .with_clock(disco::clock::Clock::new(at(start), now));
    (path, disco::tui::App::call(setup, opened, now))
}

/// Opens `name`, waiting while its lock is still held by this process. An account closed a
/// moment ago can stay locked for a while: a child another test forks in that moment shares
/// the lock's open file until it execs (the tests run in parallel; on a loaded machine that
/// takes milliseconds). The wait is a bound, not a timing claim.
pub fn open_when_free(
    store: &AccountStore,
    name: &str,
    bank: &Bank,
    now: Timestamp,
) -> disco::storage::OpenAccount {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        match store.open_for_edit(name, bank, now) {
            Ok(opened) => return opened,
            Err(err)
                if err
                    .to_string()
                    .contains(&format!("process {}", std::process::id()))
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(err) => panic!("{err:#}"),
        }
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_disco")
}

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Account files in the store's folder (no locks, no temp files).
pub fn account_files(store: &AccountStore) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(store.dir()) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

/// The only account file in the store's folder.
pub fn only_account_file(store: &AccountStore) -> PathBuf {
    let files = account_files(store);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

pub fn load_only_account(store: &AccountStore) -> Account {
    AccountStore::load(&only_account_file(store)).unwrap()
}

/// An account with fixed dates, answers and records, for render and CLI tests.
pub fn sample_account(name: &str, bank: &Bank) -> Account {
    let t = at("2026-11-20T15:04:05Z");
    let mut account = Account::new(name, bank, t);
    account.set_answer(
        "business-and-roles",
        "Family-owned distributor, 40 staff.\nBuyer: Jane Roe.",
        t,
    );
    account.set_answer("who-judges-service", "Receiving and the plant manager", t);
    account.set_answer("valued-supplier", "On-time delivery above all", t);
    let mut jane: disco::core::Record = [
        ("name", "Jane Roe"),
        ("title", "Buyer"),
        ("part", "decides"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    // Fixed, so two samples compare equal.
    jane.id = "r-jane-roe".into();
    account.records_mut("people").push(jane);
    account.next_step = Some(disco::core::account::NextStep::new(
        "Send the supply agreement draft".into(),
        Some(jiff::civil::date(2026, 11, 27)),
    ));
    account.start_call(disco::core::CallMode::Live, t);
    account.end_call(at("2026-11-20T15:34:05Z"));
    account
}

pub fn save_sample(store: &AccountStore, name: &str, bank: &Bank) -> PathBuf {
    let opened = store
        .open_for_edit(name, bank, at("2026-11-20T15:00:00Z"))
        .unwrap();
    store
        .save(&opened.path, &sample_account(name, bank))
        .unwrap();
    opened.path
}

/// A sample account whose scratch note makes two promises the example sheet rules out.
pub fn save_flagged_sample(store: &AccountStore, name: &str, bank: &Bank) -> (PathBuf, Account) {
    let path = save_sample(store, name, bank);
    let mut account = AccountStore::load(&path).unwrap();
    account.notes = "promised overnight on the seals\nsaid yes to net 60".into();
    store.save(&path, &account).unwrap();
    (path, account)
}
