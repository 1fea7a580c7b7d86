//! Warning counts for account lists (`disco accounts`, the home screen), cached by each file's
//! content and the sheet's fingerprint: checking 10,000 whole accounts on every listing would
//! blow the listing budget, and a file or sheet that did not change gives the same count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::accounts::parse_account;
use super::atomic::{create_private_dir, write_atomic};
use super::bounded::read_bounded;
use crate::core::Bank;
use crate::core::guard::Guard;
use crate::core::text::lexicon::stable_hash;

/// Kept in the data folder's `cache/`, beside the name index; derived data, rebuilt when missing.
pub const CACHE_FILE: &str = "warning-counts.json";

/// Where the counts are cached for the data folder `data_dir`.
pub fn cache_path(data_dir: &Path) -> PathBuf {
    data_dir.join("cache").join(CACHE_FILE)
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    sheet: String,
    /// File name → (content hash, count).
    files: HashMap<String, (String, usize)>,
}

/// Counts warnings in account files with one sheet, reusing what a cache knows.
#[derive(Debug)]
pub struct WarningCounter {
    guard: Arc<Guard>,
    bank: Bank,
    path: PathBuf,
    known: HashMap<String, (u64, usize)>,
    /// A cache file that exists but could not be read is left alone, never overwritten.
    writable: bool,
}

/// One file's count and what it was computed from, for the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub count: usize,
    content: u64,
}

impl WarningCounter {
    pub fn new(data_dir: &Path, guard: Arc<Guard>, bank: Bank) -> Self {
        let path = cache_path(data_dir);
        let sheet = format!("{:016x}", guard.fingerprint());
        let (known, writable) = match read_bounded(&path) {
            Ok(bytes) => match serde_json::from_slice::<CacheFile>(&bytes) {
                Ok(cache) if cache.sheet == sheet => (
                    cache
                        .files
                        .into_iter()
                        .filter_map(|(name, (hash, count))| {
                            Some((name, (u64::from_str_radix(&hash, 16).ok()?, count)))
                        })
                        .collect(),
                    true,
                ),
                Ok(_) => (HashMap::new(), true),
                Err(_) => (HashMap::new(), false),
            },
            Err(_) => (HashMap::new(), true),
        };
        Self {
            guard,
            bank,
            path,
            known,
            writable,
        }
    }

    /// The count for one account file's bytes, from the cache when the content is known.
    pub(crate) fn count(&self, path: &Path, bytes: &[u8]) -> Option<Counted> {
        let content = stable_hash(&String::from_utf8_lossy(bytes));
        let name = path.file_name()?.to_str()?;
        if let Some(&(hash, count)) = self.known.get(name)
            && hash == content
        {
            return Some(Counted { count, content });
        }
        let account = parse_account(bytes).ok()?;
        let count = self.guard.check_account(&self.bank, &account).len();
        Some(Counted { count, content })
    }

    /// Writes the counts of this listing as the new cache, when anything changed.
    pub(crate) fn remember<'a>(&self, counted: impl Iterator<Item = (&'a Path, &'a Counted)>) {
        if !self.writable {
            return;
        }
        let mut files = HashMap::new();
        let mut changed = false;
        for (path, counted) in counted {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            changed |= self.known.get(name) != Some(&(counted.content, counted.count));
            files.insert(
                name.to_string(),
                (format!("{:016x}", counted.content), counted.count),
            );
        }
        changed |= files.len() != self.known.len();
        if !changed {
            return;
        }
        let cache = CacheFile {
            sheet: format!("{:016x}", self.guard.fingerprint()),
            files,
        };
        // A cache that cannot be written costs time on the next listing, nothing else.
        if let (Ok(text), Some(dir)) = (serde_json::to_vec(&cache), self.path.parent())
            && create_private_dir(dir).is_ok()
        {
            let _ = write_atomic(&self.path, &text);
        }
    }
}
