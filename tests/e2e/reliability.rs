//! Reliability: bad input of every kind, faults while saving, kills at random moments, any
//! terminal size. Long variants are `#[ignore]`d; the README says how to run them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use disco::storage::AccountStore;
use disco::storage::company::load_company;
use disco::storage::load_bank;
use disco::storage::practice::PracticeStore;
use disco::storage::roleplay::resolve_scenario;
use disco::tui::setup::Setup;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};

const KINDS: [&str; 5] = ["bank", "company", "scenario", "account", "practice"];

/// Loads `path` as `kind` the way disco does, returning the error text.
fn load(kind: &str, path: &Path) -> Result<(), String> {
    match kind {
        "bank" => load_bank(path).map(drop).map_err(|e| e.to_string()),
        "company" => load_company(path).map(drop).map_err(|e| e.to_string()),
        "scenario" => resolve_scenario(&path.to_string_lossy(), &common::bank())
            .map(drop)
            .map_err(|e| e.to_string()),
        "account" => AccountStore::load(path)
            .map(drop)
            .map_err(|e| format!("{e:#}")),
        "practice" => {
            // Progress is found by learner; put the file where "sam"'s would be.
            let dir = tempfile::tempdir().unwrap();
            let store = PracticeStore::new(dir.path());
            let target = store.path("sam");
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(path, &target).unwrap();
            store.load("sam").map(drop).map_err(|e| {
                format!("{e:#}").replace(&target.display().to_string(), &path.display().to_string())
            })
        }
        other => panic!("unknown kind {other}"),
    }
}

fn has_place(message: &str) -> bool {
    let line_col = message
        .split(':')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].trim().parse::<usize>().is_ok() && w[1].trim().parse::<usize>().is_ok());
    let element = [
        "steps", "facts", "can", "cannot", "replies", "rubric", "name", "id", "title", "persona",
    ]
    .iter()
    .any(|p| message.contains(&format!(": {p}")));
    let whole_file = [
        "file is empty",
        "too large",
        "newer disco",
        "the whole file is refused",
    ]
    .iter()
    .any(|w| message.contains(w));
    line_col || element || whole_file
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

#[test]
fn every_bad_file_gets_a_clear_error_and_stays_untouched() {
    let mut report = String::new();
    for kind in KINDS {
        for path in files(&common::fixture(&format!("bad/{kind}"))) {
            let before = fs::read(&path).unwrap();
            let started = Instant::now();
            let result = std::panic::catch_unwind(|| load(kind, &path));
            let Ok(result) = result else {
                panic!("{kind} loader panicked on {}", path.display())
            };
            let message =
                result.expect_err(&format!("{} should not load as a {kind}", path.display()));
            assert!(
                message.contains(&path.display().to_string()),
                "{kind}: no file name in {message:?}"
            );
            assert!(has_place(&message), "{kind}: no place in {message:?}");
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{} took too long",
                path.display()
            );
            assert_eq!(
                fs::read(&path).unwrap(),
                before,
                "{} was changed",
                path.display()
            );
            report += &format!("{kind:9} {message}\n");
        }
    }
    // Shown with --nocapture: the messages a user would read.
    println!("{report}");
}

