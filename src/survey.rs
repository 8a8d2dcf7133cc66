//! Survey exports: a CSV with one row per respondent and one column per
//! question, read one row at a time.

use std::collections::HashMap;
use std::io::Read;

use crate::error::{Diagnostic, Error, closest};
use crate::limits;
use crate::model::{Answer, Answers, Assessment, Date, Instrument, Response};
use crate::team::Reply;

/// Choices for reading a survey export.
#[derive(Debug, Clone, Copy, Default)]
pub struct SurveyOptions {
    /// Skip columns that name no question instead of failing.
    pub ignore_unknown_columns: bool,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Respondent,
    Role,
    Organization,
    Date,
    Current(usize),
    Target(usize),
    Ignored,
}

/// One respondent's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The line the row starts on, from 1.
    pub line: u64,
    /// The row's number among the data rows, from 1.
    pub number: u64,
    pub respondent: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub date: Option<Date>,
    pub replies: Vec<Reply>,
}

impl Row {
    /// The row as an answers document, for scoring it on its own.
    pub fn to_answers(&self, instrument: &Instrument) -> Answers {
        let mut answers = Answers::new(Assessment {
            questionnaire: instrument.questionnaire.id.clone(),
            organization: self.organization.clone(),
            respondent: self.respondent.clone(),
            role: self.role.clone(),
            date: self.date,
        });
        let ids: Vec<&str> = instrument
            .questionnaire
            .questions()
            .map(|(_, q)| q.id.as_str())
            .collect();
        for reply in &self.replies {
            let id = ids[reply.position];
            let mut answer = answers.get(id).cloned().unwrap_or(Answer {
                response: Response::Unanswered,
                target: None,
                note: None,
            });
            if reply.response != Response::Unanswered {
                answer.response = reply.response;
            }
            if reply.target.is_some() {
                answer.target = reply.target;
            }
            answers.set(id, answer);
        }
        answers
    }
}

/// A survey export being read.
pub struct Survey<'i, R: Read> {
    name: String,
    instrument: &'i Instrument,
    reader: csv::Reader<R>,
    headers: Vec<String>,
    columns: Vec<Column>,
    record: csv::ByteRecord,
    rows: u64,
}

/// Normalises a header or label for matching: trimmed, lower case, single spaces.
fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The field delimiter a header line uses: `,`, `;` or a tab.
fn sniff_delimiter(first_line: &[u8]) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}

