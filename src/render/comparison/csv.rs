//! A comparison as CSV: a row for the overall score, each area and each
//! question, with a column per assessment. With a plan (`compare --plan`),
//! a row per step of the plan follows (kind `step`), and the plan's
//! columns are added: the step's phase, level, due date, owner, status,
//! reason and outcome; a question that moved with no step says so in
//! `outcome` (`moved-without-step`).

use crate::compare::{Change, Comparison};
use crate::render::csv::{document, number, opt_text, text};

/// Renders a comparison as CSV.
pub fn comparison(cmp: &Comparison) -> String {
    let labels = cmp.labels();
    let mut header: Vec<&str> = vec!["kind", "id", "area", "title"];
    header.extend(labels.iter().map(String::as_str));
    header.extend(["first", "last", "change", "gap_closed", "status"]);
    let plan = cmp.plan.as_ref();
    if plan.is_some() {
        header.extend(PLAN_COLUMNS);
    }
    // Rows that are not steps leave the plan's columns empty.
    let pad = |row: &mut Vec<String>, outcome: &str| {
        if plan.is_some() {
            row.extend((1..PLAN_COLUMNS.len()).map(|_| String::new()));
            row.push(text(outcome));
        }
    };
    let change_row = |kind: &str, id: &str, title: &str, c: &Change| {
        let mut row = vec![text(kind), text(id), String::new(), text(title)];
        row.extend(c.series.iter().map(|v| number(*v)));
        row.extend([
            number(c.first),
            number(c.last),
            number(c.change),
            number(c.gap_closed),
            String::new(),
        ]);
        pad(&mut row, "");
        row
    };
    let mut rows = vec![change_row("overall", "", "Overall", &cmp.overall)];
    rows.extend(
        cmp.areas
            .iter()
            .map(|a| change_row("area", &a.id, &a.title, &a.change)),
    );
    rows.extend(cmp.questions.iter().map(|q| {
        let mut row = vec![text("question"), text(&q.id), text(&q.area), text(&q.title)];
        row.extend(q.series.iter().map(|v| number(*v)));
        row.extend([
            number(q.first),
            number(q.last),
            number(q.change),
            String::new(),
            text(q.status.as_str()),
        ]);
        let moved = plan.is_some_and(|p| p.moved_without_step.iter().any(|m| m.question == q.id));
        pad(&mut row, if moved { "moved-without-step" } else { "" });
        row
    }));
    if let Some(p) = plan {
        let blanks = labels.len();
        rows.extend(p.steps.iter().map(|s| {
            let area = cmp
                .questions
                .iter()
                .find(|q| q.id == s.question)
                .map_or("", |q| q.area.as_str());
            let mut row = vec![text("step"), text(&s.id), text(area), text(&s.title)];
            // A step has no series; its levels are the first and last.
            row.extend((0..blanks).map(|_| String::new()));
            row.extend([
                number(s.before),
                number(s.after),
                number(match (s.before, s.after) {
                    (Some(b), Some(a)) => Some(a - b),
                    _ => None,
                }),
                String::new(),
                String::new(),
                text(&s.question),
                s.phase.to_string(),
                number(Some(s.to)),
                text(&s.to_label),
                s.due.map(|d| d.to_string()).unwrap_or_default(),
                opt_text(s.owner.as_deref()),
                text(s.status.as_str()),
                opt_text(s.reason.as_deref()),
                text(s.outcome.key()),
            ]);
            row
        }));
    }
    document(&header, &rows)
}

/// The plan's columns, after the comparison's.
const PLAN_COLUMNS: [&str; 9] = [
    "question",
    "phase",
    "to",
    "to_label",
    "due",
    "owner",
    "plan_status",
    "reason",
    "outcome",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::comparison::tests::sample;

    #[test]
    fn a_column_per_assessment_and_a_row_per_item() {
        let cmp = sample();
        let text = comparison(&cmp);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "kind,id,area,title,2026-01-01,2026-07-01,2027-01-01,first,last,change,gap_closed,status"
            )
        );
        assert_eq!(
            lines.next(),
            Some("overall,,,Overall,1.5,2,1.75,1.5,1.75,0.25,0.17,")
        );
        assert_eq!(
            text.lines().count(),
            1 + 1 + cmp.areas.len() + cmp.questions.len()
        );
        // The change is a number cell: -1 stays -1, not neutralised.
        assert!(
            text.contains(
                "\nquestion,tools.cmdb,tools,\"Configuration database: model, discovery and relationships\",2,2,1,2,1,-1,,declined\n"
            ),
            "{text}"
        );
    }
}
