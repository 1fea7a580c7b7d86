//! The least a terminal program can do per key: read it with crossterm and write it straight
//! back. `examples/measure.rs` times it beside disco and vim, so the pseudo-terminal's own share
//! of keystroke-to-echo latency can be told apart from each program's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use crossterm::event::{self, Event, KeyCode, KeyModifiers};

fn main() {
    crossterm::terminal::enable_raw_mode().unwrap();
    let mut out = std::io::stdout();
    // The markers measure.rs waits for on disco's screens.
    write!(out, "\x1b[2J\x1b[HStep 1 of 3 · disco ·\r\n").unwrap();
    out.flush().unwrap();
    while let Ok(event) = event::read() {
        let Event::Key(key) = event else { continue };
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            break;
        }
        if let KeyCode::Char(c) = key.code {
            write!(out, "{c}").unwrap();
            out.flush().unwrap();
        }
    }
    crossterm::terminal::disable_raw_mode().unwrap();
}
