//! Syncing with the team while a call is open, never in the rep's way: a thread runs
//! `storage::team::sync` (git fetch, merge, push), the loop polls it on ticks. Opening an
//! account pulls first; the end of a call sends it. A pull that changed the open account is
//! taken in by the next save, through the store's outside-change merge (`CallState::adopt_merged`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crate::storage::team::{self, SyncOptions, SyncReport};

/// Where the team stands, in a word for the call screen's header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TeamState {
    #[default]
    Idle,
    Syncing,
    Synced,
    /// The remote could not be reached: changes are committed here and wait.
    Offline(String),
    /// Something the rep must fix (credentials, git missing): said once in the footer.
    Failed(String),
}

impl TeamState {
    /// The header's word; `None` when all is well.
    pub fn header(&self) -> Option<&'static str> {
        match self {
            TeamState::Idle | TeamState::Synced => None,
            TeamState::Syncing => Some("syncing… "),
            TeamState::Offline(_) => Some("offline: queued "),
            TeamState::Failed(_) => Some("not synced "),
        }
    }
}

/// The team folder's sync, for the screens.
#[derive(Debug, Clone)]
pub struct TeamConfig {
    pub data_dir: PathBuf,
    pub options: SyncOptions,
}

pub struct TeamSync {
    config: TeamConfig,
    running: Option<Receiver<Result<SyncReport, String>>>,
    /// Asked for while one ran: run again when it ends, with these files held here.
    again: Option<Vec<PathBuf>>,
    pub state: TeamState,
}

impl TeamSync {
    pub fn new(config: TeamConfig) -> Self {
        Self {
            config,
            running: None,
            again: None,
            state: TeamState::Idle,
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.config.data_dir
    }

    /// Starts a sync on a thread, or queues one when a sync is running. `held_here`: the
    /// account files this disco has open (the saver and the merge share a gate for them).
    pub fn start(&mut self, held_here: Vec<PathBuf>, now: jiff::Timestamp) {
        if self.running.is_some() {
            self.again = Some(held_here);
            return;
        }
        let (tx, rx) = mpsc::channel();
        let data_dir = self.config.data_dir.clone();
        let mut options = self.config.options.clone();
        options.held_here = held_here;
        options.now = Some(now);
        let spawned = std::thread::Builder::new()
            .name("disco-team-sync".into())
            .spawn(move || {
                let result = team::sync(&data_dir, &options).map_err(|e| format!("{e:#}"));
                let _ = tx.send(result);
            });
        match spawned {
            Ok(_) => {
                self.running = Some(rx);
                self.state = TeamState::Syncing;
            }
            Err(err) => self.state = TeamState::Failed(format!("cannot start the sync: {err}")),
        }
    }

    /// The outcome of the sync that just ended, if one did.
    pub fn poll(&mut self, now: jiff::Timestamp) -> Option<Result<SyncReport, String>> {
        let rx = self.running.as_ref()?;
        let result = match rx.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => Err("the sync stopped".into()),
        };
        Some(self.ended(result, now))
    }

    /// Waits up to `bound` for the running sync; for the way out and for tests.
    pub fn wait(
        &mut self,
        bound: Duration,
        now: jiff::Timestamp,
    ) -> Option<Result<SyncReport, String>> {
        let rx = self.running.as_ref()?;
        let result = match rx.recv_timeout(bound) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => Err("the sync stopped".into()),
        };
        Some(self.ended(result, now))
    }

    /// Forgets a sync asked for while one ran: the caller starts its own.
    pub fn drop_queued(&mut self) {
        self.again = None;
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    fn ended(
        &mut self,
        result: Result<SyncReport, String>,
        now: jiff::Timestamp,
    ) -> Result<SyncReport, String> {
        self.running = None;
        self.state = match &result {
            Ok(report) => match &report.offline {
                Some(why) => TeamState::Offline(why.clone()),
                None => TeamState::Synced,
            },
            Err(err) => TeamState::Failed(err.clone()),
        };
        if let Some(held) = self.again.take() {
            self.start(held, now);
        }
        result
    }
}

/// One line for the rep about a sync's outcome, when there is something to say.
pub fn describe(result: &Result<SyncReport, String>) -> Option<String> {
    match result {
        Ok(report) => {
            if let Some(first) = report.notes.first() {
                return Some(format!("Team sync: {first}"));
            }
            if let Some(waiting) = &report.waiting {
                return Some(format!("Team sync waits: {waiting}"));
            }
            report
                .offline
                .as_ref()
                .map(|_| "Offline: changes kept, sent at the next sync.".into())
        }
        Err(err) => Some(format!("Team sync failed: {err}")),
    }
}

/// Shows the team's state on the call screen.
pub fn show(call: &mut crate::tui::screens::call::CallState, team: &TeamSync) {
    call.set_team_word(team.state.header());
}

/// A sync ended: the header says where the team stands, a note is shown, and when the pull
/// changed the open account a save is asked for, which merges it in (`adopt_merged`).
pub fn taken_in(
    call: &mut crate::tui::screens::call::CallState,
    team: &TeamSync,
    result: &Result<SyncReport, String>,
) {
    show(call, team);
    if let Some(line) = describe(result) {
        call.message = Some(line);
    }
    let Ok(report) = result else {
        return;
    };
    let open = call.path.strip_prefix(team.data_dir()).ok();
    if open.is_some_and(|open| report.pulled.iter().any(|p| p == open)) {
        call.outside_change();
    }
}