#[test]
fn files_written_on_windows_load() {
    for kind in KINDS {
        let path = common::fixture(&format!("bad/good/{kind}-bom-crlf.yaml"));
        load(kind, &path).unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let line = "- ".to_string() + &"x".repeat(98) + "\n";
    fs::write(&path, line.repeat(50 * 1024 * 1024 / line.len())).unwrap();
    for kind in KINDS {
        let message = load(kind, &path).unwrap_err();
        assert!(
            message.contains("too large") && message.contains("huge.yaml"),
            "{kind}: {message}"
        );
    }
}

#[test]
fn commands_exit_non_zero_on_bad_files() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str], file: &Path| {
        Command::new(common::bin())
            .args(args)
            .arg(file)
            .env("DISCO_DATA_DIR", data.path())
            .output()
            .unwrap()
    };
    for (args, kind) in [
        (["bank", "check"], "bank"),
        (["company", "check"], "company"),
        (["scenario", "check"], "scenario"),
    ] {
        for path in files(&common::fixture(&format!("bad/{kind}"))) {
            let out = run(&args, &path);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{} {}",
                args.join(" "),
                path.display()
            );
            assert!(String::from_utf8_lossy(&out.stderr).contains(&path.display().to_string()));
        }
    }
    // A broken account in the folder: listed as a problem, exit 1, the file left alone.
    let store = AccountStore::new(data.path());
    fs::create_dir_all(store.dir()).unwrap();
    let broken = store.dir().join("broken.yaml");
    fs::copy(common::fixture("bad/account/alias-bomb.yaml"), &broken).unwrap();
    let out = Command::new(common::bin())
        .arg("accounts")
        .env("DISCO_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fs::read(&broken).unwrap(),
        fs::read(common::fixture("bad/account/alias-bomb.yaml")).unwrap()
    );
}

#[test]
fn arbitrary_bytes_never_panic_any_loader() {
    let mut rng = disco::core::practice::Rng::new(99);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.yaml");
    let seeds: Vec<Vec<u8>> = KINDS
        .iter()
        .flat_map(|k| files(&common::fixture(&format!("bad/{k}"))))
        .map(|p| fs::read(p).unwrap())
        .collect();
    for round in 0..400 {
        // Mutate a real file: flip, drop and duplicate bytes.
        let mut bytes = seeds[round % seeds.len()].clone();
        for _ in 0..1 + rng.below(8) {
            if bytes.is_empty() {
                break;
            }
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[at] = rng.next_u64() as u8,
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, bytes[at]),
            }
        }
        fs::write(&path, &bytes).unwrap();
        for kind in KINDS {
            let _ = load(kind, &path);
        }
    }
}

/// Waits, ticking the app, until `done` holds (a bound on waiting, not a timing claim).
fn tick_until(app: &mut App, start: &mut Instant, done: impl Fn(&App) -> bool) -> bool {
    for _ in 0..600 {
        *start += Duration::from_millis(100);
        app.update(Msg::Tick(*start));
        if done(app) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

fn screen(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| app.view(f)).unwrap();
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn a_full_disk_is_shown_the_text_kept_and_the_save_retried() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let mut clock = Instant::now();
    let (path, mut app) = common::call_app(&store, "Acme", clock);
    assert!(tick_until(&mut app, &mut clock, |_| path.exists()));
    assert!(tick_until(&mut app, &mut clock, |a| !a
        .call_state()
        .unwrap()
        .has_unsaved_changes()));
    let saved_before = fs::read(&path).unwrap();
    store.faults().fail_next_writes(3);
    for key in common::keys::parse("Must not be lost") {
        app.update(Msg::Key(key));
    }
    assert!(tick_until(&mut app, &mut clock, |a| screen(a)
        .contains("No space left on device")));
    assert!(screen(&app).contains("NOT SAVED"));
    assert_eq!(
        fs::read(&path).unwrap(),
        saved_before,
        "the file on disk is the last good one"
    );
    assert!(tick_until(&mut app, &mut clock, |_| fs::read_to_string(
        &path
    )
    .unwrap()
    .contains("Must not be lost")));
    assert!(tick_until(&mut app, &mut clock, |a| !screen(a).contains("NOT SAVED")));
    let leftovers: Vec<_> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().contains(".tmp-")),
        "{leftovers:?}"
    );
}

