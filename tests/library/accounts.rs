//! One account per customer: found by the name inside its file, look-alikes offered before a
//! second one is made, and rename, merge and archive changing fields, never files.

use crate::common;

use std::fs;

use disco::storage::{AccountStore, Lookup};
use jiff::Timestamp;

fn store() -> (tempfile::TempDir, AccountStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(&dir.path().join("data"));
    (dir, store)
}

fn t(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).unwrap()
}

#[test]
fn an_account_is_found_after_its_file_was_renamed() {
    let (_dir, store) = store();
    let bank = common::bank();
    let path = common::save_sample(&store, "Keystone Fastener & Supply Co.", &bank);
    let moved = store.dir().join("keystone.yaml");
    fs::rename(&path, &moved).unwrap();
    let found = store
        .find("Keystone Fastener & Supply Co.")
        .unwrap()
        .unwrap();
    assert_eq!(found.path, moved);
    let opened = store
        .open_for_edit("Keystone Fastener & Supply Co.", &bank, t(0))
        .unwrap();
    assert!(!opened.created);
    assert_eq!(opened.path, moved);
    assert_eq!(opened.account.answers.len(), 3);
    drop(opened);
    assert_eq!(
        common::account_files(&store).len(),
        1,
        "no second, empty account"
    );
}

#[test]
fn an_account_is_found_by_a_name_edited_by_hand() {
    let (_dir, store) = store();
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("name: Acme", "name: Acme Industrial");
    fs::write(&path, text).unwrap();
    assert!(store.find("Acme").unwrap().is_none());
    let found = store.find("Acme Industrial").unwrap().unwrap();
    assert_eq!(found.path, path);
}

#[test]
fn look_alikes_are_offered_and_the_exact_name_is_not() {
    let (_dir, store) = store();
    let bank = common::bank();
    for name in ["Keystone Fastener & Supply Co.", "ACME Corp", "Globex"] {
        common::save_sample(&store, name, &bank);
    }
    assert_eq!(
        store.lookalikes("Keystone Fastener").unwrap(),
        ["Keystone Fastener & Supply Co."]
    );
    assert_eq!(store.lookalikes("acme corp.").unwrap(), ["ACME Corp"]);
    assert_eq!(store.lookalikes("Acme, Inc").unwrap(), ["ACME Corp"]);
    assert!(store.lookalikes("ACME Corp").unwrap().is_empty());
    assert!(store.lookalikes("Initech").unwrap().is_empty());
}

#[test]
fn rename_changes_the_name_inside_and_keeps_the_file() {
    let (_dir, store) = store();
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    common::save_sample(&store, "Globex", &bank);
    let renamed = store.rename("Acme", "Acme Industrial", t(1)).unwrap();
    assert_eq!(renamed, path);
    assert_eq!(AccountStore::load(&path).unwrap().name, "Acme Industrial");
    assert!(store.find("Acme").unwrap().is_none());
    assert_eq!(store.find("Acme Industrial").unwrap().unwrap().path, path);
    let err = store
        .rename("Acme Industrial", "Globex", t(2))
        .unwrap_err()
        .to_string();
    assert!(err.contains("already exists"), "{err}");
    let err = store
        .rename("Acme Industrial", "evil\u{202e}", t(2))
        .unwrap_err()
        .to_string();
    assert!(err.contains("text-direction"), "{err}");
    let err = store
        .rename("Nobody", "Somebody", t(2))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no account named"), "{err}");
}

#[test]
fn an_old_name_is_answered_with_the_account_renamed_from_it() {
    let (_dir, store) = store();
    let bank = common::bank();
    common::save_sample(&store, "Acme Ltd", &bank);
    store.rename("Acme Ltd", "Globex Industrial", t(1)).unwrap();
    assert_eq!(
        store.renamed_to("Acme Ltd").unwrap().as_deref(),
        Some("Globex Industrial")
    );
    // `disco call "Acme Ltd"` asks about it instead of starting an empty account unasked.
    match store.lookup("Acme Ltd").unwrap() {
        Lookup::New { alikes } => assert_eq!(alikes, ["Globex Industrial"]),
        Lookup::Found(_) => panic!("the old name is free for a new account, once asked"),
    }
}

