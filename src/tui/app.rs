//! The app: which screen is up, the messages it reacts to, and the top-level view.

use std::time::Instant;

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::Outcome;
use super::keymap::{Action, Scope, action_for, is_typing};
use super::overlays::help;
use super::saver::SaveWorker;
use super::screens::call::{self, CallState};
use super::screens::home::{self, HomeState};
use super::screens::practice::{self, PracticeState};
use super::screens::practice_stats;
use super::screens::report::{self, ReportState};
use super::screens::too_small;
use super::screens::trainer::{self, TrainerState};
use super::setup::Setup;
use super::terminal::screen::{FrameKey, Parts, Picture, Spots};
use crate::core::practice::Stats;
use crate::core::printable::printable_line;
use crate::core::scenario::Scenario;
use std::sync::mpsc::Receiver;

use super::team_sync::TeamSync;
use crate::storage::{Listed, OpenAccount};

/// Which screen is up, with its state. (The terminal layer's `Screen` is what is drawn.)
pub enum ScreenState {
    Home(Box<HomeState>),
    Call(Box<CallState>),
    Practice(Box<PracticeState>),
    /// `disco practice --stats`: charts; any key closes.
    PracticeStats(Box<Stats>),
    Trainer(Box<TrainerState>),
    /// `disco report`: the team's dashboard, read-only.
    Report(Box<ReportState>),
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
    pub screen: ScreenState,
    /// The help overlay's scroll offset while it is open.
    pub help: Option<u16>,
    pub quit: bool,
    /// Ctrl+Z was pressed: the loop gives the terminal back to the shell and stops.
    pub suspend: bool,
    pub(super) setup: Setup,
    pub(super) now: Instant,
    /// Writes the open call's account; see `effects`.
    pub(super) saver: Option<Box<dyn SaveWorker>>,
    /// The home screen's account list while it is being read.
    pub(super) accounts: Option<Receiver<std::result::Result<Vec<Listed>, String>>>,
    /// The size of the last frame drawn: a memo of drawing, read to know what the rep sees.
    drawn_size: std::cell::Cell<Option<Rect>>,
    /// The team folder's sync, in a team folder.
    pub team: Option<TeamSync>,
}

