//! A team's data folder: a git working copy whose account files, banks, scenarios and company
//! sheet are shared through a remote the team already has (no server of our own). Everything
//! here goes through `git.rs`; a folder without `.git` runs no git at all.
//!
//! A sync commits what changed here, fetches, merges with disco's merge driver (so an account
//! edited by two reps keeps both reps' words) and pushes, fetching again when someone pushed in
//! between. It never writes a file an open call is saving: account files the merge will change
//! are locked first (an account open in another disco makes the sync wait for the next one),
//! and inside one disco the saver and the merge take the same gate.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result, bail};
use jiff::Timestamp;

use super::accounts::parse_account;
use super::atomic::{create_private_dir, write_atomic, write_scratch};
use super::bounded::read_bounded;
use super::git::{Git, GitFailure, check_version, classify, command_output};
use super::lock::{AccountLock, lock_account};
use crate::core::merge::{common_ancestor, merge};
use crate::core::merge_keys::merge_values;
use crate::yaml::{self, Value};

/// The team's shared bank, sheet (with its lexicon) and scenarios live here in the data folder.
pub(crate) const TEAM_FOLDER: &str = "team";

/// What git must never carry between reps: locks, recovery copies, side files of saves that
/// could not merge, temp files, caches and recaps (made again from the accounts).
pub(crate) const IGNORED: [&str; 6] = [
    ".*.lock",
    "*.unsaved",
    ".*.tmp-*",
    "recovery/",
    "cache/",
    "recaps/",
];

/// Every YAML file merges through disco: accounts field by field, the rest by keys.
pub(crate) const ATTRIBUTES: [&str; 1] = ["*.yaml merge=disco"];

/// How often a sync fetches and merges again when someone pushed while it merged.
const PUSH_ATTEMPTS: usize = 5;

/// Where the last sync's time is kept: inside `.git`, so it is never shared.
const LAST_SYNC: &str = "disco-last-sync";

static WRITE_GATE: Mutex<()> = Mutex::new(());

/// Held by a save while it writes an account and by a sync while git merges: inside one disco
/// the two never write the same file at once.
pub(crate) fn write_gate() -> MutexGuard<'static, ()> {
    WRITE_GATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A data folder shared through git. Only the presence of `.git` is checked: nothing runs.
pub(crate) fn is_team_folder(data_dir: &Path) -> bool {
    data_dir.join(".git").exists()
}

/// The team's bank, when the folder has one.
pub(crate) fn team_bank(data_dir: &Path) -> Option<PathBuf> {
    let path = data_dir.join(TEAM_FOLDER).join("bank.yaml");
    path.is_file().then_some(path)
}

/// The team's company sheet, when the folder has one.
pub(crate) fn team_sheet(data_dir: &Path) -> Option<PathBuf> {
    let path = data_dir.join(TEAM_FOLDER).join("company.yaml");
    path.is_file().then_some(path)
}

/// The team's scenario with this id (`team/scenarios/<id>.yaml`), when there is one. Only a
/// plain id is looked up, so a name never leads outside the folder.
pub(crate) fn team_scenario(data_dir: &Path, id: &str) -> Option<PathBuf> {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let path = data_dir
        .join(TEAM_FOLDER)
        .join("scenarios")
        .join(format!("{id}.yaml"));
    (plain && path.is_file()).then_some(path)
}

/// Who commits, and what else a sync needs to know.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// "Name <email>" from disco's own settings (`--from`, `DISCO_FROM`), used when git has no
    /// user configured.
    pub from: Option<String>,
    /// The disco binary git runs as the merge driver.
    pub driver: PathBuf,
    /// Account files this process has open: the gate protects them, not their locks.
    pub held_here: Vec<PathBuf>,
    pub now: Option<Timestamp>,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SyncReport {
    /// Local changes were committed.
    pub committed: bool,
    /// Files the merge changed here (relative to the data folder).
    pub pulled: Vec<PathBuf>,
    pub pushed: bool,
    /// Why the remote could not be reached; the changes wait for the next sync.
    pub offline: Option<String>,
    /// An account open in another disco: its merge waits for the next sync.
    pub waiting: Option<String>,
    /// Things to tell the rep (a conflict settled by keeping their version, ...).
    pub notes: Vec<String>,
}

