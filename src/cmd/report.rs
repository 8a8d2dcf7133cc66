//! `itsm-assess report`: the gap report of one assessment or of a team.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::render;

use crate::cli::{Global, ReportArgs};
use crate::cmd::{assess, catalog, emit_file, output_format, style};

pub fn run(g: &Global, args: ReportArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let assessed = assess(&catalog, &args.inputs, args.vision.as_deref())?;
    let style = style(g, args.output.as_deref(), args.top);
    emit_file(
        render::report_file(&assessed.card, assessed.instrument, format, &style)?,
        args.output.as_deref(),
        format,
        &style,
    )?;
    Ok(assessed.exit_code())
}
