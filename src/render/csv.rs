//! The CSV report: one row per question. Also the CSV building blocks the
//! plan and comparison renderers share.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return as a formula. Every text cell is passed through [`text`],
//! which puts a single quote before such a start. Number cells are written
//! by [`number`] and never neutralised, so a negative gap stays `-1`, a
//! number the spreadsheet can compute with.

use crate::model::fmt_num;
use crate::score::Scorecard;

/// Characters a spreadsheet treats as the start of a formula, with their
/// fullwidth forms (which some spreadsheets fold into the plain ones).
const FORMULA_START: [char; 14] = [
    '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}', '\u{fe66}', '\u{fe62}',
    '\u{fe63}', '\u{2212}', '\t', '\r',
];

/// Characters a spreadsheet may pass over before it sees a formula: spaces,
/// line breaks, the no-break space, zero-width characters and the byte
/// order mark.
fn is_skipped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{ad}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200c}'
                | '\u{200d}'
                | '\u{2060}'
                | '\u{3164}'
                | '\u{feff}'
        )
}

/// Whether a text cell would be run as a formula: a formula character
/// first, or after any run of [`is_skipped`] characters.
pub fn is_formula_like(s: &str) -> bool {
    s.starts_with(FORMULA_START) || s.trim_start_matches(is_skipped).starts_with(FORMULA_START)
}

/// A text cell, neutralised when a spreadsheet would run it as a formula.
/// Every text cell goes through here, header cells included: one rule.
pub fn text(s: &str) -> String {
    if is_formula_like(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// An optional text cell; empty when absent.
pub fn opt_text(s: Option<&str>) -> String {
    s.map(text).unwrap_or_default()
}

/// A number cell; empty when absent. Written by the tool, never neutralised.
pub fn number(v: Option<f64>) -> String {
    v.map(fmt_num).unwrap_or_default()
}

/// A boolean cell: `true` or `false`.
pub fn flag(b: bool) -> String {
    b.to_string()
}

/// A whole CSV document, quoted where needed, with a header row.
pub fn document(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory cannot fail; the rows all have the header's length.
    // A header may name input (a file name in a comparison): guarded too.
    let _ = w.write_record(header.iter().map(|h| text(h)));
    for row in rows {
        let _ = w.write_record(row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The gap report: one row per question with its area, scores, gap,
/// priority, flags and note; a team report adds each question's spread,
/// whether the respondents disagree, and a `role_mean:ROLE` column per
/// role shown (empty where the role gave no level).
pub fn report(card: &Scorecard) -> String {
    let team = card.respondents.is_some();
    let roles = card.roles.as_deref().unwrap_or_default();
    let rows: Vec<Vec<String>> = card
        .questions
        .iter()
        .map(|q| {
            let area = card.area(&q.area).map_or(q.area.as_str(), |a| &a.title);
            let mut row = vec![
                text(&q.id),
                text(&q.title),
                text(&q.area),
                text(area),
                text(match q.status {
                    crate::score::Status::Answered => "answered",
                    crate::score::Status::NotApplicable => "not_applicable",
                    crate::score::Status::Unanswered => "unanswered",
                }),
                number(q.current),
                number(q.target),
                number(q.gap),
                number(Some(q.weight)),
                text(q.effort.as_str()),
                number(q.priority),
                flag(q.critical),
                flag(q.quick_win),
                opt_text(q.note.as_deref()),
            ];
            if team {
                let s = q.spread;
                row.extend([
                    s.map_or(String::new(), |s| s.n.to_string()),
                    number(s.and_then(|s| s.min)),
                    number(s.and_then(|s| s.max)),
                    number(s.and_then(|s| s.stdev)),
                    flag(q.disagreement == Some(true)),
                ]);
                row.extend(roles.iter().map(|r| {
                    number(
                        r.questions
                            .iter()
                            .find(|rq| rq.id == q.id)
                            .and_then(|rq| rq.current),
                    )
                }));
            }
            row
        })
        .collect();
    let mut header = vec![
        "question",
        "title",
        "area",
        "area_title",
        "status",
        "current",
        "target",
        "gap",
        "weight",
        "effort",
        "priority",
        "critical",
        "quick_win",
        "note",
    ];
    let role_headers: Vec<String> = roles
        .iter()
        .map(|r| format!("role_mean:{}", r.role))
        .collect();
    if team {
        header.extend(["respondents", "min", "max", "stdev", "disagreement"]);
        header.extend(role_headers.iter().map(String::as_str));
    }
    document(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_behind_spaces_and_invisible_characters_are_neutralised() {
        for cell in [
            " =1+1",
            "\n=HYPERLINK(\"http://x\")",
            "\u{a0}=1",
            "\u{200b}@SUM(1)",
            "\u{feff}+1",
            "\u{ff1d}1+1",
            "  \u{ff20}SUM(1)",
            "\u{ad}=1",
            "\u{3164}=1",
            "\u{fe66}1",
            "\u{2212}1+1",
        ] {
            assert_eq!(text(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["a = b", "1-2", " plain", "\u{a0}text"] {
            assert_eq!(text(cell), cell, "{cell:?}");
        }
        let doc = document(&["=HYPERLINK(\"x\")", "@SUM(1)", "area"], &[]);
        assert_eq!(doc, "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(1),area\n");
    }

    #[test]
    fn formula_starts_are_neutralised_in_text_cells() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text(bad), format!("'{bad}"), "{bad:?}");
        }
        assert_eq!(text("Fine = fine"), "Fine = fine");
        assert_eq!(text(""), "");
        assert_eq!(opt_text(None), "");
    }

    #[test]
    fn number_cells_stay_numbers_even_when_negative() {
        assert_eq!(number(Some(-1.0)), "-1");
        assert_eq!(number(Some(2.5)), "2.5");
        assert_eq!(number(None), "");
    }

    #[test]
    fn documents_quote_commas_quotes_and_line_breaks() {
        let doc = document(&["a", "b"], &[vec![text("x, \"y\""), text("line\nbreak")]]);
        assert_eq!(doc, "a,b\n\"x, \"\"y\"\"\",\"line\nbreak\"\n");
    }
}
