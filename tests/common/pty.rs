//! Runs the real binary in a pseudo-terminal, types into it and reads the screen back.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the app to show something. Generous because CI machines are shared;
/// `DISCO_TEST_TIMEOUT_SECS` raises it further.
fn patience() -> Duration {
    let secs = std::env::var("DISCO_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Says when the reader has taken everything the terminal will ever give: output is only
    /// complete after that, not when the process exits (its last bytes may still be in the
    /// pty's buffer, unread, on a loaded machine).
    drained: Receiver<()>,
}

impl Session {
    pub fn spawn(data_dir: &Path, args: &[&str]) -> Self {
        Self::spawn_sized(data_dir, args, 80, 24)
    }

    pub fn spawn_with_env(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn_full(data_dir, args, 80, 24, env)
    }

    pub fn spawn_sized(data_dir: &Path, args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_full(data_dir, args, cols, rows, &[])
    }

    fn spawn_full(
        data_dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(super::bin());
        cmd.args(args);
        cmd.env("DISCO_DATA_DIR", data_dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("DISCO_BANK");
        // Times show in the machine's zone, and keys follow the user's config: both fixed, so
        // screens read the same everywhere (a test that needs a config or zone sets one).
        cmd.env("TZ", "UTC");
        cmd.env("DISCO_CONFIG", data_dir.join("no-config.yaml"));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
        let (drained_tx, drained) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            let _ = drained_tx.send(());
        });
        Self {
            child,
            writer: Some(writer),
            master: Some(pair.master),
            screen,
            raw,
            drained,
        }
    }

    /// Resizes the terminal, as dragging the window does (the app gets SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) {
        if let Some(master) = &self.master {
            master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .unwrap();
        }
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + patience();
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is still open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Types text one key at a time, as a person would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut buf = [0u8; 4];
            self.send(c.encode_utf8(&mut buf).as_bytes());
        }
    }

    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + patience();
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Once the child is gone the pty reports end of file (or EIO) after the
                // last byte it wrote; wait for the reader to get there.
                let left = deadline.saturating_duration_since(Instant::now());
                // Disconnected: drained already, by an earlier wait.
                if let Err(RecvTimeoutError::Timeout) = self.drained.recv_timeout(left) {
                    panic!("the terminal's output did not end after the process exited");
                }
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("disco did not exit; the screen shows:\n{}", self.contents());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
