//! The plan in the terminal: an overview table of the phases, then each
//! phase as a checklist of steps.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment};

use crate::plan::{Plan, Step};
use crate::render::Style;
use crate::render::plan::{levels, summary, why};
use crate::render::table::{new_table, plain};

/// Renders the plan as text.
pub fn plan(plan: &Plan, style: &Style) -> String {
    let mut out = String::new();
    let q = &plan.questionnaire;
    let a = &plan.assessment;
    let _ = writeln!(
        out,
        "Improvement plan: {} ({} {})",
        plain(&q.title),
        plain(&q.id),
        plain(&q.version)
    );
    let mut who = Vec::new();
    if let Some(org) = &a.organization {
        who.push(format!("Organization: {}", plain(org)));
    }
    if let Some(date) = a.date {
        who.push(format!("Assessed: {date}"));
    }
    if let Some(source) = &a.source {
        who.push(format!("Answers: {}", plain(source)));
    }
    if !who.is_empty() {
        let _ = writeln!(out, "{}", who.join("  |  "));
    }
    let _ = writeln!(out, "{}\n", summary(plan));

    let mut overview = new_table(&["Phase", "From", "Due", "Days", "Steps", "Effort"], style);
    for p in &plan.phases {
        overview.add_row(vec![
            Cell::new(p.number).set_alignment(CellAlignment::Right),
            Cell::new(p.starts),
            Cell::new(p.due),
            Cell::new(p.days).set_alignment(CellAlignment::Right),
            Cell::new(p.steps.len()).set_alignment(CellAlignment::Right),
            Cell::new(super::phase_effort(plan, p)),
        ]);
    }
    let _ = writeln!(out, "{overview}");

    for p in &plan.phases {
        let _ = writeln!(
            out,
            "\nPhase {}: {} to {} ({} days), due {}",
            p.number, p.starts, p.due, p.days, p.due
        );
        if p.steps.is_empty() {
            let _ = writeln!(out, "  no steps");
        }
        for s in &p.steps {
            step(&mut out, s);
        }
        let _ = writeln!(out, "  {}", super::projected(p));
        let _ = writeln!(out, "  {}", p.check.what);
    }
    out
}

fn step(out: &mut String, s: &Step) {
    let flag = if s.quick_win { "  [quick win]" } else { "" };
    let _ = writeln!(
        out,
        "  [{}] {} ({}): {}{flag}",
        super::tick(s),
        s.title,
        s.question,
        levels(s)
    );
    if let Some(action) = &s.action {
        let _ = writeln!(out, "      Do:       {action}");
    }
    if let Some(kpi) = &s.kpi {
        let _ = writeln!(out, "      Measure:  {kpi}");
    }
    let _ = writeln!(out, "      Accepted: {}", s.acceptance);
    let _ = writeln!(out, "      Serves:   {}", s.relevant);
    let _ = writeln!(out, "      Why:      {}", why(s));
    let _ = writeln!(out, "      Effort:   {}", super::effort(s));
    for r in super::prerequisites(s) {
        let _ = writeln!(out, "      Requires: {r}");
    }
    if let Some(due) = s.due {
        let _ = writeln!(out, "      Due:      {due}");
    }
    let _ = writeln!(out, "      Owner:    {}", plain(super::owner(s)));
    let _ = writeln!(out, "      Status:   {}", super::status(s));
}
