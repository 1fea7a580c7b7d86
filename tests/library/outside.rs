//! Changes made to an account file outside disco while it is open (a hand edit, `git pull`, a
//! sync tool): merged at the next save, never overwritten; a file that no longer reads is never
//! written.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use disco::core::{Account, Record};
use disco::storage::AccountStore;
use disco::storage::accounts::parse_account;
use disco::storage::outside::side_file;
use disco::yaml;

fn open(store: &AccountStore, name: &str) -> (PathBuf, Account, disco::storage::OpenAccount) {
    let opened = store
        .open_for_edit(name, &common::bank(), common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    (opened.path.clone(), opened.account.clone(), opened)
}

/// What a hand edit does: read the file, change it, write it back.
fn edit_outside(path: &Path, change: impl FnOnce(&mut Account)) {
    let mut account = parse_account(&fs::read(path).unwrap()).unwrap();
    change(&mut account);
    fs::write(path, yaml::to_string(&account).unwrap()).unwrap();
}

fn person(name: &str) -> Record {
    [("name".to_string(), name.to_string())]
        .into_iter()
        .collect()
}

fn names(account: &Account) -> Vec<&str> {
    account
        .records("people")
        .iter()
        .filter_map(|r| r.get("name").map(String::as_str))
        .collect()
}

fn conflicted(ours: &str, theirs: &str) -> String {
    format!("<<<<<<< HEAD\n{ours}=======\n{theirs}>>>>>>> origin/main\n")
}

#[test]
fn a_change_made_outside_disco_is_merged_at_the_next_save_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let (path, mut ours, _lock) = open(&store, "Acme");
    ours.set_answer(
        "valued-supplier",
        "On-time delivery",
        common::at("2026-11-24T09:01:00Z"),
    );
    ours.notes = "first line".into();
    assert_eq!(store.save(&path, &ours).unwrap().note(), None);

    edit_outside(&path, |account| {
        account.records_mut("people").push(person("Added by hand"));
        account.notes.push_str("\nline from a colleague");
    });
    ours.records_mut("people").push(person("Typed in the call"));
    ours.notes.push_str("\nline typed in the call");
    let saved = store.save(&path, &ours).unwrap();
    assert_eq!(saved.note(), Some("Merged changes made outside disco."));

    let on_disk = AccountStore::load(&path).unwrap();
    assert_eq!(names(&on_disk), ["Typed in the call", "Added by hand"]);
    assert_eq!(
        on_disk.notes,
        "first line\nline typed in the call\nline from a colleague"
    );
    assert_eq!(on_disk.answer("valued-supplier"), "On-time delivery");

    // The next save keeps the colleague's work without saying so again.
    ours.notes.push_str("\nand one more");
    assert_eq!(store.save(&path, &ours).unwrap().note(), None);
    let on_disk = AccountStore::load(&path).unwrap();
    assert_eq!(names(&on_disk), ["Typed in the call", "Added by hand"]);
    assert!(
        on_disk.notes.contains("line from a colleague"),
        "{}",
        on_disk.notes
    );
    assert!(on_disk.notes.contains("and one more"), "{}", on_disk.notes);
}

#[test]
fn a_file_that_no_longer_reads_is_never_written_and_the_text_is_kept_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let (path, mut ours, _lock) = open(&store, "Acme");
    ours.notes = "before the pull".into();
    store.save(&path, &ours).unwrap();
    let valid = fs::read_to_string(&path).unwrap();
    let mut theirs = parse_account(valid.as_bytes()).unwrap();
    theirs.notes = "their notes".into();
    let markers = conflicted(&valid, &yaml::to_string(&theirs).unwrap());
    assert!(parse_account(markers.as_bytes()).is_err());
    fs::write(&path, &markers).unwrap();

    ours.notes.push_str("\ntyped while the file was conflicted");
    let err = format!("{:#}", store.save(&path, &ours).unwrap_err());
    assert!(err.starts_with(&format!("{}:", path.display())), "{err}");
    assert!(
        err.contains(":1:") || err.contains(":2:"),
        "names the place: {err}"
    );
    assert!(err.contains(".unsaved"), "says where the text is: {err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        markers,
        "never rewritten"
    );
    let side = side_file(&path);
    let kept = AccountStore::load(&side).unwrap();
    assert!(kept.notes.ends_with("typed while the file was conflicted"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&side).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let listed = store.list().unwrap();
    assert_eq!(
        listed.len(),
        1,
        "the side file is not an account: {listed:?}"
    );

    // Resolved by hand: saves resume, merging, and the side file goes.
    fs::write(&path, yaml::to_string(&theirs).unwrap()).unwrap();
    let saved = store.save(&path, &ours).unwrap();
    assert_eq!(saved.note(), Some("Merged changes made outside disco."));
    let on_disk = AccountStore::load(&path).unwrap();
    assert!(on_disk.notes.contains("their notes"), "{}", on_disk.notes);
    assert!(
        on_disk
            .notes
            .contains("typed while the file was conflicted"),
        "{}",
        on_disk.notes
    );
    assert!(!side.exists());
}