#[test]
fn archived_accounts_leave_the_lists_and_come_back() {
    let (_dir, store) = store();
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    common::save_sample(&store, "Globex", &bank);
    store.set_archived("Acme", true, t(1)).unwrap();
    let names = |store: &AccountStore| -> Vec<String> {
        store
            .list()
            .unwrap()
            .into_iter()
            .map(|l| l.account.unwrap().name)
            .collect()
    };
    assert_eq!(names(&store), ["Globex"]);
    assert!(path.exists(), "the file stays");
    assert!(store.find("Acme").unwrap().is_some(), "still found by name");
    store.set_archived("Acme", false, t(2)).unwrap();
    assert_eq!(names(&store), ["Acme", "Globex"]);
}

#[test]
fn merge_keeps_everything_and_marks_the_merged_account() {
    let (_dir, store) = store();
    let bank = common::bank();
    let into_path = common::save_sample(&store, "Keystone Fastener & Supply Co.", &bank);
    let opened = store
        .open_for_edit("Keystone Fastener", &bank, t(0))
        .unwrap();
    let from_path = opened.path.clone();
    let mut from = opened.account.clone();
    from.start_call(disco::core::CallMode::Live, t(10));
    from.set_answer("valued-supplier", "Price first, then delivery", t(20));
    from.notes = "Call back Tuesday".into();
    store.save(&from_path, &from).unwrap();
    drop(opened);

    store
        .merge("Keystone Fastener", "Keystone Fastener & Supply Co.", t(30))
        .unwrap();
    let merged = AccountStore::load(&into_path).unwrap();
    let valued = &merged.answers["valued-supplier"];
    assert_eq!(valued.text, "Price first, then delivery");
    assert_eq!(valued.history[0].text, "On-time delivery above all");
    assert!(merged.notes.contains("Call back Tuesday"));
    assert_eq!(merged.calls.len(), 2);
    assert_eq!(merged.records("people").len(), 1);
    // The merged account's file stays, marked, out of the lists; its name leads to the other.
    let marked = AccountStore::load(&from_path).unwrap();
    assert_eq!(
        marked.merged_into.as_deref(),
        Some("Keystone Fastener & Supply Co.")
    );
    assert_eq!(
        marked.answers["valued-supplier"].text,
        "Price first, then delivery"
    );
    let listed: Vec<String> = store
        .list()
        .unwrap()
        .into_iter()
        .map(|l| l.account.unwrap().name)
        .collect();
    assert_eq!(listed, ["Keystone Fastener & Supply Co."]);
    let found = store.find("Keystone Fastener").unwrap().unwrap();
    assert_eq!(found.path, into_path);
    assert_eq!(found.merged_from, ["Keystone Fastener"]);
}

#[test]
fn an_account_open_in_a_call_cannot_be_renamed_or_merged() {
    let (_dir, store) = store();
    let bank = common::bank();
    common::save_sample(&store, "Globex", &bank);
    common::save_sample(&store, "Acme", &bank);
    let _open = store.open_for_edit("Acme", &bank, t(0)).unwrap();
    let err = store
        .rename("Acme", "Acme 2", t(1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("already open"), "{err}");
    let err = store.merge("Globex", "Acme", t(1)).unwrap_err().to_string();
    assert!(err.contains("already open"), "{err}");
}

#[cfg(unix)]
#[test]
fn fifos_and_device_links_in_the_folder_are_skipped_not_read() {
    let (_dir, store) = store();
    let bank = common::bank();
    common::save_sample(&store, "Acme", &bank);
    let fifo = store.dir().join("fifo.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", store.dir().join("zero.yaml")).unwrap();
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 3);
    let problems: Vec<String> = listed
        .iter()
        .filter_map(|l| l.account.as_ref().err().cloned())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().all(|p| p.contains("not a regular file")),
        "{problems:?}"
    );
    assert!(store.find("Somebody new").unwrap().is_none());
}

