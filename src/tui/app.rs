//! The app: which screen is up, the messages it reacts to, and the top-level view.

use std::time::Instant;

use anyhow::Result;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::keymap::{Action, Scope, action_for};
use super::overlays::help;
use super::screens::call::view::FrameKey;
use super::screens::call::{self, CallState, Outcome};
use super::screens::call::{Focus, RolePlay};
use super::screens::home::{self, HomeOutcome, HomeState};
use super::screens::practice::{self, PracticeOptions, PracticeState};
use super::screens::practice_stats;
use super::screens::too_small;
use super::screens::trainer::{self, TrainerState};
use super::setup::Setup;
use super::terminal::screen::Parts;
use crate::core::practice::Stats;
use crate::core::scenario::Scenario;
use std::sync::mpsc::{self, Receiver};

use crate::storage::practice::PracticeStore;
use crate::storage::roleplay::RoleplayStore;
use crate::storage::{Listed, OpenAccount};

pub enum Screen {
    Home(HomeState),
    Call(Box<CallState>),
    Practice(Box<PracticeState>),
    /// `disco practice --stats`: charts; any key closes.
    PracticeStats(Box<Stats>),
    Trainer(Box<TrainerState>),
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Tick(Instant),
    Resize,
}

impl Msg {
    pub fn from_event(event: Event) -> Option<Self> {
        match event {
            // Key releases and repeats from enhanced keyboards would double every letter.
            Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
            Event::Paste(text) => Some(Msg::Paste(text)),
            Event::Resize(..) => Some(Msg::Resize),
            _ => None,
        }
    }
}

pub struct App {
    pub screen: Screen,
    /// The help overlay's scroll offset while it is open.
    pub help: Option<u16>,
    pub quit: bool,
    setup: Setup,
    now: Instant,
    /// The home screen's account list while it is being read.
    accounts: Option<Receiver<std::result::Result<Vec<Listed>, String>>>,
}

impl App {
    /// The home screen draws at once; the accounts are read in the background and fill in,
    /// so a folder of thousands never delays the first frame or the first keystroke.
    pub fn home(setup: Setup, now: Instant) -> Result<Self> {
        let (tx, rx) = mpsc::channel();
        let store = setup.store.clone();
        std::thread::Builder::new()
            .name("disco-accounts".into())
            .spawn(move || {
                let _ = tx.send(store.list().map_err(|e| format!("{e:#}")));
            })?;
        let mut app = Self::with_screen(Screen::Home(HomeState::loading()), setup, now);
        app.accounts = Some(rx);
        Ok(app)
    }

    /// Waits for the account list; for tests and benchmarks that need the filled screen.
    pub fn wait_for_accounts(&mut self) {
        if let Some(rx) = self.accounts.take() {
            let listed = rx
                .recv()
                .unwrap_or_else(|_| Err("the account reader stopped".into()));
            self.fill_home(listed);
        }
    }

    fn fill_home(&mut self, listed: std::result::Result<Vec<Listed>, String>) {
        if let Screen::Home(home) = &mut self.screen {
            home.fill(listed, &self.setup.bank);
        }
    }

    pub fn call(setup: Setup, opened: OpenAccount, now: Instant) -> Self {
        let call = CallState::open(&setup, opened, now);
        Self::with_screen(Screen::Call(Box::new(call)), setup, now)
    }

    pub fn practice(setup: Setup, options: PracticeOptions, now: Instant) -> Result<Self> {
        let store = PracticeStore::new(setup.store.data_dir());
        let state = PracticeState::new(setup.bank.clone(), store, options, now)?;
        Ok(Self::with_screen(
            Screen::Practice(Box::new(state)),
            setup,
            now,
        ))
    }

    pub fn practice_stats(setup: Setup, stats: Stats, now: Instant) -> Self {
        Self::with_screen(Screen::PracticeStats(Box::new(stats)), setup, now)
    }

    /// A solo role-play: a fresh account in the role-play folder, the brief first.
    pub fn roleplay(
        mut setup: Setup,
        scenario: Scenario,
        trainee: &str,
        now: Instant,
    ) -> Result<Self> {
        let store = RoleplayStore::new(setup.store.data_dir());
        setup.store = store.accounts();
        let started = crate::core::account::now();
        let name = format!(
            "{} · {} · {}",
            scenario.id,
            trainee,
            started.strftime("%Y-%m-%d %H:%M:%S")
        );
        let opened = setup.store.open_for_edit(&name, &setup.bank, started)?;
        let mut call = CallState::open(&setup, opened, now);
        call.roleplay = Some(Box::new(RolePlay::new(scenario, trainee, &name, store)));
        call.focus = Focus::Brief;
        Ok(Self::with_screen(Screen::Call(Box::new(call)), setup, now))
    }

    pub fn trainer(setup: Setup, scenario: Scenario, now: Instant) -> Self {
        let state = TrainerState::new(scenario, setup.bank.clone(), now);
        Self::with_screen(Screen::Trainer(Box::new(state)), setup, now)
    }