/// A small random source with a printed seed, so a failure can be replayed
/// (`DISCO_SEED=n`).
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        let seed = std::env::var("DISCO_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                use std::hash::{BuildHasher, Hasher};
                let mut h = std::collections::hash_map::RandomState::new().build_hasher();
                h.write_u8(0);
                h.finish() | 1
            });
        eprintln!("DISCO_SEED={seed}");
        Self(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The other writer: rewrites the file 50 times at random moments, the way an editor or a
/// sync tool does (read, change, write a temp file, rename), adding a person and a note line
/// each time; one time in five it leaves git conflict markers instead, and checks disco never
/// wrote over them. It re-reads before its rename so its own writes do not lose disco's.
fn other_writer(path: &Path, rng: &mut Rng, started: &Barrier) -> Vec<String> {
    started.wait();
    let mut added = Vec::new();
    let mut last_valid: Option<String> = None;
    let mut left_conflicted: Option<String> = None;
    let mut round = 0;
    while added.len() < 50 {
        round += 1;
        std::thread::sleep(Duration::from_micros(rng.below(4000)));
        let current = fs::read_to_string(path).unwrap();
        if let Some(markers) = left_conflicted.take() {
            assert_eq!(current, markers, "disco wrote over a conflicted file");
        }
        let base_text = match parse_account(current.as_bytes()) {
            Ok(_) => current.clone(),
            Err(_) => last_valid.clone().unwrap(),
        };
        let mut account = parse_account(base_text.as_bytes()).unwrap();
        let name = format!("outside {round}");
        account.records_mut("people").push(person(&name));
        account.notes.push_str(&format!("\n{name}"));
        let text = yaml::to_string(&account).unwrap();
        let conflict = rng.below(5) == 0 && added.len() < 49;
        let write = if conflict {
            conflicted(&base_text, &text)
        } else {
            text.clone()
        };
        let temp = path.with_extension("outside-tmp");
        fs::write(&temp, &write).unwrap();
        if fs::read_to_string(path).unwrap() != current {
            // disco saved meanwhile: start this round again from its file.
            fs::remove_file(&temp).unwrap();
            continue;
        }
        fs::rename(&temp, path).unwrap();
        added.push(name);
        if conflict {
            left_conflicted = Some(write);
            last_valid = Some(text);
        } else {
            last_valid = Some(text);
        }
    }
    if let Some(markers) = left_conflicted {
        assert_eq!(fs::read_to_string(path).unwrap(), markers);
    }
    added
}

#[test]
fn two_writers_at_random_moments_lose_nothing_and_a_conflicted_file_is_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let (path, mut ours, _lock) = open(&store, "Acme");
    store.save(&path, &ours).unwrap();
    let mut rng = Rng::new();
    let mut other_rng = Rng(rng.below(u64::MAX) | 1);
    let started = Arc::new(Barrier::new(2));
    let done = Arc::new(AtomicBool::new(false));
    let other = {
        let (path, started, done) = (path.clone(), started.clone(), done.clone());
        std::thread::spawn(move || {
            let added = other_writer(&path, &mut other_rng, &started);
            done.store(true, Ordering::SeqCst);
            added
        })
    };
    started.wait();
    let mut typed = Vec::new();
    let (mut merges, mut refusals) = (0, 0);
    let mut round = 0;
    while !done.load(Ordering::SeqCst) || round < 50 {
        let name = format!("typed {round}");
        ours.records_mut("people").push(person(&name));
        ours.notes.push_str(&format!("\n{name}"));
        typed.push(name);
        match store.save(&path, &ours) {
            Ok(saved) => merges += usize::from(saved.merged_outside),
            Err(_) => refusals += 1,
        }
        std::thread::sleep(Duration::from_micros(rng.below(3000)));
        round += 1;
    }
    let added = other.join().unwrap();
    // The other writer ends on a file that reads; disco's last save goes through.
    store.save(&path, &ours).unwrap();
    let on_disk = AccountStore::load(&path).unwrap();
    let people = names(&on_disk);
    let note_lines: Vec<&str> = on_disk.notes.split('\n').collect();
    for name in typed.iter().chain(&added) {
        assert!(
            people.contains(&name.as_str()),
            "{name} lost from people: {people:?}"
        );
        assert!(
            note_lines.contains(&name.as_str()),
            "{name} lost from the notes"
        );
    }
    assert_eq!(added.len(), 50);
    assert!(merges > 0, "the other writer's changes were merged");
    eprintln!("{merges} merges, {refusals} saves refused on conflict markers");
    assert!(!side_file(&path).exists());
}
