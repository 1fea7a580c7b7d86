//! The terminal UI: state + messages + update + view, with the terminal restored on every exit.

pub mod app;
pub mod keymap;
pub mod overlays;
pub mod saver;
pub mod screens;
pub mod setup;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

pub use app::{App, Msg};
use theme::Theme;

use crate::core::Bank;
use crate::core::scenario::Scenario;
use crate::storage::AccountStore;
use crate::storage::company::SheetSource;
use screens::practice::PracticeOptions;
use setup::Setup;

/// How long the loop waits for input before ticking; bounds how late a save or a signal is noticed.
/// The extra 20 µs is not noise: crossterm waits in whole milliseconds, rounding down, and then
/// spins with zero-timeout polls through the rest of the wait; a wait a hair over 50 ms ends
/// with the first poll instead of a few hundred empty ones every 50 ms.
const POLL: Duration = Duration::from_micros(50_020);
/// How long to look for more input already received before drawing. crossterm's
/// `poll(Duration::ZERO)` never reports keys it has read and parsed but not handed out yet
/// (crossterm issue #839, with `use-dev-tty`), so a burst of keys would cost a frame each; any
/// non-zero wait reports them, and this one costs a few µs when nothing is pending.
const PENDING: Duration = Duration::from_micros(2);
/// How often the screen is redrawn with no input, for the timer and the save status.
const REDRAW_IDLE: Duration = Duration::from_millis(100);

/// Which screen disco opens on.
pub enum Start {
    Home,
    Call(String),
    Practice(PracticeOptions),
    PracticeStats(crate::core::practice::Stats),
    /// A solo role-play: disco plays the customer.
    RolePlay {
        scenario: Scenario,
        trainee: String,
    },
    /// The trainer's card for a role-play run by a person.
    Trainer(Scenario),
}

pub fn run(
    store: AccountStore,
    bank: Bank,
    sheet: Option<SheetSource>,
    start: Start,
) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "disco's screens need a terminal. For plain output try `disco accounts` or `disco bank show`."
        );
    }
    let setup = Setup::new(store, bank, Theme::from_env()).with_sheet(sheet);
    let now = Instant::now();
    let mut app = match start {
        Start::Call(name) => {
            let opened =
                setup
                    .store
                    .open_for_edit(&name, &setup.bank, crate::core::account::now())?;
            App::call(setup, opened, now)
        }
        Start::Home => App::home(setup, now)?,
        Start::Practice(options) => App::practice(setup, options, now)?,
        Start::PracticeStats(stats) => App::practice_stats(setup, stats, now),
        Start::RolePlay { scenario, trainee } => App::roleplay(setup, scenario, &trainee, now)?,
        Start::Trainer(scenario) => App::trainer(setup, scenario, now),
    };
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let mut term = terminal::enter()?;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut term, &mut app, &signal)
    }));
    let saved = app.finish();
    terminal::leave();
    if let Some(text) = app.farewell() {
        println!("{text}");
    }
    if let Err(err) = saved {
        eprintln!("disco: the last save failed: {err:#}");
        if let Some(path) = app
            .call_state()
            .and_then(|c| crate::storage::accounts::write_recovery(&c.account).ok())
        {
            eprintln!(
                "disco: a copy of everything was written to {}",
                path.display()
            );
        }
        return Ok(ExitCode::FAILURE);
    }
    let sig = signal.load(Ordering::Relaxed);
    if sig != 0 {
        return Ok(ExitCode::from(128 + sig as u8));
    }
    match outcome {
        Ok(result) => result.map(|()| ExitCode::SUCCESS),
        Err(_) => {
            eprintln!("disco: something went wrong and disco stopped. Your notes were saved.");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Debug builds only: the character in `DISCO_DEBUG_PANIC_KEY` makes disco panic when typed,
/// so an end-to-end test can prove that a crash still saves the notes and gives the terminal
/// back. Release builds have no such key.
#[cfg(debug_assertions)]
fn panic_key() -> Option<char> {
    std::env::var("DISCO_DEBUG_PANIC_KEY")
        .ok()
        .and_then(|v| v.chars().next())
}

#[cfg(not(debug_assertions))]
fn panic_key() -> Option<char> {
    None
}

fn event_loop(term: &mut terminal::Term, app: &mut App, signal: &AtomicUsize) -> Result<()> {
    let panic_key = panic_key();
    term.draw(app)?;
    let mut last_draw = Instant::now();
    loop {
        if signal.load(Ordering::Relaxed) != 0 {
            return Ok(());
        }
        if event::poll(POLL)? {
            // Drain everything that arrived so a burst of keys (or a paste) costs one frame.
            loop {
                let event = event::read()?;
                if let event::Event::Resize(width, height) = event {
                    term.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
                }
                if let Some(msg) = Msg::from_event(event) {
                    if let (Msg::Key(key), Some(c)) = (&msg, panic_key)
                        && key.code == event::KeyCode::Char(c)
                    {
                        panic!("the debug panic key was pressed");
                    }
                    app.update(msg);
                }
                if app.quit || !event::poll(PENDING)? {
                    break;
                }
            }
            if app.quit {
                return Ok(());
            }
            // Echo first: the tick's work (starting a save) waits until the key is on screen.
            term.draw(app)?;
            last_draw = Instant::now();
        }
        app.update(Msg::Tick(Instant::now()));
        if app.quit {
            return Ok(());
        }
        // What ticks change (the timer, the save status) may show a little late.
        if last_draw.elapsed() >= REDRAW_IDLE {
            term.draw(app)?;
            last_draw = Instant::now();
        }
    }
}