/// What `disco team status` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Status {
    pub remote: String,
    pub branch: String,
    /// Commits here not yet on the remote, and there not yet here, as of the last fetch.
    pub ahead: usize,
    pub behind: usize,
    pub last_sync: Option<String>,
    /// Files changed here and not yet committed.
    pub changed: Vec<String>,
}

fn quote_for_shell(path: &Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', "'\\''"))
}

/// The lines `file` must hold, added if missing; the rest of the file is left as the team wrote it.
fn ensure_lines(file: &Path, lines: &[&str], heading: &str) -> Result<bool> {
    let text = match read_bounded(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err).with_context(|| format!("{}: cannot read", file.display())),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut out = text;
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(heading);
    out.push('\n');
    for line in missing {
        out.push_str(line);
        out.push('\n');
    }
    write_atomic(file, out.as_bytes())
        .with_context(|| format!("{}: cannot write", file.display()))?;
    Ok(true)
}

/// Writes `.gitignore` and `.gitattributes` and registers the merge driver with the binary
/// running now (git does not copy driver settings on clone, and the binary may have moved).
fn set_up(git: &Git, driver: &Path) -> Result<()> {
    let dir = git.dir();
    ensure_lines(
        &dir.join(".gitignore"),
        &IGNORED,
        "# disco: kept on each machine only",
    )?;
    ensure_lines(
        &dir.join(".gitattributes"),
        &ATTRIBUTES,
        "# disco: accounts merge field by field, banks and sheets by keys",
    )?;
    let command = format!("{} merge-file %O %A %B %P", quote_for_shell(driver));
    if git.config("merge.disco.driver").as_deref() != Some(command.as_str()) {
        git.run(["config", "merge.disco.name", "disco: field by field"])?;
        git.run(["config", "merge.disco.driver", &command])?;
    }
    Ok(())
}

/// `-c user.name=… -c user.email=…` when git has no identity of its own.
fn identity_args(git: &Git, from: Option<&str>) -> Vec<String> {
    let name = git.config("user.name");
    let email = git.config("user.email");
    if name.is_some() && email.is_some() {
        return Vec::new();
    }
    let (from_name, from_email) = from.map(parse_from).unwrap_or_default();
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "disco".into());
    let name = name.or(from_name).unwrap_or_else(|| user.clone());
    let email = email
        .or(from_email)
        .unwrap_or_else(|| format!("{user}@disco.invalid"));
    vec![
        "-c".into(),
        format!("user.name={name}"),
        "-c".into(),
        format!("user.email={email}"),
    ]
}

/// "Maria Lopez <maria@example.com>" as its name and address.
fn parse_from(from: &str) -> (Option<String>, Option<String>) {
    match (from.find('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => {
            let name = from[..open].trim().trim_matches('"').trim();
            let email = from[open + 1..close].trim();
            (
                (!name.is_empty()).then(|| name.to_string()),
                (!email.is_empty()).then(|| email.to_string()),
            )
        }
        _ if from.contains('@') => (None, Some(from.trim().to_string())),
        _ => (
            (!from.trim().is_empty()).then(|| from.trim().to_string()),
            None,
        ),
    }
}

/// Turns the data folder into the team's first copy, pushing to `remote`.
pub(crate) fn init(data_dir: &Path, remote: &str, options: &SyncOptions) -> Result<SyncReport> {
    check_version()?;
    if is_team_folder(data_dir) {
        let git = Git::new(data_dir);
        let url = git.config("remote.origin.url").unwrap_or_default();
        bail!(
            "{} is already a team folder (remote {url:?}); `disco sync` shares it",
            data_dir.display()
        );
    }
    start_here(data_dir, remote, options)
}

/// `git init` in the folder, with the remote, then a first sync (which merges what the remote
/// already holds: files both have merge with an empty base).
fn start_here(data_dir: &Path, remote: &str, options: &SyncOptions) -> Result<SyncReport> {
    create_private_dir(data_dir)
        .with_context(|| format!("{}: cannot create the data folder", data_dir.display()))?;
    let git = Git::new(data_dir);
    git.run(["init", "--quiet", "-b", "main"])?;
    git.run(["remote", "add", "origin", remote])?;
    sync(data_dir, options)
}

