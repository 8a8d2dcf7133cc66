//! `itsm-assess plan`: the phased improvement plan of one assessment.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::model::Date;
use itsm_assess::render::{self, Style};
use itsm_assess::{Source, plan};

use crate::cli::{Global, PlanArgs};
use crate::cmd::{Usage, catalog, emit, output_format, score_input, use_color};

pub fn run(g: &Global, args: PlanArgs) -> Result<ExitCode> {
    if args.answers.len() > 1 {
        return Err(Usage(format!(
            "plan takes one answers file, got {}; a team plan over several respondents needs team aggregation, which this version does not have yet",
            args.answers.len()
        ))
        .into());
    }
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let vision = args.vision.as_deref().map(Source::read).transpose()?;
    let (card, instrument) = score_input(&catalog, &args.answers[0], vision.as_ref())?;
    let start = args
        .start
        .or(card.assessment.date)
        .unwrap_or_else(Date::today);
    let plan = plan(&card, instrument, start);
    let style = Style {
        color: args.output.is_none() && use_color(g),
        ..Style::default()
    };
    emit(
        &render::plan::render(&plan, format, &style),
        args.output.as_deref(),
    )?;
    Ok(ExitCode::SUCCESS)
}
