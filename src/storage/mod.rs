//! All file I/O lives here: banks in, accounts in and out, atomically.

pub mod accounts;
pub mod atomic;
pub mod banks;
pub mod lock;

pub use accounts::{AccountStore, Listed, OpenAccount};
pub use banks::{BankErrors, builtin_bank, load_bank, resolve_bank};
