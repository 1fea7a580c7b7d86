//! Entering and leaving the full-screen terminal, including from a panic.

use std::io::{self, Stdout};

use anyhow::Result;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

pub mod screen;

use screen::Screen;

pub(crate) type Term = Screen<CrosstermBackend<Stdout>>;

pub(crate) fn enter() -> Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so the message is readable and the shell usable.
        leave();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    // A fixed viewport, resized on resize events: a fullscreen one asks the terminal for its
    // size before every frame, which costs syscalls on the keystroke path.
    let (width, height) = crossterm::terminal::size()?;
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    Ok(Screen::new(Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        options,
    )?))
}

/// Puts `text` on the clipboard through the terminal (OSC 52), so it works over SSH and in
/// tmux (with `set-clipboard on`); terminals that refuse it ignore the sequence.
pub(crate) fn copy_to_clipboard(text: &str) -> Result<()> {
    use base64::Engine as _;
    use std::io::Write as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()?;
    Ok(())
}

/// Takes the terminal again after disco was stopped (Ctrl+Z, then `fg`): the shell put it
/// back in line mode meanwhile, where Enter arrives as Ctrl+J and Ctrl+Q never arrives.
pub(crate) fn resume(term: &mut Term) -> Result<()> {
    // crossterm skips enabling raw mode it thinks is on; after SIGSTOP it is not.
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let (width, height) = crossterm::terminal::size()?;
    // Forget what was on screen: the next frame is drawn whole.
    term.resize(Rect::new(0, 0, width, height))
}

/// The terminal's width, when standard output goes to one (text printed after the screens, a
/// debrief, is wrapped to it; piped output keeps its lines).
pub(crate) fn stdout_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

/// Safe to call twice: each step is harmless when already undone.
pub(crate) fn leave() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}