#[test]
fn a_really_full_filesystem_where_the_machine_allows_mounting_one() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&mount)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        println!("skipped: this machine does not allow mounting a small tmpfs");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mount.clone());
    let store = AccountStore::new(&mount);
    let mut clock = Instant::now();
    let (path, mut app) = common::call_app(&store, "Acme", clock);
    assert!(tick_until(&mut app, &mut clock, |a| path.exists()
        && !a.call_state().unwrap().has_unsaved_changes()));
    let before = fs::read(&path).unwrap();
    // Fill the disk, then paste more than fits.
    let filler = mount.join("filler");
    let _ = fs::write(&filler, vec![0u8; 300 * 1024]);
    app.update(Msg::Paste("x".repeat(64 * 1024)));
    assert!(tick_until(&mut app, &mut clock, |a| screen(a).contains("NOT SAVED")));
    assert_eq!(fs::read(&path).unwrap(), before);
    fs::remove_file(&filler).unwrap();
    assert!(tick_until(&mut app, &mut clock, |_| fs::read(&path)
        .unwrap()
        .len()
        > 64 * 1024));
    AccountStore::load(&path).unwrap();
}

#[test]
fn every_screen_survives_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let opened = store
        .open_for_edit(
            "Zoë 日本 🚀 long-name-without-any-spaces-at-all-to-wrap",
            &bank,
            common::at("2026-11-24T09:00:00Z"),
        )
        .unwrap();
    let mut app = App::call(
        Setup::new(store.clone(), bank, Theme { color: false }),
        opened,
        Instant::now(),
    );
    app.update(Msg::Paste("価格より品質".repeat(300) + &"w".repeat(3000)));
    let views = [
        "",
        "<C-l>",
        "<C-l><ins>",
        "<esc><esc><C-g>",
        "<esc><C-s>",
        "<esc><F1>",
        "<esc><A-3><C-o>",
        "<C-o><C-f>w",
        "<esc><C-g>2.",
        "<esc><ins>",
        &format!("{}<A-1><ret><esc><A-1><C-l><right>", "价格".repeat(200)),
    ];
    for keys in views {
        for key in common::keys::parse(keys) {
            app.update(Msg::Key(key));
        }
        draw_everywhere(&app);
    }
    assert!(
        matches!(
            app.call_state().unwrap().focus,
            disco::tui::screens::call::Focus::Detail { .. }
        ),
        "the last view is a long record read in full"
    );
}

#[test]
fn the_call_screen_is_only_ever_read_by_drawing() {
    // Drawing twice gives the same screen: view takes `&App`, and nothing it reads changes.
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let opened = store
        .open_for_edit("Acme", &common::bank(), common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    let app = App::call(
        Setup::new(store, common::bank(), Theme { color: false }),
        opened,
        Instant::now(),
    );
    assert_eq!(screen(&app), screen(&app));
}

#[cfg(unix)]
#[test]
fn practice_and_roleplay_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let practice = PracticeStore::new(dir.path());
    let path = practice.path("sam");
    practice
        .save(&path, &disco::core::practice::Progress::new("sam"))
        .unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    let setup = Setup::new(
        AccountStore::new(dir.path()),
        common::bank(),
        Theme { color: false },
    );
    let scenario = resolve_scenario("hidden-engineering", &common::bank()).unwrap();
    let mut app = App::roleplay(setup, scenario, "kim", Instant::now()).unwrap();
    for key in common::keys::parse("<ret><F2>x<C-q>y") {
        app.update(Msg::Key(key));
    }
    app.finish().unwrap();
    for folder in ["roleplay", "roleplay/accounts", "roleplay/records"] {
        assert_eq!(mode(&dir.path().join(folder)), 0o700, "{folder}");
        for entry in fs::read_dir(dir.path().join(folder)).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                assert_eq!(mode(&p), 0o600, "{}", p.display());
            }
        }
    }
}

