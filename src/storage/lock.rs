//! One editor per account: a sidecar lock file held with the OS file lock, which the kernel
//! releases when the holder dies, so a killed disco never blocks the next start.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::atomic::private_file_options;

#[derive(Debug)]
pub struct AccountLock {
    _file: File,
    path: PathBuf,
}

impl AccountLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

pub fn lock_path(account_path: &Path) -> PathBuf {
    let name = account_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    account_path.with_file_name(format!(".{name}.lock"))
}

/// Takes the lock for `account_path`, or says plainly who holds it.
pub fn lock_account(account_path: &Path, display_name: &str) -> Result<AccountLock> {
    let path = lock_path(account_path);
    let mut options = private_file_options();
    options.truncate(false).read(true);
    let mut file = options
        .open(&path)
        .with_context(|| format!("{}: cannot create the lock file", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let by = if holder.is_empty() {
                String::new()
            } else {
                format!(" (process {holder})")
            };
            bail!("{display_name:?} is already open in another disco{by}. Close it there first.");
        }
        Err(TryLockError::Error(err)) => {
            return Err(err).with_context(|| format!("{}: cannot lock", path.display()));
        }
    }
    // The pid is only a hint for the message above; the OS lock is what protects the file.
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = write!(file, "{}", std::process::id());
    Ok(AccountLock { _file: file, path })
}