/// Makes the data folder a copy of the team's `remote`. A folder with files in it is refused
/// unless `force`: then its files are merged with the team's.
pub(crate) fn join(
    data_dir: &Path,
    remote: &str,
    force: bool,
    options: &SyncOptions,
) -> Result<SyncReport> {
    check_version()?;
    if is_team_folder(data_dir) {
        bail!(
            "{} is already a team folder; `disco sync` shares it",
            data_dir.display()
        );
    }
    let has_files = std::fs::read_dir(data_dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if has_files {
        if !force {
            bail!(
                "{} already holds files (your accounts?). Join with --force to merge them with the team's, or pick an empty folder with --data-dir.",
                data_dir.display()
            );
        }
        return start_here(data_dir, remote, options);
    }
    create_private_dir(data_dir)
        .with_context(|| format!("{}: cannot create the data folder", data_dir.display()))?;
    let out = command_output(
        None,
        [
            "clone".as_ref(),
            "--quiet".as_ref(),
            "--origin".as_ref(),
            "origin".as_ref(),
            remote.as_ref(),
            data_dir.as_os_str(),
        ],
    )?;
    if !out.status.success() {
        let failure = classify(&String::from_utf8_lossy(&out.stderr));
        bail!("cannot join the team at {remote:?}: {failure}");
    }
    let git = Git::new(data_dir);
    if !has_commits(&git, "HEAD") {
        // The remote's HEAD names a branch it does not have (a bare repository made with
        // another default than the `main` disco pushes), or the remote is empty: take `main`.
        if has_commits(&git, "refs/remotes/origin/main") {
            git.run([
                "checkout",
                "--quiet",
                "-b",
                "main",
                "--track",
                "origin/main",
            ])?;
        } else {
            git.run(["symbolic-ref", "HEAD", "refs/heads/main"])?;
        }
    }
    sync(data_dir, options)
}

fn branch(git: &Git) -> Result<String> {
    Ok(git
        .run(["symbolic-ref", "--short", "HEAD"])
        .map(|b| b.trim().to_string())
        .unwrap_or_else(|_| "main".into()))
}

fn has_commits(git: &Git, rev: &str) -> bool {
    git.run(["rev-parse", "-q", "--verify", rev]).is_ok()
}

/// Commits what changed here; `true` when there was something.
fn commit_local(git: &Git, identity: &[String], now: Option<Timestamp>) -> Result<bool> {
    git.run(["add", "-A"])?;
    let staged = git.output(["diff", "--cached", "--quiet"])?;
    if staged.status.success() && has_commits(git, "HEAD") {
        return Ok(false);
    }
    let changed = git.run(["diff", "--cached", "--name-only", "-z"])?;
    let count = changed.split('\0').filter(|p| !p.is_empty()).count();
    if count == 0 && has_commits(git, "HEAD") {
        return Ok(false);
    }
    let host = std::env::var("HOSTNAME").unwrap_or_default();
    let mut message = format!("disco sync: {count} file(s) changed");
    if !host.is_empty() {
        message.push_str(&format!(" on {host}"));
    }
    if let Some(now) = now {
        message.push_str(&format!(" at {now}"));
    }
    let mut args: Vec<String> = identity.to_vec();
    args.extend(["commit", "--quiet", "--allow-empty", "-m"].map(String::from));
    args.push(message);
    git.run(&args)?;
    Ok(true)
}

/// Files (relative paths) that differ between our commit and theirs since they parted.
fn changed_upstream(git: &Git, upstream: &str) -> Result<Vec<PathBuf>> {
    let range = if has_commits(git, "HEAD") {
        format!("HEAD...{upstream}")
    } else {
        upstream.to_string()
    };
    let listed = if has_commits(git, "HEAD") {
        git.run(["diff", "--name-only", "-z", &range])?
    } else {
        git.run(["ls-tree", "-r", "--name-only", "-z", &range])?
    };
    Ok(listed
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect())
}

/// Locks every YAML file the merge will change that another disco could be editing; the name
/// of one that is open elsewhere when it cannot.
fn lock_for_merge(
    data_dir: &Path,
    files: &[PathBuf],
    held_here: &[PathBuf],
) -> std::result::Result<Vec<AccountLock>, String> {
    let mut locks = Vec::new();
    for file in files {
        let path = data_dir.join(file);
        let is_yaml = path.extension().is_some_and(|e| e == "yaml");
        let parent_exists = path.parent().is_some_and(Path::is_dir);
        if !is_yaml || !parent_exists || held_here.iter().any(|h| same_file(h, &path)) {
            continue;
        }
        match lock_account(&path, &file.display().to_string()) {
            Ok(lock) => locks.push(lock),
            Err(err) => return Err(format!("{err:#}")),
        }
    }
    Ok(locks)
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

/// After a merge git could not finish (a file that is not YAML, one side deleting what the
/// other changed): every file is settled by keeping what is here, their version stays in
/// history, and the rep is told which.
fn settle_conflicts(git: &Git, identity: &[String], upstream: &str) -> Result<Vec<String>> {
    let listed = git.run(["diff", "--name-only", "--diff-filter=U", "-z"])?;
    let unmerged: Vec<&str> = listed.split('\0').filter(|p| !p.is_empty()).collect();
    if unmerged.is_empty() {
        bail!(
            "git could not merge the team's changes; run `git status` in the data folder to see why"
        );
    }
    let mut notes = Vec::new();
    for path in unmerged {
        let full = git.dir().join(path);
        let text = read_bounded(&full)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let has_markers = text
            .as_deref()
            .is_some_and(|t| matches!(crate::core::conflict::split(t), Ok(Some(_)) | Err(_)));
        if text.is_none() {
            // Deleted here, changed there: the change comes back rather than being lost.
            git.run(["checkout", "--theirs", "--", path])?;
        } else if has_markers {
            git.run(["checkout", "--ours", "--", path])?;
        }
        git.run(["add", "--", path])?;
        notes.push(format!(
            "{path}: changed on both sides in ways disco cannot merge; kept the version here. The team's is in history: git show {upstream}:{path}"
        ));
    }
    let mut args: Vec<String> = identity.to_vec();
    args.extend(["commit", "--quiet", "--no-edit"].map(String::from));
    git.run(&args)?;
    Ok(notes)
}

/// Lines the merge driver printed for the rep (they start with "disco:").
fn driver_notes(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("disco: "))
        .map(str::to_string)
        .collect()
}

/// Git in `data_dir`, once it is a team folder and git is new enough.
fn team_git(data_dir: &Path) -> Result<Git> {
    if !is_team_folder(data_dir) {
        bail!(
            "{} is not a team folder. Share it with `disco team init REMOTE`, or join one with `disco team join REMOTE`.",
            data_dir.display()
        );
    }
    check_version()?;
    Ok(Git::new(data_dir))
}

/// Commits, fetches, merges and pushes; offline is not an error (the report says so).
pub(crate) fn sync(data_dir: &Path, options: &SyncOptions) -> Result<SyncReport> {
    let git = team_git(data_dir)?;
    set_up(&git, &options.driver)?;
    let identity = identity_args(&git, options.from.as_deref());
    let branch = branch(&git)?;
    let upstream = format!("refs/remotes/origin/{branch}");
    let mut report = SyncReport::default();
    for _ in 0..PUSH_ATTEMPTS {
        if let Err(err) = git.run(["fetch", "--quiet", "origin"]) {
            report.committed |= {
                let _gate = write_gate();
                commit_local(&git, &identity, options.now)?
            };
            return offline_or_fail(report, err);
        }
        let upstream_exists = has_commits(&git, &upstream);
        let incoming = if upstream_exists {
            changed_upstream(&git, &upstream)?
        } else {
            Vec::new()
        };
        let locks = match lock_for_merge(data_dir, &incoming, &options.held_here) {
            Ok(locks) => locks,
            Err(open_elsewhere) => {
                report.committed |= {
                    let _gate = write_gate();
                    commit_local(&git, &identity, options.now)?
                };
                report.waiting = Some(format!(
                    "{open_elsewhere} The team's changes merge at the next sync, after that call."
                ));
                return Ok(report);
            }
        };
        {
            let _gate = write_gate();
            report.committed |= commit_local(&git, &identity, options.now)?;
            if upstream_exists && !is_ancestor(&git, &upstream, "HEAD") {
                let before = git.run(["rev-parse", "-q", "--verify", "HEAD"]).ok();
                let mut args: Vec<String> = identity.clone();
                args.extend(
                    [
                        "merge",
                        "--no-edit",
                        "--allow-unrelated-histories",
                        &upstream,
                    ]
                    .map(String::from),
                );
                let out = git.output(&args)?;
                report.notes.extend(driver_notes(&out.stderr));
                if !out.status.success() {
                    report
                        .notes
                        .extend(settle_conflicts(&git, &identity, &upstream)?);
                }
                let changed = match before {
                    Some(before) => {
                        git.run(["diff", "--name-only", "-z", before.trim(), "HEAD"])?
                    }
                    None => git.run(["ls-tree", "-r", "--name-only", "-z", "HEAD"])?,
                };
                for path in changed.split('\0').filter(|p| !p.is_empty()) {
                    let path = PathBuf::from(path);
                    if !report.pulled.contains(&path) {
                        report.pulled.push(path);
                    }
                }
            }
        }
        drop(locks);
        if !has_commits(&git, "HEAD") || (upstream_exists && is_ancestor(&git, "HEAD", &upstream)) {
            report.pushed = upstream_exists;
            return finish(&git, report, options.now);
        }
        let push = git.output([
            "push",
            "--quiet",
            "origin",
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        if push.status.success() {
            report.pushed = true;
            return finish(&git, report, options.now);
        }
        let stderr = String::from_utf8_lossy(&push.stderr);
        // Only a remote that moved is worth another round; a hook or a protected branch
        // saying no is said as it is.
        let raced = [
            "fetch first",
            "non-fast-forward",
            "cannot lock ref",
            "stale info",
        ]
        .iter()
        .any(|w| stderr.contains(w));
        if !raced {
            return offline_or_fail(report, classify(&stderr).into());
        }
        // Someone pushed while we merged: fetch and merge their work too.
    }
    bail!("the team's remote kept changing while disco merged ({PUSH_ATTEMPTS} tries); sync again")
}

fn is_ancestor(git: &Git, ancestor: &str, of: &str) -> bool {
    git.output(["merge-base", "--is-ancestor", ancestor, of])
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn offline_or_fail(mut report: SyncReport, err: anyhow::Error) -> Result<SyncReport> {
    match err.downcast_ref::<GitFailure>() {
        Some(failure @ GitFailure::Offline(_)) | Some(failure @ GitFailure::Other(_)) => {
            report.offline = Some(failure.to_string());
            Ok(report)
        }
        _ => Err(err),
    }
}

fn finish(git: &Git, report: SyncReport, now: Option<Timestamp>) -> Result<SyncReport> {
    if let Some(now) = now {
        let path = git.dir().join(".git").join(LAST_SYNC);
        // A missing mark only makes `disco team status` vaguer; the sync itself went through.
        let _ = write_atomic(&path, now.to_string().as_bytes());
    }
    Ok(report)
}

/// Where the folder stands against the team, as of the last fetch (no network).
pub(crate) fn status(data_dir: &Path) -> Result<Status> {
    let git = team_git(data_dir)?;
    let branch = branch(&git)?;
    let upstream = format!("refs/remotes/origin/{branch}");
    let (ahead, behind) = if has_commits(&git, "HEAD") && has_commits(&git, &upstream) {
        let counts = git.run([
            "rev-list",
            "--left-right",
            "--count",
            &format!("HEAD...{upstream}"),
        ])?;
        let mut numbers = counts.split_whitespace().map(|n| n.parse().unwrap_or(0));
        (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0))
    } else if has_commits(&git, "HEAD") {
        let count = git.run(["rev-list", "--count", "HEAD"])?;
        (count.trim().parse().unwrap_or(0), 0)
    } else {
        (0, 0)
    };
    let porcelain = git.run(["status", "--porcelain", "-z", "--untracked-files=all"])?;
    let changed = porcelain
        .split('\0')
        .filter(|e| e.len() > 3)
        .map(|e| e[3..].to_string())
        .collect();
    let last_sync = read_bounded(&data_dir.join(".git").join(LAST_SYNC))
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string());
    Ok(Status {
        remote: git.config("remote.origin.url").unwrap_or_default(),
        branch,
        ahead,
        behind,
        last_sync,
        changed,
    })
}

/// `git merge-file` run by a file kind that cannot merge by keys: the merged text when git
/// merged it cleanly.
pub(crate) fn line_merge(ours: &Path, base: &Path, theirs: &Path) -> Option<Vec<u8>> {
    let out = command_output(
        None,
        [
            "merge-file".as_ref(),
            "-p".as_ref(),
            ours.as_os_str(),
            base.as_os_str(),
            theirs.as_os_str(),
        ],
    )
    .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Writes the driver's result into git's OURS file.
pub(crate) fn write_result(ours: &Path, bytes: &[u8]) -> Result<()> {
    // git's temp file: replaced whole, so a killed driver leaves OURS as it was.
    write_scratch(ours, bytes)
        .with_context(|| format!("{}: cannot write the merge", ours.display()))
}

/// What the merge driver did, for the rep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileMerge {
    pub notes: Vec<String>,
}

/// git's merge driver (`%O %A %B %P`): merges `theirs` into `ours` (the result replaces
/// `ours`), with `base` the common version (empty when both sides added the file). Accounts
/// merge field by field with `core::merge`, other YAML by keys; a file that does not parse is
/// left as `ours` and an error returned, so git reports the conflict and no broken file is
/// written.
pub fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: Option<&str>,
) -> Result<FileMerge> {
    let read = |path: &Path| {
        read_bounded(path).with_context(|| format!("{}: cannot read", path.display()))
    };
    let (base_bytes, ours_bytes, theirs_bytes) = (read(base)?, read(ours)?, read(theirs)?);
    let shown = name.unwrap_or("a file");
    let both_added = base_bytes.iter().all(u8::is_ascii_whitespace);
    if name.is_none_or(is_account_path) {
        if let (Ok(o), Ok(t)) = (parse_account(&ours_bytes), parse_account(&theirs_bytes)) {
            let b = if both_added {
                common_ancestor(&o, &t)
            } else {
                parse_account(&base_bytes).map_err(|e| {
                    anyhow::anyhow!("{shown}: the common version does not read: {e}")
                })?
            };
            let merged = merge(&b, &o, &t);
            write_result(ours, yaml::to_string(&merged)?.as_bytes())?;
            return Ok(FileMerge::default());
        }
        if name.is_some() {
            bail!("{shown}: one side does not read as an account; kept the version here");
        }
    }
    let parse = |bytes: &[u8]| yaml::from_bytes::<Value>(bytes);
    let (o, t) = match (parse(&ours_bytes), parse(&theirs_bytes)) {
        (Ok(o), Ok(t)) => (o, t),
        _ => bail!("{shown}: one side does not read as YAML; kept the version here"),
    };
    // Git's line merge first: it keeps the comments and layout a trainer wrote.
    if let Some(text) = line_merge(ours, base, theirs).filter(|t| parse(t).is_ok()) {
        write_result(ours, &text)?;
        return Ok(FileMerge::default());
    }
    let b = if both_added {
        None
    } else {
        parse(&base_bytes).ok()
    };
    let merged = merge_values(b.as_ref(), &o, &t);
    write_result(ours, yaml::to_string(&merged.value)?.as_bytes())?;
    let mut notes = vec![format!(
        "{shown}: both sides changed the same lines; merged by keys (comments are not kept)"
    )];
    if !merged.conflicts.is_empty() {
        let places: Vec<&str> = merged.conflicts.iter().map(|c| c.at.as_str()).collect();
        notes.push(format!(
            "{shown}: both sides changed {} differently; kept the version here, the team's is in history (git log -p -- {shown})",
            places.join(", ")
        ));
    }
    Ok(FileMerge { notes })
}

/// Account files: the accounts folder and the role-play accounts.
fn is_account_path(name: &str) -> bool {
    let name = name.replace('\\', "/");
    (name.starts_with("accounts/") || name.starts_with("roleplay/accounts/"))
        && name.ends_with(".yaml")
}
