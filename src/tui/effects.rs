//! What key handlers and ticks ask for, and the one place that does it. Screens push an
//! [`Effect`] where they used to write a file; the app runs it after the message, so update
//! code touches no file (`src/layering.rs` holds that) and a test can see what a key asked
//! for. Opening and finishing a call live here too: they take locks and write.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Result, anyhow};

use super::app::{App, ScreenState};
use super::keymap::{Action, Scope, key_for};
use super::saver::SaveJob;
use super::screens::call::{CallState, Focus, RolePlay};
use super::screens::home::HomeState;
use super::screens::practice::{PracticeOptions, PracticeState};
use super::setup::Setup;
use crate::core::practice::Progress;
use crate::core::scenario::Scenario;
use crate::storage::Lookup;
use crate::storage::display_path;
use crate::storage::practice::PracticeStore;
use crate::storage::roleplay::RoleplayStore;
use crate::storage::warnings::WarningCounter;

#[derive(Debug)]
pub enum Effect {
    /// Save a snapshot of the account, on the save worker.
    Save(SaveJob),
    /// Write the customer's recap to `<data dir>/recaps/<account name>.<extension>`;
    /// `to_check` counts the promise guard's warnings, for the message.
    WriteRecap {
        account_name: String,
        extension: &'static str,
        text: String,
        to_check: usize,
    },
    /// Put the customer's recap on the clipboard, through the terminal.
    CopyRecap(String),
    /// Keep a practice rating at once: a session can end any time.
    SaveProgress { path: PathBuf, progress: Progress },
    /// Open an account for a call: read it and take its lock.
    OpenAccount(String),
    /// Open a new account, unless the folder has accounts whose names look like it: then the
    /// rep is asked first.
    CreateAccount(String),
}

impl std::fmt::Debug for SaveJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaveJob").field("path", &self.path).finish()
    }
}

/// Opening a screen reads files and takes locks, so it lives here beside the effects.
impl App {
    /// The home screen draws at once; the accounts are read in the background and fill in,
    /// so a folder of thousands never delays the first frame or the first keystroke.
    pub fn home(setup: Setup, now: Instant) -> Result<Self> {
        let (tx, rx) = mpsc::channel();
        let store = setup.store.clone();
        // The guard is compiled here, off the first frame's path, on the reading thread.
        let sheet = setup.company.clone().map(|c| (c, setup.bank.clone()));
        std::thread::Builder::new()
            .name("disco-accounts".into())
            .spawn(move || {
                let counter = sheet.map(|(company, bank)| {
                    WarningCounter::new(store.data_dir(), company.guard(), bank)
                });
                let listed = store.list_counting(counter.as_ref());
                let _ = tx.send(listed.map_err(|e| format!("{e:#}")));
            })?;
        let mut app = Self::with_screen(
            ScreenState::Home(Box::new(HomeState::loading_saying(
                setup.config_problem.as_ref().map(|c| c.line.clone()),
            ))),
            setup,
            now,
        );
        app.accounts = Some(rx);
        Ok(app)
    }

    pub fn practice(setup: Setup, options: PracticeOptions, now: Instant) -> Result<Self> {
        let (path, progress, lock) =
            PracticeStore::new(setup.store.data_dir()).open(&options.learner)?;
        // Practice's "today" is the rep's day.
        let opened = (path, progress.in_zone(setup.zone.clone()), lock);
        let state = PracticeState::new(setup.bank.clone(), opened, options, setup.clock, now);
        Ok(Self::with_screen(
            ScreenState::Practice(Box::new(state)),
            setup,
            now,
        ))
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
        let started = setup.clock.at(now);
        let name = format!(
            "{} · {} · {}",
            scenario.id,
            trainee,
            started.strftime("%Y-%m-%d %H:%M:%S")
        );
        let opened = setup.store.open_for_edit(&name, &setup.bank, started)?;
        let mut call = CallState::open(&setup, opened, now);
        call.roleplay = Some(Box::new(RolePlay::new(
            scenario,
            &setup.bank,
            trainee,
            &name,
            store,
            started,
        )));
        // The customer hears a promise the sheet rules out, as the debrief will.
        if let Some(roleplay) = &mut call.roleplay {
            roleplay.conversation.set_guard(
                setup
                    .company
                    .as_ref()
                    .map(crate::core::company::Company::guard),
            );
        }
        call.focus = Focus::Brief;
        Ok(Self::with_screen(
            ScreenState::Call(Box::new(call)),
            setup,
            now,
        ))
    }

