//! Injected write failures, so tests can prove what happens when the disk is full or a write
//! fails: running as root, file permissions alone cannot make a write fail.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

type Hook = Box<dyn FnOnce() + Send>;

/// Fails the next `n` writes with "no space left on device". Cloned stores share it.
#[derive(Clone, Default)]
pub struct Faults {
    failing_writes: Arc<AtomicUsize>,
    before_replace: Arc<Mutex<Option<Hook>>>,
}

impl std::fmt::Debug for Faults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Faults")
            .field("failing_writes", &self.failing_writes)
            .finish_non_exhaustive()
    }
}

impl Faults {
    pub fn fail_next_writes(&self, n: usize) {
        self.failing_writes.store(n, Ordering::SeqCst);
    }

    /// Runs `hook` once, in the next account save, after the new content is on disk and the
    /// file was checked, just before the new content replaces it: the moment another program's
    /// write is hardest to notice.
    pub fn before_next_replace(&self, hook: impl FnOnce() + Send + 'static) {
        *self
            .before_replace
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Box::new(hook));
    }

    pub(crate) fn run_before_replace(&self) {
        let hook = self
            .before_replace
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(hook) = hook {
            hook();
        }
    }

    /// Called before every write; an error means the write must not happen.
    pub(crate) fn check_write(&self) -> io::Result<()> {
        let took = self
            .failing_writes
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        match took {
            Ok(_) => Err(io::Error::from_raw_os_error(28)), // ENOSPC
            Err(_) => Ok(()),
        }
    }
}
