//! Noticing changes made to an account file outside this disco (a hand edit, `git pull`, a sync
//! tool) between two saves. The store remembers what it last read or wrote; at save time, on
//! the saver thread, it compares that with the file, and merges instead of overwriting.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::core::Account;

/// One account file as this store last saw it.
#[derive(Debug, Clone)]
pub(crate) struct Known {
    /// The account as this process had it when the file last took its edits: the common
    /// ancestor of what the next save brings and whatever the file holds by then.
    pub base: Arc<Account>,
    /// The file as last read or written; `None` when there was none.
    pub disk: Option<OnDisk>,
}

/// What a file held: how to recognise it, and what it parsed to.
#[derive(Debug, Clone)]
pub(crate) struct OnDisk {
    pub seen: Seen,
    pub account: Arc<Account>,
}

/// Size, modification time and a hash of the content: size and time alone miss a rewrite of
/// the same length within one tick of the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Seen {
    pub(crate) fn of(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(bytes);
        Self {
            len: bytes.len() as u64,
            modified,
            hash: hasher.finish(),
        }
    }

    /// The same content, whenever it was written.
    pub(crate) fn same_content(&self, other: &Seen) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// A file's bytes and how it looks now, or `None` if there is no file.
pub(crate) fn look(path: &Path) -> io::Result<Option<(Vec<u8>, Seen)>> {
    let modified = match fs::metadata(path) {
        Ok(meta) => meta.modified().ok(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    // Bounded and regular files only, like every read of the data folder.
    match super::bounded::read_bounded(path) {
        Ok(bytes) => {
            let seen = Seen::of(&bytes, modified);
            Ok(Some((bytes, seen)))
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// What every clone of a store knows, shared: the saver thread and the final save on exit
/// must agree on it.
#[derive(Debug, Clone, Default)]
pub(crate) struct KnownFiles(Arc<Mutex<HashMap<PathBuf, Known>>>);

impl KnownFiles {
    pub(crate) fn get(&self, path: &Path) -> Option<Known> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
            .cloned()
    }

    pub(crate) fn set(&self, path: &Path, known: Known) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf(), known);
    }
}

/// Where the account is kept while its file cannot be written because it no longer reads:
/// beside it, private, and not a `.yaml` file, so listings skip it.
pub fn side_file(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.unsaved"))
}
