//! `disco completions` and `disco man`: both generated from the declared command line.

use std::io;
use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use super::args::Cli;

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    clap_complete::generate(shell, &mut Cli::command(), "disco", &mut io::stdout());
    Ok(ExitCode::SUCCESS)
}

pub(super) fn man() -> Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(&mut io::stdout())?;
    Ok(ExitCode::SUCCESS)
}
