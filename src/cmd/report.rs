//! `itsm-assess report`: the gap report of one assessment or of a team.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::batch::{Batch, Input};
use itsm_assess::render::{self, Style};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Diagnostic, Source, Vision};

use crate::cli::{Global, ReportArgs};
use crate::cmd::{
    Bar, aggregate, catalog, collect_inputs, emit, output_format, print_failures, score_source,
    survey_options, use_color,
};

pub fn run(g: &Global, args: ReportArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let (inputs, mut failures) = collect_inputs(&args.inputs)?;
    let vision_src = args.vision.as_deref().map(Source::read).transpose()?;
    let vision_name = args.vision.as_ref().map(|p| p.display().to_string());

    let (card, instrument) = match inputs.as_slice() {
        // One answers file: that respondent's report.
        [one @ (Input::Answers { found: false, .. } | Input::Text(_))] if failures.is_empty() => {
            let src = match one {
                Input::Text(src) => src.clone(),
                _ => Source::read(std::path::Path::new(&one.name()))?,
            };
            score_source(&catalog, &src, vision_src.as_ref())?
        }
        // Anything else: the team.
        _ => {
            let instrument = catalog.instrument(None)?;
            let vision = vision_src
                .as_ref()
                .map(|v| Vision::load(v, instrument))
                .transpose()?;
            let bar = Bar::new(&inputs);
            let batch = Batch {
                catalog: &catalog,
                vision: None,
                survey: survey_options(&args.inputs),
                progress: &bar,
            };
            let (tally, failed) = batch.tally(&inputs, instrument);
            drop(bar);
            failures.extend(failed);
            print_failures(&failures);
            if tally.respondents() == 0 {
                return Err(itsm_assess::Error::from(Diagnostic::new(
                    "report",
                    "no respondent could be read from the inputs",
                ))
                .into());
            }
            let info = AssessmentInfo {
                source: Some(describe(&inputs)),
                vision: vision_name,
                ..AssessmentInfo::default()
            };
            (
                tally.finish(instrument, vision.as_ref(), aggregate(&args.inputs), info),
                instrument,
            )
        }
    };
    let style = Style {
        color: args.output.is_none() && use_color(g),
        top: args.top,
    };
    emit(
        &render::report(&card, instrument, format, &style),
        args.output.as_deref(),
    )?;
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The inputs of a team report, for its header.
fn describe(inputs: &[Input]) -> String {
    match inputs {
        [one] => one.name(),
        _ => format!("{} inputs", inputs.len()),
    }
}
