//! The terminal UI: state + messages + update + view, with the terminal restored on every exit.

pub mod app;
pub mod autosave;
pub mod effects;
pub mod keymap;
pub mod overlays;
pub mod saver;
pub mod screens;
pub mod settings;
pub mod setup;
pub mod team_sync;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use crossterm::event;
#[cfg(unix)]
use signal_hook::consts::{SIGCONT, SIGHUP, SIGQUIT, SIGTSTP};
use signal_hook::consts::{SIGINT, SIGTERM};

use crate::core::printable::printable_line;

pub use app::{App, Msg};
use theme::Theme;

use crate::clock::Clock;
use crate::core::Bank;
use crate::core::scenario::Scenario;
use crate::storage::company::SheetSource;
use crate::storage::{AccountStore, Lookup};
use screens::practice::PracticeOptions;
use setup::{RecapOptions, Setup};

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
/// How often the screen is redrawn with no input, for the timer and the save status. A quarter
/// second keeps the timer's seconds in step to the eye; every idle redraw lays out the whole call
/// screen (and a debug build draws it twice, to check the redraw rule), so 100 ms cost an idle
/// window left open all day two and a half times the CPU for nothing a rep could see.
const REDRAW_IDLE: Duration = Duration::from_millis(250);

/// What the app does after a screen handled a key.
#[derive(Debug)]
pub enum Outcome {
    Stay,
    Quit,
    /// Do this; screens whose keys ask for much keep a queue of effects instead.
    Run(effects::Effect),
}

/// Which screen disco opens on.
pub(crate) enum Start {
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
    Trainer {
        scenario: Scenario,
        trainee: String,
    },
    /// `disco report`: the team's dashboard.
    Report(Box<crate::core::report::Report>),
}

