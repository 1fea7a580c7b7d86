//! One editor per account: a sidecar lock file held with the OS file lock, which the kernel
//! releases when the holder dies, so a killed disco never blocks the next start.
//!
//! A lock file can be deleted while held, and then a second disco would lock a new one. On
//! Linux the holder also binds an abstract socket named after the account's file: a name no one
//! can delete or replace, gone when the holder dies.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::atomic::private_file_options;

#[derive(Debug)]
pub struct AccountLock {
    _file: File,
    #[cfg(target_os = "linux")]
    _claim: std::os::unix::net::UnixListener,
}

/// How often the lock is retried when its file is replaced between opening and locking.
const LOCK_ATTEMPTS: usize = 8;

pub fn lock_path(account_path: &Path) -> PathBuf {
    let name = account_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    account_path.with_file_name(format!(".{name}.lock"))
}

fn already_open(display_name: &str, holder: &str) -> anyhow::Error {
    let holder = holder.trim();
    let by = if holder.is_empty() {
        String::new()
    } else {
        format!(" (process {holder})")
    };
    anyhow::anyhow!("{display_name:?} is already open in another disco{by}. Close it there first.")
}

/// Takes the lock for `account_path`, or says plainly who holds it.
pub(crate) fn lock_account(account_path: &Path, display_name: &str) -> Result<AccountLock> {
    let path = lock_path(account_path);
    for _ in 0..LOCK_ATTEMPTS {
        let mut options = private_file_options();
        options.truncate(false).read(true);
        let mut file = options.open(&path).with_context(|| {
            format!(
                "{}: cannot create the lock file (a link or something other than a file is in its place?)",
                path.display()
            )
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                // A pid is all that belongs here; read no more than one could be.
                let mut holder = String::new();
                let _ = (&mut file).take(32).read_to_string(&mut holder);
                return Err(already_open(display_name, &holder));
            }
            Err(TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("{}: cannot lock", path.display()));
            }
        }
        // Deleted or replaced between our open and our lock: what we hold protects nothing.
        if !is_still_on_disk(&file, &path) {
            continue;
        }
        #[cfg(target_os = "linux")]
        let claim = claim(account_path).map_err(|holder| already_open(display_name, &holder))?;
        // The pid is only a hint for the message above; the OS lock is what protects the file.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = write!(file, "{}", std::process::id());
        return Ok(AccountLock {
            _file: file,
            #[cfg(target_os = "linux")]
            _claim: claim,
        });
    }
    bail!(
        "{}: the lock file keeps being replaced; is another program deleting it?",
        path.display()
    )
}

fn is_still_on_disk(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(held), Ok(on_disk)) => {
                on_disk.file_type().is_file()
                    && held.dev() == on_disk.dev()
                    && held.ino() == on_disk.ino()
            }
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Binds the account's abstract socket; the error is the holder's pid when disco can tell.
/// Named after the folder's device and inode and the file name, so the same account reached by
/// another path (a symlinked folder) has the same name, and other folders never clash.
#[cfg(target_os = "linux")]
fn claim(account_path: &Path) -> std::result::Result<std::os::unix::net::UnixListener, String> {
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::net::{SocketAddr, UnixListener};
    let dir = account_path.parent().unwrap_or(Path::new("."));
    let Ok(meta) = std::fs::metadata(dir) else {
        return Err(String::new());
    };
    let file = account_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = format!("disco-account/{}/{}/{file}", meta.dev(), meta.ino());
    let bound =
        SocketAddr::from_abstract_name(name.as_bytes()).and_then(|a| UnixListener::bind_addr(&a));
    bound.map_err(|_| String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let account = dir.path().join("acme.yaml");
        let held = lock_account(&account, "Acme").unwrap();
        let err = lock_account(&account, "Acme").unwrap_err().to_string();
        assert!(err.contains("already open in another disco"), "{err}");
        drop(held);
        assert!(lock_account(&account, "Acme").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_symlink_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let account = dir.path().join("acme.yaml");
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        std::os::unix::fs::symlink(&target, lock_path(&account)).unwrap();
        let err = format!("{:#}", lock_account(&account, "Acme").unwrap_err());
        assert!(err.contains("cannot create the lock file"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn deleting_the_lock_file_does_not_let_a_second_editor_in() {
        let dir = tempfile::tempdir().unwrap();
        let account = dir.path().join("acme.yaml");
        let held = lock_account(&account, "Acme").unwrap();
        std::fs::remove_file(lock_path(&account)).unwrap();
        let err = lock_account(&account, "Acme").unwrap_err().to_string();
        assert!(err.contains("already open in another disco"), "{err}");
        drop(held);
        assert!(lock_account(&account, "Acme").is_ok());
    }
}