impl App {
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
        if let ScreenState::Home(home) = &mut self.screen {
            let today = self.setup.today(self.now);
            home.fill(listed, &self.setup.bank, &self.setup.zone, today);
        }
    }

    pub fn call(setup: Setup, opened: OpenAccount, now: Instant) -> Self {
        // Before the call opens: its first message may name a key.
        super::settings::install(setup.settings.clone());
        let call = CallState::open(&setup, opened, now);
        let mut app = Self::with_screen(ScreenState::Call(Box::new(call)), setup, now);
        app.pull_from_team();
        app
    }

    /// `disco practice --stats` in a terminal: the charts, read-only.
    pub fn practice_stats(setup: Setup, stats: Stats, now: Instant) -> Self {
        Self::with_screen(ScreenState::PracticeStats(Box::new(stats)), setup, now)
    }

    /// `disco report` in a terminal.
    pub fn report(setup: Setup, report: crate::core::report::Report, now: Instant) -> Self {
        let state = ReportState::new(report);
        Self::with_screen(ScreenState::Report(Box::new(state)), setup, now)
    }

    /// A screen with its save worker, when it is a call.
    pub(super) fn with_screen(screen: ScreenState, setup: Setup, now: Instant) -> Self {
        let saver =
            matches!(screen, ScreenState::Call(_)).then(|| setup.saves.worker(setup.store.clone()));
        let team = setup.team.clone().map(TeamSync::new);
        // The screens of this thread follow the rep's keys and theme from here on.
        super::settings::install(setup.settings.clone());
        Self {
            screen,
            help: None,
            quit: false,
            suspend: false,
            setup,
            now,
            saver,
            accounts: None,
            drawn_size: std::cell::Cell::new(None),
            team,
        }
    }

    pub fn trainer(setup: Setup, scenario: Scenario, trainee: &str, now: Instant) -> Self {
        let state = TrainerState::new(scenario, setup.bank.clone(), trainee, now);
        Self::with_screen(ScreenState::Trainer(Box::new(state)), setup, now)
    }

    /// Text to print once the terminal is restored: a role-play's debrief, a trainer's checklist.
    /// The line left in the shell while disco is paused.
    pub fn paused_line(&self) -> String {
        match self.call_state() {
            Some(call) => format!(
                "disco: the call with “{}” is paused. Type fg to come back to it.",
                printable_line(&call.account.name)
            ),
            None => "disco: paused. Type fg to come back.".into(),
        }
    }

    pub fn farewell(&self) -> Option<String> {
        match &self.screen {
            ScreenState::Call(call) => call.farewell.clone(),
            ScreenState::Trainer(trainer) => Some(trainer.checklist()),
            _ => None,
        }
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Key(key) => self.key(&key),
            Msg::Paste(text) => match &mut self.screen {
                ScreenState::Home(home) => home.paste(&text),
                ScreenState::Call(call) => call.paste(&text),
                ScreenState::Practice(practice) => practice.paste(&text),
                ScreenState::Trainer(_)
                | ScreenState::PracticeStats(_)
                | ScreenState::Report(_) => {}
            },
            Msg::Tick(now) => {
                self.now = now;
                if let Some(listed) = self.accounts.as_ref().and_then(|rx| rx.try_recv().ok()) {
                    self.accounts = None;
                    self.fill_home(listed);
                }
                match &mut self.screen {
                    ScreenState::Call(call) => {
                        if let Some(team) = &mut self.team
                            && let Some(result) = team.poll(self.setup.clock.at(now))
                        {
                            super::team_sync::taken_in(call, team, &result);
                        }
                        if let Some(saver) = &mut self.saver {
                            while let Some(outcome) = saver.poll() {
                                call.report_save(outcome, now);
                            }
                        }
                        call.tick(now);
                    }
                    ScreenState::Practice(practice) => practice.tick(now),
                    ScreenState::Trainer(trainer) => trainer.now = now,
                    ScreenState::Home(_)
                    | ScreenState::PracticeStats(_)
                    | ScreenState::Report(_) => {}
                }
            }
            Msg::Resize => {}
        }
        self.run_effects();
    }

    fn key(&mut self, key: &KeyEvent) {
        let global = action_for(&[Scope::Global], key);
        if global == Some(Action::Suspend) {
            self.suspend = true;
            return;
        }
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
                    // A letter that closes the help is typed too: nothing typed is dropped.
                    if other.is_none() && is_typing(key) {
                        return self.key(key);
                    }
                }
            }
            return;
        }
        if global == Some(Action::Help) {
            self.help = Some(0);
            return;
        }
        // A window too small for the screen shows a notice instead: commands would act on
        // what the rep cannot see, so only quitting works until it is larger. Typing still
        // goes where it was going: nothing typed is lost.
        if let Some(area) = self.drawn_size.get()
            && !too_small::fits(area, self.min_size())
        {
            let typing = match &self.screen {
                ScreenState::Call(call) => action_for(&call.scopes(), key).is_none(),
                _ => is_typing(key),
            };
            if !typing {
                self.quit = global == Some(Action::Quit);
                return;
            }
        }
        let outcome = match &mut self.screen {
            ScreenState::Home(home) => home.handle_key(key),
            ScreenState::Call(call) => call.handle_key(key),
            ScreenState::Practice(practice) => practice.handle_key(key),
            ScreenState::Trainer(trainer) => trainer.handle_key(key),
            ScreenState::Report(report) => report.handle_key(key),
            // The charts are read-only: any key closes them.
            ScreenState::PracticeStats(_) => Outcome::Quit,
        };
        match outcome {
            Outcome::Stay => {}
            Outcome::Quit => self.quit = true,
            Outcome::Run(effect) => self.run(effect),
        }
    }

    /// The smallest window the current screen can be drawn in.
    fn min_size(&self) -> (u16, u16) {
        match &self.screen {
            ScreenState::Call(_) => call::view::MIN_SIZE,
            _ => too_small::MIN_SIZE,
        }
    }

    pub fn view(&self, frame: &mut Frame) {
        self.view_spots(frame);
    }

    /// The key scopes the help lists: the ones in force first, then the rest of this screen's
    /// (a call's lists, forms and summary); never another mode's (practice, role-play and
    /// trainer keys on a live call).
    pub fn help_scopes(&self) -> Vec<Scope> {
        use Scope as S;
        let call = [
            S::Call,
            S::Captures,
            S::ConfirmDelete,
            S::Form,
            S::Sheet,
            S::Picker,
            S::Reading,
            S::Search,
            S::Detail,
            S::Summary,
        ];
        let (current, family): (Vec<Scope>, Vec<Scope>) = match &self.screen {
            ScreenState::Home(_) => (vec![S::Home], call.to_vec()),
            ScreenState::Call(state) => {
                let mut family = call.to_vec();
                if state.roleplay.is_some() {
                    family.extend([S::RolePlay, S::Brief, S::Moves]);
                }
                (state.scopes(), family)
            }
            ScreenState::Practice(state) => (
                state.scopes(),
                vec![
                    S::Practice,
                    S::PracticeTyping,
                    S::PracticeRecite,
                    S::PracticeYesNo,
                    S::PracticeLearn,
                ],
            ),
            ScreenState::Trainer(_) => (vec![S::Trainer], Vec::new()),
            ScreenState::PracticeStats(_) => (Vec::new(), Vec::new()),
            ScreenState::Report(_) => (vec![S::Report], Vec::new()),
        };
        help::scopes_in_order(&current, |s| family.contains(&s) || s == S::Help)
    }

    /// The call screen, when it is what the screen shows, with nothing over it.
    fn call_screen_alone(&self, area: Rect) -> Option<&CallState> {
        match &self.screen {
            ScreenState::Call(state)
                if self.help.is_none() && too_small::fits(area, call::view::MIN_SIZE) =>
            {
                Some(state)
            }
            _ => None,
        }
    }

    pub fn call_state(&self) -> Option<&CallState> {
        match &self.screen {
            ScreenState::Call(call) => Some(call),
            _ => None,
        }
    }
}