    /// Runs what the last message asked for.
    pub(super) fn run_effects(&mut self) {
        let effects = match &mut self.screen {
            ScreenState::Call(call) => std::mem::take(&mut call.effects),
            ScreenState::Practice(practice) => std::mem::take(&mut practice.effects),
            ScreenState::Home(_)
            | ScreenState::Trainer(_)
            | ScreenState::PracticeStats(_)
            | ScreenState::Report(_) => Vec::new(),
        };
        for effect in effects {
            self.run(effect);
        }
    }

    pub(super) fn run(&mut self, effect: Effect) {
        match effect {
            Effect::Save(job) => {
                let job = match &mut self.saver {
                    Some(saver) => match saver.submit(job) {
                        Ok(()) => return,
                        Err(job) => job,
                    },
                    None => job,
                };
                // The worker is gone: save on this thread rather than not at all.
                let outcome = self.save_inline(&job);
                drop(job);
                if let ScreenState::Call(call) = &mut self.screen {
                    let now = call.now;
                    call.report_save(outcome, now);
                }
            }
            Effect::WriteRecap {
                account_name,
                extension,
                text,
                to_check,
            } => {
                let written = self
                    .setup
                    .store
                    .write_recap(&account_name, extension, &text);
                if let ScreenState::Call(call) = &mut self.screen {
                    call.message = Some(match written {
                        Ok(path) => {
                            // The path first: it must survive a narrow footer.
                            let shown = display_path(&path);
                            call.recap_written = Some(path);
                            match to_check {
                                0 => format!("Recap written to {shown}"),
                                n => format!("Recap written to {shown} (⚠ {n} to check)"),
                            }
                        }
                        Err(err) => format!("Recap not written: {err:#}"),
                    });
                }
            }
            Effect::CopyRecap(text) => {
                let message = match self.setup.clipboard.copy(&text) {
                    Ok(()) => format!(
                        "Recap copied as plain text (if your terminal allows it; else {})",
                        key_for(Scope::Summary, Action::Recap)
                    ),
                    Err(err) => format!("Recap not copied: {err:#}"),
                };
                if let ScreenState::Call(call) = &mut self.screen {
                    call.message = Some(message);
                }
            }
            Effect::SaveProgress { path, progress } => {
                let store = PracticeStore::new(self.setup.store.data_dir());
                if let Err(err) = store.save(&path, &progress)
                    && let ScreenState::Practice(practice) = &mut self.screen
                {
                    practice.message = Some(format!("Progress not saved: {err:#}"));
                }
            }
            Effect::OpenAccount(name) => self.open(&name),
            Effect::CreateAccount(name) => self.create(&name),
        }
    }

    fn save_inline(&self, job: &SaveJob) -> super::autosave::SaveOutcome {
        self.setup
            .store
            .save(&job.path, &job.account)
            .map_err(|err| format!("{err:#}"))
    }

    /// The home screen asking whether `name` is one of the accounts that look like it.
    pub fn choosing(setup: Setup, now: Instant, name: &str, alikes: Vec<String>) -> Result<Self> {
        let mut app = Self::home(setup, now)?;
        if let ScreenState::Home(home) = &mut app.screen {
            home.choose(name, alikes);
        }
        Ok(app)
    }

    /// Opens `name` as a new account unless the folder has it (the list may not be read yet)
    /// or has accounts whose names look like it: then the rep is asked first.
    fn create(&mut self, name: &str) {
        // One index refresh for both questions: is it there, and what looks like it.
        let alikes = match self.setup.store.lookup(name) {
            Ok(Lookup::Found(_)) => Ok(Vec::new()),
            Ok(Lookup::New { alikes }) => Ok(alikes),
            Err(err) => Err(err),
        };
        match alikes {
            Ok(alikes) if alikes.is_empty() => self.open(name),
            Ok(alikes) => {
                if let ScreenState::Home(home) = &mut self.screen {
                    home.choose(name, alikes);
                }
            }
            Err(err) => {
                if let ScreenState::Home(home) = &mut self.screen {
                    home.message = Some(format!("{err:#}"));
                }
            }
        }
    }

    fn open(&mut self, name: &str) {
        let setup = &self.setup;
        match setup
            .store
            .open_for_edit(name, &setup.bank, setup.clock.at(self.now))
        {
            Ok(opened) => {
                let call = CallState::open(setup, opened, self.now);
                self.saver = Some(setup.saves.worker(setup.store.clone()));
                self.screen = ScreenState::Call(Box::new(call));
                self.pull_from_team();
            }
            Err(err) => {
                if let ScreenState::Home(home) = &mut self.screen {
                    home.message = Some(format!("{err:#}"));
                }
            }
        }
    }

