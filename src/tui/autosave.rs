//! When to save: a pure state machine, fed the time by its caller. It starts no thread and
//! touches no file; the app hands the job it asks for to a [`SaveWorker`](super::saver::SaveWorker)
//! and reports the outcome back, so tests drive saving with made-up instants.

use std::time::{Duration, Instant};

use crate::storage::accounts::Saved;

/// Save this long after the last keystroke...
pub(crate) const IDLE_BEFORE_SAVE: Duration = Duration::from_millis(300);
/// ...but never let unsaved text get older than this while the rep keeps typing.
pub(crate) const MAX_UNSAVED: Duration = Duration::from_millis(700);
/// After a failed save, wait this long before trying again (the disk may be full).
pub(crate) const RETRY_AFTER: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Ok,
    /// Saved, with changes made to the file outside disco merged in: said until the next save.
    Merged,
    Failed(String),
}

impl SaveStatus {
    fn after(saved: Saved) -> Self {
        if saved.merged_outside {
            SaveStatus::Merged
        } else {
            SaveStatus::Ok
        }
    }
}

pub type SaveOutcome = Result<Saved, String>;

#[derive(Debug)]
pub struct Autosave {
    dirty_since: Option<Instant>,
    last_edit: Instant,
    in_flight: bool,
    retry_at: Option<Instant>,
    status: SaveStatus,
}

impl Autosave {
    /// Dirty from the start and due at once: opening a call changes the call log.
    pub(crate) fn new(now: Instant) -> Self {
        Self {
            dirty_since: Some(now),
            last_edit: now.checked_sub(IDLE_BEFORE_SAVE).unwrap_or(now),
            in_flight: false,
            retry_at: None,
            status: SaveStatus::Ok,
        }
    }

    pub(crate) fn mark_dirty(&mut self, now: Instant) {
        self.dirty_since.get_or_insert(now);
        self.last_edit = now;
    }

    /// Whether a save should start at `now`: the rep paused, or the oldest unsaved change is
    /// getting old, and no save is running or waiting out a failure. `true` counts the save
    /// as started: the caller must hand a job to the worker and `report` its outcome.
    pub(crate) fn tick(&mut self, now: Instant) -> bool {
        let Some(dirty_since) = self.dirty_since else {
            return false;
        };
        let paused = now.saturating_duration_since(self.last_edit) >= IDLE_BEFORE_SAVE;
        let overdue = now.saturating_duration_since(dirty_since) >= MAX_UNSAVED;
        let may_retry = self.retry_at.is_none_or(|at| now >= at);
        if self.in_flight || !may_retry || !(paused || overdue) {
            return false;
        }
        self.in_flight = true;
        self.dirty_since = None;
        true
    }

    /// A save's outcome. A failure keeps the changes dirty and retries after a while.
    pub(crate) fn report(&mut self, outcome: SaveOutcome, now: Instant) {
        self.in_flight = false;
        match outcome {
            Ok(saved) => {
                self.retry_at = None;
                self.status = SaveStatus::after(saved);
            }
            Err(err) => {
                self.status = SaveStatus::Failed(err);
                self.dirty_since.get_or_insert(now);
                self.retry_at = Some(now + RETRY_AFTER);
            }
        }
    }

    /// A save about to be made outside the timer (the last one, on the way out).
    pub(crate) fn start_now(&mut self) {
        self.in_flight = true;
        self.dirty_since = None;
    }

    pub(crate) fn has_unsaved_changes(&self) -> bool {
        self.dirty_since.is_some() || self.in_flight
    }

    pub(crate) fn status(&self) -> &SaveStatus {
        &self.status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn opening_is_saved_at_once() {
        let t0 = Instant::now();
        let mut save = Autosave::new(t0);
        assert!(save.tick(t0));
        assert!(!save.tick(t0), "one save at a time");
        save.report(Ok(Saved::default()), t0);
        assert!(!save.has_unsaved_changes());
    }

    #[test]
    fn waits_for_a_pause_but_not_forever() {
        let t0 = Instant::now();
        let mut save = Autosave::new(t0);
        assert!(save.tick(t0));
        save.report(Ok(Saved::default()), t0);
        // A key every 100 ms: no pause, so the save comes when the oldest change is 700 ms old.
        let mut at = t0;
        let mut saved_at = None;
        for _ in 0..20 {
            at += 100 * MS;
            save.mark_dirty(at);
            if save.tick(at) {
                saved_at = Some(at);
                break;
            }
        }
        assert_eq!(
            saved_at,
            Some(t0 + 800 * MS),
            "first key at 100 ms, due at 800 ms"
        );
        save.report(Ok(Saved::default()), at);
        save.mark_dirty(at);
        assert!(!save.tick(at + 299 * MS));
        assert!(save.tick(at + 300 * MS), "a 300 ms pause saves");
    }

    #[test]
    fn a_failure_shows_keeps_the_changes_and_retries_later() {
        let t0 = Instant::now();
        let mut save = Autosave::new(t0);
        assert!(save.tick(t0));
        save.report(Err("disk full".into()), t0);
        assert_eq!(save.status(), &SaveStatus::Failed("disk full".into()));
        assert!(save.has_unsaved_changes());
        assert!(!save.tick(t0 + RETRY_AFTER - MS));
        assert!(save.tick(t0 + RETRY_AFTER));
        save.report(Ok(Saved::default()), t0 + RETRY_AFTER);
        assert_eq!(save.status(), &SaveStatus::Ok);
        assert!(!save.has_unsaved_changes());
    }

    #[test]
    fn an_edit_during_a_save_is_saved_after_it() {
        let t0 = Instant::now();
        let mut save = Autosave::new(t0);
        assert!(save.tick(t0));
        save.mark_dirty(t0 + MS);
        assert!(!save.tick(t0 + 500 * MS), "the first save is still running");
        save.report(Ok(Saved::default()), t0 + 500 * MS);
        assert!(save.has_unsaved_changes());
        assert!(save.tick(t0 + 500 * MS));
    }
}
