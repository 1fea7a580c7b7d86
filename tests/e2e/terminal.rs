//! The real binary in a real pseudo-terminal: what a rep types ends up in the file, even when
//! disco is killed or told to stop.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::pty::Session;
use disco::storage::AccountStore;

const CTRL_Q: &[u8] = b"\x11";
const CTRL_L: &[u8] = b"\x0c";
const TAB: &[u8] = b"\t";
const ESC: &[u8] = b"\x1b";

/// A call on Acme Corp, its first question on screen.
fn call_acme(dir: &std::path::Path) -> Session {
    let s = Session::spawn(dir, &["call", "Acme Corp"]);
    s.wait_for("Step 1 of 3");
    s
}

/// A call on Acme Corp with `typed` typed into the first answer and drawn.
fn call_with_typed(dir: &std::path::Path, typed: &str) -> Session {
    let mut s = call_acme(dir);
    s.type_text(typed);
    s.wait_for(typed);
    s
}

/// A call with `typed` as its first answer, stopped by `signal`: disco exits with 128 + the
/// signal's number and the answer is in the file.
fn typed_then_stopped_by(dir: &std::path::Path, typed: &str, signal: &str, code: u32) -> Session {
    let mut s = call_with_typed(dir, typed);
    s.signal(signal);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), code, "128 + SIG{signal}");
    let store = AccountStore::new(dir);
    assert_eq!(answer_in_file(&store, "business-and-roles"), typed);
    s
}

/// A call on Acme Corp with the form to add a person open.
fn call_adding_a_person(dir: &std::path::Path) -> Session {
    let mut s = call_acme(dir);
    s.send(CTRL_L);
    s.send(b"\x1b[2~"); // Insert
    s.wait_for("Add to people");
    s
}

fn answer_in_file(store: &AccountStore, question: &str) -> String {
    common::load_only_account(store)
        .answer(question)
        .to_string()
}

#[test]
fn typing_answers_and_quitting_with_ctrl_q_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_acme(dir.path());
    s.type_text("Purchasing and engineering");
    s.send(TAB);
    s.wait_for("Question 1.2");
    s.type_text("Engineering approves");
    s.send(CTRL_L);
    s.wait_for("Ins adds one");
    s.send(b"\x1b[2~"); // Insert
    s.wait_for("Add to people");
    s.type_text("Jane Roe\r");
    s.wait_for("Jane Roe");
    s.send(ESC);
    std::thread::sleep(Duration::from_millis(100));
    s.send(CTRL_Q);
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let store = AccountStore::new(dir.path());
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "Purchasing and engineering"
    );
    assert_eq!(
        answer_in_file(&store, "purchasing-alone"),
        "Engineering approves"
    );
    assert_eq!(
        common::load_only_account(&store).records("people")[0]["name"],
        "Jane Roe"
    );
}

#[test]
fn sigkill_after_a_second_idle_loses_nothing_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_with_typed(dir.path(), "Every word counts");
    std::thread::sleep(Duration::from_millis(1100));
    s.signal("KILL");
    s.wait_exit();
    let store = AccountStore::new(dir.path());
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "Every word counts"
    );
    // The lock of the killed process does not block the next start.
    let mut again = Session::spawn(dir.path(), &["call", "Acme Corp"]);
    again.wait_for("✓ 1.1");
    again.send(CTRL_Q);
    assert!(again.wait_exit().success());
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let s = typed_then_stopped_by(dir.path(), "Typed just before the stop", "TERM", 143);
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let entered = raw
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        raw[left..].contains("\x1b[?25h") || raw.contains("\x1b[?25h"),
        "cursor shown again"
    );
    assert!(
        !s.contents().contains("Step 1 of 3"),
        "back on the normal screen"
    );
}

#[test]
fn sighup_saves_too() {
    let dir = tempfile::tempdir().unwrap();
    typed_then_stopped_by(dir.path(), "The line dropped", "HUP", 129);
}

#[test]
fn the_home_screen_creates_an_account_on_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(dir.path(), &[]);
    s.wait_for("No accounts yet.");
    s.type_text("Initech");
    s.wait_for("New account “Initech”");
    s.send(b"\r");
    s.wait_for("Step 1 of 3");
    s.type_text("Three vendors today");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    let store = AccountStore::new(dir.path());
    assert_eq!(common::load_only_account(&store).name, "Initech");
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "Three vendors today"
    );
}