#[test]
fn disco_opens_no_network_and_runs_no_commands() {
    let mut sources = Vec::new();
    let mut stack = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push((path.clone(), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    for (path, text) in sources {
        for banned in ["std::net", "TcpStream", "UdpSocket"] {
            assert!(!text.contains(banned), "{} uses {banned}", path.display());
        }
        // Team sharing runs git, from one file, and nothing else.
        if path.ends_with("src/storage/git.rs") {
            let starts: Vec<&str> = text.matches("Command::new(").collect();
            assert_eq!(starts.len(), 1, "git.rs starts one program");
            assert!(
                text.contains("Command::new(GIT)") && text.contains("const GIT: &str = \"git\";")
            );
            continue;
        }
        for banned in ["process::Command", "Command::new"] {
            assert!(!text.contains(banned), "{} uses {banned}", path.display());
        }
    }
}

/// With a `git` on PATH that notes every run: outside a team folder disco never calls it; in
/// one, `disco sync` runs git (and the only program the sources can start is git, above).
#[cfg(unix)]
#[test]
fn git_runs_only_in_a_team_folder() {
    use std::os::unix::fs::PermissionsExt;
    let Ok(real_git) = Command::new("sh").args(["-c", "command -v git"]).output() else {
        return;
    };
    let real_git = String::from_utf8_lossy(&real_git.stdout).trim().to_string();
    if real_git.is_empty() {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let bin = root.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    let log = root.path().join("ran.log");
    let wrapper = bin.join("git");
    fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"git $*\" >> '{}'\nexec '{real_git}' \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).unwrap();
    let data = root.path().join("data");
    let home = root.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let run = |args: &[&str]| {
        Command::new(common::bin())
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env("PATH", &bin)
            .env("HOME", &home)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("DISCO_FROM", "Test <test@example.com>")
            .output()
            .unwrap()
    };
    common::save_sample(
        &disco::storage::AccountStore::new(&data),
        "Acme",
        &common::bank(),
    );
    for args in [
        &["accounts"][..],
        &["history", "Acme"],
        &["export", "Acme"],
        &["sync"],
    ] {
        run(args);
    }
    assert!(
        !log.exists(),
        "git ran outside a team folder: {:?}",
        fs::read_to_string(&log)
    );
    let remote = root.path().join("team.git");
    let made = Command::new(&real_git)
        .args(["init", "-q", "--bare"])
        .arg(&remote)
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = run(&["team", "init", remote.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["sync"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ran = fs::read_to_string(&log).unwrap();
    assert!(ran.lines().any(|l| l.starts_with("git push")), "{ran}");
    assert!(ran.lines().all(|l| l.starts_with("git ")), "{ran}");
}

/// Types, kills disco with SIGKILL at a random moment (often in the middle of a save of a
/// 1 MB account), and checks what is on disk. Returns the number of rounds run.
/// Waits until the screen satisfies `done` (a bound, not a timing claim).
fn until(s: &common::pty::Session, done: impl Fn(&str) -> bool) {
    for _ in 0..1000 {
        if done(&s.contents()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the screen never got there:\n{}", s.contents());
}

/// Every place a rep types into, as one text: answers, records, the next step, the note, and a
/// form left half-typed.
fn everything_typed(account: &disco::core::Account) -> String {
    let mut text: Vec<&str> = account.answers.values().map(|a| a.text.as_str()).collect();
    text.extend(
        account
            .captures
            .values()
            .flatten()
            .flat_map(|r| r.values())
            .map(String::as_str),
    );
    text.extend(account.next_step.iter().map(|n| n.text.as_str()));
    text.extend(
        account
            .draft
            .iter()
            .flat_map(|d| d.fields.values())
            .map(String::as_str),
    );
    text.push(&account.notes);
    text.join(" ")
}

fn kill_loop(rounds: usize, seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let opened = store
        .open_for_edit("Acme", &bank, common::at("2026-11-24T09:00:00Z"))
        .unwrap();
    let path = opened.path.clone();
    let mut account = opened.account.clone();
    // A big account makes each save long, so kills land inside saves.
    account.notes = "n".repeat(1_000_000);
    store.save(&path, &account).unwrap();
    drop(opened);
    let mut rng = disco::core::practice::Rng::new(seed);
    // Tokens typed over a second before their session was killed: these must survive forever.
    let mut required: Vec<String> = Vec::new();
    for round in 0..rounds {
        let mut s = common::pty::Session::spawn(dir.path(), &["call", "Acme"]);
        s.wait_for(" of 3 · ");
        // The whole first frame, footer included: it says whether a form came back.
        until(&s, |screen| {
            screen.contains("F1 help") || screen.contains("What you were typing is back")
        });
        if s.contents().contains("What you were typing is back") {
            // Last round was killed with a form open: keep what it held, then carry on from
            // the answer. Esc goes alone: an Esc followed at once by another key reads as Alt.
            s.send(b"\r");
            until(&s, |screen| {
                !screen.contains("What you were typing is back")
            });
            s.send(b"\x1b");
            until(&s, |screen| screen.contains("Tab next"));
        }
        let token = format!("k{round}x{}", rng.below(1000));
        // Each round types somewhere else: an answer, a record form, the next-step dialog, the
        // scratch note. Keys are handled in order, so no waiting between them.
        match round % 4 {
            0 => {}
            1 => s.send(b"\x0c\x1b[2~"), // Ctrl+L, Insert: a new record
            2 => s.send(b"\x13\x1bn"),   // Ctrl+S, Alt+N: the next step
            _ => s.send(b"\x0f"),        // Ctrl+O: the scratch note
        }
        s.type_text(&format!("{token} "));
        let typed_at = Instant::now();
        // The first round in each place waits past the second, so every place is held to it.
        let wait = rng.below(1600) as u64 + if round < 4 { 1100 } else { 0 };
        std::thread::sleep(Duration::from_millis(wait));
        let killed_at = Instant::now();
        s.signal("KILL");
        s.wait_exit();
        if killed_at.duration_since(typed_at) > Duration::from_secs(1) {
            required.push(token);
        }
        let saved = AccountStore::load(&path).unwrap_or_else(|e| panic!("round {round}: {e:#}"));
        let text = everything_typed(&saved);
        for token in &required {
            assert!(
                text.contains(token.as_str()),
                "round {round}: {token}, typed over a second before a kill, is gone"
            );
        }
        assert!(
            saved.notes.starts_with(&"n".repeat(1_000_000)),
            "round {round}: the notes were damaged"
        );
    }
    // Whatever temp files the kills left, the next start cleans up.
    let mut s = common::pty::Session::spawn(dir.path(), &["call", "Acme"]);
    s.wait_for(" of 3 · ");
    s.send(b"\x11");
    assert!(s.wait_exit().success());
    let left: Vec<String> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn killing_disco_at_random_moments_loses_nothing_typed_over_a_second_before() {
    let rounds = std::env::var("DISCO_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    kill_loop(rounds, 1);
}

/// The long run: `cargo test --release --test e2e reliability:: -- --ignored`.
#[test]
#[ignore = "long: 200 kills; run with --ignored"]
fn kill_loop_200_rounds() {
    kill_loop(200, 2);
}

#[test]
fn rapid_resizes_and_a_megabyte_paste_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::pty::Session::spawn(dir.path(), &["call", "Acme"]);
    s.wait_for("Step 1 of 3");
    for (i, (cols, rows)) in [
        (1, 1),
        (300, 100),
        (20, 5),
        (80, 24),
        (56, 16),
        (55, 15),
        (200, 60),
        (80, 24),
    ]
    .into_iter()
    .cycle()
    .take(40)
    .enumerate()
    {
        s.resize(cols, rows);
        if i % 8 == 0 {
            s.type_text("·");
        }
    }
    s.resize(80, 24);
    s.wait_for("Step 1 of 3");
    let block: String = (0..20_000)
        .map(|i| format!("line {i:05} of the pasted notes, with 日本語 too\n"))
        .collect();
    let block = &block[..block
        .char_indices()
        .take_while(|(i, _)| *i < 1_000_000)
        .last()
        .map_or(0, |(i, _)| i)];
    s.send(b"\x1b[200~");
    s.send(block.as_bytes());
    s.send(b"\x1b[201~");
    s.type_text("END");
    s.wait_for("END");
    std::thread::sleep(Duration::from_millis(300));
    s.send(b"\x11");
    assert!(s.wait_exit().success());
    let account = common::load_only_account(&AccountStore::new(dir.path()));
    let answer = account.answer("business-and-roles");
    assert!(
        answer.starts_with("·····"),
        "{}",
        &answer[..40.min(answer.len())]
    );
    assert!(answer.contains(block.trim_end()), "the whole paste arrived");
    assert!(answer.ends_with("END"));
}

#[cfg(unix)]
#[test]
fn a_data_folder_removed_mid_call_is_recreated_and_the_notes_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = AccountStore::new(&data);
    let mut clock = Instant::now();
    let (path, mut app) = common::call_app(&store, "Acme", clock);
    assert!(tick_until(&mut app, &mut clock, |_| path.exists()));
    fs::remove_dir_all(&data).unwrap();
    for key in common::keys::parse("Still here") {
        app.update(Msg::Key(key));
    }
    assert!(tick_until(&mut app, &mut clock, |_| fs::read_to_string(
        &path
    )
    .is_ok_and(|t| t.contains("Still here"))));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

fn sizes() -> Vec<(u16, u16)> {
    (1..=300)
        .step_by(23)
        .flat_map(|w| (1..=100).step_by(13).map(move |h| (w, h)))
        .collect()
}

fn draw_everywhere(app: &App) {
    for (w, h) in sizes() {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| app.view(f)).unwrap();
    }
}

#[test]
fn home_practice_roleplay_and_trainer_screens_survive_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    for name in ["Zoë 日本 🚀", &"long-name-without-spaces".repeat(20)] {
        common::save_sample(&store, name, &common::bank());
    }
    let setup = || Setup::new(store.clone(), common::bank(), Theme { color: false });
    let mut home = App::home(setup(), Instant::now()).unwrap();
    home.wait_for_accounts();
    draw_everywhere(&home);
    for keys in ["Zo", "<bs><bs>new name", "<ret>"] {
        for key in common::keys::parse(keys) {
            home.update(Msg::Key(key));
        }
        draw_everywhere(&home);
    }
    drop(home);
    // Day one learns the new cards; day two tests them with each drill.
    let days = [
        ("2026-11-24T09:00:00Z", ["<ret>"; 5].concat()),
        ("2026-11-25T09:00:00Z", String::new()),
    ];
    for drill in disco::core::drills::DrillKind::ALL {
        for (now, learn) in &days {
            let options = disco::tui::screens::practice::PracticeOptions {
                learner: format!("sam-{}", drill.id()),
                drill: Some(drill),
                seed: 3,
                new_per_day: 5,
                ahead: false,
            };
            let setup = setup().with_clock(disco::clock::Clock::starting_at(common::at(now)));
            let mut app = App::practice(setup, options, Instant::now()).unwrap();
            for keys in [
                learn.as_str(),
                "",
                "<ret>",
                "2",
                "y",
                "<down><ret>",
                "gist<C-g>",
            ] {
                for key in common::keys::parse(keys) {
                    app.update(Msg::Key(key));
                }
                draw_everywhere(&app);
            }
        }
    }
    let progress = disco::storage::practice::PracticeStore::new(dir.path())
        .load("sam-which-step")
        .unwrap()
        .1;
    let stats = disco::core::practice::stats(
        &progress,
        &common::bank(),
        common::at("2026-11-25T09:00:00Z"),
    );
    draw_everywhere(&App::practice_stats(setup(), stats, Instant::now()));
    let scenario = resolve_scenario("price-first", &common::bank()).unwrap();
    let mut roleplay = App::roleplay(setup(), scenario.clone(), "kim", Instant::now()).unwrap();
    for keys in ["", "<ret><F2>", "<F3>", "<ret>"] {
        for key in common::keys::parse(keys) {
            roleplay.update(Msg::Key(key));
        }
        draw_everywhere(&roleplay);
    }
    let mut trainer = App::trainer(setup(), scenario, "sam", Instant::now());
    for keys in ["", "<down>1", "<down><down><down>3"] {
        for key in common::keys::parse(keys) {
            trainer.update(Msg::Key(key));
        }
        draw_everywhere(&trainer);
    }
}