pub(crate) fn run(
    store: AccountStore,
    bank: Bank,
    sheet: Option<SheetSource>,
    recap: RecapOptions,
    clock: Clock,
    start: Start,
    config: Result<settings::Settings, settings::ConfigProblem>,
) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "disco's screens need a terminal. For plain output try `disco accounts` or `disco bank show`."
        );
    }
    let recovery = store.clone();
    let team = crate::storage::team::is_team_folder(store.data_dir()).then(|| {
        team_sync::TeamConfig {
            data_dir: store.data_dir().to_path_buf(),
            options: crate::storage::team::SyncOptions {
                from: recap.from.clone(),
                // Without it git finds no driver and merges by lines; the sync says so.
                driver: std::env::current_exe().unwrap_or_else(|_| "disco".into()),
                ..Default::default()
            },
        }
    });
    let setup = Setup::new(store, bank, Theme::from_env())
        .with_team(team)
        .with_sheet(sheet)
        .with_recap(recap)
        .with_clock(clock)
        .with_zone(crate::clock::local_zone())
        .with_config(config);
    // Every screen this run opens, and every text naming a key, follows the rep's settings.
    settings::install(setup.settings.clone());
    let now = Instant::now();
    let mut app = match start {
        Start::Call(name) => {
            // A new name that looks like an account already here is asked about first.
            let now_at = setup.clock.at(now);
            match setup.store.lookup(&name)? {
                Lookup::Found(found) => {
                    let opened =
                        setup
                            .store
                            .open_found(&name, Some(*found), &setup.bank, now_at)?;
                    App::call(setup, opened, now)
                }
                Lookup::New { alikes } if alikes.is_empty() => {
                    let opened = setup.store.open_found(&name, None, &setup.bank, now_at)?;
                    App::call(setup, opened, now)
                }
                Lookup::New { alikes } => App::choosing(setup, now, &name, alikes)?,
            }
        }
        Start::Home => App::home(setup, now)?,
        Start::Practice(options) => App::practice(setup, options, now)?,
        Start::PracticeStats(stats) => App::practice_stats(setup, stats, now),
        Start::RolePlay { scenario, trainee } => App::roleplay(setup, scenario, &trainee, now)?,
        Start::Trainer { scenario, trainee } => App::trainer(setup, scenario, &trainee, now),
        Start::Report(report) => App::report(setup, *report, now),
    };
    let signals = Signals::register()?;
    let signal = Arc::clone(&signals.quit);
    let mut term = terminal::enter()?;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut term, &mut app, &signals)
    }));
    let saved = app.finish();
    terminal::leave();
    // Closed or stopped from outside: exit now; the next sync sends the call.
    if signal.load(Ordering::Relaxed) == 0 && app.team.is_some() && app.call_state().is_some() {
        eprintln!("disco: sending the call to the team…");
    }
    if signal.load(Ordering::Relaxed) == 0
        && let Some(line) = app.send_to_team(Instant::now())
    {
        eprintln!("disco: {}", printable_line(&line));
    }
    if let Some(text) = app.farewell() {
        // A checklist or debrief quoting what was typed: printed like every command's output.
        let width = terminal::stdout_width().unwrap_or(0);
        let text = crate::core::wrap::wrap_to_width(&text, width);
        println!("{}", crate::core::printable::printable(&text));
    }
    if let Err(err) = saved {
        eprintln!("disco: the last save failed: {err:#}");
        if let Some(call) = app.call_state() {
            let now = app.setup.clock.at(Instant::now());
            match recovery.write_recovery(&call.account, now) {
                Ok(path) => eprintln!(
                    "disco: a copy of everything was written to {}",
                    printable_line(&path.display().to_string())
                ),
                Err(err) => eprintln!("disco: the copy could not be written either: {err:#}"),
            }
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

/// What signals ask of the loop: quit (saving), pause, or take the terminal back.
struct Signals {
    /// The signal that asks to quit (TERM, HUP, INT, QUIT), or 0.
    quit: Arc<AtomicUsize>,
    /// SIGTSTP from outside (`kill -TSTP`): pause as Ctrl+Z does.
    stop: Arc<AtomicBool>,
    /// SIGCONT: running again after any stop, even SIGSTOP, which cannot be caught.
    cont: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> Result<Self> {
        let signals = Self {
            quit: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            cont: Arc::new(AtomicBool::new(false)),
        };
        // A closed terminal sends SIGHUP on Unix. Windows has no SIGHUP; there the C runtime
        // raises SIGINT for Ctrl+C and SIGTERM only when asked to, and closing the console
        // window ends the process after the normal autosave has kept what was typed.
        // SIGQUIT too: its default leaves the terminal raw and dumps core instead of saving.
        #[cfg(unix)]
        let quitting: &[i32] = &[SIGTERM, SIGHUP, SIGINT, SIGQUIT];
        #[cfg(not(unix))]
        let quitting: &[i32] = &[SIGTERM, SIGINT];
        for &sig in quitting {
            signal_hook::flag::register_usize(sig, Arc::clone(&signals.quit), sig as usize)?;
        }
        #[cfg(unix)]
        {
            signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.stop))?;
            signal_hook::flag::register(SIGCONT, Arc::clone(&signals.cont))?;
        }
        Ok(signals)
    }
}

/// Like vim's Ctrl+Z: the terminal is given back in line mode with a line saying how to
/// return, and the process stops until `fg`; then raw mode and the whole screen come back.
#[cfg(unix)]
fn pause(term: &mut terminal::Term, app: &App, signals: &Signals) -> Result<()> {
    terminal::leave();
    println!("{}", app.paused_line());
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    // Here after `fg`. The SIGCONT that woke us is handled now, not again by the loop.
    signals.cont.store(false, Ordering::Relaxed);
    terminal::resume(term)?;
    term.draw(app)
}

#[cfg(not(unix))]
fn pause(_: &mut terminal::Term, _: &App, _: &Signals) -> Result<()> {
    Ok(())
}

fn event_loop(term: &mut terminal::Term, app: &mut App, signals: &Signals) -> Result<()> {
    let panic_key = panic_key();
    term.draw(app)?;
    let mut last_draw = Instant::now();
    loop {
        if signals.quit.load(Ordering::Relaxed) != 0 {
            return Ok(());
        }
        if std::mem::take(&mut app.suspend) || signals.stop.swap(false, Ordering::Relaxed) {
            pause(term, app, signals)?;
            last_draw = Instant::now();
        }
        if signals.cont.swap(false, Ordering::Relaxed) {
            // Stopped by something disco could not see coming (SIGSTOP): take the terminal back.
            terminal::resume(term)?;
            term.draw(app)?;
            last_draw = Instant::now();
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
                if app.quit || app.suspend || !event::poll(PENDING)? {
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
