//! Saving off the keystroke path: the UI hands a snapshot to a worker thread, which does the
//! serialising and the fsync, and reports back. Typing never waits for the disk.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

use crate::core::Account;
use crate::storage::AccountStore;
use crate::storage::accounts::Saved;

pub struct SaveJob {
    pub path: PathBuf,
    pub account: std::sync::Arc<Account>,
}

pub type SaveOutcome = Result<Saved, String>;

pub struct Saver {
    jobs: Option<Sender<SaveJob>>,
    outcomes: Receiver<SaveOutcome>,
    worker: Option<JoinHandle<()>>,
}

impl Saver {
    pub fn spawn(store: AccountStore) -> Self {
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

    /// Queues a save. Returns false when the worker is gone; the caller then saves inline.
    pub fn submit(&self, job: SaveJob) -> bool {
        self.jobs.as_ref().is_some_and(|tx| tx.send(job).is_ok())
    }

    pub fn poll(&self) -> Option<SaveOutcome> {
        match self.outcomes.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the save worker stopped".into())),
        }
    }

    /// Lets queued saves finish, so a final save cannot race with them.
    pub fn stop(&mut self) {
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
