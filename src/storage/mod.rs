//! All file I/O lives here: banks, company sheets, accounts, atomically.

pub mod accounts;
pub mod atomic;
pub mod banks;
pub mod bounded;
pub mod company;
pub mod datafile;
pub mod faults;
pub mod index;
pub mod lock;
pub mod outside;
pub mod practice;
pub mod roleplay;

pub use accounts::{AccountStore, Found, Listed, Lookup, OpenAccount};
pub use banks::{builtin_bank, load_bank, resolve_bank};
pub use datafile::FileErrors;