#[test]
fn a_second_disco_on_the_same_account_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = call_acme(dir.path());
    let mut second = Session::spawn(dir.path(), &["call", "Acme Corp"]);
    second.wait_for("already open in another disco");
    assert_eq!(second.wait_exit().exit_code(), 1);
    first.send(CTRL_Q);
    assert!(first.wait_exit().success());
}

#[test]
fn a_tiny_window_asks_for_more_room_and_keeps_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn_sized(dir.path(), &["call", "Acme Corp"], 30, 8);
    s.wait_for("Make the window larger.");
    s.type_text("still captured");
    std::thread::sleep(Duration::from_millis(200));
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    let store = AccountStore::new(dir.path());
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "still captured"
    );
}

/// Runs disco in a tmux server of its own, so the test can close the terminal for real. The
/// server's socket lives in a temp folder removed on drop, and drop never panics: a missing
/// tmux fails the test that needs it with a message, not the whole binary with an abort.
struct Tmux {
    program: String,
    socket_dir: tempfile::TempDir,
    /// disco's pid, killed on drop so a failing run leaves nothing spinning.
    pid: Option<u32>,
}

impl Tmux {
    fn new() -> Self {
        Self::with_program("tmux")
    }

    fn with_program(program: &str) -> Self {
        Self {
            program: program.into(),
            socket_dir: tempfile::tempdir().unwrap(),
            pid: None,
        }
    }

    fn socket(&self) -> std::path::PathBuf {
        self.socket_dir.path().join("tmux.sock")
    }

