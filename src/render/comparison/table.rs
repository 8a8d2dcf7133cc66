//! A comparison in the terminal.

use crate::render::table::plain;
use std::fmt::Write;

use comfy_table::Cell;

use crate::compare::{Comparison, Movement};
use crate::render::comparison::{area_title, counts, describe, organization, trend};
use crate::render::table::{new_table, num_cell};
use crate::render::{Style, num, percent, signed};

/// Renders a comparison as text and tables.
pub fn comparison(cmp: &Comparison, style: &Style) -> String {
    let mut out = String::new();
    let q = &cmp.questionnaire;
    // Each is one line: a line break from input would forge a line.
    let _ = writeln!(
        out,
        "Progress: {} ({} {})",
        plain(&q.title),
        plain(&q.id),
        plain(&super::version_text(cmp))
    );
    if let Some(org) = organization(cmp) {
        let _ = writeln!(out, "Organization: {}", plain(org));
    }
    let _ = writeln!(out, "Assessments, in the order compared:");
    for (i, a) in cmp.assessments.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, plain(&describe(a)));
    }
    let o = &cmp.overall;
    let _ = writeln!(
        out,
        "\nOverall: {} -> {} ({}), {} of the gap to target {} closed\n",
        num(o.first),
        num(o.last),
        signed(o.change),
        percent(o.gap_closed),
        num(o.target)
    );

    let mut areas = new_table(
        &[
            "Area",
            "First",
            "Last",
            "Change",
            "Target",
            "Gap closed",
            "Trend",
        ],
        style,
    );
    for a in &cmp.areas {
        let c = &a.change;
        areas.add_row(vec![
            Cell::new(&a.title),
            num_cell(c.first),
            num_cell(c.last),
            Cell::new(signed(c.change)).set_alignment(comfy_table::CellAlignment::Right),
            num_cell(c.target),
            Cell::new(percent(c.gap_closed)).set_alignment(comfy_table::CellAlignment::Right),
            Cell::new(trend(&c.series)),
        ]);
    }
    let _ = writeln!(out, "{areas}\n");
    let _ = writeln!(out, "Questions: {}", counts(cmp));

    for (movement, heading) in [
        (Movement::Improved, "Improved"),
        (Movement::Declined, "Declined"),
    ] {
        let rows: Vec<_> = cmp.questions_with(movement).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading} ({}):", rows.len());
        let mut t = new_table(&["Question", "Area", "First", "Last", "Change"], style);
        for q in rows {
            t.add_row(vec![
                Cell::new(format!("{}\n{}", q.title, q.id)),
                Cell::new(area_title(cmp, &q.area)),
                num_cell(q.first),
                num_cell(q.last),
                Cell::new(signed(q.change)).set_alignment(comfy_table::CellAlignment::Right),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    if let Some(p) = &cmp.plan {
        use crate::render::comparison::{PLAN_HEADER, plan_rows, plan_summary, unplanned_rows};
        let _ = writeln!(out, "\nPlan versus actual: {}", plain(&plan_summary(p)));
        let mut t = new_table(&PLAN_HEADER, style);
        for row in plan_rows(p, plain_text) {
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
        let rows = unplanned_rows(p, plain_text);
        if !rows.is_empty() {
            let _ = writeln!(out, "\nMoved without a step of the plan ({}):", rows.len());
            let mut t = new_table(&["Question", "First", "Last"], style);
            for row in rows {
                t.add_row(row);
            }
            let _ = writeln!(out, "{t}");
        }
    }
    out
}

/// Text as a table cell shows it: on one line.
fn plain_text(s: &str) -> String {
    plain(s).to_string()
}
