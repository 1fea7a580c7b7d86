//! Who writes the account: a worker thread in the app, so typing never waits for the disk,
//! or the caller itself in tests, so they save without threads or sleeps. Both sit behind
//! [`SaveWorker`]; when to save is [`Autosave`](super::autosave::Autosave)'s business.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

use crate::core::Account;
use crate::storage::AccountStore;

pub use super::autosave::SaveOutcome;

pub struct SaveJob {
    pub path: PathBuf,
    pub account: std::sync::Arc<Account>,
}

/// Takes save jobs and reports their outcomes, in order.
pub(crate) trait SaveWorker {
    /// Queues a save; gives the job back when the worker is gone, to be saved inline.
    fn submit(&mut self, job: SaveJob) -> Result<(), SaveJob>;
    /// The next outcome, if one is ready.
    fn poll(&mut self) -> Option<SaveOutcome>;
    /// Lets queued saves finish, so a final save cannot race with them.
    fn stop(&mut self);
}

/// Which worker a call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saves {
    /// A thread serialises and fsyncs while the rep types on.
    Background,
    /// The save is made when submitted and reported at the next poll: for tests.
    Inline,
}

impl Saves {
    pub(crate) fn worker(self, store: AccountStore) -> Box<dyn SaveWorker> {
        match self {
            Saves::Background => Box::new(Saver::spawn(store)),
            Saves::Inline => Box::new(InlineSaver {
                store,
                outcomes: VecDeque::new(),
            }),
        }
    }
}

/// Saves on the caller's thread.
pub(crate) struct InlineSaver {
    store: AccountStore,
    outcomes: VecDeque<SaveOutcome>,
}

impl SaveWorker for InlineSaver {
    fn submit(&mut self, job: SaveJob) -> Result<(), SaveJob> {
        let outcome = self
            .store
            .save(&job.path, &job.account)
            .map_err(|err| format!("{err:#}"));
        self.outcomes.push_back(outcome);
        Ok(())
    }

    fn poll(&mut self) -> Option<SaveOutcome> {
        self.outcomes.pop_front()
    }

    fn stop(&mut self) {}
}

/// Saves on a worker thread.
pub(crate) struct Saver {
    jobs: Option<Sender<SaveJob>>,
    outcomes: Receiver<SaveOutcome>,
    worker: Option<JoinHandle<()>>,
}

impl Saver {
    pub(crate) fn spawn(store: AccountStore) -> Self {
        let (job_tx, job_rx) = mpsc::channel::<SaveJob>();
        let (out_tx, out_rx) = mpsc::channel();
        let worker = thread::Builder::new()
            .name("disco-saver".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest snapshot matters; skip any that queued up behind it.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let outcome = store
                        .save(&job.path, &job.account)
                        .map_err(|err| format!("{err:#}"));
                    // Let go of the snapshot before reporting, so the next edit changes the
                    // account in place instead of copying it.
                    drop(job);
                    if out_tx.send(outcome).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Self {
            jobs: worker.as_ref().map(|_| job_tx),
            outcomes: out_rx,
            worker,
        }
    }
}

impl SaveWorker for Saver {
    fn submit(&mut self, job: SaveJob) -> Result<(), SaveJob> {
        match &self.jobs {
            Some(tx) => tx.send(job).map_err(|err| err.0),
            None => Err(job),
        }
    }

    fn poll(&mut self) -> Option<SaveOutcome> {
        match self.outcomes.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            // Reported once: a stopped worker has nothing more to say.
            Err(TryRecvError::Disconnected) if self.worker.is_some() => {
                self.worker = None;
                self.jobs = None;
                Some(Err("the save worker stopped".into()))
            }
            Err(TryRecvError::Disconnected) => None,
        }
    }

    fn stop(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.stop();
    }
}
