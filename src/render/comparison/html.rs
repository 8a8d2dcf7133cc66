//! A comparison as a self-contained page with a trend chart.

use std::fmt::Write;

use crate::compare::{Comparison, Movement, QuestionChange};
use crate::render::comparison::{
    AREA_HEADER, AREA_RIGHT, MOVED_HEADER, MOVED_RIGHT, area_rows, counts, describe, moved_rows,
    organization,
};
use crate::render::html::{Section, escape, figure, meta, page, table};
use crate::render::svg::{self, Axis, Line};
use crate::render::{num, percent, signed};

/// Renders a comparison as HTML.
pub fn comparison(cmp: &Comparison) -> String {
    let q = &cmp.questionnaire;
    let mut head = String::from("<h1>Progress over time</h1>\n");
    if let Some(org) = organization(cmp) {
        let _ = writeln!(head, "<p class=\"subtitle\">{}</p>", escape(org));
    }
    let mut rows = vec![(
        "Questionnaire",
        format!(
            "{} ({} {})",
            escape(&q.title),
            escape(&q.id),
            escape(&super::version_text(cmp))
        ),
    )];
    let list: Vec<String> = cmp
        .assessments
        .iter()
        .map(|a| format!("<li>{}</li>", escape(&describe(a))))
        .collect();
    rows.push(("Assessments", format!("<ol>{}</ol>", list.join(""))));
    head.push_str(&meta(&rows));

    let mut sections = vec![overall(cmp), chart(cmp), areas(cmp), questions(cmp)];
    if let Some(p) = &cmp.plan {
        use crate::render::comparison::{
            PLAN_HEADER, PLAN_RIGHT, plan_rows, plan_summary, unplanned_rows,
        };
        let mut body = format!("<p>{}</p>\n", escape(&plan_summary(p)));
        body.push_str(&table(&PLAN_HEADER, &PLAN_RIGHT, &plan_rows(p, escape)));
        let rows = unplanned_rows(p, escape);
        if !rows.is_empty() {
            body.push_str("<h3>Moved without a step</h3>\n");
            body.push_str(&table(
                &["Question", "First", "Last"],
                &[false, true, true],
                &rows,
            ));
        }
        sections.push(Section::new("plan", "Plan versus actual", body));
    }
    let title = match organization(cmp) {
        Some(org) => format!("Progress: {org}"),
        None => "Progress".to_string(),
    };
    page(&title, &head, &sections)
}

fn overall(cmp: &Comparison) -> Section {
    let o = &cmp.overall;
    let mut body = String::from("<div class=\"figures\">\n");
    body.push_str(&figure("First", &num(o.first), "overall, first assessment"));
    body.push_str(&figure("Last", &num(o.last), "overall, last assessment"));
    body.push_str(&figure("Change", &signed(o.change), "levels"));
    body.push_str(&figure(
        "Gap closed",
        &percent(o.gap_closed),
        &format!("of the first gap to target {}", num(o.target)),
    ));
    body.push_str("</div>\n");
    Section::new("overall", "Overall", body)
}

/// The value axis: whole levels from the lowest to the highest score or target.
fn axis(cmp: &Comparison) -> Axis {
    let values = cmp.areas.iter().flat_map(|a| {
        a.change
            .series
            .iter()
            .copied()
            .chain([a.change.target])
            .flatten()
    });
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() {
        (lo.floor().min(0.0), hi.ceil().max(lo.floor() + 1.0))
    } else {
        (0.0, 1.0)
    };
    let mut ticks = Vec::new();
    let mut t = lo;
    while t <= hi + 1e-9 {
        ticks.push(t);
        t += 1.0;
    }
    Axis { lo, hi, ticks }
}

fn chart(cmp: &Comparison) -> Section {
    let mut lines: Vec<Line> = cmp
        .areas
        .iter()
        .map(|a| Line {
            label: &a.title,
            points: &a.change.series,
            bold: false,
        })
        .collect();
    lines.push(Line {
        label: "Overall",
        points: &cmp.overall.series,
        bold: true,
    });
    let body = format!(
        "<figure>{}<figcaption>Current level per area and overall in each assessment.</figcaption></figure>\n",
        svg::trend("Trend per area", &lines, &cmp.labels(), &axis(cmp))
    );
    Section::new("trend", "Trend", body)
}

fn areas(cmp: &Comparison) -> Section {
    Section::new(
        "areas",
        "Areas",
        table(&AREA_HEADER, &AREA_RIGHT, &area_rows(cmp, escape)),
    )
}

fn questions(cmp: &Comparison) -> Section {
    let mut body = format!("<p>{}</p>\n", escape(&counts(cmp)));
    for (movement, heading) in [
        (Movement::Improved, "Improved"),
        (Movement::Declined, "Declined"),
    ] {
        let question = |q: &QuestionChange| {
            format!(
                "<strong>{}</strong> <span class=\"small\">{}</span>",
                escape(&q.title),
                escape(&q.id)
            )
        };
        let rows = moved_rows(cmp, movement, &question, escape);
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(body, "<h3>{heading}</h3>");
        body.push_str(&table(&MOVED_HEADER, &MOVED_RIGHT, &rows));
    }
    let unchanged: Vec<String> = cmp
        .questions_with(Movement::Unchanged)
        .map(|q| escape(&q.title))
        .collect();
    if !unchanged.is_empty() {
        let _ = writeln!(body, "<h3>Unchanged</h3>\n<p>{}.</p>", unchanged.join(", "));
    }
    Section::new("questions", "Questions", body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::comparison::tests::sample;

    #[test]
    fn a_trend_chart_with_a_line_per_area_and_escaped_text() {
        let cmp = sample();
        let html = comparison(&cmp);
        assert!(html.contains("<p class=\"subtitle\">R&amp;D &lt;Ops&gt;</p>"));
        assert_eq!(html.matches("<svg class=\"chart\"").count(), 1);
        // Processes, tools and overall have three points; training and
        // management have none, so no line.
        assert_eq!(html.matches("<polyline").count(), 3);
        assert!(html.contains("<h3>Improved</h3>") && html.contains("<h3>Declined</h3>"));
    }
}
