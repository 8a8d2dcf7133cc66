//! The plan as CSV: one row per step.

use crate::plan::{Plan, Step};
use crate::render::csv::{document, flag, number, opt_text, text};

/// Renders the plan as CSV.
pub fn plan(plan: &Plan) -> String {
    let row = |phase: String, s: &Step| {
        vec![
            phase,
            s.due.map(|d| d.to_string()).unwrap_or_default(),
            text(&s.question),
            text(&s.title),
            text(&s.area),
            text(&s.area_title),
            number(Some(s.from)),
            number(Some(s.to)),
            text(&s.from_label),
            text(&s.to_label),
            opt_text(s.action.as_deref()),
            opt_text(s.kpi.as_deref()),
            text(&s.acceptance),
            number(Some(s.priority)),
            flag(s.quick_win),
            text(super::owner(s)),
            text(&s.id),
            text(&s.relevant),
            text(s.effort.as_str()),
            s.points.to_string(),
            text(&super::prerequisites(s).join("; ")),
            flag(s.critical),
            text(s.status.as_str()),
            opt_text(s.reason.as_deref()),
        ]
    };
    let rows: Vec<Vec<String>> = plan
        .phases
        .iter()
        .flat_map(|p| p.steps.iter().map(move |s| (p.number, s)))
        .map(|(n, s)| row(n.to_string(), s))
        .collect();
    document(
        &[
            "phase",
            "due",
            "question",
            "title",
            "area",
            "area_title",
            "from",
            "to",
            "from_label",
            "to_label",
            "action",
            "kpi",
            "acceptance",
            "priority",
            "quick_win",
            "owner",
            "step",
            "relevant",
            "effort",
            "points",
            "requires",
            "critical",
            "status",
            "reason",
        ],
        &rows,
    )
}
