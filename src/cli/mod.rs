//! Entry point behind `main`: parse, dispatch, turn errors into exit codes.

mod args;
mod commands;

use std::process::ExitCode;

pub use args::{BankCommand, Cli, Command};
use clap::Parser;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("disco: {err:#}");
            ExitCode::FAILURE
        }
    }
}
