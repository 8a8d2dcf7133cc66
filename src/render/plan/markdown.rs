//! The plan in Markdown: a checklist per phase.

use std::fmt::Write;

use crate::plan::{Plan, Step};
use crate::render::markdown::{header, table, text};
use crate::render::plan::{levels, summary, why};

/// Renders the plan as Markdown.
pub fn plan(plan: &Plan) -> String {
    let mut out = String::new();
    header(
        &mut out,
        "Improvement plan",
        &plan.questionnaire,
        &plan.assessment,
        &[],
    );
    let _ = writeln!(out, "{}\n", summary(plan));
    let rows: Vec<Vec<String>> = plan
        .phases
        .iter()
        .map(|p| {
            vec![
                p.number.to_string(),
                p.starts.to_string(),
                p.due.to_string(),
                p.days.to_string(),
                p.steps.len().to_string(),
                super::phase_effort(plan, p),
            ]
        })
        .collect();
    out.push_str(&table(
        &["Phase", "From", "Due", "Days", "Steps", "Effort"],
        &[true, false, false, true, true, false],
        &rows,
    ));
    for p in &plan.phases {
        let _ = writeln!(
            out,
            "\n## Phase {}: due {}\n\n{} days, from {} to {}.\n",
            p.number, p.due, p.days, p.starts, p.due
        );
        if p.steps.is_empty() {
            let _ = writeln!(out, "No steps.");
        }
        for s in &p.steps {
            step(&mut out, s);
        }
        let _ = writeln!(
            out,
            "\n{}\n\n- [ ] **Check**: {}",
            super::projected(p),
            text(&p.check.what)
        );
    }
    out
}

fn step(out: &mut String, s: &Step) {
    let flag = if s.quick_win { " *(quick win)*" } else { "" };
    let due = s.due.map(|d| format!(", due {d}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "- [{}] **{}** ({}): {}{due}{flag}",
        super::tick(s),
        text(&s.title),
        text(&s.question),
        text(&levels(s))
    );
    if let Some(action) = &s.action {
        let _ = writeln!(out, "  - Action: {}", text(action));
    }
    if let Some(kpi) = &s.kpi {
        let _ = writeln!(out, "  - Measure: {}", text(kpi));
    }
    let _ = writeln!(out, "  - Accepted when: {}", text(&s.acceptance));
    let _ = writeln!(out, "  - Serves: {}", text(&s.relevant));
    let _ = writeln!(out, "  - Owner: {}", text(super::owner(s)));
    let _ = writeln!(out, "  - Effort: {}", text(&super::effort(s)));
    for r in super::prerequisites(s) {
        let _ = writeln!(out, "  - Requires: {}", text(&r));
    }
    let _ = writeln!(out, "  - Status: {}", text(&super::status(s)));
    let _ = writeln!(out, "  - Why: {}", text(&why(s)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::plan::tests::sample;

    #[test]
    fn a_checklist_item_per_step_under_its_phase() {
        let p = sample();
        let md = plan(&p);
        assert!(md.starts_with("# Improvement plan: R&D \\<Ops>\n"), "{md}");
        // A box per step, and one per phase for its check.
        assert_eq!(
            md.matches("\n- [ ] **").count(),
            p.scheduled() + p.phases.len()
        );
        assert_eq!(
            md.matches("\n- [ ] **Check**: Check on ").count(),
            p.phases.len()
        );
        let phase2 = md.find("## Phase 2: due 2026-06-30").unwrap();
        let second = md.find("1 Initial -> 2 Repeatable").unwrap();
        let third = md
            .find("2 Repeatable -> 3 Defined, due 2026-06-30")
            .unwrap();
        assert!(second < phase2 && phase2 < third, "{md}");
    }
}
