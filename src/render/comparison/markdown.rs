//! A comparison in Markdown.

use std::fmt::Write;

use crate::compare::{Comparison, Movement};
use crate::render::comparison::{area_title, counts, describe, organization, trend};
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
        text(&q.version)
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
    let rows: Vec<Vec<String>> = cmp
        .areas
        .iter()
        .map(|a| {
            let c = &a.change;
            vec![
                text(&a.title),
                num(c.first),
                num(c.last),
                signed(c.change),
                num(c.target),
                percent(c.gap_closed),
                trend(&c.series),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "Area",
            "First",
            "Last",
            "Change",
            "Target",
            "Gap closed",
            "Trend",
        ],
        &[false, true, true, true, true, true, false],
        &rows,
    ));
    let _ = writeln!(out, "\n## Questions\n\n{}", counts(cmp));
    for (movement, heading) in [
        (Movement::Improved, "Improved"),
        (Movement::Declined, "Declined"),
    ] {
        let rows: Vec<Vec<String>> = cmp
            .questions_with(movement)
            .map(|q| {
                vec![
                    format!("{} ({})", text(&q.title), text(&q.id)),
                    text(area_title(cmp, &q.area)),
                    num(q.first),
                    num(q.last),
                    signed(q.change),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {heading}\n");
        out.push_str(&table(
            &["Question", "Area", "First", "Last", "Change"],
            &[false, false, true, true, true],
            &rows,
        ));
    }
    let unchanged: Vec<String> = cmp
        .questions_with(Movement::Unchanged)
        .map(|q| text(&q.title))
        .collect();
    if !unchanged.is_empty() {
        let _ = writeln!(out, "\n### Unchanged\n\n{}.", unchanged.join(", "));
    }
    out
}
