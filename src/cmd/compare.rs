//! `itsm-assess compare`: progress over two or more assessments.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::compare;
use itsm_assess::compare::Order;
use itsm_assess::render;

use crate::cli::{CompareArgs, Global};
use crate::cmd::{Usage, catalog, emit_file, output_format, score_input, style};

pub fn run(g: &Global, args: CompareArgs) -> Result<ExitCode> {
    if args.answers.iter().filter(|a| *a == "-").count() > 1 {
        return Err(Usage("standard input (-) can be given only once".into()).into());
    }
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let vision = args
        .vision
        .as_deref()
        .map(crate::cmd::read_file)
        .transpose()?;
    let cards = args
        .answers
        .iter()
        .map(|input| Ok(score_input(&catalog, input, vision.as_ref())?.0))
        .collect::<Result<Vec<_>>>()?;
    let order = if args.keep_order {
        Order::AsGiven
    } else {
        Order::ByDate
    };
    let mut comparison = compare(cards, order)?;
    if let Some(path) = &args.plan {
        let src = crate::cmd::read_file(path)?;
        let plan = itsm_assess::plan::file::read(&src)?;
        comparison.plan = Some(itsm_assess::plan::progress::progress(
            &plan,
            &src.name,
            &comparison,
        )?);
    }
    let style = style(g, args.output.as_deref(), render::Style::default().top);
    emit_file(
        render::comparison::file(&comparison, format, &style)?,
        args.output.as_deref(),
        format,
        &style,
    )?;
    Ok(ExitCode::SUCCESS)
}
