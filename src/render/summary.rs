//! Summaries of many respondents, one row each.

use comfy_table::{Cell, CellAlignment};
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Answers, Date, Instrument, Vision};
use crate::render::Style;
use crate::render::json::document;
use crate::render::table::{new_table, num_cell};
use crate::score::{AssessmentInfo, Coverage, Overall, Scorecard, describe, figures};

/// An input that could not be scored.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Failure {
    pub source: String,
    pub error: String,
}

/// One respondent's scores in brief: small enough to keep thousands.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(description = "One respondent's scores in brief (or, with `respondents`, a team's).")]
pub struct Summary {
    pub source: Option<String>,
    pub questionnaire: String,
    pub organization: Option<String>,
    pub respondent: Option<String>,
    pub role: Option<String>,
    pub date: Option<Date>,
    /// For the line that sums up a team: how many respondents.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64")]
    pub respondents: Option<u64>,
    pub overall: Overall,
    pub areas: Vec<AreaSummary>,
    pub coverage: Coverage,
}

/// One area's scores in brief.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AreaSummary {
    pub id: String,
    pub title: String,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub band: Option<String>,
}

impl Summary {
    /// Scores one respondent straight into a summary, without building the
    /// full scorecard: what large batches need.
    pub fn compute(
        instrument: &Instrument,
        answers: &Answers,
        vision: Option<&Vision>,
        info: AssessmentInfo,
    ) -> Summary {
        let f = figures(instrument, answers, vision);
        let a = describe(answers, info);
        let band = |v: Option<f64>| v.and_then(|c| instrument.band(c)).map(|b| b.name.clone());
        Summary {
            source: a.source,
            questionnaire: instrument.questionnaire.id.clone(),
            organization: a.organization,
            respondent: a.respondent,
            role: a.role,
            date: a.date,
            respondents: None,
            overall: Overall {
                current: f.current,
                target: f.target,
                gap: f.gap,
                band: band(f.current),
            },
            areas: instrument
                .questionnaire
                .area
                .iter()
                .zip(&f.areas)
                .map(|(area, n)| AreaSummary {
                    id: area.id.clone(),
                    title: area.title.clone(),
                    current: n.current,
                    target: n.target,
                    gap: n.gap,
                    band: band(n.current),
                })
                .collect(),
            coverage: f.coverage,
        }
    }

    pub fn of(card: &Scorecard) -> Summary {
        let a = &card.assessment;
        Summary {
            source: a.source.clone(),
            questionnaire: card.questionnaire.id.clone(),
            organization: a.organization.clone(),
            respondent: a.respondent.clone(),
            role: a.role.clone(),
            date: a.date,
            respondents: card.respondents,
            overall: card.overall.clone(),
            areas: card
                .areas
                .iter()
                .map(|x| AreaSummary {
                    id: x.id.clone(),
                    title: x.title.clone(),
                    current: x.current,
                    target: x.target,
                    gap: x.gap,
                    band: x.band.clone(),
                })
                .collect(),
            coverage: card.coverage,
        }
    }
}

/// The JSON document of `score`.
#[derive(Serialize, JsonSchema)]
pub struct ScoreDocument<'a> {
    /// One summary per respondent scored.
    pub results: &'a [Summary],
    /// The inputs that could not be scored.
    pub errors: &'a [Failure],
    /// With --summary: all respondents together.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Summary")]
    pub summary: Option<&'a Summary>,
}

/// One JSON document with a result per respondent, the failures, and with
/// `--summary` the line for all respondents together.
pub fn json(rows: &[Summary], failures: &[Failure], team: Option<&Summary>) -> String {
    document(&ScoreDocument {
        results: rows,
        errors: failures,
        summary: team,
    })
}

/// A table with a row per respondent, and with `--summary` a last row for
/// all of them; area columns follow the first row.
pub fn table(rows: &[Summary], team: Option<&Summary>) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut header: Vec<&str> = vec!["Answers", "Respondent", "Overall", "Band"];
    header.extend(first.areas.iter().map(|a| a.title.as_str()));
    header.push("Answered");
    let mut t = new_table(&header, &Style::default());
    for row in rows.iter().chain(team) {
        let who = match (row.respondents, &row.respondent, &row.role) {
            (Some(n), _, _) => format!("{n} respondents"),
            (None, Some(r), Some(role)) => format!("{r} ({role})"),
            (None, Some(r), None) => r.clone(),
            (None, None, Some(role)) => role.clone(),
            (None, None, None) => "-".into(),
        };
        let mut cells = vec![
            Cell::new(row.source.as_deref().unwrap_or("-")),
            Cell::new(who),
            num_cell(row.overall.current),
            Cell::new(row.overall.band.as_deref().unwrap_or("-")),
        ];
        for area in &first.areas {
            cells.push(num_cell(
                row.areas
                    .iter()
                    .find(|x| x.id == area.id)
                    .and_then(|x| x.current),
            ));
        }
        let c = &row.coverage;
        cells.push(
            Cell::new(format!("{}/{}", c.answered, c.questions))
                .set_alignment(CellAlignment::Right),
        );
        t.add_row(cells);
    }
    format!("{t}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::score::score;
    use crate::source::{Format, Source};

    #[test]
    fn a_summary_computed_directly_equals_one_taken_from_the_scorecard() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/answers.toml"
        ))
        .unwrap();
        let answers = Answers::load(&Source::new("a.toml", text, Format::Toml), &i).unwrap();
        let info = AssessmentInfo {
            source: Some("a.toml".into()),
            ..AssessmentInfo::default()
        };
        let direct = Summary::compute(&i, &answers, None, info.clone());
        assert_eq!(direct, Summary::of(&score(&i, &answers, None, info)));
        assert_eq!(direct.respondent.as_deref(), Some("Dana Lee"));
    }
}
