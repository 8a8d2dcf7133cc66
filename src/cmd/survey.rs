//! `itsm-assess survey inspect`: how an export reads, and a draft mapping.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::survey::SurveyOptions;
use itsm_assess::survey::inspect::inspect;
use std::io::Read as _;

use itsm_assess::source::open_input;
use itsm_assess::{Diagnostic, Error, limits, output};

use crate::cli::{Global, InspectArgs, SurveyCommand};
use crate::cmd::{Usage, catalog, load_mapping, read_stdin, write_stderr, write_stdout};

pub fn run(g: &Global, command: SurveyCommand) -> Result<ExitCode> {
    match command {
        SurveyCommand::Inspect(args) => run_inspect(g, args),
    }
}

fn run_inspect(g: &Global, args: InspectArgs) -> Result<ExitCode> {
    let catalog = catalog(g)?;
    let instrument = catalog.instrument(None)?;
    if let Some(out) = &args.write_map {
        if args.file != "-" && same_file(out, Path::new(&args.file)) {
            return Err(Usage(format!(
                "--write-map {} names the export itself; give the mapping another name",
                out.display()
            ))
            .into());
        }
        if out.exists() {
            return Err(Error::from(
                Diagnostic::new(
                    out.display().to_string(),
                    "already exists; a draft is never written over a file",
                )
                .help("give --write-map a new name, or remove the old draft first"),
            )
            .into());
        }
    }
    let (name, bytes) = if args.file == "-" {
        ("<stdin>".to_string(), read_stdin()?)
    } else {
        let (file, meta) = open_input(Path::new(&args.file))?;
        if meta.len() > limits::MAX_CSV_BYTES {
            return Err(Error::from(limits::too_large(
                &args.file,
                meta.len(),
                limits::MAX_CSV_BYTES,
            ))
            .into());
        }
        let mut bytes = Vec::new();
        std::io::Read::take(file, limits::MAX_CSV_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::read(&args.file, e))?;
        (args.file.clone(), bytes)
    };
    let options = SurveyOptions {
        ignore_unknown_columns: false,
        role_column: args.role_column.clone(),
        mapping: load_mapping(args.map.as_deref(), instrument)?,
    };
    let inspection = inspect(&name, &bytes, instrument, &options)?;
    write_stdout(&inspection.text(instrument))?;
    if let Some(out) = &args.write_map {
        output::write_file(out, inspection.draft_map(instrument).as_bytes())?;
        write_stderr(&format!(
            "wrote a draft mapping to {}: replace its \"?\" entries, then run: itsm-assess report {name} --map {}\n",
            out.display(),
            out.display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
