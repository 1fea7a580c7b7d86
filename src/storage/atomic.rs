//! Crash-safe file replacement: a reader sees the old file or the new one, never a mix.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Temp files are named after their target so a later start can find what a killed process
/// left behind (see [`remove_stale_temp_files`]).
fn temp_prefix(file_name: &str) -> String {
    format!(".{file_name}.tmp-")
}

/// Writes `bytes` to `path` through a temp file: write, fsync, rename, fsync the directory.
/// The file is created owner-only (0600) because account notes are customer data.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, None).map(|_| ())
}

/// Like [`write_atomic`], but only over the content the caller last saw: `is_expected` is
/// asked about the file's content (`None`: no file) once the new content is safely on disk,
/// just before it replaces the file, and `false` leaves the file alone and returns
/// `Ok(false)`. On Linux the new file is swapped in (`RENAME_EXCHANGE`) and what it replaced is
/// asked about too: another program's write in the microseconds between is swapped back
/// instead of lost.
pub fn write_atomic_if(
    path: &Path,
    bytes: &[u8],
    mut is_expected: impl FnMut(Option<&[u8]>) -> bool,
) -> io::Result<bool> {
    replace(path, bytes, Some(&mut is_expected))
}

type Check<'a> = &'a mut dyn FnMut(Option<&[u8]>) -> bool;

fn replace(path: &Path, bytes: &[u8], check: Option<Check>) -> io::Result<bool> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let temp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(file_name),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_and_replace(&temp, path, bytes, check);
    // Left over when the write failed or was not wanted, or holding what a swap replaced.
    let _ = fs::remove_file(&temp);
    if result? {
        sync_dir(dir)?;
        return Ok(true);
    }
    Ok(false)
}

fn write_and_replace(
    temp: &Path,
    path: &Path,
    bytes: &[u8],
    check: Option<Check>,
) -> io::Result<bool> {
    let mut file = private_file_options().open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    let Some(is_expected) = check else {
        fs::rename(temp, path)?;
        return Ok(true);
    };
    let current = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(err),
    };
    if !is_expected(current.as_deref()) {
        return Ok(false);
    }
    if current.is_some()
        && let Some(replaced) = swap(temp, path, is_expected)?
    {
        return Ok(replaced);
    }
    fs::rename(temp, path)?;
    Ok(true)
}

/// Swaps `temp` and `path`, then checks what was swapped out; if it is not the expected
/// content, swaps back. `None` where swapping is not supported (the caller renames).
#[cfg(target_os = "linux")]
fn swap(temp: &Path, path: &Path, is_expected: Check) -> io::Result<Option<bool>> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, temp, CWD, path, RenameFlags::EXCHANGE) {
        Ok(()) => {}
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => return Ok(None),
        Err(err) => return Err(err.into()),
    }
    let replaced = fs::read(temp)?;
    if is_expected(Some(&replaced)) {
        return Ok(Some(true));
    }
    renameat_with(CWD, temp, CWD, path, RenameFlags::EXCHANGE)?;
    Ok(Some(false))
}

#[cfg(not(target_os = "linux"))]
fn swap(_temp: &Path, _path: &Path, _is_expected: Check) -> io::Result<Option<bool>> {
    Ok(None)
}

pub fn private_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Creates `dir` (and parents) and makes `dir` itself owner-only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes temp files a killed writer left next to `path`. Call only while holding the
/// file's lock, so no live writer's temp file is touched.
pub fn remove_stale_temp_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let (Some(dir), Some(file_name)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
    else {
        return Ok(Vec::new());
    };
    let prefix = temp_prefix(file_name);
    let mut removed = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(removed),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let entry = entry?;
        if entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix))
        {
            fs::remove_file(entry.path())?;
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"x").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_conditional_write_leaves_a_file_that_is_not_what_was_expected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"one").unwrap();
        assert!(!write_atomic_if(&path, b"two", |now| now == Some(b"zero")).unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert!(write_atomic_if(&path, b"two", |now| now == Some(b"one")).unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    /// Another program writes between the last check and the replace: on Linux the swap shows
    /// it, and it is swapped back.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_write_between_the_check_and_the_swap_is_swapped_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"one").unwrap();
        let mut checks = 0;
        let written = write_atomic_if(&path, b"mine", |now| {
            checks += 1;
            if checks == 1 {
                fs::write(&path, b"theirs").unwrap();
            }
            now == Some(b"one")
        })
        .unwrap();
        assert!(!written);
        assert_eq!(checks, 2);
        assert_eq!(fs::read(&path).unwrap(), b"theirs");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn stale_temp_files_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(dir.path().join(".a.yaml.tmp-123-0"), "half").unwrap();
        fs::write(dir.path().join(".b.yaml.tmp-123-0"), "other").unwrap();
        let removed = remove_stale_temp_files(&path).unwrap();
        assert_eq!(removed.len(), 1);
        assert!(dir.path().join(".b.yaml.tmp-123-0").exists());
    }

    #[test]
    fn failed_write_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"one").unwrap();
        // A directory where the temp file's rename target is makes the rename fail.
        let blocked = dir.path().join("sub");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), "keep").unwrap();
        assert!(write_atomic(&blocked, b"two").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read(blocked.join("x")).unwrap(), b"keep");
    }
}
