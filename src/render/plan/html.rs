//! The plan as a self-contained page: an overview of the phases, then a
//! checklist per phase.

use std::fmt::Write;

use crate::plan::{Plan, Step};
use crate::render::html::{Section, escape, flags, header, page, table};
use crate::render::plan::{levels, summary, why};

/// Renders the plan as HTML.
pub fn plan(plan: &Plan) -> String {
    let mut sections = vec![overview(plan)];
    for p in &plan.phases {
        let mut body = format!(
            "<p class=\"small\">{} days, from {} to {}; {} steps.</p>\n",
            p.days,
            p.starts,
            p.due,
            p.steps.len()
        );
        checklist(&mut body, &p.steps);
        body.push_str(&format!(
            "<p>{}</p>\n<p><strong>Check</strong>: {}</p>\n",
            escape(&super::projected(p)),
            escape(&p.check.what)
        ));
        sections.push(Section::new(
            format!("phase-{}", p.number),
            format!("Phase {}: due {}", p.number, p.due),
            body,
        ));
    }
    let title = match &plan.assessment.organization {
        Some(org) => format!("Improvement plan: {org}"),
        None => "Improvement plan".to_string(),
    };
    page(
        &title,
        &header(
            "Improvement plan",
            &plan.questionnaire,
            &plan.assessment,
            &[("Plan", escape(&summary(plan)))],
        ),
        &sections,
    )
}

fn overview(plan: &Plan) -> Section {
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
                p.steps.iter().filter(|s| s.quick_win).count().to_string(),
                super::phase_effort(plan, p),
            ]
        })
        .collect();
    Section::new(
        "overview",
        "Phases",
        table(
            &[
                "Phase",
                "From",
                "Due",
                "Days",
                "Steps",
                "Quick wins",
                "Effort",
            ],
            &[true, false, false, true, true, true, false],
            &rows,
        ),
    )
}

fn checklist(body: &mut String, steps: &[Step]) {
    if steps.is_empty() {
        body.push_str("<p>No steps.</p>\n");
        return;
    }
    body.push_str("<ul class=\"checklist\">\n");
    for s in steps {
        let _ = write!(
            body,
            "<li><strong>{}</strong> <span class=\"small\">{}</span>: {} {}\n<dl>\n",
            escape(&s.title),
            escape(&s.question),
            escape(&levels(s)),
            flags(false, s.quick_win)
        );
        if let Some(action) = &s.action {
            let _ = writeln!(body, "<dt>Action</dt><dd>{}</dd>", escape(action));
        }
        if let Some(kpi) = &s.kpi {
            let _ = writeln!(body, "<dt>Measure</dt><dd>{}</dd>", escape(kpi));
        }
        let _ = writeln!(
            body,
            "<dt>Accepted when</dt><dd>{}</dd>\n<dt>Serves</dt><dd>{}</dd>\n<dt>Why</dt><dd>{}</dd>\n<dt>Effort</dt><dd>{}</dd>",
            escape(&s.acceptance),
            escape(&s.relevant),
            escape(&why(s)),
            escape(&super::effort(s))
        );
        for r in super::prerequisites(s) {
            let _ = writeln!(body, "<dt>Requires</dt><dd>{}</dd>", escape(&r));
        }
        if let Some(due) = s.due {
            let _ = writeln!(body, "<dt>Due</dt><dd>{due}</dd>");
        }
        let _ = writeln!(body, "<dt>Owner</dt><dd>{}</dd>", escape(super::owner(s)));
        let _ = writeln!(
            body,
            "<dt>Status</dt><dd>{}</dd>",
            escape(&super::status(s))
        );
        body.push_str("</dl></li>\n");
    }
    body.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::plan::tests::sample;

    #[test]
    fn a_section_per_phase_with_a_checklist_and_escaped_text() {
        let p = sample();
        let html = plan(&p);
        assert!(html.contains("<p class=\"subtitle\">R&amp;D &lt;Ops&gt;</p>"));
        assert_eq!(html.matches("<section id=\"phase-").count(), p.phases.len());
        assert_eq!(
            html.matches("<ul class=\"checklist\">").count(),
            2,
            "phases 1 and 2 have steps"
        );
        assert_eq!(
            html.matches("<dt>Accepted when</dt>").count(),
            p.scheduled()
        );
        assert!(
            !html.contains("<section id=\"backlog\""),
            "no backlog, no section"
        );
    }
}