    /// Text to print once the terminal is restored: a role-play's debrief, a trainer's checklist.
    pub fn farewell(&self) -> Option<String> {
        match &self.screen {
            Screen::Call(call) => call.farewell.clone(),
            Screen::Trainer(trainer) => Some(trainer.checklist()),
            _ => None,
        }
    }

    fn with_screen(screen: Screen, setup: Setup, now: Instant) -> Self {
        Self {
            screen,
            help: None,
            quit: false,
            setup,
            now,
            accounts: None,
        }
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Key(key) => self.key(&key),
            Msg::Paste(text) => match &mut self.screen {
                Screen::Home(home) => home.paste(&text),
                Screen::Call(call) => call.paste(&text),
                Screen::Practice(practice) => practice.paste(&text),
                Screen::Trainer(_) | Screen::PracticeStats(_) => {}
            },
            Msg::Tick(now) => {
                self.now = now;
                if let Some(listed) = self.accounts.as_ref().and_then(|rx| rx.try_recv().ok()) {
                    self.accounts = None;
                    self.fill_home(listed);
                }
                match &mut self.screen {
                    Screen::Call(call) => call.tick(now),
                    Screen::Practice(practice) => practice.tick(now),
                    Screen::Trainer(trainer) => trainer.now = now,
                    Screen::Home(_) | Screen::PracticeStats(_) => {}
                }
            }
            Msg::Resize => {}
        }
    }

    fn key(&mut self, key: &KeyEvent) {
        let global = action_for(&[Scope::Global], key);
        if let Some(scroll) = &mut self.help {
            match action_for(&[Scope::Help], key) {
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
                // Any other key closes help; quitting still works from it.
                other => {
                    self.help = None;
                    self.quit = other == Some(Action::Quit);
                }
            }
            return;
        }
        if global == Some(Action::Help) {
            self.help = Some(0);
            return;
        }
        match &mut self.screen {
            Screen::Home(home) => match home.handle_key(key) {
                HomeOutcome::Stay => {}
                HomeOutcome::Quit => self.quit = true,
                HomeOutcome::Open(name) => self.open(&name),
            },
            Screen::Call(call) => {
                if call.handle_key(key) == Outcome::Quit {
                    self.quit = true;
                }
            }
            Screen::Practice(practice) => {
                if practice.handle_key(key) == practice::Outcome::Quit {
                    self.quit = true;
                }
            }
            Screen::Trainer(trainer) => self.quit = trainer.handle_key(key),
            Screen::PracticeStats(_) => self.quit = true,
        }
    }

    fn open(&mut self, name: &str) {
        let setup = &self.setup;
        match setup
            .store
            .open_for_edit(name, &setup.bank, crate::core::account::now())
        {
            Ok(opened) => {
                let call = CallState::open(setup, opened, self.now);
                self.screen = Screen::Call(Box::new(call));
            }
            Err(err) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.message = Some(format!("{err:#}"));
                }
            }
        }
    }

    pub fn view(&self, frame: &mut Frame) {
        let area = frame.area();
        if !too_small::fits(area) {
            too_small::view(frame, area);
            return;
        }
        match &self.screen {
            Screen::Home(state) => {
                home::view(frame, area, state, &self.setup.bank, &self.setup.theme)
            }
            Screen::Call(state) => call::view(frame, area, state, &self.setup.theme),
            Screen::Practice(state) => practice::view(frame, area, state, &self.setup.theme),
            Screen::Trainer(state) => trainer::view(frame, area, state, &self.setup.theme),
            Screen::PracticeStats(stats) => {
                practice_stats::view(frame, area, stats, &self.setup.theme);
            }
        }
        if let Some(scroll) = self.help {
            help::view(frame, area, scroll, &self.setup.theme);
        }
    }

    /// The key of the frame `view` would draw, when its typing parts can later be redrawn
    /// alone; `None` while anything (help, a too-small notice) is drawn over or instead of them.
    pub fn frame_key(&self, area: Rect) -> Option<FrameKey> {
        call::view::frame_key(area, self.call_screen_alone(area)?)
    }

    /// The call screen, when it is what the screen shows, with nothing over it.
    fn call_screen_alone(&self, area: Rect) -> Option<&CallState> {
        match &self.screen {
            Screen::Call(state) if self.help.is_none() && too_small::fits(area) => Some(state),
            _ => None,
        }
    }

    /// Draws only the parts of the screen a keystroke changed, each into a buffer of `parts`,
    /// when the last full frame had the key `drawn`; `false` means draw the whole frame.
    pub fn echo(&self, area: Rect, drawn: &FrameKey, parts: &mut Parts) -> bool {
        self.call_screen_alone(area)
            .is_some_and(|state| call::view::echo(area, state, drawn, parts, &self.setup.theme))
    }

    /// Saves whatever is open. Called on every way out: quit, signal, error, panic.
    pub fn finish(&mut self) -> Result<()> {
        match &mut self.screen {
            Screen::Call(call) => call.finish(),
            Screen::Home(_)
            | Screen::Practice(_)
            | Screen::PracticeStats(_)
            | Screen::Trainer(_) => Ok(()),
        }
    }

    pub fn call_state(&self) -> Option<&CallState> {
        match &self.screen {
            Screen::Call(call) => Some(call),
            _ => None,
        }
    }
}
