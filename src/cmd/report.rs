//! `itsm-assess report`: the gap report of one assessment or of a team.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::render;

use crate::cli::{Global, ReportArgs};
use crate::cmd::{assess, catalog, emit_file, output_format, style};

pub fn run(g: &Global, args: ReportArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let catalog = catalog(g)?;
    let mut assessed = assess(&catalog, &args.inputs, args.vision.as_deref())?;
    if !args.pulse.is_empty() {
        let view = pulse(&args, &assessed)?;
        assessed.card.pulse = Some(view);
    }
    let style = style(g, args.output.as_deref(), args.top);
    emit_file(
        render::report_file(&assessed.card, assessed.instrument, format, &style)?,
        args.output.as_deref(),
        format,
        &style,
    )?;
    Ok(assessed.exit_code())
}

/// The staff pulse of `--pulse`, read with the built-in itsm-pulse
/// questionnaire and set beside the assessment.
fn pulse(
    args: &ReportArgs,
    assessed: &crate::cmd::Assessed,
) -> Result<itsm_assess::pulse::PulseView> {
    let b = itsm_assess::builtin::BuiltIn::find("itsm-pulse")
        .ok_or_else(|| anyhow::anyhow!("the built-in pulse survey is missing"))?;
    let pulse_catalog =
        itsm_assess::Catalog::new(Some(&b.questionnaire_source()), Some(&b.rubric_source()))?;
    let inputs = crate::cli::InputArgs {
        answers: args.pulse.clone(),
        csv: Vec::new(),
        ignore_unknown_columns: args.inputs.ignore_unknown_columns,
        map: None,
        role_column: None,
        aggregate: args.inputs.aggregate,
        min_group: args.inputs.min_group,
    };
    let staff = assess(&pulse_catalog, &inputs, None)?;
    Ok(itsm_assess::pulse::beside(
        &assessed.card,
        &staff.card,
        &staff.instrument.questionnaire,
        assessed.instrument.rubric.gap.disagreement,
    )?)
}
