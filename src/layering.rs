//! The rules of ARCHITECTURE.md that a reader could break without noticing, checked on the
//! source text: which layer may import which, where time is read, where files are touched.
//! A line is exempt from here on in a file once `#[cfg(test)]` starts its tests.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    out.sort();
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// Each line of `file` before its tests that contains one of `patterns`.
fn offences(file: &Path, patterns: &[&str]) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap_or_default();
    text.lines()
        .enumerate()
        .take_while(|(_, line)| !line.trim_start().starts_with("#[cfg(test)]"))
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter_map(|(n, line)| {
            patterns.iter().find(|p| line.contains(*p)).map(|p| {
                let name = file
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(file);
                format!("{}:{}: {p}", name.display(), n + 1)
            })
        })
        .collect()
}

fn check(dirs: &[&str], except: &[&str], patterns: &[&str]) -> Vec<String> {
    dirs.iter()
        .flat_map(|dir| sources(dir))
        .filter(|file| !except.iter().any(|e| file.ends_with(e)))
        .flat_map(|file| offences(&file, patterns))
        .collect()
}

const WALL_CLOCK: &[&str] = &[
    "Timestamp::now",
    "SystemTime::now",
    "Utc::now",
    "Local::now",
    "Zoned::now",
];

const FILE_IO: &[&str] = &[
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "write_atomic",
    "write_recovery",
    ".save(",
    ".save_text(",
    ".write_recap(",
    ".open_for_edit(",
    ".list()",
    ".load(",
];

#[test]
fn no_wall_clock_read_outside_the_clock() {
    let found = check(&["src/tui", "src/core", "src/storage"], &[], WALL_CLOCK);
    assert!(
        found.is_empty(),
        "read the time through clock::Clock:\n{found:#?}"
    );
}

#[test]
fn only_the_event_loop_reads_the_monotonic_clock_in_the_tui() {
    // Screens get the time from the message they handle, so tests can set it.
    let found = check(&["src/tui"], &["src/tui/mod.rs"], &["Instant::now"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn update_code_touches_no_file() {
    // Screens, overlays and the app push an Effect; src/tui/effects.rs runs it.
    let found = check(&["src/tui/screens", "src/tui/overlays"], &[], FILE_IO);
    let app = offences(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/app.rs"),
        FILE_IO,
    );
    let found: Vec<_> = found.into_iter().chain(app).collect();
    assert!(found.is_empty(), "return an Effect instead:\n{found:#?}");
}

#[test]
fn the_core_knows_no_terminal_disk_or_upper_layer() {
    let found = check(
        &["src/core"],
        &[],
        &[
            "std::fs",
            "crossterm",
            "ratatui",
            "crate::storage",
            "crate::tui",
            "crate::cli",
            "Instant::now",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn storage_knows_no_terminal_and_prints_nothing() {
    // Printing while the alternate screen is up garbles it; storage returns warnings.
    let found = check(
        &["src/storage"],
        &[],
        &[
            "crossterm",
            "ratatui",
            "crate::tui",
            "crate::cli",
            "println!",
            "eprintln!",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_screen_layer_knows_no_screen() {
    // It sees the app through `screen::Picture`; an import of a screen would close a circle
    // (the call view uses the screen layer's `FrameKey` and `Spots`).
    let found = check(
        &["src/tui/terminal"],
        &[],
        &[
            "crate::tui::app",
            "crate::tui::App",
            "crate::tui::screens",
            "crate::tui::overlays",
            "super::super",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let dir = std::env::temp_dir().join(format!("disco-layering-{}", std::process::id()));
    let _ = fs::create_dir_all(&dir);
    let file = dir.join("sample.rs");
    let _ = fs::write(
        &file,
        "fn f() { let t = jiff::Timestamp::now(); }\n// Timestamp::now in a comment\n#[cfg(test)]\nfn g() { Timestamp::now(); }\n",
    );
    let found = offences(&file, WALL_CLOCK);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with("sample.rs:1: Timestamp::now"),
        "{found:?}"
    );
}

#[test]
fn text_names_keys_from_the_keymap() {
    // A hint typed by hand drifts when a key is rebound; keymap::key_for names it instead.
    let found: Vec<String> = check(
        &["src/tui"],
        // settings.rs reads key names from the config file and writes its example.
        &["src/tui/keymap.rs", "src/tui/settings.rs"],
        &[
            "Ctrl+", "Alt+", "Enter ", "Enter.", " Esc", "↑↓", "F1", "F2", "F3", "PgUp",
        ],
    )
    .into_iter()
    .collect();
    assert!(
        found.is_empty(),
        "name keys with keymap::key_for:\n{found:#?}"
    );
}
