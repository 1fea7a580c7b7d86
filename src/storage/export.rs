//! Exports written where the rep asks, never over disco's own files.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::atomic;
use crate::core::printable::printable_line;

/// An export never lands in the data folder (it would replace an account or a progress file
/// with a recap) and never replaces a file unless asked to.
pub(crate) fn write_export(path: &Path, data_dir: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let absolute = |p: &Path| -> PathBuf {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        // The folder part resolved through links, so another spelling of the data folder is caught.
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => parent
                .canonicalize()
                .map_or_else(|_| p.clone(), |parent| parent.join(name)),
            _ => p,
        }
    };
    let data = data_dir
        .canonicalize()
        .unwrap_or_else(|_| absolute(data_dir));
    let target = absolute(path);
    if target.starts_with(&data) {
        bail!(
            "{}: that is inside disco's data folder ({}); write the export somewhere else",
            printable_line(&path.display().to_string()),
            printable_line(&data.display().to_string())
        );
    }
    if !force && fs::symlink_metadata(path).is_ok() {
        bail!(
            "{} already exists; add --force to replace it",
            printable_line(&path.display().to_string())
        );
    }
    atomic::write_atomic(path, bytes).with_context(|| {
        format!(
            "{}: cannot write",
            printable_line(&path.display().to_string())
        )
    })
}
