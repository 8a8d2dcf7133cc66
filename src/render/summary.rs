//! Summaries of many respondents, one row each.

use comfy_table::{Cell, CellAlignment};
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Answers, Date, Instrument, Vision};
use crate::render::Style;
use crate::render::json::document;
use crate::render::table::{new_table, num_cell, plain};
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
                shortfall: f.shortfall,
                percent_to_target: f.percent_to_target,
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
    match rows.first().or(team) {
        Some(first) => table_of(&first.areas, rows, team),
        None => String::new(),
    }
}

fn table_of(areas: &[AreaSummary], rows: &[Summary], team: Option<&Summary>) -> String {
    let mut header: Vec<&str> = vec!["Answers", "Respondent", "Overall", "Band"];
    header.extend(areas.iter().map(|a| a.title.as_str()));
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
            Cell::new(plain(row.source.as_deref().unwrap_or("-"))),
            Cell::new(plain(&who)),
            num_cell(row.overall.current),
            Cell::new(row.overall.band.as_deref().unwrap_or("-")),
        ];
        for area in areas {
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

/// How a [`Stream`] writes: a table, or the JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    Table,
    Json,
}

/// Rows of a table held before they are written as one table; a longer
/// batch is written as several tables of this many rows, so memory stays
/// flat however many respondents there are.
pub const TABLE_BLOCK: usize = 1_000;

/// `score`'s output written as the results arrive: each call returns the
/// text to write now. The JSON is the same document [`json`] writes.
#[derive(Debug)]
pub struct Stream {
    format: StreamFormat,
    /// The first row's areas: the table's columns.
    areas: Option<Vec<AreaSummary>>,
    held: Vec<Summary>,
    written: u64,
}

impl Stream {
    pub fn new(format: StreamFormat) -> Stream {
        Stream {
            format,
            areas: None,
            held: Vec::new(),
            written: 0,
        }
    }

    /// Results written (or held) so far.
    pub fn rows(&self) -> u64 {
        self.written
    }

    /// The text for one more result.
    pub fn row(&mut self, row: Summary) -> String {
        self.written += 1;
        match self.format {
            StreamFormat::Json => {
                let mut out = String::new();
                if self.written == 1 {
                    out.push_str("{\n  \"schema_version\": ");
                    out.push_str(&crate::render::SCHEMA_VERSION.to_string());
                    out.push_str(",\n  \"results\": [");
                } else {
                    out.push(',');
                }
                out.push_str("\n    ");
                out.push_str(&indent(&pretty(&row), "    "));
                out
            }
            StreamFormat::Table => {
                if self.areas.is_none() {
                    self.areas = Some(row.areas.clone());
                }
                self.held.push(row);
                if self.held.len() < TABLE_BLOCK {
                    return String::new();
                }
                let areas = self.areas.as_deref().unwrap_or_default();
                let text = table_of(areas, &self.held, None);
                self.held.clear();
                text
            }
        }
    }

    /// The text that ends the output: the rows still held, the errors (in
    /// JSON) and the line for all respondents.
    pub fn finish(&mut self, errors: &[Failure], team: Option<&Summary>) -> String {
        match self.format {
            StreamFormat::Json => {
                let mut out = String::new();
                if self.written == 0 {
                    out.push_str("{\n  \"schema_version\": ");
                    out.push_str(&crate::render::SCHEMA_VERSION.to_string());
                    out.push_str(",\n  \"results\": []");
                } else {
                    out.push_str("\n  ]");
                }
                out.push_str(",\n  \"errors\": ");
                out.push_str(&indent(&pretty(&errors), "  "));
                if let Some(team) = team {
                    out.push_str(",\n  \"summary\": ");
                    out.push_str(&indent(&pretty(team), "  "));
                }
                out.push_str("\n}\n");
                out
            }
            StreamFormat::Table => {
                if self.held.is_empty() && team.is_none() {
                    return String::new();
                }
                let areas = match &self.areas {
                    Some(a) => a.clone(),
                    None => team.map(|t| t.areas.clone()).unwrap_or_default(),
                };
                let text = table_of(&areas, &self.held, team);
                self.held.clear();
                text
            }
        }
    }
}

fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    // Plain data structures always serialize.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Every line but the first indented by `by`.
fn indent(text: &str, by: &str) -> String {
    text.replace('\n', &format!("\n{by}"))
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

    fn summaries(n: usize) -> Vec<Summary> {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/answers.toml"
        ))
        .unwrap();
        let answers = Answers::load(&Source::new("a.toml", text, Format::Toml), &i).unwrap();
        (0..n)
            .map(|k| {
                let info = AssessmentInfo {
                    source: Some(format!("a{k}.toml")),
                    ..AssessmentInfo::default()
                };
                Summary::compute(&i, &answers, None, info)
            })
            .collect()
    }

    #[test]
    fn streamed_json_is_the_document_written_at_once() {
        for n in [0, 1, 3] {
            let rows = summaries(n + 1);
            let (rows, team) = (&rows[..n], &rows[n]);
            let errors = [Failure {
                source: "x".into(),
                error: "bad".into(),
            }];
            let mut stream = Stream::new(StreamFormat::Json);
            let mut text: String = rows.iter().map(|r| stream.row(r.clone())).collect();
            text.push_str(&stream.finish(&errors, Some(team)));
            let streamed: serde_json::Value = serde_json::from_str(&text).unwrap();
            let whole: serde_json::Value =
                serde_json::from_str(&json(rows, &errors, Some(team))).unwrap();
            assert_eq!(streamed, whole, "{n} rows");
            assert_eq!(
                text,
                json(rows, &errors, Some(team)),
                "{n} rows, byte for byte"
            );
        }
    }

    #[test]
    fn a_streamed_table_holds_at_most_a_block_of_rows() {
        let rows = summaries(TABLE_BLOCK + 2);
        let mut stream = Stream::new(StreamFormat::Table);
        let mut written = Vec::new();
        for r in &rows {
            let text = stream.row(r.clone());
            if !text.is_empty() {
                written.push(text);
            }
            assert!(stream.held.len() < TABLE_BLOCK);
        }
        written.push(stream.finish(&[], None));
        assert_eq!(written.len(), 2);
        assert_eq!(written[0], table(&rows[..TABLE_BLOCK], None));
        assert_eq!(written[1], table(&rows[TABLE_BLOCK..], None));
    }
}
