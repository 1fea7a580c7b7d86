//! Times are stored in UTC and shown on the rep's clock: `TZ` is honoured.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use disco::storage::AccountStore;

use crate::common;
use crate::common::pty::Session;

fn accounts(data: &std::path::Path, tz: &str) -> String {
    let out = Command::new(common::bin())
        .arg("accounts")
        .env("DISCO_DATA_DIR", data)
        .env_remove("DISCO_BANK")
        .env("TZ", tz)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn tz_asia_tokyo_shows_local_times_in_accounts_and_on_the_home_screen() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    // The sample's call started at 2026-11-20 15:04:05 UTC: 00:04 on the 21st in Tokyo.
    let path = common::save_sample(&store, "Acme Corp", &common::bank());
    let tokyo = accounts(dir.path(), "Asia/Tokyo");
    assert!(tokyo.contains("LAST CALL (Asia/Tokyo)"), "{tokyo}");
    assert!(tokyo.contains("2026-11-21 00:04"), "{tokyo}");
    let utc = accounts(dir.path(), "UTC");
    assert!(utc.contains("2026-11-20 15:04"), "{utc}");
    // Stored in UTC, as before.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("started: 2026-11-20T15:04:05Z"), "{text}");

    let mut s = Session::spawn_with_env(
        dir.path(),
        &[],
        &[("TZ", "Asia/Tokyo"), ("DISCO_NOW", "2026-11-25T09:00:00Z")],
    );
    s.wait_for("Acme Corp");
    let screen = s.contents();
    assert!(screen.contains("2026-11-21"), "{screen}");
    assert!(!screen.contains("2026-11-20"), "{screen}");
    s.send(b"\x11");
    assert!(s.wait_exit().success());
}

#[test]
fn disco_history_says_which_zone_its_times_are_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    let out = Command::new(common::bin())
        .args(["history", "Acme Corp"])
        .env("DISCO_DATA_DIR", dir.path())
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2026-11-21 00:04 JST"), "{text}");
}

#[test]
fn utc_is_spelled_one_way_and_an_unknown_tz_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Acme Corp", &common::bank());
    let etc = accounts(dir.path(), "Etc/UTC");
    assert!(etc.contains("LAST CALL (UTC)"), "{etc}");
    let out = Command::new(common::bin())
        .arg("accounts")
        .env("DISCO_DATA_DIR", dir.path())
        .env_remove("DISCO_BANK")
        .env("TZ", "Mars/Base")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("Mars/Base").count(), 1, "{stderr}");
    assert!(
        stderr.contains("UTC"),
        "says what is used instead: {stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("LAST CALL (UTC)"));
}
