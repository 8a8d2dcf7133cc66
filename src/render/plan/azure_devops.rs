//! The plan as an Azure DevOps CSV import (Boards > Work items > Import
//! Work Items): an Epic per area with its steps as Features below it, by
//! the importer's hierarchy convention: `ID` empty for new items, the
//! parent's title in `Title 1`, a child's in `Title 2` on the rows that
//! follow its parent. Every cell goes through the CSV report's formula
//! guard; the description, an HTML field there, is escaped HTML.

use crate::model::Instrument;
use crate::plan::Plan;
use crate::render::csv::{document, text};
use crate::render::html::escape;
use crate::render::plan::tracker::{area_description, by_area, label};

/// The columns, as Azure Boards names its fields.
pub const HEADER: [&str; 8] = [
    "ID",
    "Work Item Type",
    "Title 1",
    "Title 2",
    "Description",
    "Priority",
    "Tags",
    "Target Date",
];

/// Lines as the HTML the Description field holds, each escaped.
fn html(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                "<br>".to_string()
            } else {
                format!("<div>{}</div>", escape(l))
            }
        })
        .collect()
}

/// Renders the plan as an Azure DevOps CSV import.
pub fn plan(plan: &Plan, instrument: &Instrument) -> String {
    let mut rows = Vec::new();
    for area in by_area(plan) {
        rows.push(vec![
            String::new(),
            "Epic".to_string(),
            text(area.title),
            String::new(),
            text(&html(&[area_description(&area)])),
            area.rank().to_string(),
            text(&format!("itsm-assess; {}", label(area.id))),
            String::new(),
        ]);
        for item in &area.items {
            let s = item.step;
            let mut tags = vec![
                "itsm-assess".to_string(),
                label(&s.area),
                label(&item.when()),
            ];
            if s.quick_win {
                tags.push("quick-win".into());
            }
            rows.push(vec![
                String::new(),
                "Feature".to_string(),
                String::new(),
                text(&format!("{}: {} -> {}", s.title, s.from_label, s.to_label)),
                text(&html(&item.description(instrument))),
                item.rank().to_string(),
                text(&tags.join("; ")),
                s.due.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
    }
    document(&HEADER, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::render::plan::tests::sample;

    #[test]
    fn areas_are_parents_with_their_steps_below_them() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let out = plan(&sample(), &i);
        assert!(out.starts_with(
            "ID,Work Item Type,Title 1,Title 2,Description,Priority,Tags,Target Date\n"
        ));
        let rows: Vec<::csv::StringRecord> = ::csv::Reader::from_reader(out.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(&rows[0][1], "Epic");
        assert_eq!(&rows[0][2], "Processes");
        assert_eq!(&rows[0][3], "");
        assert_eq!(&rows[1][1], "Feature");
        assert_eq!(&rows[1][2], "");
        assert!(!rows[1][3].is_empty());
        assert_eq!(&rows[1][5], "1");
        assert!(rows[1][6].starts_with("itsm-assess; processes; phase-1"));
        assert!(rows[1][4].starts_with("<div>"), "{}", &rows[1][4]);
        assert!(rows.iter().all(|r| r[0].is_empty()));
    }

    #[test]
    fn text_that_looks_like_a_formula_is_neutralised() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let mut p = sample();
        p.phases[0].steps[0].title = "+cmd".into();
        p.phases[0].steps[0].area_title = "=1+1".into();
        let out = plan(&p, &i);
        let rows: Vec<::csv::StringRecord> = ::csv::Reader::from_reader(out.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(&rows[0][2], "'=1+1");
        assert!(rows[1][3].starts_with("'+cmd"));
    }

    #[test]
    fn descriptions_are_escaped_html() {
        assert_eq!(
            html(&["a <b> & c".into(), String::new()]),
            "<div>a &lt;b&gt; &amp; c</div><br>"
        );
    }
}
