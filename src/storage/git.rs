//! The one place disco runs another program: the git command-line tool, for team sharing.
//! It brings the user's SSH keys and credential helpers; disco only ever passes it argument
//! lists (never a shell) and never lets it ask anything: no terminal prompts, SSH in batch mode,
//! no input. Outside a team folder nothing here runs.

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Result, anyhow, bail};

/// The only program disco starts (`src/layering.rs` and the reliability tests hold that).
pub const GIT: &str = "git";

/// `git init -b` (2.28) is the newest thing disco asks of git.
pub const OLDEST_GIT: (u32, u32) = (2, 28);

/// Why a git command failed, in the words a rep can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitFailure {
    /// The remote could not be reached: no network, a host that does not answer.
    Offline(String),
    /// The remote wants a password or a key git could not use without asking.
    Credentials(String),
    /// Anything else, with git's own words.
    Other(String),
}

impl std::fmt::Display for GitFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitFailure::Offline(words) => write!(
                f,
                "the team's remote cannot be reached (offline?); changes stay here and go at the next sync. git said: {words}"
            ),
            GitFailure::Credentials(words) => write!(
                f,
                "the team's remote needs credentials git could not use without asking. Set up an SSH key (ssh-add) or a credential helper (git config --global credential.helper store), check with `git fetch` in the data folder, then sync again. git said: {words}"
            ),
            GitFailure::Other(words) => write!(f, "git said: {words}"),
        }
    }
}

impl std::error::Error for GitFailure {}

/// Reads git's complaint: offline, credentials, or something else.
pub fn classify(stderr: &str) -> GitFailure {
    let words = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = words.to_lowercase();
    const CREDENTIALS: [&str; 7] = [
        "terminal prompts disabled",
        "could not read username",
        "could not read password",
        "authentication failed",
        "permission denied (publickey",
        "host key verification failed",
        "invalid username or password",
    ];
    const OFFLINE: [&str; 7] = [
        "could not resolve host",
        "could not resolve hostname",
        "network is unreachable",
        "connection refused",
        "connection timed out",
        "failed to connect",
        "operation timed out",
    ];
    if CREDENTIALS.iter().any(|c| lower.contains(c)) {
        GitFailure::Credentials(words)
    } else if OFFLINE.iter().any(|c| lower.contains(c)) {
        GitFailure::Offline(words)
    } else {
        GitFailure::Other(words)
    }
}

/// git run in one working copy.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
}

impl Git {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs git with `args` in the working copy; the output whatever the exit code.
    pub fn output<I, S>(&self, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        command_output(Some(&self.dir), args)
    }

    /// Runs git and returns its standard output, or why it failed.
    pub fn run<I, S>(&self, args: I) -> Result<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(classify(&String::from_utf8_lossy(&out.stderr)).into())
        }
    }

    /// A `git config` value of the working copy (with the user's and system's under it).
    pub fn config(&self, key: &str) -> Option<String> {
        self.run(["config", "--get", key])
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }
}

/// Runs git anywhere (`dir` None: the current folder), never prompting.
pub fn command_output<I, S>(dir: Option<&Path>, args: I) -> Result<Output>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    private_files_from_now_on();
    let mut command = Command::new(GIT);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Never a prompt: a call screen owns the terminal.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GCM_INTERACTIVE", "never")
        .env("SSH_ASKPASS_REQUIRE", "never")
        .env("GIT_ASKPASS", "")
        .env("SSH_ASKPASS", "")
        // Messages disco reads must be in English whatever the rep's locale.
        .env("LC_ALL", "C");
    if std::env::var_os("GIT_SSH_COMMAND").is_none() {
        // A host that does not answer is offline after 10 s, not after TCP's two minutes.
        command.env(
            "GIT_SSH_COMMAND",
            "ssh -o BatchMode=yes -o ConnectTimeout=10",
        );
    }
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => anyhow!(
            "team sharing needs git, which is not installed (or not on PATH). Install git {}.{} or later.",
            OLDEST_GIT.0,
            OLDEST_GIT.1
        ),
        _ => anyhow!("cannot run git: {err}"),
    })
}

/// What git checks out or merges is customer data: owner-only, like every file disco writes
/// (0600, folders 0700). git creates files by the umask, so it is narrowed for the process;
/// disco's own files name their mode, so nothing else changes.
fn private_files_from_now_on() {
    #[cfg(target_os = "linux")]
    {
        rustix::process::umask(rustix::fs::Mode::from_bits_truncate(0o077));
    }
}

/// Checks that git is there and new enough; says what to install when not.
pub fn check_version() -> Result<(u32, u32)> {
    let out = command_output(None, ["--version"])?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = parse_version(&text)
        .ok_or_else(|| anyhow!("cannot tell git's version from {:?}", text.trim()))?;
    if version < OLDEST_GIT {
        bail!(
            "git {}.{} is too old for team sharing; install git {}.{} or later.",
            version.0,
            version.1,
            OLDEST_GIT.0,
            OLDEST_GIT.1
        );
    }
    Ok(version)
}

/// "git version 2.47.3" (or "git version 2.39.3 (Apple Git-146)") as (2, 47).
pub fn parse_version(text: &str) -> Option<(u32, u32)> {
    let number = text.split_whitespace().nth(2)?;
    let mut parts = number.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_what_git_prints() {
        assert_eq!(parse_version("git version 2.47.3\n"), Some((2, 47)));
        assert_eq!(
            parse_version("git version 2.39.3 (Apple Git-146)"),
            Some((2, 39))
        );
        assert_eq!(parse_version("git version 2.45.1.windows.1"), Some((2, 45)));
        assert_eq!(parse_version("nonsense"), None);
    }

    #[test]
    fn complaints_are_sorted_into_what_the_rep_can_do() {
        assert!(matches!(
            classify(
                "fatal: could not read Username for 'https://example.com': terminal prompts disabled"
            ),
            GitFailure::Credentials(_)
        ));
        assert!(matches!(
            classify(
                "git@example.com: Permission denied (publickey).\nfatal: Could not read from remote repository."
            ),
            GitFailure::Credentials(_)
        ));
        assert!(matches!(
            classify("ssh: Could not resolve hostname example.invalid: Name or service not known"),
            GitFailure::Offline(_)
        ));
        assert!(matches!(
            classify("fatal: not a git repository"),
            GitFailure::Other(_)
        ));
    }
}
