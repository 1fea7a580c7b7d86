//! Whole-process measures in a real pseudo-terminal: launch to first frame, keystroke-to-echo
//! latency (beside vim's, same run), `disco accounts` over a big folder, and peak memory.
//!
//!     cargo build --release --bins --examples
//!     cargo run --release --example gen -- --accounts 10000 /tmp/disco-10k
//!     cargo run --release --example measure -- target/release/disco /tmp/disco-10k
//!
//!     cargo run --release --example measure -- --compare-launch OLD NEW /tmp/disco-10k 21
//!
//! Prints a markdown table for BENCHMARKS.md. Keystrokes: 5 alternating rounds of 200 each for
//! disco and vim; medians over all 1,000.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Probe {
    /// Characters of the probe glyph on screen, and when that count last changed.
    count: usize,
    changed: Instant,
    screen: String,
}

struct Term {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    probe: Arc<Mutex<Probe>>,
}

const GLYPH: char = '§';

impl Term {
    fn spawn(program: &str, args: &[&str], env: &[(&str, &Path)]) -> (Self, Instant) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let probe = Arc::new(Mutex::new(Probe {
            count: 0,
            changed: Instant::now(),
            screen: String::new(),
        }));
        let shared = Arc::clone(&probe);
        std::thread::spawn(move || {
            let mut parser = vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0);
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.process(&buf[..n]);
                let screen = parser.screen().contents();
                let count = screen.chars().filter(|&c| c == GLYPH).count();
                let now = Instant::now();
                let mut p = shared.lock().unwrap();
                if count != p.count {
                    p.count = count;
                    p.changed = now;
                }
                p.screen = screen;
            }
        });
        (
            Self {
                child,
                writer,
                _master: pair.master,
                probe,
            },
            started,
        )
    }

    fn wait_for(&self, text: &str) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if self.probe.lock().unwrap().screen.contains(text) {
                return Instant::now();
            }
            assert!(Instant::now() < deadline, "never saw {text:?}");
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types the probe glyph `n` times, a keystroke every 30 ms, and returns each echo delay.
    fn echo_latencies(&mut self, n: usize) -> Vec<Duration> {
        let mut out = Vec::new();
        for _ in 0..n {
            let before = self.probe.lock().unwrap().count;
            let sent = Instant::now();
            self.send(GLYPH.to_string().as_bytes());
            let deadline = sent + Duration::from_secs(5);
            loop {
                let p = self.probe.lock().unwrap();
                if p.count > before {
                    out.push(p.changed.saturating_duration_since(sent));
                    break;
                }
                drop(p);
                assert!(Instant::now() < deadline, "no echo");
                std::thread::sleep(Duration::from_micros(50));
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        out
    }

    fn peak_memory_kb(&self) -> u64 {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    fn quit(mut self, keys: &[u8]) {
        self.send(keys);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// `measure --compare-launch A B DIR [ROUNDS]`: launch to first frame of two builds, launched
/// in turn (A, B, A, B…) so the load of a shared machine falls on both alike; medians.
fn compare_launch(mut args: impl Iterator<Item = String>) {
    let absolute = |p: String| {
        std::fs::canonicalize(&p)
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let a = absolute(args.next().expect("first binary"));
    let b = absolute(args.next().expect("second binary"));
    let dir = PathBuf::from(args.next().expect("data folder"));
    let rounds: usize = args.next().map_or(21, |r| r.parse().unwrap());
    let sheet = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let reopened = first_account_name(&dir);
    println!("| launch to first frame | {a} | {b} | ratio |\n|---|---|---|---|");
    for (label, args, marker) in [
        (
            "`disco call` of an account with calls, with the sheet",
            vec!["--company", sheet, "call", reopened.as_str()],
            "Step ",
        ),
        ("`disco call X`", vec!["call", "Launch test"], "Step 1 of 3"),
        ("`disco` home", vec![], "disco ·"),
    ] {
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            for (bin, times) in [(&a, &mut ta), (&b, &mut tb)] {
                let (term, started) = Term::spawn(bin, &args, &[("DISCO_DATA_DIR", &dir)]);
                times.push(term.wait_for(marker).duration_since(started));
                std::thread::sleep(Duration::from_millis(200));
                term.quit(b"\x11");
            }
        }
        let (ma, mb) = (median(ta), median(tb));
        println!(
            "| {label}, median of {rounds} | {} | {} | {:.2} |",
            ms(ma),
            ms(mb),
            mb.as_secs_f64() / ma.as_secs_f64()
        );
    }
}

/// The name inside the first account file of `dir` (by file name): an account with calls.
fn first_account_name(dir: &std::path::Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("accounts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let line = text.lines().find(|l| l.starts_with("name: ")).unwrap();
    line["name: ".len()..].trim_matches(['\'', '"']).to_string()
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "--compare-launch") {
        args.next();
        return compare_launch(args);
    }
    let disco = args.next().unwrap_or_else(|| "target/release/disco".into());
    // The pty spawner looks names up in PATH; a relative path must be made absolute.
    let disco = std::fs::canonicalize(&disco)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let big: PathBuf = args
        .next()
        .unwrap_or_else(|| "/tmp/disco-10k".into())
        .into();
    let scratch = tempfile::tempdir().unwrap();
    let runs = 7;

    // An account with calls behind it opens with its last-time panel, read against the
    // example sheet (the guard checks every answer and record as it opens).
    let sheet = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/question-banks/company.example.yaml"
    );
    let reopened = first_account_name(&big);
    println!("| measure | median of {runs} | peak memory |\n|---|---|---|");
    for (label, args, marker, dir) in [
        (
            "launch to first frame: `disco call` of an account with calls, last-time panel and sheet (10k accounts)",
            vec!["--company", sheet, "call", reopened.as_str()],
            "folds it away",
            big.as_path(),
        ),
        (
            "launch to first frame: `disco call X` (10k accounts in the folder)",
            vec!["call", "Launch test"],
            "Step 1 of 3",
            big.as_path(),
        ),
        (
            "launch to first frame: `disco` home (10k accounts)",
            vec![],
            "disco ·",
            big.as_path(),
        ),
    ] {
        let mut times = Vec::new();
        let mut peak = 0;
        for _ in 0..runs {
            let (term, started) = Term::spawn(&disco, &args, &[("DISCO_DATA_DIR", dir)]);
            times.push(term.wait_for(marker).duration_since(started));
            std::thread::sleep(Duration::from_millis(300));
            peak = peak.max(term.peak_memory_kb());
            term.quit(b"\x11");
        }
        println!(
            "| {label} | {} | {:.1} MB |",
            ms(median(times)),
            peak as f64 / 1024.0
        );
    }

    // Alternate rounds, so a noisy moment on the shared machine hits both programs alike.
    let rounds = 5;
    let mut disco_echoes = Vec::new();
    let mut vim_echoes = Vec::new();
    let mut floor_echoes = Vec::new();
    // The pseudo-terminal's own share: a program that writes each key straight back.
    let floor = std::env::current_exe()
        .unwrap()
        .with_file_name("echo_floor")
        .to_string_lossy()
        .into_owned();
    let mut call_peak = 0;
    for round in 0..rounds {
        let (mut term, _) = Term::spawn(
            &disco,
            &["call", &format!("Echo test {round}")],
            &[("DISCO_DATA_DIR", scratch.path())],
        );
        term.wait_for("Step 1 of 3");
        std::thread::sleep(Duration::from_millis(500));
        disco_echoes.extend(term.echo_latencies(200));
        call_peak = call_peak.max(term.peak_memory_kb());
        term.quit(b"\x11");

        let file = scratch.path().join(format!("vim{round}.txt"));
        std::fs::write(&file, "").unwrap();
        let (mut vim, _) = Term::spawn(
            "vim",
            &["-u", "NONE", "-N", "-n", file.to_str().unwrap()],
            &[],
        );
        std::thread::sleep(Duration::from_millis(500));
        vim.send(b"i");
        std::thread::sleep(Duration::from_millis(200));
        vim_echoes.extend(vim.echo_latencies(200));
        vim.quit(b"\x1b:q!\r");

        let (mut bare, _) = Term::spawn(&floor, &[], &[]);
        bare.wait_for("Step 1 of 3");
        std::thread::sleep(Duration::from_millis(200));
        floor_echoes.extend(bare.echo_latencies(200));
        bare.quit(b"\x11");
    }
    let floor_echo = median(floor_echoes);
    let disco_echo = median(disco_echoes);
    let vim_echo = median(vim_echoes);
    println!(
        "| keystroke to echo: disco call screen | {} | {:.1} MB |",
        ms(disco_echo),
        call_peak as f64 / 1024.0
    );
    println!("| keystroke to echo: vim, same run | {} | |", ms(vim_echo));
    println!(
        "| keystroke to echo: crossterm reading a key and writing it back, same run | {} | |",
        ms(floor_echo)
    );
    println!(
        "| ratio disco / vim | {:.2} | |",
        disco_echo.as_secs_f64() / vim_echo.as_secs_f64()
    );
    let own = |d: Duration| d.saturating_sub(floor_echo).as_secs_f64() * 1000.0;
    println!(
        "| beyond the floor: disco / vim | {:.3} ms / {:.3} ms | |",
        own(disco_echo),
        own(vim_echo)
    );

    let mut times = Vec::new();
    let mut peak = String::new();
    for _ in 0..runs {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%e %M", &disco, "accounts"])
            .env("DISCO_DATA_DIR", &big)
            .output()
            .unwrap();
        let stats = String::from_utf8_lossy(&out.stderr);
        let mut parts = stats.split_whitespace().rev().take(2).collect::<Vec<_>>();
        parts.reverse();
        times.push(Duration::from_secs_f64(
            parts.first().and_then(|s| s.parse().ok()).unwrap_or(0.0),
        ));
        peak = parts
            .get(1)
            .map(|kb| format!("{:.1} MB", kb.parse::<f64>().unwrap_or(0.0) / 1024.0))
            .unwrap_or_default();
    }
    println!(
        "| `disco accounts` over 10k accounts | {} | {peak} |",
        ms(median(times))
    );
}
