//! `itsm-assess report`: the gap report of one assessment.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::render::{self, ReportFormat, Style};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Source, Vision, score};

use crate::cli::{Global, ReportArgs, ReportFormatArg};
use crate::cmd::{catalog, emit, read_input, use_color};

pub fn run(g: &Global, args: ReportArgs) -> Result<ExitCode> {
    let mut catalog = catalog(g)?;
    let src = read_input(&args.answers)?;
    let (answers, instrument) = catalog.load_answers(&src)?;
    let vision = match &args.vision {
        Some(path) => Some(Vision::load(&Source::read(path)?, instrument)?),
        None => None,
    };
    let info = AssessmentInfo {
        source: Some(src.name.clone()),
        vision: args.vision.as_ref().map(|p| p.display().to_string()),
        ..AssessmentInfo::default()
    };
    let card = score(instrument, &answers, vision.as_ref(), info);
    let format = match args.format {
        ReportFormatArg::Table => ReportFormat::Table,
        ReportFormatArg::Json => ReportFormat::Json,
    };
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
