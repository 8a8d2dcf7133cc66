//! `itsm-assess score`: one summary per respondent.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::batch::{Batch, Input};
use itsm_assess::render::summary::{Failure, Stream, StreamFormat, Summary};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Diagnostic, Error, Vision};

use crate::cli::{Global, ScoreArgs, SummaryFormatArg};
use crate::cmd::{
    Bar, aggregate, catalog, collect_inputs, print_exports, print_lib_error, survey_options,
    too_many_roles, write_json, write_stdout,
};

pub fn run(g: &Global, args: ScoreArgs) -> Result<ExitCode> {
    let mut catalog = catalog(g)?;
    let (inputs, mut failures) = collect_inputs(&args.inputs)?;
    let (inputs, others) = other_files(inputs);
    // A questionnaire with its rubric among the inputs scores the answers
    // that name it; the rest are passed over, each with a note.
    for (name, note) in catalog.add_found(&others) {
        crate::cmd::write_stderr(&format!("note: {name}: {note}\n"));
    }
    let catalog = catalog;
    let instrument = catalog.instrument(None)?;
    let vision_src = args
        .vision
        .as_deref()
        .map(crate::cmd::read_file)
        .transpose()?;
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
    for f in &failures {
        print_lib_error(&f.error);
    }
    // Each result is written as soon as it is scored: memory stays flat
    // however many respondents there are.
    let mut stream = Stream::new(match args.format {
        SummaryFormatArg::Table => StreamFormat::Table,
        SummaryFormatArg::Json => StreamFormat::Json,
    });
    let json = args.format == SummaryFormatArg::Json;
    let emit = |text: &str| {
        if json {
            write_json(text)
        } else {
            write_stdout(text)
        }
    };
    let mut written: Result<(), Error> = Ok(());
    let before = failures.len();
    let mut sink = |result: Result<Summary, itsm_assess::batch::Failure>| match result {
        Ok(row) if row.coverage.answered == 0 => {
            let source = row.source.clone().unwrap_or_default();
            if let Some(d) = row.coverage.nothing_answered(&source) {
                failures.push(itsm_assess::batch::Failure {
                    source,
                    error: d.into(),
                });
            }
        }
        Ok(row) => {
            let text = stream.row(row);
            if written.is_ok() && !text.is_empty() {
                written = emit(&text);
            }
        }
        Err(f) => failures.push(f),
    };
    let exports = batch.score_each(&inputs, Summary::compute, &mut sink);
    written?;
    // How each export was read, then what could not be: as before streaming.
    print_exports(&exports);
    for f in &failures[before..] {
        print_lib_error(&f.error);
    }
    let team = match args.summary {
        false => None,
        true => {
            let (mut tally, _) = batch.tally(&inputs, instrument);
            tally.set_min_group(args.inputs.min_group);
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
    if stream.rows() == 0 && failures.is_empty() {
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
    let shown: Vec<Failure> = failures
        .iter()
        .map(|f| Failure {
            source: f.source.clone(),
            error: f.error.to_string(),
        })
        .collect();
    emit(&stream.finish(&shown, team.as_ref()))?;
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Named files that are questionnaires, rubrics or visions are not
/// answers, as folders pass them over: `score examples/*.toml` scores the
/// answers among them. Returns the answers inputs, and the others read
/// (visions noted as skipped here).
fn other_files(inputs: Vec<Input>) -> (Vec<Input>, Vec<itsm_assess::Source>) {
    use itsm_assess::validate::{Kind, detect};
    let mut others = Vec::new();
    let inputs = inputs
        .into_iter()
        .filter(|input| {
            let Input::Answers { path, found: false } = input else {
                return true;
            };
            let Ok(src) = itsm_assess::Source::read(path) else {
                return true;
            };
            match detect(&src).ok() {
                Some(Kind::Answers) | None => true,
                Some(Kind::Vision) => {
                    crate::cmd::write_stderr(&format!(
                        "note: {}: skipped: a vision, not answers\n",
                        path.display()
                    ));
                    false
                }
                Some(_) => {
                    others.push(src);
                    false
                }
            }
        })
        .collect();
    (inputs, others)
}
