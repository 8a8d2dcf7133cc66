//! `itsm-assess man [--dir DIR]`: manual pages from the clap definitions.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::{Error, atomic};

use crate::cli::{self, ManArgs};
use crate::cmd::write_stdout;

pub fn run(args: ManArgs) -> Result<ExitCode> {
    let mut command = cli::command().disable_help_subcommand(true);
    command.build();
    match args.dir {
        None => write_stdout(&page(command))?,
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::write(dir.display().to_string(), e))?;
            let mut written = Vec::new();
            write_pages(command, &dir, &mut written)?;
            // Messages, not output: standard error.
            let mut err = std::io::stderr().lock();
            for path in written {
                let _ = writeln!(err, "wrote {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One command's page as roff.
fn page(command: clap::Command) -> String {
    let mut roff = Vec::new();
    // Rendering into memory cannot fail.
    let _ = clap_mangen::Man::new(command).render(&mut roff);
    String::from_utf8_lossy(&roff).into_owned()
}

/// Writes the page of `command` and of each of its subcommands, atomically.
fn write_pages(
    command: clap::Command,
    dir: &Path,
    written: &mut Vec<std::path::PathBuf>,
) -> Result<(), Error> {
    let man = clap_mangen::Man::new(command.clone());
    let path = dir.join(man.get_filename());
    atomic::write(&path, page(command.clone()).as_bytes())?;
    written.push(path);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir, written)?;
    }
    Ok(())
}
