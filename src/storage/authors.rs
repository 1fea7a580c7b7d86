//! Who each account belongs to in a team folder, for `disco report`: the author of the commit
//! that added its file, read with git (through `git.rs`, the one place disco runs it) and kept
//! by commit in `cache/`, so a report reads only the history since the last one.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use super::atomic::{create_private_dir, write_atomic};
use super::bounded::read_bounded;
use super::git::{Git, classify};

/// Runs git with `args` in the folder; `None` when git said nothing and exited with 1
/// (`rev-parse --verify -q` of something that is not there).
fn run_quiet(dir: &Path, args: &[&str]) -> Result<Option<Vec<u8>>> {
    let out = Git::new(dir).output(args)?;
    if out.status.code() == Some(1) && out.stderr.is_empty() && out.stdout.is_empty() {
        return Ok(None);
    }
    if !out.status.success() {
        bail!(classify(&String::from_utf8_lossy(&out.stderr)));
    }
    Ok(Some(out.stdout))
}

fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    run_quiet(dir, args)?.ok_or_else(|| anyhow::anyhow!("git {} found nothing", args.join(" ")))
}

/// Kept in the data folder's `cache/`, beside the warning counts: who added each account file
/// as of one commit, so a report reads only the history since.
pub const AUTHORS_CACHE: &str = "git-authors.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct AuthorsCache {
    head: String,
    files: HashMap<String, String>,
}

/// A commit id as git prints it, and nothing that git could read as an option.
fn is_commit_id(text: &str) -> bool {
    text.len() >= 40 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Who added each file of `<data_dir>/accounts/`, by file name: the author of the commit that
/// added it (the newest such commit, if it was added again). Files never committed are not in
/// the map. The whole history is read once (every commit's tree is compared, which takes
/// seconds in a large team's folder); after that only the commits since the last report.
pub fn account_authors(data_dir: &Path) -> Result<HashMap<String, String>> {
    let Some(head) = run_quiet(data_dir, &["rev-parse", "--verify", "-q", "HEAD"])? else {
        // No commit yet.
        return Ok(HashMap::new());
    };
    let head = String::from_utf8_lossy(&head).trim().to_string();
    let cache_path = data_dir.join("cache").join(AUTHORS_CACHE);
    let cached = read_bounded(&cache_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<AuthorsCache>(&bytes).ok())
        .filter(|cache| is_commit_id(&cache.head));
    let files = match cached {
        Some(cache) if cache.head == head => return Ok(cache.files),
        Some(mut cache) => match added_by(data_dir, Some(&format!("{}..{head}", cache.head))) {
            Ok(newer) => {
                cache.files.extend(newer);
                cache.files
            }
            // The commit the cache knew is gone (history rewritten, objects pruned).
            Err(_) => added_by(data_dir, None)?,
        },
        None => added_by(data_dir, None)?,
    };
    let cache = AuthorsCache { head, files };
    // A cache that cannot be written costs time on the next report, nothing else.
    if let (Ok(text), Some(dir)) = (serde_json::to_vec(&cache), cache_path.parent())
        && create_private_dir(dir).is_ok()
    {
        let _ = write_atomic(&cache_path, &text);
    }
    Ok(cache.files)
}

/// One `git log` of the commits in `range` (all of history when `None`) that added account
/// files, and their authors.
fn added_by(data_dir: &Path, range: Option<&str>) -> Result<HashMap<String, String>> {
    let mut args = vec![
        "-c",
        "core.quotepath=off",
        "-c",
        "log.showSignature=false",
        "log",
    ];
    args.extend(range);
    args.extend([
        "--no-merges",
        "--diff-filter=A",
        "--no-renames",
        "--format=%x1e%aN",
        "--name-only",
        "-z",
        "--",
        "accounts",
    ]);
    Ok(parse_authors(&String::from_utf8_lossy(&run(
        data_dir, &args,
    )?)))
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
    fn only_a_commit_id_from_the_cache_reaches_git() {
        assert!(is_commit_id("71c392b6d5cc7e4f6e87a89e1cfc6884e6ce7a45"));
        assert!(!is_commit_id("--output=/tmp/x"));
        assert!(!is_commit_id("71c392b6"));
    }

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