#[test]
fn an_account_too_large_to_read_back_is_never_saved() {
    let (_dir, store) = store();
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let before = fs::read(&path).unwrap();
    let mut account = AccountStore::load(&path).unwrap();
    account.notes = "x".repeat(disco::yaml::MAX_FILE_BYTES + 1);
    let err = format!("{:#}", store.save(&path, &account).unwrap_err());
    assert!(err.contains("too large to save"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // Just under the limit it saves, and reads back.
    account.notes = "x".repeat(disco::yaml::MAX_FILE_BYTES - before.len() - 64);
    store.save(&path, &account).unwrap();
    assert_eq!(
        AccountStore::load(&path).unwrap().notes.len(),
        account.notes.len()
    );
}

#[cfg(unix)]
#[test]
fn the_recovery_copy_is_new_and_private_in_the_data_folder() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store) = store();
    let bank = common::bank();
    let account = common::sample_account("Acme", &bank);
    let first = store.write_recovery(&account, t(0)).unwrap();
    let second = store.write_recovery(&account, t(0)).unwrap();
    assert_ne!(first, second, "never replaces an earlier copy");
    let dir = first.parent().unwrap();
    assert_eq!(dir, store.data_dir().join("recovery"));
    assert_eq!(
        fs::metadata(dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        fs::metadata(&first).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(AccountStore::load(&first).unwrap(), account);
}

#[cfg(unix)]
#[test]
fn an_existing_shared_folder_keeps_its_mode_and_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store) = store();
    fs::create_dir_all(store.dir()).unwrap();
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o2775)).unwrap();
    common::save_sample(&store, "Acme", &common::bank());
    assert_eq!(
        fs::metadata(store.dir()).unwrap().permissions().mode() & 0o7777,
        0o2775
    );
    let warnings = store.folder_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("can be written by other users"),
        "{warnings:?}"
    );
}

mod home_screen {
    use super::*;
    use disco::tui::setup::Setup;
    use disco::tui::theme::Theme;
    use disco::tui::{App, Msg};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::time::Instant;

    fn home_with(names: &[&str]) -> (tempfile::TempDir, AccountStore, App) {
        let (dir, store) = store();
        for name in names {
            common::save_sample(&store, name, &common::bank());
        }
        let setup = Setup::new(store.clone(), common::bank(), Theme { color: false });
        let mut app = App::home(setup, Instant::now()).unwrap();
        app.wait_for_accounts();
        (dir, store, app)
    }

    fn press(app: &mut App, keys: &str) {
        for key in common::keys::parse(keys) {
            app.update(Msg::Key(key));
        }
    }

