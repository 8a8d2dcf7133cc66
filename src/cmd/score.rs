//! `itsm-assess score`: one summary per respondent.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::batch::Batch;
use itsm_assess::render::summary::{self, Failure, Summary};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Diagnostic, Error, Source, Vision};

use crate::cli::{Global, ScoreArgs, SummaryFormatArg};
use crate::cmd::{
    Bar, aggregate, catalog, collect_inputs, print_exports, print_lib_error, survey_options,
    too_many_roles, write_json, write_stdout,
};

pub fn run(g: &Global, args: ScoreArgs) -> Result<ExitCode> {
    let catalog = catalog(g)?;
    let (inputs, mut failures) = collect_inputs(&args.inputs)?;
    let instrument = catalog.instrument(None)?;
    let vision_src = args.vision.as_deref().map(Source::read).transpose()?;
    let vision = vision_src
        .as_ref()
        .map(|v| Vision::load(v, instrument))
        .transpose()?;
    let bar = Bar::new(&inputs);
    let batch = Batch {
        catalog: &catalog,
        vision: vision
            .as_ref()
            .zip(vision_src.as_ref().map(|s| s.name.clone())),
        survey: survey_options(&args.inputs, instrument)?,
        progress: &bar,
    };
    let mut rows = Vec::new();
    let (results, exports) = batch.score_each(&inputs, Summary::compute);
    print_exports(&exports);
    for result in results {
        match result {
            Ok(row) => rows.push(row),
            Err(f) => failures.push(f),
        }
    }
    let team = match args.summary {
        false => None,
        true => {
            let (tally, _) = batch.tally(&inputs, instrument);
            if tally.roles_refused() > 0 {
                return Err(
                    Error::from(too_many_roles("the inputs", tally.roles_refused())).into(),
                );
            }
            let info = AssessmentInfo {
                source: Some("all respondents".into()),
                ..AssessmentInfo::default()
            };
            Some(Summary::of(&tally.finish(
                instrument,
                vision.as_ref(),
                aggregate(&args.inputs),
                info,
            )))
        }
    };
    drop(bar);
    if rows.is_empty() && failures.is_empty() {
        // Read without a problem, yet no one in it: a survey export with a
        // header row only.
        let source = match inputs.as_slice() {
            [one] => one.name(),
            _ => format!("{} inputs", inputs.len()),
        };
        print_lib_error(
            &Diagnostic::new(source, "holds no respondents")
                .help("a survey export needs one row per respondent below its header row")
                .into(),
        );
        return Ok(ExitCode::from(1));
    }
    for f in &failures {
        print_lib_error(&f.error);
    }
    let shown: Vec<Failure> = failures
        .iter()
        .map(|f| Failure {
            source: f.source.clone(),
            error: f.error.to_string(),
        })
        .collect();
    match args.format {
        SummaryFormatArg::Table => write_stdout(&summary::table(&rows, team.as_ref()))?,
        SummaryFormatArg::Json => write_json(&summary::json(&rows, &shown, team.as_ref()))?,
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