    /// tmux's output, or why it could not run.
    fn try_tmux(&self, args: &[&str]) -> std::io::Result<String> {
        let out = std::process::Command::new(&self.program)
            .arg("-S")
            .arg(self.socket())
            .args(args)
            .output()?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn tmux(&self, args: &[&str]) -> String {
        self.try_tmux(args).unwrap_or_else(|err| {
            panic!(
                "{} could not run ({err}); this test needs tmux (apt-get install tmux)",
                self.program
            )
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.try_tmux(&["kill-server"]);
        if let Some(pid) = self.pid {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

#[test]
fn the_tmux_helper_cleans_up_and_never_panics_in_drop() {
    // Before: Drop unwrapped the tmux command, so without tmux a failing test aborted the
    // binary; and every run left its socket in the system temp folder.
    let missing = Tmux::with_program("disco-test-no-such-tmux");
    assert!(missing.try_tmux(&["kill-server"]).is_err());
    let folder = missing.socket_dir.path().to_path_buf();
    drop(missing);
    assert!(!folder.exists(), "the socket folder is removed");
}

#[test]
fn a_closed_terminal_saves_and_exits_instead_of_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let mut tmux = Tmux::new();
    let command = format!(
        "exec {} --data-dir '{}' call 'Acme Corp'",
        common::bin(),
        dir.path().display()
    );
    tmux.tmux(&["new-session", "-d", "-x", "80", "-y", "24", &command]);
    let pid: u32 = tmux
        .tmux(&["display-message", "-p", "#{pane_pid}"])
        .trim()
        .parse()
        .unwrap();
    tmux.pid = Some(pid);
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        for _ in 0..400 {
            if done() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}");
    };
    wait("the call screen", &|| {
        tmux.tmux(&["capture-pane", "-p"]).contains("Step 1 of 3")
    });
    tmux.tmux(&["send-keys", "-l", "The window was closed"]);
    wait("the typing", &|| {
        tmux.tmux(&["capture-pane", "-p"])
            .contains("The window was closed")
    });
    tmux.tmux(&["kill-server"]);
    let alive = || {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
            && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .unwrap_or_default()
                .contains(") Z ")
    };
    wait("disco to exit after the terminal closed", &|| !alive());
    let store = AccountStore::new(dir.path());
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "The window was closed"
    );
}

#[test]
fn when_the_last_save_fails_a_recovery_copy_is_written_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let tmp_path = tmp.path().to_string_lossy().into_owned();
    let mut s =
        Session::spawn_with_env(dir.path(), &["call", "Acme Corp"], &[("TMPDIR", &tmp_path)]);
    // Not in the shared temp folder under a name others can guess and plant first.
    s.wait_for("Step 1 of 3");
    // The accounts folder turns into a file: no save can succeed any more.
    let accounts = dir.path().join("accounts");
    std::fs::remove_dir_all(&accounts).unwrap();
    std::fs::write(&accounts, "in the way").unwrap();
    s.type_text("Words that must survive");
    s.wait_for("Words that must survive");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit().exit_code(), 1);
    let out = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(out.contains("the last save failed"), "{out}");
    assert!(out.contains("a copy of everything was written to"), "{out}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    let recovery = dir.path().join("recovery");
    let copies: Vec<_> = std::fs::read_dir(&recovery)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(
        out.contains(&copies[0].display().to_string()),
        "the path is printed: {out}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&recovery).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
    let copy = AccountStore::load(&copies[0]).unwrap();
    assert_eq!(copy.answer("business-and-roles"), "Words that must survive");
}

#[test]
fn disco_call_with_a_look_alike_name_asks_first_and_quitting_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    common::save_sample(&store, "Keystone Fastener & Supply Co.", &common::bank());
    let mut s = Session::spawn(dir.path(), &["call", "Keystone Fastener"]);
    s.wait_for("Same customer as an account you have?");
    s.wait_for("Open “Keystone Fastener & Supply Co.”");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    assert_eq!(common::account_files(&store).len(), 1, "nothing created");
    // Enter on the offer opens the existing account.
    let mut s = Session::spawn(dir.path(), &["call", "keystone fastener"]);
    s.wait_for("Same customer as an account you have?");
    s.send(b"\r");
    s.wait_for("Keystone Fastener & Supply Co. ·");
    // Something said, so the call is logged (opening just to look logs none).
    s.send(b"Met again");
    s.wait_for("Met again");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    assert_eq!(common::account_files(&store).len(), 1);
    assert_eq!(common::load_only_account(&store).calls.len(), 2);
}

/// The process state letter from `/proc/PID/stat`: `T` when stopped.
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
        .unwrap_or('?')
}

fn wait_for_state(pid: u32, state: char) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while process_state(pid) != state {
        assert!(
            std::time::Instant::now() < deadline,
            "process state stays {:?}, not {state:?}",
            process_state(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// After `fg`, typing must reach disco key by key and Ctrl+Q must quit: in the line mode the
/// shell leaves, text waits for Enter and Ctrl+Q is eaten by flow control.
fn typing_works_after_coming_back(mut s: Session, dir: &std::path::Path) {
    s.wait_for("Step 1 of 3");
    s.type_text(" and after");
    s.wait_for("Before the pause and after");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    let store = AccountStore::new(dir);
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "Before the pause and after"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_pauses_like_vim_and_fg_brings_the_call_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_with_typed(dir.path(), "Before the pause");
    s.send(b"\x1a");
    s.wait_for("is paused. Type fg to come back to it.");
    wait_for_state(s.pid(), 'T');
    assert!(
        !s.contents().contains("Step 1 of 3"),
        "the shell's screen is back"
    );
    assert!(left_the_alternate_screen(&s));
    // What `fg` does.
    s.signal("CONT");
    typing_works_after_coming_back(s, dir.path());
}

#[cfg(target_os = "linux")]
#[test]
fn sigtstp_and_sigstop_from_outside_pause_and_sigcont_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let s = call_with_typed(dir.path(), "Before the pause");
    s.signal("TSTP");
    s.wait_for("is paused");
    wait_for_state(s.pid(), 'T');
    s.signal("CONT");
    s.wait_for("Step 1 of 3");
    // SIGSTOP cannot be caught: on SIGCONT disco takes the terminal back all the same.
    s.signal("STOP");
    wait_for_state(s.pid(), 'T');
    std::process::Command::new("stty")
        .arg("sane")
        .stdin(std::fs::File::open(tty_of(s.pid())).unwrap())
        .status()
        .unwrap();
    s.signal("CONT");
    typing_works_after_coming_back(s, dir.path());
}

/// The terminal disco runs in, as the shell would reset it with `stty sane`.
fn tty_of(pid: u32) -> std::path::PathBuf {
    std::fs::read_link(format!("/proc/{pid}/fd/0")).unwrap()
}

#[test]
fn sigquit_saves_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let s = typed_then_stopped_by(dir.path(), "Quit by signal", "QUIT", 131);
    assert!(left_the_alternate_screen(&s));
}

/// Whether disco's output, once the reader has caught up with it, leaves the alternate screen
/// after entering it.
fn left_the_alternate_screen(s: &Session) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
        if raw.rfind("\x1b[?1049l") > raw.find("\x1b[?1049h") {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// CPU time used so far, in clock ticks (user + system), from `/proc/PID/stat`.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn keys_that_arrive_together_are_drawn_in_one_frame() {
    // A fast typist, a paste into a terminal without bracketed paste, tmux send-keys: keys that
    // arrive in one read are handled together and drawn once, so the frame writes them as one
    // run. crossterm's zero-timeout poll hid the rest of a burst, and disco drew a frame per key.
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_with_typed(dir.path(), "x");
    std::thread::sleep(Duration::from_millis(300));
    let before = s.raw_output().len();
    s.send(b"quickbrownfox");
    s.wait_for("xquickbrownfox");
    let output = s.raw_output()[before..].to_vec();
    assert!(
        output.windows(13).any(|w| w == b"quickbrownfox"),
        "drawn a key at a time: {:?}",
        String::from_utf8_lossy(&output)
    );
}

#[test]
fn an_idle_call_screen_uses_next_to_no_cpu() {
    // Waiting for input in whole milliseconds, crossterm spun through the last fraction of every
    // 50 ms wait: 2% of a core for a window left open all day. Now about 0.1%. CPU time, not
    // wall-clock time, and a wide margin: a spin costs 10 ticks in 5 s, an idle disco 0 to 1.
    let dir = tempfile::tempdir().unwrap();
    let s = call_acme(dir.path());
    std::thread::sleep(Duration::from_millis(500));
    let pid = s.pid();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let used = cpu_ticks(pid) - before;
    assert!(used < 5, "{used} ticks of CPU in 5 s idle");
}

#[test]
fn a_crash_saves_what_was_typed_and_gives_the_terminal_back() {
    // The panic key exists in debug builds only (the ones `cargo test` builds).
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn_with_env(
        dir.path(),
        &["call", "Acme Corp"],
        &[("DISCO_DEBUG_PANIC_KEY", "~")],
    );
    s.wait_for("Step 1 of 3");
    // Typed and not yet saved: the crash comes well inside the 300 ms pause before a save.
    s.send(b"Nothing typed is lost~");
    assert_eq!(s.wait_exit().exit_code(), 1);
    let out = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let left_screen = out
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    assert!(
        out[left_screen..]
            .contains("something went wrong and disco stopped. Your notes were saved."),
        "{out}"
    );
    let store = AccountStore::new(dir.path());
    assert_eq!(
        answer_in_file(&store, "business-and-roles"),
        "Nothing typed is lost"
    );
}

#[test]
fn the_summary_copies_the_recap_through_the_terminal_and_quitting_names_the_recap_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_acme(dir.path());
    s.type_text("Purchasing decides\r// Rick in engineering??");
    s.send(b"\x13");
    s.wait_for("next step");
    s.send(b"\x1bc"); // Alt+C
    s.wait_for("Recap copied");
    let raw = s.raw_output();
    let raw = String::from_utf8_lossy(&raw);
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + raw[start..].find('\x07').unwrap();
    use base64::Engine as _;
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .unwrap();
    let copied = String::from_utf8(copied).unwrap();
    assert!(
        copied.starts_with("Acme Corp: summary of our call\n"),
        "{copied}"
    );
    assert!(copied.contains("- Purchasing decides\n"), "{copied}");
    assert!(!copied.contains("Rick"), "{copied}");
    s.send(b"\x14");
    s.wait_for("Recap written to");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    let recap = dir.path().join("recaps").join("Acme Corp.txt");
    let said = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(
        said.contains(&format!("Recap written to {}", recap.display())),
        "the exit message says where: {said}"
    );
    assert!(
        std::fs::read_to_string(&recap)
            .unwrap()
            .contains("- Purchasing decides\n")
    );
}

/// Every value in a YAML file that reads as a timestamp.
fn timestamps_in(text: &str) -> Vec<jiff::Timestamp> {
    text.lines()
        .filter_map(|line| {
            let value = line.split_once(": ").map_or(line, |(_, v)| v);
            let value = value
                .trim()
                .trim_start_matches("- ")
                .trim_matches(['\'', '"']);
            value.parse().ok()
        })
        .collect()
}

#[test]
fn disco_now_fixes_the_start_of_every_timestamp_of_a_call() {
    let start: jiff::Timestamp = "2030-01-02T03:04:05Z".parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let began = std::time::Instant::now();
    let mut s = Session::spawn_with_env(
        dir.path(),
        &["call", "Acme Corp"],
        &[("DISCO_NOW", "2030-01-02T03:04:05Z")],
    );
    s.wait_for("Step 1 of 3");
    s.type_text("Purchasing decides");
    s.send(TAB);
    s.wait_for("Question 1.2");
    s.type_text("Engineering approves");
    s.wait_for("Engineering approves");
    // Real seconds must pass in the real binary: the clock runs on from the fixed start.
    std::thread::sleep(Duration::from_millis(2100));
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    let elapsed = began.elapsed();
    let store = AccountStore::new(dir.path());
    let text = std::fs::read_to_string(common::only_account_file(&store)).unwrap();
    let stamps = timestamps_in(&text);
    // created, updated, the call's start and end, and one per answer
    assert!(stamps.len() >= 6, "{stamps:?} in\n{text}");
    let latest = start
        + jiff::SignedDuration::try_from(elapsed).unwrap()
        + jiff::SignedDuration::from_secs(1);
    for stamp in &stamps {
        assert!(
            *stamp >= start && *stamp <= latest,
            "{stamp} is not within {elapsed:?} of {start}:\n{text}"
        );
    }
    let ended = common::load_only_account(&store).calls[0].ended.unwrap();
    assert!(
        ended >= start + jiff::SignedDuration::from_secs(2),
        "time ran on: {ended}"
    );
}

#[test]
fn a_record_being_typed_survives_the_window_closing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_adding_a_person(dir.path());
    s.type_text("Dana Reyes");
    s.wait_for("Dana Reyes");
    s.signal("HUP");
    assert_eq!(s.wait_exit().exit_code(), 129, "128 + SIGHUP");
    let store = AccountStore::new(dir.path());
    let account = common::load_only_account(&store);
    let draft = account.draft.expect("the half-typed record is kept");
    assert_eq!(draft.list, "people");
    assert_eq!(draft.fields["name"], "Dana Reyes");
    // The next call opens it again, ready to finish.
    let mut s = Session::spawn(dir.path(), &["call", "Acme Corp"]);
    s.wait_for("What you were typing is back");
    s.send(b"\r");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    let account = common::load_only_account(&store);
    assert_eq!(account.records("people")[0]["name"], "Dana Reyes");
    assert!(account.draft.is_none());
}

