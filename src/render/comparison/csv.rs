//! A comparison as CSV: a row for the overall score, each area and each
//! question, with a column per assessment.

use crate::compare::{Change, Comparison};
use crate::render::csv::{document, number, text};

/// Renders a comparison as CSV.
pub fn comparison(cmp: &Comparison) -> String {
    let labels = cmp.labels();
    let mut header: Vec<&str> = vec!["kind", "id", "area", "title"];
    header.extend(labels.iter().map(String::as_str));
    header.extend(["first", "last", "change", "gap_closed", "status"]);
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
        row
    }));
    document(&header, &rows)
}
