//! Reads what `disco report` needs from the data folder: every account (lightly, in parallel,
//! with the cached warning counts), who added each account file when the folder is a git
//! working copy, practice progress and role-play records. A file that cannot be read becomes
//! a line of the report; it never stops it.

use std::path::Path;

use anyhow::Result;

use super::AccountStore;
use super::authors::account_authors;
use super::bounded::read_bounded;
use super::datafile::parse_versioned;
use super::practice::PracticeStore;
use super::roleplay::RoleplayStore;
use super::team::is_team_folder;
use super::warnings::WarningCounter;
use crate::core::account::SCHEMA_VERSION;
use crate::core::report::{AccountFacts, AccountInput, Gathered, Problem};

/// Everything a report is built from. `counter` counts open guard warnings (a company sheet
/// is in use); its cache makes a second report fast.
/// A folder that cannot be listed is a line of the report too, with nothing read from it.
pub fn gather(store: &AccountStore, counter: Option<&WarningCounter>) -> Result<Gathered> {
    let data_dir = store.data_dir();
    let mut problems = Vec::new();
    let authors = if is_team_folder(data_dir) {
        match account_authors(data_dir) {
            Ok(authors) => Some(authors),
            Err(err) => {
                problems.push(Problem {
                    file: ".git".into(),
                    reason: format!("reps could not be read from git: {err:#}"),
                });
                None
            }
        }
    } else {
        None
    };
    let read = store
        .read_each(|path| read_account(path, counter))
        .unwrap_or_else(|err| {
            problems.push(folder_problem("accounts", &err));
            Vec::new()
        });
    let mut accounts = Vec::new();
    let mut counted = Vec::new();
    for (path, result) in read {
        let file = relative(data_dir, &path);
        match result {
            Ok((facts, warnings)) => {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if let Some(w) = &warnings {
                    counted.push((path.clone(), w.clone()));
                }
                accounts.push(AccountInput {
                    author: authors.as_ref().and_then(|a| a.get(name).cloned()),
                    warnings: counter.map(|_| warnings.map_or(0, |w| w.count)),
                    file,
                    facts,
                });
            }
            Err(reason) => problems.push(Problem { file, reason }),
        }
    }
    if let Some(counter) = counter {
        counter.remember(counted.iter().map(|(p, c)| (p.as_path(), c)));
    }
    let progress = listed(
        data_dir,
        "practice",
        PracticeStore::new(data_dir).list_all(),
        &mut problems,
    );
    let roleplays = listed(
        data_dir,
        "roleplay",
        RoleplayStore::new(data_dir).list(),
        &mut problems,
    );
    Ok(Gathered {
        accounts,
        progress,
        roleplays,
        problems,
        warnings_counted: counter.is_some(),
    })
}

type Read = (
    std::path::PathBuf,
    Result<(AccountFacts, Option<super::warnings::Counted>), String>,
);

fn read_account(path: &Path, counter: Option<&WarningCounter>) -> Read {
    let result = read_bounded(path)
        .map_err(|err| format!("cannot read: {err}"))
        .and_then(|bytes| {
            let facts = parse_versioned(&bytes, SCHEMA_VERSION, |f: &AccountFacts| f.schema)
                .map_err(|err| err.to_string())?;
            Ok((facts, counter.and_then(|c| c.count(path, &bytes))))
        });
    (path.to_path_buf(), result)
}

/// What a store listed; what it could not read, or the folder it could not list, as problems.
fn listed<T>(
    data_dir: &Path,
    folder: &str,
    list: Result<(Vec<T>, Vec<String>)>,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    match list {
        Ok((read, unread)) => {
            problems.extend(unread.iter().map(|line| problem(data_dir, line)));
            read
        }
        Err(err) => {
            problems.push(folder_problem(folder, &err));
            Vec::new()
        }
    }
}

fn folder_problem(folder: &str, err: &anyhow::Error) -> Problem {
    Problem {
        file: format!("{folder}/"),
        reason: format!("{err:#}"),
    }
}

/// `path` as the data folder's users know it: `accounts/acme.yaml`.
fn relative(data_dir: &Path, path: &Path) -> String {
    path.strip_prefix(data_dir)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A "file: reason" line from a store, split into its file and its reason.
fn problem(data_dir: &Path, line: &str) -> Problem {
    let prefix = format!("{}/", data_dir.display());
    let line = line.strip_prefix(&prefix).unwrap_or(line);
    match line.find(".yaml") {
        Some(end) => Problem {
            file: line[..end + 5].to_string(),
            reason: line[end + 5..].trim_start_matches([':', ' ']).to_string(),
        },
        None => Problem {
            file: String::new(),
            reason: line.to_string(),
        },
    }
}
