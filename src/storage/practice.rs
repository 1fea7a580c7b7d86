//! Practice progress, one file per learner under `<data-dir>/practice/`.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::atomic::{create_private_dir, write_atomic};
use super::bounded::read_bounded;
use super::datafile::parse_versioned;
use super::file_names::own_file;
use super::lock::{AccountLock, lock_account};
use crate::core::names::clean_account_name;
use crate::core::practice::{PRACTICE_SCHEMA, Progress};
use crate::yaml::{self, ParseError};

#[derive(Debug, Clone)]
pub struct PracticeStore {
    data_dir: PathBuf,
    dir: PathBuf,
}

impl PracticeStore {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            dir: data_dir.join("practice"),
        }
    }

    pub fn path(&self, learner: &str) -> PathBuf {
        own_file(&self.dir, learner)
    }

    /// The learner's progress, or a fresh start. A file that can't be read is an error and is
    /// left as it is: progress is never reset behind the learner's back.
    pub fn load(&self, raw_learner: &str) -> Result<(PathBuf, Progress)> {
        let learner = clean_account_name(raw_learner).map_err(|e| anyhow!("learner name: {e}"))?;
        let path = self.path(&learner);
        let bytes = match read_bounded(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok((path, Progress::new(&learner)));
            }
            Err(err) => {
                return Err(err).with_context(|| format!("{}: cannot read", path.display()));
            }
        };
        let mut progress =
            parse_progress(&bytes).map_err(|err| anyhow!("{}", err.in_file(&path)))?;
        // Older schemas only lack fields that default; the next save writes the current one.
        progress.schema = PRACTICE_SCHEMA;
        if progress.learner != learner {
            bail!(
                "{}: this file holds the progress of {:?}, not {learner:?}; rename one of you",
                path.display(),
                progress.learner
            );
        }
        Ok((path, progress))
    }

    /// Loads the learner's progress for a practice session and takes its lock, so two
    /// sessions of one learner cannot overwrite each other's reviews.
    pub fn open(&self, raw_learner: &str) -> Result<(PathBuf, Progress, AccountLock)> {
        let learner = clean_account_name(raw_learner).map_err(|e| anyhow!("learner name: {e}"))?;
        create_private_dir(&self.data_dir)
            .and_then(|()| create_private_dir(&self.dir))
            .with_context(|| {
                format!("{}: cannot create the practice folder", self.dir.display())
            })?;
        let lock = lock_account(&self.path(&learner), &format!("practice of {learner}"))?;
        let (path, progress) = self.load(&learner)?;
        Ok((path, progress, lock))
    }

    /// Every learner's progress, in name order; files that cannot be read are returned as
    /// "file: reason" lines instead, never dropped silently.
    pub fn list_all(&self) -> Result<(Vec<Progress>, Vec<String>)> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok((Vec::new(), Vec::new()));
            }
            Err(err) => {
                return Err(err).with_context(|| format!("{}: cannot list", self.dir.display()));
            }
        };
        let mut all = Vec::new();
        let mut problems = Vec::new();
        for entry in entries {
            let path = entry?.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_none_or(|n| n.starts_with('.'));
            if hidden || path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let parsed = read_bounded(&path)
                .map_err(|err| format!("{}: cannot read: {err}", path.display()))
                .and_then(|bytes| parse_progress(&bytes).map_err(|err| err.in_file(&path)));
            match parsed {
                Ok(progress) => all.push(progress),
                Err(problem) => problems.push(problem),
            }
        }
        all.sort_by(|a: &Progress, b: &Progress| a.learner.cmp(&b.learner));
        Ok((all, problems))
    }

    pub fn save(&self, path: &Path, progress: &Progress) -> Result<()> {
        create_private_dir(&self.data_dir)
            .and_then(|()| create_private_dir(&self.dir))
            .with_context(|| {
                format!("{}: cannot create the practice folder", self.dir.display())
            })?;
        write_atomic(path, yaml::to_string(progress)?.as_bytes())
            .with_context(|| format!("{}: cannot save", path.display()))
    }
}

/// Parses progress bytes, refusing a file from a newer disco.
pub fn parse_progress(bytes: &[u8]) -> Result<Progress, ParseError> {
    let mut progress = parse_versioned(bytes, PRACTICE_SCHEMA, |p: &Progress| p.schema)?;
    progress.finish_reading(&yaml::from_bytes(bytes)?);
    Ok(progress)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::fs;

    use super::*;

    /// Written by disco before cards remembered their introduction (schema 1).
    const SCHEMA_1: &str = "schema: 1
learner: sam
cards:
  business-and-roles:
    due: 2026-11-24T09:10:00Z
    stability: 2.3065
    difficulty: 2.118103970459016
    reps: 1
    lapses: 0
    phase: learning
    last_review: 2026-11-24T09:00:00Z
    interval_days: 0
    reviews:
    - at: 2026-11-24T09:00:00Z
      rating: good
      drill: which-step
";

    #[test]
    fn a_schema_1_file_loads_and_is_saved_as_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = PracticeStore::new(dir.path());
        fs::create_dir_all(dir.path().join("practice")).unwrap();
        fs::write(store.path("sam"), SCHEMA_1).unwrap();
        let (path, progress) = store.load("sam").unwrap();
        let card = &progress.cards["business-and-roles"];
        assert_eq!((card.reviews.len(), card.introduced), (1, None));
        assert!(progress.runs.is_empty());
        store.save(&path, &progress).unwrap();
        let again = parse_progress(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(again.schema, PRACTICE_SCHEMA);
        assert_eq!(again.cards, progress.cards);
    }

    #[test]
    fn a_file_from_a_newer_disco_is_refused() {
        let newer = SCHEMA_1.replace("schema: 1", &format!("schema: {}", PRACTICE_SCHEMA + 1));
        let err = parse_progress(newer.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("newer disco"), "{err}");
    }
}
