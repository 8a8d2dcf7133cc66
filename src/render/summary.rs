//! Summaries of many scorecards, one row each.

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use crate::render::json::document;
use crate::render::table::{new_table, num_cell};
use crate::score::{Coverage, Overall, Scorecard};

/// An input that could not be scored.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub source: String,
    pub error: String,
}

#[derive(Serialize)]
struct Row<'a> {
    source: Option<&'a str>,
    questionnaire: &'a str,
    organization: Option<&'a str>,
    respondent: Option<&'a str>,
    role: Option<&'a str>,
    date: Option<String>,
    overall: &'a Overall,
    areas: Vec<AreaRow<'a>>,
    coverage: Coverage,
}

#[derive(Serialize)]
struct AreaRow<'a> {
    id: &'a str,
    current: Option<f64>,
    target: Option<f64>,
    gap: Option<f64>,
    band: Option<&'a str>,
}

fn row(card: &Scorecard) -> Row<'_> {
    let a = &card.assessment;
    Row {
        source: a.source.as_deref(),
        questionnaire: &card.questionnaire.id,
        organization: a.organization.as_deref(),
        respondent: a.respondent.as_deref(),
        role: a.role.as_deref(),
        date: a.date.map(|d| d.to_string()),
        overall: &card.overall,
        areas: card
            .areas
            .iter()
            .map(|x| AreaRow {
                id: &x.id,
                current: x.current,
                target: x.target,
                gap: x.gap,
                band: x.band.as_deref(),
            })
            .collect(),
        coverage: card.coverage,
    }
}

/// One JSON document with a result per respondent, the failures, and with
/// `--summary` the line for all respondents together.
pub fn json(cards: &[Scorecard], failures: &[Failure], team: Option<&Scorecard>) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        results: Vec<Row<'a>>,
        errors: &'a [Failure],
        #[serde(skip_serializing_if = "Option::is_none")]
        summary: Option<Summary<'a>>,
    }
    #[derive(Serialize)]
    struct Summary<'a> {
        respondents: u64,
        #[serde(flatten)]
        row: Row<'a>,
    }
    document(&Doc {
        results: cards.iter().map(row).collect(),
        errors: failures,
        summary: team.map(|t| Summary {
            respondents: t.respondents.unwrap_or(0),
            row: row(t),
        }),
    })
}

/// A table with a row per respondent, and with `--summary` a last row for
/// all of them; area columns follow the first card.
pub fn table(cards: &[Scorecard], team: Option<&Scorecard>) -> String {
    let Some(first) = cards.first() else {
        return String::new();
    };
    let mut header: Vec<&str> = vec!["Answers", "Respondent", "Overall", "Band"];
    header.extend(first.areas.iter().map(|a| a.title.as_str()));
    header.push("Answered");
    let mut t = new_table(&header, false);
    for card in cards.iter().chain(team) {
        let a = &card.assessment;
        let who = match (&a.respondent, &a.role) {
            _ if card.respondents.is_some() => {
                format!("{} respondents", card.respondents.unwrap_or(0))
            }
            (Some(r), Some(role)) => format!("{r} ({role})"),
            (Some(r), None) => r.clone(),
            (None, Some(role)) => role.clone(),
            (None, None) => "-".into(),
        };
        let mut cells = vec![
            Cell::new(a.source.as_deref().unwrap_or("-")),
            Cell::new(who),
            num_cell(card.overall.current),
            Cell::new(card.overall.band.as_deref().unwrap_or("-")),
        ];
        for area in &first.areas {
            cells.push(num_cell(card.area(&area.id).and_then(|x| x.current)));
        }
        let c = &card.coverage;
        cells.push(
            Cell::new(format!("{}/{}", c.answered, c.questions))
                .set_alignment(CellAlignment::Right),
        );
        t.add_row(cells);
    }
    format!("{t}\n")
}
