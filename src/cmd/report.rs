//! `itsm-assess report`: the gap report of one assessment.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::Source;
use itsm_assess::render::{self, Style};

use crate::cli::{Global, ReportArgs};
use crate::cmd::{catalog, emit, output_format, score_input, use_color};

pub fn run(g: &Global, args: ReportArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let mut catalog = catalog(g)?;
    let vision = args.vision.as_deref().map(Source::read).transpose()?;
    let (card, instrument) = score_input(&mut catalog, &args.answers, vision.as_ref())?;
    let style = Style {
        color: args.output.is_none() && use_color(g),
        top: args.top,
    };
    emit(
        &render::report(&card, instrument, format, &style),
        args.output.as_deref(),
    )?;
    Ok(ExitCode::SUCCESS)
}
