//! Crash-safe file replacement: a reader sees the old file or the new one, never a mix.

use std::fs::{self, OpenOptions};
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

/// Replaces a scratch file another program reads at once and then deletes (git's merge-driver
/// result): whole or not at all, through a rename, but without the fsyncs, which cost more than
/// the merge on a busy disk. git makes the real file durable when it writes it.
pub fn write_scratch(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (_, temp) = temp_beside(path)?;
    let written = private_file_options()
        .open(&temp)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

type Check<'a> = &'a mut dyn FnMut(Option<&[u8]>) -> bool;

/// The folder of `path` and a temp file name beside it, unique to this process and write, with
/// the prefix a later start recognises to clean up what a kill left.
fn temp_beside(path: &Path) -> io::Result<(&Path, PathBuf)> {
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
    Ok((dir, temp))
}

fn replace(path: &Path, bytes: &[u8], check: Option<Check>) -> io::Result<bool> {
    let (dir, temp) = temp_beside(path)?;
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

/// Owner-only, and never through a symlink: a planted link must not make disco truncate or
/// lock whatever it points at.
pub fn private_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options
}

/// Creates `dir` and any missing parents owner-only (0700). A folder that already exists is
/// left exactly as it is: a shared 2775 folder or one made read-only on purpose is the
/// owner's choice (see [`folder_warning`]).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// A folder belonging to someone else is refused with their name for it: writing there would
/// leave files its owner cannot manage, or fail with a puzzling "permission denied".
pub fn check_own_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let owner = match fs::metadata(dir) {
            Ok(meta) => meta.uid(),
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(err),
        };
        let me = rustix::process::geteuid().as_raw();
        if owner != me {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} belongs to another user (uid {owner}; you are uid {me}). Use a folder of \
                     your own: --data-dir DIR or DISCO_DATA_DIR",
                    dir.display()
                ),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A warning for a folder others can write to, where anyone could replace an account file.
pub fn folder_warning(dir: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir).ok()?.permissions().mode();
        if mode & 0o022 != 0 {
            return Some(format!(
                "{} can be written by other users (mode {:o}): they could replace your account \
                 files. disco leaves it as it is; `chmod go-w` it if that is not meant.",
                dir.display(),
                mode & 0o7777
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    None
}

/// Writes a file that must not exist yet (a recovery copy): if the name is taken, by a file
/// or a planted symlink, nothing is written and the error says so. Durable like
/// [`write_atomic`]: the content is complete and synced before the name appears.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, temp) = temp_beside(path)?;
    let mut options = private_file_options();
    options.create_new(true);
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    // A hard link, unlike a rename, fails when the name is taken.
    let result = written.and_then(|()| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    result?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
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

    #[cfg(unix)]
    #[test]
    fn created_folders_are_private_and_existing_ones_untouched() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("a/b");
        create_private_dir(&made).unwrap();
        for folder in [dir.path().join("a"), made] {
            let mode = fs::metadata(&folder).unwrap().permissions().mode() & 0o7777;
            assert_eq!(mode & 0o077, 0, "{}: {mode:o}", folder.display());
        }
        for shared in [0o2775, 0o1777, 0o500] {
            let existing = dir.path().join(format!("shared-{shared:o}"));
            fs::create_dir(&existing).unwrap();
            fs::set_permissions(&existing, fs::Permissions::from_mode(shared)).unwrap();
            create_private_dir(&existing).unwrap();
            let mode = fs::metadata(&existing).unwrap().permissions().mode() & 0o7777;
            assert_eq!(mode, shared);
            assert_eq!(folder_warning(&existing).is_some(), shared & 0o022 != 0);
        }
    }

    #[cfg(unix)]
    #[test]
    fn another_users_folder_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs");
        fs::create_dir(&theirs).unwrap();
        assert!(check_own_dir(&theirs).is_ok());
        let me = rustix::process::geteuid().as_raw();
        // Only root can give a folder away; others skip the second half.
        if std::os::unix::fs::chown(&theirs, Some(me + 1), None).is_ok() {
            let err = check_own_dir(&theirs).unwrap_err().to_string();
            assert!(err.contains("belongs to another user"), "{err}");
        }
    }

    #[test]
    fn write_new_never_replaces_and_never_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.yaml");
        write_new(&path, b"first").unwrap();
        assert!(write_new(&path, b"second").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"first");
        #[cfg(unix)]
        {
            let target = dir.path().join("target");
            fs::write(&target, "precious").unwrap();
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            assert!(write_new(&link, b"evil").is_err());
            assert_eq!(fs::read(&target).unwrap(), b"precious");
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            if cfg!(unix) { 3 } else { 1 }
        );
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
