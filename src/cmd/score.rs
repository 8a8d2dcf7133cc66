//! `itsm-assess score`: one summary per answers file.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::render::summary::{self, Failure};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Source, Vision, score};

use crate::cli::{Global, ScoreArgs, SummaryFormatArg};
use crate::cmd::{catalog, print_error, read_input, write_stdout};

pub fn run(g: &Global, args: ScoreArgs) -> Result<ExitCode> {
    let mut catalog = catalog(g)?;
    let vision_src = args.vision.as_deref().map(Source::read).transpose()?;
    let mut cards = Vec::new();
    let mut failures = Vec::new();
    for input in &args.answers {
        let scored = read_input(input).and_then(|src| {
            let (answers, instrument) = catalog.load_answers(&src)?;
            let vision = match &vision_src {
                Some(vs) => Some(Vision::load(vs, instrument)?),
                None => None,
            };
            let info = AssessmentInfo {
                source: Some(src.name.clone()),
                vision: vision_src.as_ref().map(|v| v.name.clone()),
                ..AssessmentInfo::default()
            };
            Ok(score(instrument, &answers, vision.as_ref(), info))
        });
        match scored {
            Ok(card) => cards.push(card),
            Err(e) => {
                failures.push(Failure {
                    source: input.clone(),
                    error: e.to_string(),
                });
                print_error(&e.into());
            }
        }
    }
    let text = match args.format {
        SummaryFormatArg::Table => summary::table(&cards),
        SummaryFormatArg::Json => summary::json(&cards, &failures),
    };
    write_stdout(&text)?;
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