impl Picture for App {
    fn view_spots(&self, frame: &mut Frame) -> Option<Spots> {
        let area = frame.area();
        self.drawn_size.set(Some(area));
        if !too_small::fits(area, self.min_size()) {
            too_small::view(frame, area, self.min_size());
            return None;
        }
        let mut spots = None;
        match &self.screen {
            ScreenState::Home(state) => {
                home::view(frame, area, state, &self.setup.bank, &self.setup.theme)
            }
            ScreenState::Call(state) => spots = call::view(frame, area, state, &self.setup.theme),
            ScreenState::Practice(state) => practice::view(frame, area, state, &self.setup.theme),
            ScreenState::Trainer(state) => trainer::view(frame, area, state, &self.setup.theme),
            ScreenState::PracticeStats(stats) => {
                practice_stats::view(frame, area, stats, &self.setup.theme);
            }
            ScreenState::Report(state) => report::view(frame, area, state, &self.setup.theme),
        }
        if let Some(scroll) = self.help {
            help::view(frame, area, scroll, &self.setup.theme, &self.help_scopes());
            return None;
        }
        spots
    }

    /// `None` while anything (help, a too-small notice) is drawn over or instead of the typing
    /// parts.
    fn frame_key(&self, area: Rect) -> Option<FrameKey> {
        call::view::frame_key(area, self.call_screen_alone(area)?)
    }

    fn echo(&self, area: Rect, drawn: &FrameKey, spots: &mut Spots, parts: &mut Parts) -> bool {
        self.call_screen_alone(area).is_some_and(|state| {
            call::view::echo(area, state, drawn, spots, parts, &self.setup.theme)
        })
    }
}
