//! The plan as a Jira CSV import (Jira Cloud: "Import issues from a CSV
//! file"): an Epic per area and a Task per step, linked through the
//! importer's `Issue ID` and `Parent` columns. Every cell goes through the
//! CSV report's formula guard.

use crate::model::Instrument;
use crate::plan::Plan;
use crate::render::csv::{document, text};
use crate::render::plan::tracker::{area_description, by_area, label};

/// The columns, as Jira's importer names its fields; `Labels` repeats, one
/// label a column, which is how the importer takes several.
pub const HEADER: [&str; 11] = [
    "Issue ID",
    "Parent",
    "Issue Type",
    "Summary",
    "Description",
    "Priority",
    "Due Date",
    "Labels",
    "Labels",
    "Labels",
    "Labels",
];

/// Jira's priority names, most urgent first, for ranks 1 to 4.
const PRIORITIES: [&str; 4] = ["Highest", "High", "Medium", "Low"];

fn priority(rank: usize) -> &'static str {
    PRIORITIES[rank.clamp(1, 4) - 1]
}

/// Renders the plan as a Jira CSV import.
pub fn plan(plan: &Plan, instrument: &Instrument) -> String {
    let mut rows = Vec::new();
    let mut next_id = 1;
    for area in by_area(plan) {
        let epic = next_id.to_string();
        next_id += 1;
        rows.push(vec![
            epic.clone(),
            String::new(),
            "Epic".to_string(),
            text(area.title),
            text(&area_description(&area)),
            priority(area.rank()).to_string(),
            String::new(),
            "itsm-assess".to_string(),
            text(&label(area.id)),
            String::new(),
            String::new(),
        ]);
        for item in &area.items {
            let s = item.step;
            rows.push(vec![
                next_id.to_string(),
                epic.clone(),
                "Task".to_string(),
                text(&format!("{}: {} -> {}", s.title, s.from_label, s.to_label)),
                text(&item.description(instrument).join("\n")),
                priority(item.rank()).to_string(),
                s.due.map(|d| d.to_string()).unwrap_or_default(),
                "itsm-assess".to_string(),
                text(&label(&s.area)),
                text(&label(&item.when())),
                if s.quick_win {
                    "quick-win".to_string()
                } else {
                    String::new()
                },
            ]);
            next_id += 1;
        }
    }
    document(&HEADER, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::render::plan::tests::sample;

    fn rows(csv: &str) -> Vec<csv::StringRecord> {
        ::csv::Reader::from_reader(csv.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn an_epic_per_area_parents_its_tasks() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let p = sample();
        let out = plan(&p, &i);
        assert!(out.starts_with(
            "Issue ID,Parent,Issue Type,Summary,Description,Priority,Due Date,Labels,Labels,Labels,Labels\n"
        ));
        let rows = rows(&out);
        assert_eq!(&rows[0][2], "Epic");
        assert_eq!(&rows[0][3], "Processes");
        assert_eq!(&rows[0][5], "Highest");
        assert_eq!(&rows[1][1], "1");
        assert_eq!(&rows[1][2], "Task");
        assert_eq!(rows[1][6], p.phases[0].due.to_string());
        assert!(rows[1][4].contains("Acceptance: "), "{}", &rows[1][4]);
        assert!(rows[1][4].contains("Question: "), "{}", &rows[1][4]);
        assert_eq!(&rows[2][5], "High");
        let epics = rows.iter().filter(|r| &r[2] == "Epic").count();
        assert_eq!(epics, 2);
    }

    #[test]
    fn text_that_looks_like_a_formula_is_neutralised() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let mut p = sample();
        p.phases[0].steps[0].title = "=HYPERLINK(\"http://x\",\"y\")".into();
        p.phases[0].steps[0].area_title = "@SUM(A1)".into();
        let out = plan(&p, &i);
        let rows = rows(&out);
        assert!(rows[0][3].starts_with("'@SUM"), "{:?}", &rows[0][3]);
        assert!(rows[1][3].starts_with("'=HYPERLINK"), "{:?}", &rows[1][3]);
        assert!(
            rows.iter()
                .flat_map(|r| r.iter())
                .all(|c| !c.starts_with(['=', '+', '-', '@']))
        );
    }

    #[test]
    fn priorities_follow_the_phase() {
        assert_eq!(priority(1), "Highest");
        assert_eq!(priority(4), "Low");
        assert_eq!(priority(9), "Low");
    }
}