    fn screen(app: &App, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    #[test]
    fn a_look_alike_name_is_asked_about_and_enter_opens_the_existing_account() {
        let (_dir, store, mut app) = home_with(&["Keystone Fastener & Supply Co.", "Globex"]);
        // Not a substring of the existing name, so the filter shows only the row to create it.
        press(&mut app, "Keystone Fastener and Supply<ret>");
        let shown = screen(&app, 80, 24);
        assert!(
            shown.contains("Same customer as an account you have?"),
            "{shown}"
        );
        assert!(
            shown.contains("Open “Keystone Fastener & Supply Co.”"),
            "{shown}"
        );
        assert!(shown.contains("is another customer: create it"), "{shown}");
        assert!(app.call_state().is_none(), "nothing opened or created yet");
        press(&mut app, "<ret>Sample answer<C-q>");
        app.finish().unwrap();
        assert_eq!(common::account_files(&store).len(), 2, "no second account");
        let found = store
            .find("Keystone Fastener & Supply Co.")
            .unwrap()
            .unwrap();
        assert_eq!(
            found.account.calls.len(),
            2,
            "this call was logged on the existing account"
        );
    }

    #[test]
    fn creating_a_look_alike_takes_an_explicit_confirmation() {
        let (_dir, store, mut app) = home_with(&["ACME Corp"]);
        press(&mut app, "acme corp.<ret>");
        assert!(app.call_state().is_none());
        press(&mut app, "<down><ret>");
        assert!(app.call_state().is_some());
        press(&mut app, "New customer after all<C-q>");
        app.finish().unwrap();
        assert!(store.find("acme corp.").unwrap().is_some());
        assert_eq!(common::account_files(&store).len(), 2);
    }

    #[test]
    fn quitting_while_asked_creates_nothing() {
        let (_dir, store, mut app) = home_with(&["Keystone Fastener & Supply Co."]);
        press(&mut app, "KEYSTONE  Fastener, Inc<ret>");
        let shown = screen(&app, 60, 20);
        assert!(
            shown.contains("Same customer as an account you have?"),
            "{shown}"
        );
        press(&mut app, "<esc>");
        assert!(!app.quit, "Esc goes back to the list");
        press(&mut app, "<esc>");
        assert!(!app.quit, "Esc clears the name typed");
        press(&mut app, "<esc>");
        assert!(app.quit);
        app.finish().unwrap();
        assert_eq!(common::account_files(&store).len(), 1);
        assert!(store.find("KEYSTONE  Fastener, Inc").unwrap().is_none());
    }

    #[test]
    fn an_account_whose_file_was_renamed_opens_instead_of_a_new_one() {
        let (_dir, store, _app) = home_with(&["Acme"]);
        let path = common::only_account_file(&store);
        fs::rename(&path, store.dir().join("renamed.yaml")).unwrap();
        let setup = Setup::new(store.clone(), common::bank(), Theme { color: false });
        let mut app = App::home(setup, Instant::now()).unwrap();
        // Typed before the list is read: the folder is still asked.
        press(&mut app, "Acme<ret>");
        assert!(app.call_state().is_some());
        press(&mut app, "<C-q>");
        app.finish().unwrap();
        assert_eq!(common::account_files(&store).len(), 1);
    }
}

#[test]
fn an_archive_or_merge_mark_made_elsewhere_survives_the_three_way_merge() {
    let bank = common::bank();
    let base = common::sample_account("Acme", &bank);
    let mut ours = base.clone();
    ours.notes = "typed in this call".into();
    let mut theirs = base.clone();
    theirs.archived = true;
    theirs.merged_into = Some("Acme Corp".into());
    let merged = disco::core::merge::merge(&base, &ours, &theirs);
    assert!(merged.archived);
    assert_eq!(merged.merged_into.as_deref(), Some("Acme Corp"));
    assert_eq!(merged.notes, "typed in this call");
}

#[test]
fn a_paste_too_large_to_read_back_is_kept_on_screen_and_never_saved() {
    use disco::tui::setup::Setup;
    use disco::tui::theme::Theme;
    use disco::tui::{App, Msg};
    use std::time::{Duration, Instant};
    let (_dir, store) = store();
    let bank = common::bank();
    let path = common::save_sample(&store, "Acme", &bank);
    let before = fs::read(&path).unwrap();
    let opened = store.open_for_edit("Acme", &bank, t(0)).unwrap();
    let start = Instant::now();
    let setup = Setup::new(store.clone(), bank, Theme { color: false });
    let mut app = App::call(setup, opened, start);
    let huge = "x".repeat(disco::yaml::MAX_FILE_BYTES + 1);
    app.update(Msg::Paste(huge));
    let mut clock = start;
    let mut shown = String::new();
    for _ in 0..300 {
        clock += Duration::from_millis(100);
        app.update(Msg::Tick(clock));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        shown = buffer.content().iter().map(|c| c.symbol()).collect();
        if shown.contains("too large to save") {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(shown.contains("too large to save"), "{shown}");
    // The file keeps its last save; the text is all still there to shorten.
    assert_eq!(fs::read(&path).unwrap(), before);
    let call = app.call_state().unwrap();
    let longest = call
        .account
        .answers
        .values()
        .map(|a| a.text.len())
        .max()
        .unwrap_or(0);
    assert!(longest > disco::yaml::MAX_FILE_BYTES, "{longest}");
}
