//! One module per subcommand: glue from arguments to the library to output.

mod questionnaire;
mod report;
mod run;
mod score;
mod validate;

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::{Catalog, Error, Format, Source, atomic};

use crate::cli::{Cli, ColorChoice, Command, Global};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let g = &cli.global;
    match cli.command {
        Command::Report(args) => report::run(g, args),
        Command::Score(args) => score::run(g, args),
        Command::Validate(args) => validate::run(g, args),
        Command::Questionnaire(args) => questionnaire::run(g, args),
        Command::Run(args) => run::run(g, args),
    }
}

/// Prints an error to standard error, one problem per `error:` line.
pub fn print_error(e: &anyhow::Error) {
    let mut err = std::io::stderr().lock();
    match e.downcast_ref::<Error>() {
        Some(Error::Invalid(diagnostics)) => {
            for d in diagnostics {
                let _ = writeln!(err, "error: {d}");
            }
        }
        _ => {
            let _ = writeln!(err, "error: {e:#}");
        }
    }
}

/// Reads a named input; `-` is standard input, whose format is told from
/// its content.
pub fn read_input(arg: &str) -> Result<Source, Error> {
    if arg == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(itsm_assess::source::MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::read("<stdin>", e))?;
        if bytes.len() as u64 > itsm_assess::source::MAX_INPUT_BYTES {
            return Err(itsm_assess::Diagnostic::new(
                "<stdin>",
                "is larger than the largest input read, 64 MiB",
            )
            .into());
        }
        let format = Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)]));
        Source::from_bytes("<stdin>".into(), bytes, format)
    } else {
        Source::read(Path::new(arg))
    }
}

/// The catalogue of instruments, with the user's questionnaire and rubric.
pub fn catalog(g: &Global) -> Result<Catalog, Error> {
    let q = g.questionnaire.as_deref().map(Source::read).transpose()?;
    let r = g.rubric.as_deref().map(Source::read).transpose()?;
    Catalog::new(q.as_ref(), r.as_ref())
}

/// Whether to colour what goes to standard output.
pub fn use_color(g: &Global) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match g.color {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    }
}

/// Writes the result to a file (atomically) or to standard output. A closed
/// pipe on standard output is not an error.
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    match output {
        Some(path) => atomic::write(path, text.as_bytes()),
        None => write_stdout(text),
    }
}

pub fn write_stdout(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::write("<stdout>", e)),
        _ => Ok(()),
    }
}
