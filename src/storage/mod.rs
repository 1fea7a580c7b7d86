//! All file I/O lives here: banks, company sheets, accounts, atomically.

pub mod accounts;
pub mod atomic;
pub mod authors;
pub mod banks;
pub mod bounded;
pub mod collect;
pub mod company;
pub mod datafile;
pub mod export;
pub mod faults;
pub mod file_names;
pub mod git;
pub mod index;
pub mod locate;
pub mod lock;
pub mod outside;
pub mod practice;
pub mod report;
pub mod roleplay;
pub mod team;
pub mod warnings;

pub use accounts::{AccountStore, Found, Listed, Lookup, OpenAccount};
pub use banks::{builtin_bank, load_bank, resolve_bank};
pub use datafile::FileErrors;

/// `path` for a message, with the home folder as `~` so it fits a footer.
pub fn display_path(path: &std::path::Path) -> String {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match home
        .as_deref()
        .and_then(|home| path.strip_prefix(home).ok())
    {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}
