//! A comparison in Markdown.

use std::fmt::Write;

use crate::compare::{Comparison, Movement, QuestionChange};
use crate::render::comparison::{
    AREA_HEADER, AREA_RIGHT, MOVED_HEADER, MOVED_RIGHT, area_rows, counts, describe, moved_rows,
    organization,
};
use crate::render::markdown::{table, text};
use crate::render::{num, percent, signed};

/// Renders a comparison as Markdown.
pub fn comparison(cmp: &Comparison) -> String {
    let mut out = String::new();
    match organization(cmp) {
        Some(org) => {
            let _ = writeln!(out, "# Progress: {}\n", text(org));
        }
        None => {
            let _ = writeln!(out, "# Progress\n");
        }
    }
    let q = &cmp.questionnaire;
    let _ = writeln!(
        out,
        "Questionnaire: {} ({} {}). Assessments, in the order compared:\n",
        text(&q.title),
        text(&q.id),
        text(&super::version_text(cmp))
    );
    for (i, a) in cmp.assessments.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, text(&describe(a)));
    }
    let o = &cmp.overall;
    let _ = writeln!(
        out,
        "\n## Overall\n\n{} -> {} (**{}**), **{}** of the gap to target {} closed.\n",
        num(o.first),
        num(o.last),
        signed(o.change),
        percent(o.gap_closed),
        num(o.target)
    );
    let _ = writeln!(out, "## Areas\n");
    out.push_str(&table(&AREA_HEADER, &AREA_RIGHT, &area_rows(cmp, text)));
    let _ = writeln!(out, "\n## Questions\n\n{}", counts(cmp));
    for (movement, heading) in [
        (Movement::Improved, "Improved"),
        (Movement::Declined, "Declined"),
    ] {
        let question = |q: &QuestionChange| format!("{} ({})", text(&q.title), text(&q.id));
        let rows = moved_rows(cmp, movement, &question, text);
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {heading}\n");
        out.push_str(&table(&MOVED_HEADER, &MOVED_RIGHT, &rows));
    }
    let unchanged: Vec<String> = cmp
        .questions_with(Movement::Unchanged)
        .map(|q| text(&q.title))
        .collect();
    if !unchanged.is_empty() {
        let _ = writeln!(out, "\n### Unchanged\n\n{}.", unchanged.join(", "));
    }
    if let Some(p) = &cmp.plan {
        use crate::render::comparison::{
            PLAN_HEADER, PLAN_RIGHT, plan_rows, plan_summary, unplanned_rows,
        };
        let _ = writeln!(
            out,
            "\n## Plan versus actual\n\n{}\n",
            text(&plan_summary(p))
        );
        out.push_str(&table(&PLAN_HEADER, &PLAN_RIGHT, &plan_rows(p, text)));
        let rows = unplanned_rows(p, text);
        if !rows.is_empty() {
            let _ = writeln!(out, "\n### Moved without a step\n");
            out.push_str(&table(
                &["Question", "First", "Last"],
                &[false, true, true],
                &rows,
            ));
        }
    }
    out
}
