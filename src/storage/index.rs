//! Which name each account file holds, so an account is found by its name even when its file
//! was renamed or its `name:` edited by hand, without reading 10,000 files at every launch.
//!
//! A cache, never the truth: it lives outside the accounts folder (`<data>/cache/`), every
//! entry is checked against its file's inode, size and modification time, and only files that
//! changed are read again. Deleting it costs one slow start.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::atomic::{create_private_dir, write_atomic};
use super::bounded::read_bounded;
use crate::core::names::NameKey;

/// Bumped when entries change meaning; an index of another version is rebuilt.
const INDEX_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub name: String,
    pub key: NameKey,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Names the account had before a rename: an old name still finds it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    stamp: Stamp,
}

/// What tells that a file changed: inode, size, modification time in ns. Saves replace the
/// file, so the inode changes with each. A bare triple: 10,000 of them are read per lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp(u64, u64, u64);

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct NameIndex {
    version: u32,
    /// By file name within the accounts folder; unreadable files are left out. Hashed: a
    /// sorted map spent most of a lookup comparing long, alike file names.
    files: HashMap<String, IndexEntry>,
}

/// Only the fields the index keeps; the rest of the file is not deserialized.
#[derive(Deserialize)]
struct Header {
    name: String,
    #[serde(default)]
    archived: bool,
    #[serde(default)]
    merged_into: Option<String>,
    #[serde(default)]
    renames: Vec<FormerName>,
}

#[derive(Deserialize)]
struct FormerName {
    from: String,
}

impl NameIndex {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join("cache").join("accounts-index.json")
    }

    /// Reads the stored index and brings it up to date with the folder; stores it again if
    /// anything changed. Failing to store it only makes the next start slower.
    pub fn refresh(data_dir: &Path, accounts_dir: &Path) -> Result<Self> {
        let stored = Self::path(data_dir);
        let mut old: NameIndex = read_bounded(&stored)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .filter(|index: &NameIndex| index.version == INDEX_VERSION)
            .unwrap_or_default();
        let entries = match fs::read_dir(accounts_dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("{}: cannot list", accounts_dir.display()));
            }
        };
        let mut fresh = NameIndex {
            version: INDEX_VERSION,
            files: HashMap::with_capacity(old.files.len()),
        };
        let mut to_read = Vec::new();
        for entry in entries {
            let entry = entry?;
            let Some(file_name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if file_name.starts_with('.') || !file_name.ends_with(".yaml") {
                continue;
            }
            // Relative to the open folder, without walking the path again; a symlink is
            // followed to a regular file, anything else is not an account.
            let meta = match entry.metadata() {
                Ok(meta) if meta.file_type().is_symlink() => fs::metadata(entry.path()).ok(),
                Ok(meta) => Some(meta),
                Err(_) => None,
            };
            let Some(stamp) = meta.filter(|m| m.is_file()).map(stamp) else {
                continue;
            };
            match old.files.remove(&file_name) {
                Some(known) if known.stamp == stamp => {
                    fresh.files.insert(file_name, known);
                }
                _ => to_read.push((file_name, stamp)),
            }
        }
        let changed = !to_read.is_empty() || !old.files.is_empty();
        for (file_name, entry) in read_headers(accounts_dir, to_read) {
            fresh.files.insert(file_name, entry);
        }
        if changed {
            // Not worth a message if it fails: the index is rebuilt from the files next time.
            let _ = fresh.store(data_dir);
        }
        Ok(fresh)
    }

    fn store(&self, data_dir: &Path) -> Result<()> {
        let path = Self::path(data_dir);
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        write_atomic(&path, &serde_json::to_vec(self)?)?;
        Ok(())
    }

    pub fn entries(&self) -> impl Iterator<Item = &IndexEntry> {
        self.files.values()
    }

    /// Files whose `name:` is `name`, as paths in `accounts_dir`.
    pub fn paths_named<'a>(
        &'a self,
        name: &'a str,
        accounts_dir: &'a Path,
    ) -> impl Iterator<Item = PathBuf> + 'a {
        self.files
            .iter()
            .filter(move |(_, e)| e.name == name)
            .map(move |(file, _)| accounts_dir.join(file))
    }
}

/// Reads the changed files on every core: after a `git pull` or on the first start over a big
/// folder, that is thousands of files.
fn read_headers(dir: &Path, files: Vec<(String, Stamp)>) -> Vec<(String, IndexEntry)> {
    let read = |(file_name, stamp): &(String, Stamp)| {
        let header = read_header(&dir.join(file_name))?;
        Some((
            file_name.clone(),
            IndexEntry {
                key: NameKey::of(&header.name),
                name: header.name,
                archived: header.archived,
                merged_into: header.merged_into,
                former_names: header.renames.into_iter().map(|r| r.from).collect(),
                stamp: *stamp,
            },
        ))
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if files.len() < 64 || workers == 1 {
        return files.iter().filter_map(read).collect();
    }
    let chunk = files.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().filter_map(read).collect::<Vec<_>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, worker)| {
                worker
                    .join()
                    .unwrap_or_else(|_| part.iter().filter_map(read).collect())
            })
            .collect()
    })
}

fn read_header(path: &Path) -> Option<Header> {
    let bytes = read_bounded(path).ok()?;
    crate::yaml::from_bytes::<Header>(&bytes).ok()
}

fn stamp(meta: fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    let modified_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Stamp(inode, meta.len(), modified_ns)
}
