//! Injected write failures, so tests can prove what happens when the disk is full or a write
//! fails: running as root, file permissions alone cannot make a write fail.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Fails the next `n` writes with "no space left on device". Cloned stores share it.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    failing_writes: Arc<AtomicUsize>,
}

impl Faults {
    pub fn fail_next_writes(&self, n: usize) {
        self.failing_writes.store(n, Ordering::SeqCst);
    }

    /// Called before every write; an error means the write must not happen.
    pub fn check_write(&self) -> io::Result<()> {
        let took = self
            .failing_writes
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        match took {
            Ok(_) => Err(io::Error::from_raw_os_error(28)), // ENOSPC
            Err(_) => Ok(()),
        }
    }
}