    /// Saves whatever is open. Called on every way out: quit, signal, error, panic.
    pub fn finish(&mut self) -> Result<()> {
        if let ScreenState::Trainer(trainer) = &mut self.screen {
            let started = self.setup.clock.at(trainer.started);
            let ended = self.setup.clock.at(trainer.now);
            trainer.saved = Some(match trainer.record(started, ended) {
                None => "Nothing was ticked or noted, so this session was not kept.".to_string(),
                Some(record) => {
                    match RoleplayStore::new(self.setup.store.data_dir()).save(&record) {
                        Ok(path) => format!("Saved in the role-play history: {}", path.display()),
                        Err(err) => format!("The session was not saved: {err:#}"),
                    }
                }
            });
            return Ok(());
        }
        let ScreenState::Call(call) = &mut self.screen else {
            return Ok(());
        };
        // Queued saves finish first, so the last save cannot race with them.
        if let Some(saver) = &mut self.saver {
            saver.stop();
        }
        let job = call.end();
        let outcome = self
            .setup
            .store
            .save(&job.path, &job.account)
            .map_err(|err| format!("{err:#}"));
        let account_path = job.path.clone();
        drop(job);
        let now = call.now;
        call.report_save(outcome, now);
        let call: &mut CallState = call;
        if let Some(roleplay) = &mut call.roleplay
            && roleplay.is_empty(&call.account)
        {
            // Its account file holds nothing the trainee wrote: it goes too.
            let kept = roleplay.store.discard_empty_account(&account_path);
            call.farewell = Some(match kept {
                Ok(()) => "No question the customer could place and nothing noted, so this role-play was not scored or kept."
                    .to_string(),
                Err(err) => format!(
                    "No question the customer could place and nothing noted, so this role-play was not scored; its empty account file stays: {err:#}"
                ),
            });
        } else if let Some(roleplay) = &mut call.roleplay {
            let mut text = roleplay.debrief(
                &call.account,
                &call.bank,
                self.setup.company.as_ref(),
                &call.setup.zone,
            );
            match roleplay.store.save(&roleplay.record) {
                Ok(path) => {
                    text += &format!("\nSaved with the role-play record: {}\n", path.display())
                }
                Err(err) => text += &format!("\nThe role-play record was not saved: {err:#}\n"),
            }
            call.farewell = Some(text);
        }
        if let Some(path) = &call.recap_written {
            let line = format!("Recap written to {}", path.display());
            call.farewell = Some(match call.farewell.take() {
                Some(before) => format!("{before}\n{line}"),
                None => line,
            });
        }
        match call.status() {
            super::autosave::SaveStatus::Failed(err) => Err(anyhow!("{err}")),
            super::autosave::SaveStatus::Ok | super::autosave::SaveStatus::Merged => Ok(()),
        }
    }
}

/// The team's side of a call: pull when it opens, send when it ends.
impl App {
    /// Opening an account pulls the team's changes in the background: the first frame does
    /// not wait, and what the pull changes in the open account is merged in by the next save.
    pub(super) fn pull_from_team(&mut self) {
        let (Some(team), ScreenState::Call(call)) = (&mut self.team, &self.screen) else {
            return;
        };
        team.start(vec![call.path.clone()], self.setup.clock.at(self.now));
        if let Some(call) = call_mut(&mut self.screen) {
            super::team_sync::show(call, team);
        }
    }

    /// Waits for a sync still running (bounded), for tests and the way out.
    pub fn wait_for_team(&mut self, bound: std::time::Duration) -> bool {
        let now = self.setup.clock.at(self.now);
        let Some(team) = &mut self.team else {
            return false;
        };
        match team.wait(bound, now) {
            Some(result) => {
                if let ScreenState::Call(call) = &mut self.screen {
                    super::team_sync::taken_in(call, team, &result);
                }
                true
            }
            None => false,
        }
    }

    /// The end of a call: its account is committed and pushed. Called once the terminal is
    /// the shell's again; waits a bounded time and says how it went.
    pub fn send_to_team(&mut self, now: std::time::Instant) -> Option<String> {
        use std::time::Duration;
        let path = self.call_state()?.path.clone();
        let team = self.team.as_mut()?;
        let now = self.setup.clock.at(now);
        // A pull still running ends first; its merge is in the file already.
        team.drop_queued();
        let _ = team.wait(Duration::from_secs(10), now);
        team.drop_queued();
        team.start(vec![path], now);
        match team.wait(Duration::from_secs(20), now) {
            Some(result) => Some(
                super::team_sync::describe(&result)
                    .unwrap_or_else(|| "the call was sent to the team.".into()),
            ),
            None => Some("the team's remote is slow; `disco sync` sends the call later.".into()),
        }
    }
}

fn call_mut(screen: &mut ScreenState) -> Option<&mut CallState> {
    match screen {
        ScreenState::Call(call) => Some(call),
        _ => None,
    }
}
