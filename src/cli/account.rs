//! `disco account rename|merge|archive|unarchive`: fields inside the files change, files stay.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::context::{now, store, warn_about_folders};
use super::render::write_out;

pub(super) fn rename(data_dir: Option<PathBuf>, old: &str, new: &str) -> Result<ExitCode> {
    let store = store(data_dir)?;
    warn_about_folders(&store);
    store.rename(old, new, now()?)?;
    write_out(&format!("Renamed {:?} to {:?}.\n", old.trim(), new.trim()))
}

pub(super) fn merge(data_dir: Option<PathBuf>, from: &str, into: &str) -> Result<ExitCode> {
    let store = store(data_dir)?;
    warn_about_folders(&store);
    store.merge(from, into, now()?)?;
    write_out(&format!(
        "Merged {:?} into {:?}: every answer, record, call and note is in {:?} now; where \
         they differed, the older answer is in its history. {:?} now opens {:?}.\n",
        from.trim(),
        into.trim(),
        into.trim(),
        from.trim(),
        into.trim()
    ))
}

pub(super) fn archive(data_dir: Option<PathBuf>, name: &str, archived: bool) -> Result<ExitCode> {
    let store = store(data_dir)?;
    warn_about_folders(&store);
    store.set_archived(name, archived, now()?)?;
    let text = if archived {
        format!(
            "Archived {:?}: out of the lists, kept whole. `disco account unarchive {:?}` brings it back.\n",
            name.trim(),
            name.trim()
        )
    } else {
        format!("{:?} is back in the lists.\n", name.trim())
    };
    write_out(&text)
}
