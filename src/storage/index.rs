//! Which name each account file holds, so an account is found by its name even when its file
//! was renamed or its `name:` edited by hand, without reading 10,000 files at every launch.
//!
//! A cache, never the truth: it lives outside the accounts folder (`<data>/cache/`), every
//! entry is checked against its file's inode, size and modification time, and only files that
//! changed are read again. Deleting it costs one slow start.

use std::collections::BTreeMap;
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
const INDEX_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub name: String,
    pub key: NameKey,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub merged_into: Option<String>,
    stamp: Stamp,
}

/// What tells that a file changed. Saves replace the file, so the inode changes with each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    inode: u64,
    len: u64,
    modified_ns: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct NameIndex {
    version: u32,
    /// By file name within the accounts folder; unreadable files are left out.
    files: BTreeMap<String, IndexEntry>,
}

/// Only the fields the index keeps; the rest of the file is not deserialized.
#[derive(Deserialize)]
struct Header {
    name: String,
    #[serde(default)]
    archived: bool,
    #[serde(default)]
    merged_into: Option<String>,
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
            files: BTreeMap::new(),
        };
        let mut changed = false;
        for entry in entries {
            let entry = entry?;
            let Some(file_name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if file_name.starts_with('.') || !file_name.ends_with(".yaml") {
                continue;
            }
            let path = entry.path();
            // Follows a symlink to a regular file; anything else is not an account.
            let Some(stamp) = fs::metadata(&path).ok().filter(|m| m.is_file()).map(stamp) else {
                continue;
            };
            let entry = match old.files.remove(&file_name) {
                Some(known) if known.stamp == stamp => known,
                _ => {
                    changed = true;
                    match read_header(&path) {
                        Some(header) => IndexEntry {
                            key: NameKey::of(&header.name),
                            name: header.name,
                            archived: header.archived,
                            merged_into: header.merged_into,
                            stamp,
                        },
                        None => continue,
                    }
                }
            };
            fresh.files.insert(file_name, entry);
        }
        if changed || !old.files.is_empty() {
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
    Stamp {
        inode,
        len: meta.len(),
        modified_ns,
    }
}
