//! What a call logs in the account's history: nothing for a look, one call for a quit and a
//! quick reopen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Instant;

use disco::storage::AccountStore;
use disco::tui::Msg;

fn call_at(store: &AccountStore, start: &str, keys: &str) {
    let (_, mut app) = common::call_app_at(store, "Acme Corp", Instant::now(), start);
    for key in common::keys::parse(keys) {
        app.update(Msg::Key(key));
    }
    app.finish().unwrap();
}

#[test]
fn opening_an_account_just_to_look_logs_no_call() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    call_at(&store, "2026-11-24T09:00:00Z", "Purchasing decides<C-q>");
    let written = std::fs::read_to_string(common::only_account_file(&store)).unwrap();
    call_at(&store, "2026-11-25T09:00:00Z", "<tab><tab><A-3><C-q>");
    let account = common::load_only_account(&store);
    assert_eq!(account.calls.len(), 1, "the look left no call");
    assert_eq!(
        std::fs::read_to_string(common::only_account_file(&store)).unwrap(),
        written,
        "nor any other change to the file"
    );
}

#[test]
fn a_reopen_within_ten_minutes_continues_the_same_call() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    call_at(&store, "2026-11-24T09:00:00Z", "Purchasing decides<C-q>");
    // Quit by accident; back five minutes later.
    call_at(&store, "2026-11-24T09:05:00Z", "<A-2>Price<C-q>");
    let account = common::load_only_account(&store);
    assert_eq!(account.calls.len(), 1);
    assert_eq!(
        account.calls[0].changes,
        ["answered 1.1: Purchasing decides", "answered 2.1: Price"]
    );
    assert_eq!(account.calls[0].started, common::at("2026-11-24T09:00:00Z"));
    assert!(account.calls[0].ended.is_some());
    // A quarter of an hour after that call ended: a new one.
    call_at(&store, "2026-11-24T09:20:00Z", "<S-tab> and quality<C-q>");
    let account = common::load_only_account(&store);
    assert_eq!(account.calls.len(), 2);
    assert_eq!(account.calls[1].changes, ["added to 1.1: and quality"]);
}
