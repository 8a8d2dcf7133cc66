//! `itsm-assess completions SHELL`: a completion script from the clap definitions.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{self, CompletionsArgs};
use crate::cmd::write_stdout;

pub fn run(args: CompletionsArgs) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cli::command(), cli::NAME, &mut script);
    write_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
