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
                "\nquestion,tools.cmdb,tools,Configuration data quality,2,2,1,2,1,-1,,declined\n"
            ),
            "{text}"
        );
    }
}
