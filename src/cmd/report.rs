//! `itsm-assess report`: the gap report of one assessment or of a team.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::render;

use crate::cli::{Global, ReportArgs};
use crate::cmd::{assess, catalog, destination, emit, output_format, style};

pub fn run(g: &Global, args: ReportArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let assessed = assess(&catalog, &args.inputs, args.vision.as_deref())?;
    let style = style(g, destination(args.output.as_deref()), args.top);
    emit(
        &render::report_file(&assessed.card, assessed.instrument, format, &style)?,
        destination(args.output.as_deref()),
    )?;
    Ok(assessed.exit_code())
}