#[test]
fn letters_typed_at_a_list_in_a_real_terminal_go_to_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = call_adding_a_person(dir.path());
    s.type_text("Dana Reyes\r");
    s.wait_for("People (1)");
    // Once D asked to delete and Y confirmed: "dyson" took Dana with it.
    s.type_text("dyson says engineering signs off");
    s.wait_for("dyson says engineering signs off");
    s.signal("HUP");
    assert_eq!(s.wait_exit().exit_code(), 129, "128 + SIGHUP");
    let account = common::load_only_account(&AccountStore::new(dir.path()));
    assert_eq!(account.records("people")[0]["name"], "Dana Reyes");
    assert_eq!(
        account.answer("business-and-roles"),
        "dyson says engineering signs off"
    );
}

#[test]
fn a_broken_company_sheet_never_keeps_a_rep_out_of_a_call() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("company.yaml");
    std::fs::write(&sheet, "name: Northwind\ncan: [oops\n").unwrap();
    let sheet = sheet.to_str().unwrap().to_string();
    // Once disco printed the problems and quit: no notes could be taken until it was fixed.
    let mut s =
        Session::spawn_with_env(dir.path(), &["call", "Acme"], &[("DISCO_COMPANY", &sheet)]);
    s.wait_for("Step 1 of 3");
    s.wait_for("promise guard is off");
    s.type_text("Notes still go in");
    s.wait_for("Notes still go in");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    assert_eq!(
        answer_in_file(&AccountStore::new(dir.path()), "business-and-roles"),
        "Notes still go in"
    );
}

#[test]
fn a_question_typed_in_the_ask_line_gets_the_customers_reply_and_the_note_lands_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn_sized(
        dir.path(),
        &["roleplay", "hidden-engineering", "--trainee", "kim"],
        100,
        30,
    );
    s.wait_for("Enter to start the call.");
    s.send(b"\r");
    s.wait_for("Thanks for calling.");
    s.send(b"\x1bOS"); // F4: the ask line
    s.wait_for("Ask ›");
    s.type_text("does engineering have to sign off on new vendors");
    s.send(b"\r");
    s.wait_for("Engineering signs off first");
    s.wait_for("→ 1.5: sign off,");
    s.type_text("Eng signs off before purchasing buys");
    s.wait_for("Eng signs off before purchasing buys");
    s.send(CTRL_Q);
    s.wait_for("End the role-play?");
    s.send(b"y");
    assert!(s.wait_exit().success());
    let accounts = disco::storage::roleplay::RoleplayStore::new(dir.path()).accounts();
    assert_eq!(
        answer_in_file(&accounts, "vendor-approvals"),
        "Eng signs off before purchasing buys",
        "the note goes to the question the customer was asked"
    );
}
