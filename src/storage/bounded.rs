//! Reading a file disco did not necessarily write: only regular files, and never more than a
//! disco file can be. A FIFO would block forever, a link to /dev/zero never ends.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::yaml::MAX_FILE_BYTES;

/// The whole file, refused before reading if it is not a regular file or is over the limit.
pub(crate) fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // The file may grow after the check; the limit holds anyway.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "file is too large ({} MB); the limit is {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Opens without blocking (a FIFO with no writer would hang the open itself) and checks what
/// was opened, not what the name pointed at a moment before.
fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({}); skipped", describe(&kind)),
    ))
}

fn describe(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a plain file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "name: x\n").unwrap();
        assert_eq!(read_bounded(&path).unwrap(), b"name: x\n");
        let err = read_bounded(dir.path()).unwrap_err().to_string();
        assert!(err.contains("a folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        // FIFOs: tests/accounts.rs (the library itself runs no commands, mkfifo included).
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = read_bounded(&zero).unwrap_err().to_string();
        assert!(err.contains("a device"), "{err}");
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let file = File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
        let err = read_bounded(&path).unwrap_err().to_string();
        assert!(err.contains("too large"), "{err}");
    }
}
