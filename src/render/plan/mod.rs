//! Renderers of the improvement plan, one file per format.

pub mod azure_devops;
pub mod csv;
pub mod html;
pub mod jira;
pub mod markdown;
pub mod table;
pub mod tracker;

use crate::error::Error;
use crate::model::{Instrument, fmt_num};
use crate::plan::{Plan, Step};
use crate::render::{OutputFormat, ReportFormat, Style, json, num, xlsx};

/// Renders a plan in a format.
pub fn render(plan: &Plan, format: ReportFormat, style: &Style) -> String {
    match format {
        ReportFormat::Table => table::plan(plan, style),
        ReportFormat::Json => json::document(plan),
        ReportFormat::Markdown => markdown::plan(plan),
        ReportFormat::Csv => csv::plan(plan),
        ReportFormat::Html => html::plan(plan),
    }
}

/// Renders a plan in any format, the workbook and the tracker imports
/// included, as the bytes of the file; the instrument gives each step's
/// effort and question.
pub fn file(
    plan: &Plan,
    instrument: &Instrument,
    format: OutputFormat,
    style: &Style,
) -> Result<Vec<u8>, Error> {
    Ok(match format {
        OutputFormat::Text(f) => render(plan, f, style).into_bytes(),
        OutputFormat::Xlsx => xlsx::plan(plan)?,
        OutputFormat::JiraCsv => jira::plan(plan, instrument).into_bytes(),
        OutputFormat::AzureDevOpsCsv => azure_devops::plan(plan, instrument).into_bytes(),
        OutputFormat::PlanToml => crate::plan::file::write(plan).into_bytes(),
    })
}

/// What changes, as levels: `1 Initial -> 2 Repeatable`.
pub fn levels(step: &Step) -> String {
    format!(
        "{} {} -> {} {}",
        fmt_num(step.from),
        step.from_label,
        fmt_num(step.to),
        step.to_label
    )
}

/// Why the step matters: its area's gap, and the step's priority.
pub fn why(step: &Step) -> String {
    match step.area_gap {
        Some(gap) if gap > 0.0 => format!(
            "{} falls {} short of its target; priority {}",
            step.area_title,
            num(Some(gap)),
            num(Some(step.priority))
        ),
        _ => format!("{}; priority {}", step.area_title, num(Some(step.priority))),
    }
}

/// A step's effort and its points of a phase: `medium (2 points)`.
pub fn effort(s: &Step) -> String {
    let unit = if s.points == 1 { "point" } else { "points" };
    format!("{} ({} {unit})", s.effort.as_str(), s.points)
}

/// Each prerequisite of a step, in words: the question and level needed,
/// and where the plan stands on it.
pub fn prerequisites(s: &Step) -> Vec<String> {
    s.requires
        .iter()
        .map(|r| {
            let level = match &r.label {
                Some(label) => format!("{} {label}", fmt_num(r.level)),
                None => fmt_num(r.level),
            };
            let state = match (r.met, r.reached, r.phase) {
                (true, _, _) => "already there".to_string(),
                (false, true, Some(p)) => format!("reached in phase {p}"),
                (false, false, Some(p)) => {
                    format!("the plan stops below it, at that question's target, in phase {p}")
                }
                _ => "not in this plan (no step raises it)".to_string(),
            };
            format!("{} ({}) at {level}: {state}", r.title, r.question)
        })
        .collect()
}

/// A step's checkbox: ticked when done, crossed out when it will not be.
pub fn tick(s: &Step) -> char {
    match s.status {
        crate::plan::StepStatus::Done => 'x',
        crate::plan::StepStatus::WontDo => '-',
        _ => ' ',
    }
}

/// Where a step stands, with the reason where one is given.
pub fn status(s: &Step) -> String {
    status_text(s.status, s.reason.as_deref())
}

/// A status with its reason: `wont-do (risk accepted)`.
pub fn status_text(status: crate::plan::StepStatus, reason: Option<&str>) -> String {
    match reason {
        Some(reason) => format!("{} ({reason})", status.as_str()),
        None => status.as_str().to_string(),
    }
}

/// A phase's effort against its room: `14 of 16 points`.
pub fn phase_effort(plan: &Plan, p: &crate::plan::Phase) -> String {
    format!("{} of {} points", p.effort, plan.effort_per_phase)
}

/// One line on the size and start of the plan.
pub fn summary(plan: &Plan) -> String {
    let days: Vec<String> = plan.phases.iter().map(|p| p.days.to_string()).collect();
    let all_same = days.windows(2).all(|w| w[0] == w[1]);
    let lengths = match days.first() {
        Some(d) if all_same => format!("{d} days each"),
        _ => format!("{} days", days.join(", ")),
    };
    format!(
        "Starts {}; {} phases of {lengths}; {} steps, each with its due date.",
        plan.start,
        plan.phases.len(),
        plan.scheduled()
    )
}

/// Who owns a step: the vision's owner, or that one is still to be named.
pub fn owner(s: &crate::plan::Step) -> &str {
    s.owner.as_deref().unwrap_or(NO_OWNER)
}

/// What every format says of a step whose owner the vision does not name.
pub const NO_OWNER: &str = "owner to be named";

/// What a phase's end looks like: the projected scores once its steps and
/// those before are done.
pub fn projected(p: &crate::plan::Phase) -> String {
    format!(
        "Projected when done: overall {}, {} to target.",
        crate::render::num(p.projected.overall),
        crate::render::percent_of_100(p.projected.percent_to_target)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::{Answer, Answers, Assessment, Date};
    use crate::plan::plan;
    use crate::score::{AssessmentInfo, score};

    /// A plan of the built-in questionnaire with one question far short.
    pub(super) fn sample() -> Plan {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("R&D <Ops>".into()),
            ..Assessment::default()
        });
        a.set("processes.incident", Answer::level(1.0));
        a.set("tools.cmdb", Answer::level(2.0));
        let card = score(&i, &a, None, AssessmentInfo::default());
        plan(&card, &i, Date::parse("2026-01-01").unwrap())
    }

    #[test]
    fn steps_read_as_levels_and_reasons() {
        let p = sample();
        let first = &p.phases[0].steps[0];
        assert_eq!(first.question, "processes.incident");
        assert_eq!(levels(first), "1 Initial -> 2 Repeatable");
        // Processes: one answer at 1 against the default target 3.
        assert_eq!(
            why(first),
            "Processes falls 2.00 short of its target; priority 2.00"
        );
        assert_eq!(
            summary(&p),
            "Starts 2026-01-01; 4 phases of 90 days each; 3 steps, each with its due date."
        );
    }
}
