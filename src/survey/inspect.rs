//! `survey inspect`: how every column of an export was taken and how every
//! distinct value of its question columns reads, and a draft mapping file
//! for what could not be guessed.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use super::header::{Column, Questions};
use super::mapping::Mapping;
use super::text::normal;
use super::{ExportInfo, Row, Survey, SurveyOptions};
use crate::error::Error;
use crate::limits;
use crate::model::{Instrument, Response};

/// Distinct values kept per column.
const MAX_VALUES: usize = 40;

/// One distinct value of a column, how often it occurs and how it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub text: String,
    pub count: u64,
    /// The level (or n/a, unanswered) and how it was read; or why not.
    pub reading: Result<(Response, &'static str), String>,
}

/// One column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnReport {
    /// From 1.
    pub number: usize,
    pub name: String,
    /// The other header texts the column was matched by (Qualtrics' text).
    pub also: Vec<String>,
    pub column: Column,
    /// What the column was taken as, in words.
    pub taken: String,
    pub values: Vec<Value>,
    /// Distinct values beyond those kept.
    pub more_values: u64,
}

/// Everything `survey inspect` shows.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub info: ExportInfo,
    pub columns: Vec<ColumnReport>,
    /// The sheet reads better turned round: one row per question.
    pub transposed: bool,
    pub questionnaire: String,
    pub problems: Vec<String>,
}

/// Reads a whole export (already in memory) and tells how it reads.
pub fn inspect(
    name: &str,
    bytes: &[u8],
    instrument: &Instrument,
    options: &SurveyOptions,
) -> Result<Inspection, Error> {
    let plain = inspect_as(name, bytes, instrument, options)?;
    let no_questions = !plain
        .columns
        .iter()
        .any(|c| matches!(c.column, Column::Question(..)));
    let already = options.mapping.as_ref().is_some_and(|m| m.transposed);
    if no_questions && !already && first_column_names_questions(name, bytes, instrument) {
        let mapping = Mapping {
            transposed: true,
            ..options.mapping.as_deref().cloned().unwrap_or_default()
        };
        let turned = SurveyOptions {
            mapping: Some(Arc::new(mapping)),
            ..options.clone()
        };
        let mut inspection = inspect_as(name, bytes, instrument, &turned)?;
        inspection.transposed = true;
        return Ok(inspection);
    }
    Ok(plain)
}

/// Whether most cells of the first column name questions.
fn first_column_names_questions(name: &str, bytes: &[u8], instrument: &Instrument) -> bool {
    let Ok(rows) = raw_rows(name, bytes) else {
        return false;
    };
    let questions = Questions::new(instrument);
    let named = rows
        .iter()
        .filter(|r| r.first().is_some_and(|c| questions.find(c).is_some()))
        .count();
    named >= 2 && named * 2 >= rows.len().saturating_sub(1)
}

