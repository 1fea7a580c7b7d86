//! `disco team init|join|status`, `disco sync` and git's merge driver `disco merge-file`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::context::{data_dir as find_data_dir, now};
use crate::core::printable::printable_line;
use crate::storage::team::{self, SyncOptions, SyncReport};

fn options(from: Option<String>) -> Result<SyncOptions> {
    let driver = std::env::current_exe()
        .context("cannot tell where the disco binary is, for git's merge driver")?;
    Ok(SyncOptions {
        from,
        driver,
        held_here: Vec::new(),
        now: Some(now()?),
    })
}

pub(super) fn init(
    data_dir: Option<PathBuf>,
    remote: &str,
    from: Option<String>,
) -> Result<ExitCode> {
    let dir = find_data_dir(data_dir)?;
    let report = team::init(&dir, remote, &options(from)?)?;
    println!(
        "{} is now shared with the team at {}.",
        dir.display(),
        printable_line(remote)
    );
    print_report(&report);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn join(
    data_dir: Option<PathBuf>,
    remote: &str,
    force: bool,
    from: Option<String>,
) -> Result<ExitCode> {
    let dir = find_data_dir(data_dir)?;
    let report = team::join(&dir, remote, force, &options(from)?)?;
    println!(
        "Joined the team at {}: {}.",
        printable_line(remote),
        dir.display()
    );
    print_report(&report);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn sync(data_dir: Option<PathBuf>, from: Option<String>) -> Result<ExitCode> {
    let dir = find_data_dir(data_dir)?;
    let report = team::sync(&dir, &options(from)?)?;
    print_report(&report);
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &SyncReport) {
    for note in &report.notes {
        println!("Note: {}", printable_line(note));
    }
    if let Some(waiting) = &report.waiting {
        println!("Waiting: {}", printable_line(waiting));
    }
    let pulled = report.pulled.len();
    match &report.offline {
        Some(why) => println!(
            "Not sent: {}{}",
            printable_line(why),
            if report.committed {
                " Your changes are committed here."
            } else {
                ""
            }
        ),
        None if report.waiting.is_none() => println!(
            "Synced: {} here, {pulled} file(s) from the team{}.",
            if report.committed {
                "changes committed"
            } else {
                "nothing new"
            },
            if report.pushed { ", all sent" } else { "" }
        ),
        None => {}
    }
}

pub(super) fn status(data_dir: Option<PathBuf>) -> Result<ExitCode> {
    let dir = find_data_dir(data_dir)?;
    let status = team::status(&dir)?;
    println!("Team remote: {}", printable_line(&status.remote));
    println!("Branch:      {}", printable_line(&status.branch));
    println!(
        "Last sync:   {}",
        status
            .last_sync
            .as_deref()
            .map(printable_line)
            .unwrap_or("never".into())
    );
    println!(
        "To send:     {} commit(s); to take: {} commit(s) (as of the last sync)",
        status.ahead, status.behind
    );
    if status.changed.is_empty() {
        println!("Changed here since: nothing");
    } else {
        println!("Changed here since: {} file(s)", status.changed.len());
        for path in status.changed.iter().take(20) {
            println!("  {}", printable_line(path));
        }
        if status.changed.len() > 20 {
            println!("  … and {} more", status.changed.len() - 20);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Always exits 0 when it wrote a merge: git must not see a conflict in a file disco merged.
/// A file it could not read is left as OURS and the exit is 1, so git keeps the conflict for
/// `disco sync` to settle without a broken file.
pub(super) fn merge_file(base: &Path, ours: &Path, theirs: &Path, name: Option<&str>) -> ExitCode {
    match team::merge_file(base, ours, theirs, name) {
        Ok(merged) => {
            for note in merged.notes {
                eprintln!("disco: {}", printable_line(&note));
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("disco: {}", printable_line(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}
