//! The one place disco runs a program: git, for a data folder that is a git working copy (a
//! team's). Always through argument lists, never a shell; git may never prompt (no terminal
//! prompts, no optional locks that could block a sync in the other window).

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// The program run; nothing else is.
const GIT: &str = "git";

/// Whether `data_dir` is the top of a git working copy. Outside one disco runs no program.
pub fn is_working_copy(data_dir: &Path) -> bool {
    data_dir.join(".git").exists()
}

/// Runs git in `dir` with `args` and returns what it printed.
fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new(GIT)
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .output()
        .context("cannot run git (is it installed and on the PATH?)")?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        bail!(
            "git {} failed: {}",
            args.first().copied().unwrap_or(""),
            said.trim()
        );
    }
    Ok(out.stdout)
}

/// Who added each file of `<data_dir>/accounts/`, by file name: the author of the commit that
/// added it (the newest such commit, if it was added again). One `git log` over the history;
/// files never committed are not in the map.
pub fn account_authors(data_dir: &Path) -> Result<HashMap<String, String>> {
    let out = run(
        data_dir,
        &[
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
            "log",
            "--no-merges",
            "--diff-filter=A",
            "--no-renames",
            "--format=%x1e%aN",
            "--name-only",
            "-z",
            "--",
            "accounts",
        ],
    )?;
    Ok(parse_authors(&String::from_utf8_lossy(&out)))
}

/// Reads `git log --format=%x1e%aN --name-only -z`: per commit, a record separator, the
/// author, NUL, then each file name ending in NUL. Newest commits come first and win.
fn parse_authors(log: &str) -> HashMap<String, String> {
    let mut authors = HashMap::new();
    for commit in log.split('\x1e').filter(|c| !c.is_empty()) {
        let mut parts = commit.split('\0');
        let author = parts.next().unwrap_or("").trim().to_string();
        for path in parts.map(|p| p.trim_start_matches('\n')) {
            let Some(name) = path.strip_prefix("accounts/") else {
                continue;
            };
            if !name.is_empty() && !name.contains('/') {
                authors
                    .entry(name.to_string())
                    .or_insert_with(|| author.clone());
            }
        }
    }
    authors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_that_added_a_file_names_its_author() {
        let log = "\x1eRaj\0\naccounts/ü.yaml\0accounts/a.yaml\0\x1eJane Roe\0\naccounts/a.yaml\0accounts/b c.yaml\0accounts/sub/x.yaml\0";
        let authors = parse_authors(log);
        assert_eq!(authors.len(), 3, "{authors:?}");
        assert_eq!(authors["ü.yaml"], "Raj");
        assert_eq!(authors["a.yaml"], "Raj");
        assert_eq!(authors["b c.yaml"], "Jane Roe");
    }
}