fn raw_rows(name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, Error> {
    if super::xlsx::is_workbook(bytes) {
        return Ok(super::xlsx::rows(name, bytes.to_vec())?
            .into_iter()
            .map(|(_, r)| r)
            .collect());
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let encoding = super::text::sniff_encoding(&body[..body.len().min(1 << 16)]);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(super::text::sniff_delimiter(
            &body[..body.len().min(1 << 16)],
        ))
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut out = Vec::new();
    for record in reader.byte_records().take(10_000) {
        let record = record.map_err(|e| crate::error::Diagnostic::new(name, e.to_string()))?;
        out.push(
            record
                .iter()
                .map(|f| super::text::decode(f, encoding).0.trim().to_string())
                .collect(),
        );
    }
    Ok(out)
}

fn inspect_as(
    name: &str,
    bytes: &[u8],
    instrument: &Instrument,
    options: &SurveyOptions,
) -> Result<Inspection, Error> {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let mut survey = Survey::start(name, sample, bytes, instrument, options)?;
    let shape = survey.shape().clone();
    let columns = survey.columns().to_vec();
    let mut distinct: Vec<HashMap<String, u64>> = vec![HashMap::new(); columns.len()];
    let mut more = vec![0u64; columns.len()];
    let mut problems = Vec::new();
    // The cells are read again here, as text, to show each distinct value.
    let mut row = Row::default();
    let mut values_by_line: Vec<u64> = Vec::new();
    while let Some(result) = survey.next_row(&mut row) {
        match result {
            Ok(()) => values_by_line.push(row.line),
            Err(e) => {
                if problems.len() < limits::MAX_PROBLEMS {
                    problems.extend(e.diagnostics().iter().map(ToString::to_string));
                }
            }
        }
    }
    let (info, finish) = survey.finish();
    problems.extend(finish.iter().map(ToString::to_string));
    problems.truncate(limits::MAX_PROBLEMS);
    // Distinct values: a second, plain pass over the same rows.
    let transposed = options.mapping.as_ref().is_some_and(|m| m.transposed);
    let rows = if transposed {
        let raw = raw_rows(name, bytes)?;
        let width = raw.iter().map(Vec::len).max().unwrap_or(0);
        (0..width)
            .map(|j| {
                raw.iter()
                    .map(|r| r.get(j).cloned().unwrap_or_default())
                    .collect::<Vec<_>>()
            })
            .collect()
    } else {
        raw_rows(name, bytes)?
    };
    let skip = rows
        .iter()
        .position(|r| r.iter().any(|c| !c.is_empty()))
        .unwrap_or(0)
        + shape.header_rows;
    for r in rows.iter().skip(skip) {
        for (i, cell) in r.iter().enumerate().take(columns.len()) {
            if cell.is_empty() {
                continue;
            }
            let seen = &mut distinct[i];
            if let Some(count) = seen.get_mut(cell.as_str()) {
                *count += 1;
            } else if seen.len() < MAX_VALUES {
                seen.insert(cell.clone(), 1);
            } else {
                more[i] += 1;
            }
        }
    }
    let levels = super::cell::Levels::new(instrument);
    let mapping = options.mapping.as_deref();
    let ids: Vec<&str> = instrument
        .questionnaire
        .questions()
        .map(|(_, q)| q.id.as_str())
        .collect();
    let decimal_comma =
        !super::xlsx::is_workbook(bytes) && super::text::sniff_delimiter(sample) == b';';
    let mut reports = Vec::with_capacity(columns.len());
    for (i, column) in columns.iter().enumerate() {
        let position = column.position();
        let shows_values = matches!(column, Column::Question(..) | Column::Unmatched)
            || matches!(column, Column::Role);
        let mut values: Vec<Value> = if shows_values {
            distinct[i]
                .iter()
                .map(|(text, count)| {
                    let reading = if matches!(column, Column::Role) {
                        Ok((Response::Unanswered, "role"))
                    } else if let Some(r) = mapping.and_then(|m| m.values.get(&normal(text))) {
                        Ok((*r, "by the mapping file"))
                    } else {
                        levels
                            .read(position, text, decimal_comma)
                            .map(|(r, how)| (r, how.describe()))
                    };
                    Value {
                        text: text.clone(),
                        count: *count,
                        reading,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        let taken = match column {
            Column::Question(p, how) => format!("question {} ({})", ids[*p], how.describe()),
            Column::Target(p) => format!("target of {}", ids[*p]),
            Column::Respondent => "respondent".into(),
            Column::FirstName => "respondent (first name)".into(),
            Column::LastName => "respondent (last name)".into(),
            Column::Email => "respondent (email, when no name is given)".into(),
            Column::Role => "role".into(),
            Column::Organization => "organization".into(),
            Column::Date => "date".into(),
            Column::Comment => "comment (the respondent's note)".into(),
            Column::Metadata => format!("metadata of {}", info.tool),
            Column::Ignore => "ignored (mapping file)".into(),
            Column::Unmatched => {
                if info.unknown_columns.contains(&shape.names[i]) {
                    "unknown: holds levels but names no question".into()
                } else {
                    "ignored: names no question".into()
                }
            }
        };
        reports.push(ColumnReport {
            number: i + 1,
            name: shape.names[i].clone(),
            also: shape.candidates[i]
                .iter()
                .filter(|c| **c != shape.names[i])
                .cloned()
                .collect(),
            column: *column,
            taken,
            values,
            more_values: more[i],
        });
    }
    Ok(Inspection {
        info,
        columns: reports,
        transposed,
        questionnaire: instrument.questionnaire.id.clone(),
        problems,
    })
}

fn reading_words(
    reading: &Result<(Response, &'static str), String>,
    instrument: &Instrument,
) -> String {
    match reading {
        Ok((_, "role")) => "a role".into(),
        Ok((Response::Level(v), how)) => {
            let label = instrument
                .level_index(*v)
                .map(|i| instrument.scale()[i].label.clone())
                .unwrap_or_default();
            format!(
                "level {} {label} ({how})",
                crate::model::instrument::fmt_num(*v)
            )
        }
        Ok((Response::NotApplicable, how)) => format!("n/a ({how})"),
        Ok((Response::Unanswered, how)) => format!("unanswered ({how})"),
        Err(e) => format!("not read: {e}"),
    }
}

impl Inspection {
    /// The report `survey inspect` prints.
    pub fn text(&self, instrument: &Instrument) -> String {
        let i = &self.info;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {} export, {}, {} header row{}, {} respondent{}{}",
            i.file,
            i.tool,
            i.encoding,
            i.header_rows,
            if i.header_rows == 1 { "" } else { "s" },
            i.respondents,
            if i.respondents == 1 { "" } else { "s" },
            if i.empty_rows > 0 {
                format!(" ({} empty rows passed over)", i.empty_rows)
            } else {
                String::new()
            }
        );
        if self.transposed {
            let _ = writeln!(
                out,
                "read transposed: one row per question, one column per respondent"
            );
        }
        let _ = writeln!(out, "{}", i.coverage());
        for w in &i.warnings {
            let _ = writeln!(out, "warning: {w}");
        }
        let _ = writeln!(out);
        for c in &self.columns {
            let also = if c.also.is_empty() {
                String::new()
            } else {
                format!(" ({})", limits::clip(&c.also.join(" / "), 80))
            };
            let _ = writeln!(
                out,
                "{:>3}  \"{}\"{also}: {}",
                c.number,
                limits::clip(&c.name, 80),
                c.taken
            );
            for v in &c.values {
                let _ = writeln!(
                    out,
                    "       \"{}\" \u{d7}{}: {}",
                    limits::clip(&v.text, 60),
                    v.count,
                    reading_words(&v.reading, instrument)
                );
            }
            if c.more_values > 0 {
                let _ = writeln!(
                    out,
                    "       ... and {} more cells of other values",
                    c.more_values
                );
            }
        }
        if !self.problems.is_empty() {
            let _ = writeln!(out, "\nproblems:");
            for p in &self.problems {
                let _ = writeln!(out, "  {p}");
            }
        }
        out
    }

    /// A draft mapping file: every column with what it was taken as, `"?"`
    /// where nothing could be guessed, and the values to check.
    pub fn draft_map(&self, instrument: &Instrument) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let ids: Vec<&str> = instrument
            .questionnaire
            .questions()
            .map(|(_, q)| q.id.as_str())
            .collect();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Mapping for {}, drafted by `itsm-assess survey inspect --write-map`.\n\
             # Replace every \"?\", check the rest, then run:\n\
             #   itsm-assess report {} --map THIS-FILE\n\
             # The format is described in docs/formats.md (Mapping files).",
            self.info.file, self.info.file
        );
        let _ = writeln!(out, "questionnaire = {}", q(&self.questionnaire));
        let _ = writeln!(
            out,
            "# \"rows\": one row per respondent; \"transposed\": one row per question, one column per respondent\nlayout = {}\n",
            q(if self.transposed {
                "transposed"
            } else {
                "rows"
            })
        );
        let _ = writeln!(
            out,
            "# Each column: a question id, \"<question id>:target\", respondent, role,\n# organization, date, comment or ignore."
        );
        let _ = writeln!(out, "[columns]");
        let code_columns = self
            .columns
            .iter()
            .filter(|c| {
                matches!(c.column, Column::Question(..))
                    || self.info.unknown_columns.contains(&c.name)
                    || holds_codes(c)
            })
            .count();
        let mut seen_keys = std::collections::HashSet::new();
        for c in &self.columns {
            let key = if c.name.is_empty() {
                format!("column {}", c.number)
            } else {
                c.name.clone()
            };
            if !seen_keys.insert(normal(&key)) {
                continue;
            }
            let (value, why) = match c.column {
                Column::Question(p, how) => (ids[p].to_string(), how.describe().to_string()),
                Column::Target(p) => (format!("{}:target", ids[p]), String::new()),
                Column::Respondent | Column::FirstName | Column::LastName | Column::Email => {
                    ("respondent".into(), c.taken.clone())
                }
                Column::Role => ("role".into(), String::new()),
                Column::Organization => ("organization".into(), String::new()),
                Column::Date => ("date".into(), String::new()),
                Column::Comment => ("comment".into(), String::new()),
                Column::Metadata => ("ignore".into(), c.taken.clone()),
                Column::Ignore => ("ignore".into(), String::new()),
                Column::Unmatched if self.info.unknown_columns.contains(&c.name) => {
                    ("?".into(), "holds levels but names no question".into())
                }
                Column::Unmatched if holds_codes(c) => (
                    "?".into(),
                    "holds codes: which question does it answer? or ignore".into(),
                ),
                Column::Unmatched if c.values.is_empty() && code_columns > 0 => (
                    "?".into(),
                    "empty in every row: a question nobody answered, or ignore".into(),
                ),
                Column::Unmatched => {
                    let free_text = c
                        .values
                        .iter()
                        .any(|v| v.text.split_whitespace().count() > 3);
                    if free_text {
                        ("comment".into(), "free text".into())
                    } else {
                        ("ignore".into(), "names no question".into())
                    }
                }
            };
            let also = c
                .also
                .first()
                .map(|t| format!(" \"{}\"", limits::clip(&t.replace('\n', " "), 70)))
                .unwrap_or_default();
            let comment = match (why.is_empty(), also.is_empty()) {
                (true, true) => String::new(),
                _ => format!("  #{also}{}{}", if why.is_empty() { "" } else { " " }, why),
            };
            let _ = writeln!(out, "{} = {}{comment}", q(&key), q(&value));
        }
        let _ = writeln!(
            out,
            "\n# Cell values to check: numbers (a recode may start at 1, or use a code for\n# n/a) and values that could not be read. Each maps to a level value, a\n# level label, \"n/a\" or \"unanswered\".\n[values]"
        );
        let mut values: Vec<(&str, &Value)> = Vec::new();
        let mut shown = std::collections::HashSet::new();
        for c in &self.columns {
            let question = matches!(c.column, Column::Question(..))
                || self.info.unknown_columns.contains(&c.name)
                || holds_codes(c);
            if !question {
                continue;
            }
            for v in &c.values {
                let check = match &v.reading {
                    Ok((_, how)) => *how == "by value" || *how == "by the mapping file",
                    Err(_) => true,
                };
                if check && shown.insert(normal(&v.text)) {
                    values.push((&c.name, v));
                }
            }
        }
        values.sort_by_key(|a| natural(&a.1.text));
        for (_, v) in values.iter().take(200) {
            match &v.reading {
                Ok((Response::Level(x), how)) => {
                    let _ = writeln!(
                        out,
                        "{} = {}  # read {how}",
                        q(&v.text),
                        crate::model::instrument::fmt_num(*x)
                    );
                }
                Ok((Response::NotApplicable, _)) => {
                    let _ = writeln!(out, "{} = \"n/a\"", q(&v.text));
                }
                Ok((Response::Unanswered, _)) => {
                    let _ = writeln!(out, "{} = \"unanswered\"", q(&v.text));
                }
                Err(e) => {
                    let _ = writeln!(out, "{} = \"?\"  # {}", q(&v.text), e.replace('\n', " "));
                }
            }
        }
        let _ = writeln!(
            out,
            "\n# Role codes, when the role column holds codes: \"code\" = \"Role name\".\n[roles]"
        );
        let role_values: Vec<&Value> = self
            .columns
            .iter()
            .filter(|c| c.column == Column::Role)
            .flat_map(|c| &c.values)
            .collect();
        let coded = !role_values.is_empty()
            && role_values.iter().all(|v| {
                v.text.len() <= 3
                    || v.text.chars().all(|c| c.is_ascii_alphanumeric())
                        && v.text.chars().any(|c| c.is_ascii_digit())
            });
        if coded {
            for v in role_values {
                let _ = writeln!(out, "{} = \"?\"", q(&v.text));
            }
        } else if !self.columns.iter().any(|c| c.column == Column::Role) {
            let _ = writeln!(
                out,
                "# No role column was recognised; if one of the columns above holds the role, map it to \"role\"."
            );
        }
        out
    }
}

/// Whether a column that names no question holds short codes (`A3`, `SQ1`):
/// a question the header does not name.
fn holds_codes(c: &ColumnReport) -> bool {
    c.column == Column::Unmatched
        && !c.values.is_empty()
        && c.values
            .iter()
            .all(|v| v.text.chars().count() <= 6 && !v.text.contains(' '))
}

/// Sorts "A2" before "A10" and "2" before "10".
fn natural(text: &str) -> (String, u64, String) {
    let prefix: String = text.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let digits: String = text[prefix.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest = text[prefix.len() + digits.len()..].to_string();
    (prefix, digits.parse().unwrap_or(u64::MAX), rest)
}