impl<'i, R: Read> Survey<'i, R> {
    /// Opens a survey export and matches its header to the questionnaire.
    /// `first_line` is the beginning of the input, to tell the delimiter.
    pub fn open(
        name: &str,
        first_line: &[u8],
        input: R,
        instrument: &'i Instrument,
        options: SurveyOptions,
    ) -> Result<Survey<'i, R>, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(
                first_line.split(|b| *b == b'\n').next().unwrap_or(&[]),
            ))
            .flexible(false)
            .from_reader(input);
        let header = reader
            .byte_headers()
            .map_err(|e| csv_error(name, &e))?
            .clone();
        let mut headers = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            let text = String::from_utf8_lossy(raw);
            let text = if i == 0 {
                text.trim_start_matches('\u{feff}')
            } else {
                &text
            };
            headers.push(text.trim().to_string());
        }
        if headers.iter().all(String::is_empty) {
            return Err(Diagnostic::new(name, "has no header row")
                .help("the first row names the columns: respondent, role, organization, date, and one column per question")
                .into());
        }
        let columns = match_columns(name, &headers, instrument, options)?;
        Ok(Survey {
            name: name.to_string(),
            instrument,
            reader,
            headers,
            columns,
            record: csv::ByteRecord::new(),
            rows: 0,
        })
    }

    /// Reads the next row into `row`; `None` at the end. A bad row is an
    /// error naming its line and column; reading can go on after it.
    pub fn next_row(&mut self, row: &mut Row) -> Option<Result<(), Error>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                self.rows += 1;
                return Some(Err(csv_error(&self.name, &e)));
            }
        }
        self.rows += 1;
        row.line = self.record.position().map_or(0, |p| p.line());
        row.number = self.rows;
        row.respondent = None;
        row.role = None;
        row.organization = None;
        row.date = None;
        row.replies.clear();
        let mut problems = Vec::new();
        for (i, raw) in self.record.iter().enumerate() {
            let column = self.columns.get(i).copied().unwrap_or(Column::Ignored);
            if column == Column::Ignored {
                continue;
            }
            let cell = match std::str::from_utf8(raw) {
                Ok(text) => text.trim(),
                Err(_) => {
                    problems.push(self.cell_problem(
                        row,
                        i,
                        "is not UTF-8 text",
                        Some("save the export as UTF-8 CSV".into()),
                    ));
                    continue;
                }
            };
            if let Some(message) = limits::too_long(cell) {
                problems.push(self.cell_problem(row, i, &message, None));
                continue;
            }
            let text = (!cell.is_empty()).then(|| cell.to_string());
            match column {
                Column::Respondent => row.respondent = text,
                Column::Role => row.role = text,
                Column::Organization => row.organization = text,
                Column::Date => {
                    if !cell.is_empty() {
                        match Date::parse(cell.get(..10).unwrap_or(cell)) {
                            Some(d) => row.date = Some(d),
                            None => problems.push(self.cell_problem(
                                row,
                                i,
                                &format!("\"{}\" is not a date", limits::shown(cell)),
                                Some("write dates as YYYY-MM-DD, e.g. 2026-11-20".into()),
                            )),
                        }
                    }
                }
                Column::Current(position) => match self.level(cell) {
                    Ok(Response::Unanswered) => {}
                    Ok(response) => row.replies.push(Reply {
                        position,
                        response,
                        target: None,
                    }),
                    Err(message) => problems.push(self.cell_problem(
                        row,
                        i,
                        &message,
                        Some(format!(
                            "valid values: {}, \"n/a\", or an empty cell for unanswered",
                            self.instrument.scale_list()
                        )),
                    )),
                },
                Column::Target(position) => {
                    if cell.is_empty() {
                        continue;
                    }
                    match self.target(cell) {
                        Ok(t) => row.replies.push(Reply {
                            position,
                            response: Response::Unanswered,
                            target: Some(t),
                        }),
                        Err(message) => problems.push(self.cell_problem(row, i, &message, None)),
                    }
                }
                Column::Ignored => {}
            }
        }
        Some(if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        })
    }

    fn cell_problem(
        &self,
        row: &Row,
        column: usize,
        message: &str,
        help: Option<String>,
    ) -> Diagnostic {
        Diagnostic::new(&self.name, message)
            .at(row.line as usize, column + 1)
            .key(format!(
                "row {}, column \"{}\"",
                row.number,
                limits::shown(&self.headers[column])
            ))
            .maybe_help(help)
    }

    fn level(&self, cell: &str) -> Result<Response, String> {
        if cell.is_empty() {
            return Ok(Response::Unanswered);
        }
        if ["n/a", "na", "not applicable"]
            .iter()
            .any(|v| cell.eq_ignore_ascii_case(v))
        {
            return Ok(Response::NotApplicable);
        }
        if let Ok(v) = cell.parse::<f64>() {
            return match self.instrument.level_index(v) {
                Some(i) => Ok(Response::Level(self.instrument.scale()[i].value)),
                None => Err(format!("{} is not on the scale", limits::shown(cell))),
            };
        }
        match self.instrument.level_by_label(cell) {
            Some(l) => Ok(Response::Level(l.value)),
            None => Err(format!(
                "\"{}\" is not a level of the scale",
                limits::shown(cell)
            )),
        }
    }

    fn target(&self, cell: &str) -> Result<f64, String> {
        let (lo, hi) = self.instrument.range();
        let v = match cell.parse::<f64>() {
            Ok(v) => v,
            Err(_) => match self.instrument.level_by_label(cell) {
                Some(l) => l.value,
                None => {
                    return Err(format!(
                        "target \"{}\" is neither a number nor a level of the scale",
                        limits::shown(cell)
                    ));
                }
            },
        };
        if v.is_finite() && v >= lo - 1e-9 && v <= hi + 1e-9 {
            Ok(v)
        } else {
            Err(format!(
                "target {} is outside the scale, which runs from {lo} to {hi}",
                limits::shown(cell)
            ))
        }
    }
}

fn csv_error(name: &str, e: &csv::Error) -> Error {
    let mut d = Diagnostic::new(name, e.to_string());
    if let Some(p) = e.position() {
        d = d.at(p.line() as usize, 1);
    }
    if let csv::ErrorKind::UnequalLengths {
        expected_len, len, ..
    } = e.kind()
    {
        d.message = format!("this row has {len} fields but the header has {expected_len}");
        d = d.help("every row needs as many fields as the header; check for an unquoted delimiter in a cell");
    }
    d.into()
}

