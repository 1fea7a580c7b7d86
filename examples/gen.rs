//! Fills a data folder with synthetic accounts, for benchmarks and trying disco at scale.
//!
//!     cargo run --release --example gen -- --accounts 10000 /tmp/disco-10k
//!
//! Then: `DISCO_DATA_DIR=/tmp/disco-10k cargo run --release`.

use std::path::PathBuf;
use std::process::ExitCode;

use disco::storage::{AccountStore, builtin_bank};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut count = 1000usize;
    let mut notes = 0usize;
    let mut dir = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--accounts" => count = args.next().and_then(|n| n.parse().ok()).unwrap_or(count),
            "--notes-bytes" => notes = args.next().and_then(|n| n.parse().ok()).unwrap_or(notes),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: gen [--accounts N] [--notes-bytes B] DIR");
        return ExitCode::FAILURE;
    };
    let Ok(bank) = builtin_bank() else {
        eprintln!("the built-in bank does not load");
        return ExitCode::FAILURE;
    };
    let store = AccountStore::new(&dir);
    for i in 0..count {
        let account = disco::synth::account(&bank, i, 7, notes);
        // Plain writes, no fsync: this is throwaway test data, and 10,000 durable saves would
        // take minutes.
        let result = store.locate(&account.name).and_then(|(path, _)| {
            std::fs::create_dir_all(store.dir())?;
            std::fs::write(&path, disco::yaml::to_string(&account)?)?;
            Ok(())
        });
        if let Err(err) = result {
            eprintln!("gen: {err:#}");
            return ExitCode::FAILURE;
        }
    }
    println!("{count} accounts in {}", store.dir().display());
    ExitCode::SUCCESS
}
