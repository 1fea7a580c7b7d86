//! `disco completions` and `disco man`: both generated from the declared command line.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use super::args::Cli;
use super::render::write_data_out;

// Both are rendered whole first: written straight to a closed pipe (`| head -1`) the
// generators panic or fail; `write_data_out` treats a closed pipe as the reader being done.

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "disco", &mut script);
    write_data_out(&String::from_utf8_lossy(&script))
}

pub(super) fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    write_data_out(&String::from_utf8_lossy(&page))
}