fn match_columns(
    name: &str,
    headers: &[String],
    instrument: &Instrument,
    options: SurveyOptions,
) -> Result<Vec<Column>, Error> {
    let mut known: HashMap<String, usize> = HashMap::new();
    for (position, (_, q)) in instrument.questionnaire.questions().enumerate() {
        // The id wins over a title or text that happens to read the same.
        known.insert(normal(&q.text), position);
        known.insert(normal(&q.title), position);
    }
    for (position, (_, q)) in instrument.questionnaire.questions().enumerate() {
        known.insert(normal(&q.id), position);
    }
    let ids: Vec<&str> = instrument
        .questionnaire
        .questions()
        .map(|(_, q)| q.id.as_str())
        .collect();
    let mut columns = Vec::with_capacity(headers.len());
    let mut seen: HashMap<Column, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let n = normal(header);
        let column = match n.as_str() {
            "respondent" => Column::Respondent,
            "role" => Column::Role,
            "organization" | "organisation" => Column::Organization,
            "date" => Column::Date,
            _ => {
                if let Some(&p) = known.get(&n) {
                    Column::Current(p)
                } else if let Some(&p) = n
                    .strip_suffix(":target")
                    .and_then(|id| known.get(id.trim()))
                {
                    Column::Target(p)
                } else {
                    Column::Ignored
                }
            }
        };
        if column == Column::Ignored && !options.ignore_unknown_columns {
            let suggestion = closest(&n, ids.iter().copied())
                .map(|id| format!("did you mean \"{id}\"? A column is named by a question's id, its exact text or its title; or pass --ignore-unknown-columns"))
                .unwrap_or_else(|| {
                    "columns are respondent, role, organization, date, a question's id, exact text or title, or \"<question id>:target\"; pass --ignore-unknown-columns to skip others".into()
                });
            problems.push(
                Diagnostic::new(
                    name,
                    format!("unknown column \"{}\"", limits::shown(header)),
                )
                .at(1, i + 1)
                .key(format!("column {}", i + 1))
                .help(suggestion),
            );
        }
        if column != Column::Ignored
            && let Some(first) = seen.insert(column, i)
        {
            problems.push(
                Diagnostic::new(
                    name,
                    format!(
                        "column \"{}\" repeats column {} (\"{}\")",
                        limits::shown(header),
                        first + 1,
                        limits::shown(&headers[first])
                    ),
                )
                .at(1, i + 1)
                .key(format!("column {}", i + 1))
                .help("each question may have one column, and one target column"),
            );
        }
        columns.push(column);
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(Error::Invalid(problems))
    }
}

impl std::hash::Hash for Column {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        if let Column::Current(p) | Column::Target(p) = self {
            p.hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    fn instrument() -> Instrument {
        BuiltIn::find("itsm-core").unwrap().instrument().unwrap()
    }

    fn rows(text: &str, options: SurveyOptions) -> Result<Vec<Result<Row, Error>>, Error> {
        let i = instrument();
        let mut survey = Survey::open("s.csv", text.as_bytes(), text.as_bytes(), &i, options)?;
        let mut out = Vec::new();
        let mut row = Row::default();
        while let Some(r) = survey.next_row(&mut row) {
            out.push(r.map(|()| row.clone()));
        }
        Ok(out)
    }

    #[test]
    fn headers_match_ids_texts_and_titles_and_cells_take_values_labels_and_na() {
        let i = instrument();
        let (_, q) = i.question("processes.change").unwrap();
        let text = format!(
            "Respondent,Role,processes.incident,\"{}\",Incident Management:target,Problem management\nAna,Agent,2,defined,4,N/A\n",
            q.text
        );
        let rows = rows(
            &text.replace("Incident Management:target", "processes.incident:target"),
            SurveyOptions::default(),
        )
        .unwrap();
        let row = rows[0].as_ref().unwrap();
        assert_eq!(row.respondent.as_deref(), Some("Ana"));
        let a = row.to_answers(&i);
        assert_eq!(
            a.get("processes.incident").unwrap().response,
            Response::Level(2.0)
        );
        assert_eq!(a.get("processes.incident").unwrap().target, Some(4.0));
        assert_eq!(
            a.get("processes.change").unwrap().response,
            Response::Level(3.0)
        );
        assert_eq!(
            a.get("processes.problem").unwrap().response,
            Response::NotApplicable
        );
    }

    #[test]
    fn unknown_columns_fail_unless_ignored() {
        let text = "Timestamp,processes.incidnt\n2026,1\n";
        let err = rows(text, SurveyOptions::default())
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("s.csv:1:1: column 1: unknown column \"Timestamp\""),
            "{err}"
        );
        assert!(err.contains("s.csv:1:2: column 2: unknown column \"processes.incidnt\"\n  help: did you mean \"processes.incident\"?"), "{err}");
        let ok = rows(
            text,
            SurveyOptions {
                ignore_unknown_columns: true,
            },
        )
        .unwrap();
        assert!(ok[0].as_ref().unwrap().replies.is_empty());
    }

    #[test]
    fn a_bad_cell_names_row_column_and_valid_values_and_reading_goes_on() {
        let text = "respondent,processes.incident\nA,2\nB,seven\nC,3\n";
        let rows = rows(text, SurveyOptions::default()).unwrap();
        assert_eq!(rows.len(), 3);
        let err = rows[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("s.csv:3:2: row 2, column \"processes.incident\": \"seven\" is not a level of the scale\n  help: valid values: 0 (Non-existent)"), "{err}");
        assert!(rows[2].is_ok());
    }

    #[test]
    fn semicolons_and_a_byte_order_mark_are_understood() {
        let text = "\u{feff}respondent;processes.incident\nA;4\n";
        let rows = rows(text, SurveyOptions::default()).unwrap();
        assert_eq!(
            rows[0].as_ref().unwrap().replies[0].response,
            Response::Level(4.0)
        );
    }

    #[test]
    fn a_repeated_question_column_is_an_error() {
        let err = rows(
            "processes.incident,Incident management\n1,2\n",
            SurveyOptions::default(),
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.contains(
                "column \"Incident management\" repeats column 1 (\"processes.incident\")"
            ),
            "{err}"
        );
    }
}
