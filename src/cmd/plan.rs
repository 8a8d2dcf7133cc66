//! `itsm-assess plan`: the phased improvement plan of one assessment or a team.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::model::Date;
use itsm_assess::plan;
use itsm_assess::render;

use crate::cli::{Global, PlanArgs};
use crate::cmd::{assess, catalog, emit_file, output_format, read_file, style};

pub fn run(g: &Global, args: PlanArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let (plan, instrument, code) = match &args.from {
        // A plan file kept up to date by its owners, rendered as it stands.
        Some(from) => {
            let plan = plan::file::read(&read_file(from)?)?;
            let instrument = catalog.instrument(Some(&plan.questionnaire.id))?;
            (plan, instrument, ExitCode::SUCCESS)
        }
        None => {
            let assessed = assess(&catalog, &args.inputs, args.vision.as_deref())?;
            let card = &assessed.card;
            let start = args
                .start
                .or(card.assessment.date)
                .unwrap_or_else(Date::today);
            let vision = assessed.vision.as_ref();
            let mut plan = plan::plan_for(card, assessed.instrument, vision, start);
            if let Some(v) = vision {
                plan.assign_owners(&v.owners);
            }
            (plan, assessed.instrument, assessed.exit_code())
        }
    };
    let style = style(g, args.output.as_deref(), render::Style::default().top);
    emit_file(
        render::plan::file(&plan, instrument, format, &style)?,
        args.output.as_deref(),
        format,
        &style,
    )?;
    Ok(code)
}
