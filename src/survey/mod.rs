//! Survey exports: one row per respondent and one column per question, as
//! Google Forms, Microsoft Forms (CSV or .xlsx), SurveyMonkey, Qualtrics,
//! LimeSurvey, a spreadsheet or this tool write them, read one row at a time.
//!
//! Reading is in rooms of their own: [`text`] (encoding, delimiter, lines,
//! normal forms), [`shape`] (which tool, how many header rows), [`header`]
//! (what each column holds), [`cell`] (what a cell says), [`date`],
//! [`xlsx`], [`mapping`] (what the user says where nothing can be guessed)
//! and [`inspect`] (how every column and value was read, and a draft mapping).

pub mod cell;
pub mod date;
pub mod export;
pub mod header;
pub mod inspect;
pub mod mapping;
mod memo;
pub mod shape;
pub mod text;
pub mod xlsx;

use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};

pub use export::{Comment, ExportInfo};
use header::Column;
pub use mapping::Mapping;
use shape::Shape;
use text::{Counting, Encoding, Lines};

use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::model::{Answer, Answers, Assessment, Date, Instrument, Response};
use crate::team::Reply;

/// Choices for reading a survey export.
#[derive(Debug, Clone, Default)]
pub struct SurveyOptions {
    /// Columns that hold levels but name no question are left out instead
    /// of failing the import.
    pub ignore_unknown_columns: bool,
    /// The header of the column that holds the respondent's role, when it
    /// does not say "role".
    pub role_column: Option<String>,
    /// What the user said about columns and values that cannot be guessed.
    pub mapping: Option<Arc<Mapping>>,
}

/// One respondent's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The line the row starts on, from 1 (the row number in a workbook).
    pub line: u64,
    /// The row's number among the respondents' rows, from 1.
    pub number: u64,
    pub respondent: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub date: Option<Date>,
    /// The respondent's free-text comments.
    pub comment: Option<String>,
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
            ..Assessment::default()
        });
        let ids: Vec<&str> = instrument
            .questionnaire
            .questions()
            .map(|(_, q)| q.id.as_str())
            .collect();
        for reply in &self.replies {
            let Some(id) = ids.get(reply.position) else {
                continue;
            };
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

/// Where the records come from.
enum Records<R: Read> {
    Csv {
        reader: Box<csv::Reader<Counting<R>>>,
        lines: Arc<Mutex<Lines>>,
    },
    /// A workbook, or a transposed sheet: rows already read.
    Sheet(std::vec::IntoIter<(u64, Vec<String>)>),
}

impl<R: Read> Records<R> {
    /// The next record and its line.
    fn next(&mut self, name: &str, record: &mut csv::ByteRecord) -> Option<Result<u64, Error>> {
        match self {
            Records::Csv { reader, lines } => match reader.read_byte_record(record) {
                Ok(false) => None,
                Ok(true) => {
                    let offset = record.position().map_or(0, |p| p.byte());
                    let end = reader.position().byte();
                    Some(Ok(lines.lock().map_or(0, |mut l| {
                        l.record_starts(end);
                        l.line_of(offset)
                    })))
                }
                Err(e) => {
                    let line = e
                        .position()
                        .and_then(|p| lines.lock().ok().map(|mut l| l.line_of(p.byte())));
                    let message = match e.kind() {
                        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                            io.to_string()
                        }
                        _ => e.to_string(),
                    };
                    let mut d = Diagnostic::new(name, message);
                    if let Some(line) = line {
                        d = d.at(line as usize, 1);
                    }
                    Some(Err(d.into()))
                }
            },
            Records::Sheet(rows) => rows.next().map(|(line, cells)| {
                record.clear();
                for c in &cells {
                    record.push_field(c.as_bytes());
                }
                Ok(line)
            }),
        }
    }
}

/// Which of a row's names its cells gave (the others are cleared).
#[derive(Default)]
struct Named {
    respondent: bool,
    role: bool,
    organization: bool,
}

/// Sets an optional text, reusing the String already there.
fn put(slot: &mut Option<String>, text: &str) {
    match slot {
        Some(s) => {
            s.clear();
            s.push_str(text);
        }
        None => *slot = Some(text.to_string()),
    }
}

/// `a/b/year`, waiting for the order.
type AmbiguousDate = (u32, u32, i32);

/// Rows waiting for the file to tell which way round its dates are.
const MAX_WAITING: usize = 10_000;

/// A survey export being read.
pub struct Survey<'i, R: Read> {
    name: String,
    instrument: &'i Instrument,
    levels: cell::Levels,
    records: Records<R>,
    /// Records read ahead while looking at the header.
    ahead: VecDeque<(u64, csv::ByteRecord)>,
    shape: Shape,
    columns: Vec<Column>,
    encoding: Encoding,
    decimal_comma: bool,
    transposed: bool,
    mapping: Option<Arc<Mapping>>,
    ignore_unknown: bool,
    record: csv::ByteRecord,
    respondents: u64,
    empty_rows: u64,
    cells_read: u64,
    /// Per column: cells that read as levels, and non-empty cells.
    unmatched: Vec<(u64, u64)>,
    /// What each distinct text of a question column read as.
    memo: memo::Memo,
    fell_back: bool,
    order: Option<date::Order>,
    order_conflict: bool,
    waiting: VecDeque<(Row, Option<AmbiguousDate>)>,
    ended: bool,
    unreadable_dates: Vec<String>,
    unreadable_count: u64,
    /// Question cells holding whole numbers above the top of the scale: the
    /// mark of numeric recodes, and the largest of them.
    above_scale: (u64, f64),
    warnings: Vec<String>,
}

/// What reading one record gave.
enum Step {
    /// A row with nothing in it.
    Empty,
    Ready,
    /// A row whose date waits for the order.
    Waiting(u32, u32, i32),
}

impl<'i, R: Read> Survey<'i, R> {
    /// Opens a survey export and matches its header to the questionnaire.
    /// `sample` is the beginning of the input, to tell the encoding, the
    /// delimiter and whether it is a workbook. An export in which no column
    /// names a question is an error.
    pub fn open(
        name: &str,
        sample: &[u8],
        input: R,
        instrument: &'i Instrument,
        options: &SurveyOptions,
    ) -> Result<Survey<'i, R>, Error> {
        let survey = Survey::start(name, sample, input, instrument, options)?;
        if !survey
            .columns
            .iter()
            .any(|c| matches!(c, Column::Question(..)))
        {
            let shown: Vec<String> = survey
                .shape
                .names
                .iter()
                .filter(|n| !n.is_empty())
                .take(5)
                .map(|n| format!("\"{}\"", limits::clip(n, 40)))
                .collect();
            return Err(Diagnostic::new(
                name,
                format!(
                    "no column names a question of \"{}\" ({} questions); the {} columns begin {}",
                    instrument.questionnaire.id,
                    instrument.question_count(),
                    survey.shape.names.len(),
                    shown.join(", ")
                ),
            )
            .help(format!(
                "run `itsm-assess survey inspect {name}` to see how each column was read; `survey inspect {name} --write-map map.toml` drafts a mapping to edit and pass with --map map.toml"
            ))
            .into());
        }
        Ok(survey)
    }

    /// Opens an export however little of it can be read: for inspecting it.
    pub(crate) fn start(
        name: &str,
        sample: &[u8],
        input: R,
        instrument: &'i Instrument,
        options: &SurveyOptions,
    ) -> Result<Survey<'i, R>, Error> {
        let mapping = options.mapping.clone();
        let transposed = mapping.as_ref().is_some_and(|m| m.transposed);
        let (mut records, encoding, delimiter) = if xlsx::is_workbook(sample) {
            let mut bytes = Vec::new();
            input
                .take(limits::MAX_CSV_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::read(name, e))?;
            (
                Records::Sheet(xlsx::rows(name, bytes)?.into_iter()),
                Encoding::Utf8,
                b',',
            )
        } else {
            let body = sample.strip_prefix(b"\xef\xbb\xbf").unwrap_or(sample);
            let delimiter = text::sniff_delimiter(body);
            let (counting, lines) = Counting::new(input);
            let reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(counting);
            (
                Records::Csv {
                    reader: Box::new(reader),
                    lines,
                },
                text::sniff_encoding(body),
                delimiter,
            )
        };
        let mut ahead = VecDeque::new();
        let mut record = csv::ByteRecord::new();
        let mut fell_back = false;
        if transposed {
            let rows = transpose(name, &mut records, encoding, &mut fell_back)?;
            records = Records::Sheet(rows.into_iter());
        }
        while ahead.len() < 3 {
            match records.next(name, &mut record) {
                None => break,
                Some(Err(e)) => return Err(e),
                Some(Ok(line)) => {
                    if ahead.is_empty() && record.iter().all(|f| f.trim_ascii().is_empty()) {
                        continue;
                    }
                    ahead.push_back((line, record.clone()));
                }
            }
        }
        if let Some((line, widest)) = ahead
            .iter()
            .map(|(l, r)| (*l, r.len()))
            .find(|(_, n)| *n > limits::MAX_COLUMNS)
        {
            return Err(Diagnostic::new(
                name,
                format!(
                    "has {widest} columns; the most a survey export may have is {}",
                    limits::MAX_COLUMNS
                ),
            )
            .at(line as usize, 1)
            .help("check the delimiter, or export only the assessment's questions")
            .into());
        }
        let mut first: Vec<Vec<String>> = Vec::with_capacity(3);
        for (i, (_, r)) in ahead.iter().enumerate() {
            let mut row = Vec::with_capacity(r.len());
            for (j, raw) in r.iter().enumerate() {
                let (t, fb) = text::decode(raw, encoding);
                fell_back |= fb;
                let t = if i == 0 && j == 0 {
                    t.trim_start_matches('\u{feff}').to_string()
                } else {
                    t.into_owned()
                };
                row.push(t.trim().to_string());
            }
            first.push(row);
        }
        if first.first().is_none_or(|h| h.iter().all(String::is_empty)) {
            return Err(Diagnostic::new(name, "has no header row")
                .help("the first row names the columns: respondent, role, organization, date, and one column per question")
                .into());
        }
        let shape = shape::detect(&first);
        for _ in 0..shape.header_rows.min(ahead.len()) {
            ahead.pop_front();
        }
        let columns = header::classify(
            name,
            &shape,
            instrument,
            mapping.as_deref(),
            options.role_column.as_deref(),
        )?;
        let mut warnings = Vec::new();
        if encoding == Encoding::Windows1252 {
            warnings.push(
                "read as Windows-1252, as it is not UTF-8; if accents look wrong, save it as CSV UTF-8"
                    .to_string(),
            );
        }
        Ok(Survey {
            name: name.to_string(),
            instrument,
            levels: cell::Levels::new(instrument),
            records,
            ahead,
            unmatched: vec![(0, 0); columns.len()],
            memo: memo::Memo::new(columns.len()),
            shape,
            columns,
            encoding,
            decimal_comma: delimiter == b';',
            transposed,
            mapping,
            ignore_unknown: options.ignore_unknown_columns,
            record,
            respondents: 0,
            empty_rows: 0,
            cells_read: 0,
            fell_back,
            order: None,
            order_conflict: false,
            waiting: VecDeque::new(),
            ended: false,
            unreadable_dates: Vec::new(),
            unreadable_count: 0,
            above_scale: (0, 0.0),
            warnings,
        })
    }

    /// The shape the header was read as.
    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// What each column was taken as.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The levels the cells are read with.
    pub fn levels(&self) -> &cell::Levels {
        &self.levels
    }

    /// Reads the next row into `row`; `None` at the end. A bad row is an
    /// error naming its line and column; reading can go on after it.
    pub fn next_row(&mut self, row: &mut Row) -> Option<Result<(), Error>> {
        loop {
            if (self.order.is_some() || self.ended)
                && let Some((waiting, date)) = self.waiting.pop_front()
            {
                *row = waiting;
                if let Some((a, b, year)) = date {
                    row.date =
                        date::resolve(a, b, year, self.order.unwrap_or(date::Order::DayFirst));
                }
                return Some(Ok(()));
            }
            if self.ended {
                return None;
            }
            match self.read_one(row) {
                None => {
                    self.ended = true;
                    if !self.waiting.is_empty() && self.order.is_none() {
                        self.settle_order();
                    }
                }
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(Step::Empty)) => {}
                Some(Ok(Step::Ready)) => {
                    // Rows keep their order: behind waiting rows, a row waits too.
                    if self.waiting.is_empty() {
                        return Some(Ok(()));
                    }
                    self.waiting.push_back((row.clone(), None));
                }
                Some(Ok(Step::Waiting(a, b, year))) => {
                    self.waiting.push_back((row.clone(), Some((a, b, year))));
                    if self.waiting.len() >= MAX_WAITING {
                        self.settle_order();
                    }
                }
            }
        }
    }

    /// No row told the order of `a/b/year` dates: the tool's own, else day first.
    fn settle_order(&mut self) {
        let order = if self.shape.tool.month_first() {
            date::Order::MonthFirst
        } else {
            date::Order::DayFirst
        };
        let example = self
            .waiting
            .iter()
            .find_map(|(_, d)| *d)
            .map(|(a, b, y)| format!("{a:02}/{b:02}/{y}"))
            .unwrap_or_default();
        self.warnings.push(format!(
            "dates such as \"{example}\" can be read day first or month first and no row tells which; read as {}",
            order.pattern()
        ));
        self.order = Some(order);
    }

    fn read_one(&mut self, row: &mut Row) -> Option<Result<Step, Error>> {
        let line = match self.ahead.pop_front() {
            Some((line, record)) => {
                self.record = record;
                line
            }
            None => match self.records.next(&self.name, &mut self.record) {
                None => return None,
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(line)) => line,
            },
        };
        if self.record.iter().all(|f| f.trim_ascii().is_empty()) {
            self.empty_rows += 1;
            return Some(Ok(Step::Empty));
        }
        let width = self.columns.len();
        if self.record.len() != width && !self.transposed {
            let extra_filled = self
                .record
                .iter()
                .skip(width)
                .any(|f| !f.trim_ascii().is_empty());
            if self.record.len() < width || extra_filled {
                self.respondents += 1;
                return Some(Err(Diagnostic::new(
                    &self.name,
                    format!(
                        "this row has {} fields but the header has {width}",
                        self.record.len()
                    ),
                )
                .at(line as usize, 1)
                .help("every row needs as many fields as the header; check for an unquoted delimiter in a cell")
                .into()));
            }
        }
        self.respondents += 1;
        // The row's buffers are reused: a name is copied into the String
        // the last row left, not into a new one.
        row.line = line;
        row.number = self.respondents;
        row.date = None;
        row.comment = None;
        // Filled as a local (kept in registers), put back after the cells.
        let mut replies = std::mem::take(&mut row.replies);
        replies.clear();
        let mut named = Named::default();
        let (mut first, mut last, mut email) = (None, None, None);
        let mut comments: Vec<String> = Vec::new();
        let mut problems = Vec::new();
        let mut waiting = None;
        let record = std::mem::take(&mut self.record);
        for (i, raw) in record.iter().enumerate().take(width) {
            let column = self.columns[i];
            if matches!(column, Column::Metadata | Column::Ignore) || raw.is_empty() {
                continue;
            }
            if let Column::Question(position, _) = column
                && let Some(response) = self.memo.get(i, raw)
            {
                if response != Response::Unanswered {
                    self.cells_read += 1;
                    replies.push(Reply {
                        position,
                        response,
                        target: None,
                    });
                }
                continue;
            }
            let (cell, fell_back) = text::decode(raw, self.encoding);
            if fell_back && !self.fell_back {
                self.fell_back = true;
            }
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            if let Some(message) = limits::too_long(cell) {
                problems.push(self.cell_problem(row, i, &message, None));
                continue;
            }
            match column {
                Column::Respondent => {
                    put(&mut row.respondent, cell);
                    named.respondent = true;
                }
                Column::FirstName => first = Some(cell.to_string()),
                Column::LastName => last = Some(cell.to_string()),
                Column::Email => email = Some(cell.to_string()),
                Column::Role => {
                    let mapped = self
                        .mapping
                        .as_ref()
                        .and_then(|m| m.roles.get(&text::normal(cell)));
                    put(&mut row.role, mapped.map_or(cell, String::as_str));
                    named.role = true;
                }
                Column::Organization => {
                    put(&mut row.organization, cell);
                    named.organization = true;
                }
                Column::Comment => comments.push(cell.to_string()),
                Column::Date => match date::read(cell) {
                    date::Reading::Certain(d) => {
                        row.date = Some(d);
                        self.learn_order(cell);
                    }
                    date::Reading::Ambiguous { a, b, year } => match self.order {
                        Some(order) => row.date = date::resolve(a, b, year, order),
                        None => waiting = Some((a, b, year)),
                    },
                    date::Reading::Unreadable => {
                        self.unreadable_count += 1;
                        if self.unreadable_dates.len() < 3 {
                            self.unreadable_dates
                                .push(format!("line {line} \"{}\"", limits::shown(cell)));
                        }
                    }
                },
                Column::Question(position, _) => {
                    let mapped = self
                        .mapping
                        .as_ref()
                        .and_then(|m| m.values.get(&text::normal(cell)).copied());
                    let read = match mapped {
                        Some(r) => Ok(r),
                        None => self
                            .levels
                            .read(Some(position), cell, self.decimal_comma)
                            .map(|(r, _)| r),
                    };
                    if let Ok(response) = read {
                        self.memo.put(i, raw, response);
                    }
                    match read {
                        Ok(Response::Unanswered) => {}
                        Ok(response) => {
                            self.cells_read += 1;
                            replies.push(Reply {
                                position,
                                response,
                                target: None,
                            });
                        }
                        Err(message) => {
                            if let Ok(v) = cell.parse::<f64>()
                                && v.fract() == 0.0
                                && v > self.instrument.range().1
                            {
                                self.above_scale.0 += 1;
                                self.above_scale.1 = self.above_scale.1.max(v);
                            }
                            let help = self.levels.help();
                            problems.push(self.cell_problem(row, i, &message, Some(help)));
                        }
                    }
                }
                Column::Target(position) => match self.target(cell) {
                    Ok(t) => replies.push(Reply {
                        position,
                        response: Response::Unanswered,
                        target: Some(t),
                    }),
                    Err(message) => problems.push(self.cell_problem(row, i, &message, None)),
                },
                Column::Unmatched => {
                    let seen = &mut self.unmatched[i];
                    seen.1 += 1;
                    if self.levels.looks_like_level(cell) {
                        seen.0 += 1;
                    }
                }
                Column::Metadata | Column::Ignore => {}
            }
        }
        self.record = record;
        row.replies = replies;
        for (slot, named) in [
            (&mut row.respondent, named.respondent),
            (&mut row.role, named.role),
            (&mut row.organization, named.organization),
        ] {
            if !named {
                *slot = None;
            }
        }
        if row.respondent.is_none() {
            row.respondent = match (first, last) {
                (Some(f), Some(l)) => Some(format!("{f} {l}")),
                (Some(n), None) | (None, Some(n)) => Some(n),
                (None, None) => email,
            };
        }
        if !comments.is_empty() {
            row.comment = Some(comments.join("\n"));
        }
        if !problems.is_empty() {
            return Some(Err(Error::Invalid(problems)));
        }
        Some(Ok(match waiting {
            Some((a, b, year)) => Step::Waiting(a, b, year),
            None => Step::Ready,
        }))
    }

    /// A date that shows its order (`13/11/2026`) sets it for the file.
    fn learn_order(&mut self, cell: &str) {
        if let Some(order) = date::order_shown(cell) {
            match self.order {
                None => self.order = Some(order),
                Some(o) if o != order && !self.order_conflict => {
                    self.order_conflict = true;
                    self.warnings.push(format!(
                        "some dates are written day first and some month first (\"{}\"); they were read as {}",
                        limits::shown(cell),
                        o.pattern()
                    ));
                }
                Some(_) => {}
            }
        }
    }

    fn cell_problem(
        &self,
        row: &Row,
        column: usize,
        message: &str,
        help: Option<String>,
    ) -> Diagnostic {
        let header = limits::shown(&self.shape.names[column]);
        let d = Diagnostic::new(&self.name, message);
        let d = if self.transposed {
            d.key(format!(
                "respondent \"{}\", row \"{header}\"",
                limits::shown(row.respondent.as_deref().unwrap_or("?"))
            ))
        } else {
            d.at(row.line as usize, column + 1)
                .key(format!("row {}, column \"{header}\"", row.number))
        };
        d.maybe_help(help)
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

    /// The question id a header misspells, if it is close to one.
    fn misspelt(&self, header: &str) -> Option<&str> {
        crate::error::closest(
            &text::normal(header),
            self.instrument
                .questionnaire
                .questions()
                .map(|(_, q)| q.id.as_str()),
        )
    }

    /// Whether an unmatched column's cells read as levels.
    fn holds_levels(&self, column: usize) -> bool {
        let (levels, filled) = self.unmatched[column];
        levels > 0 && levels * 2 >= filled
    }

    /// What was read, once every row has been: the export's coverage, and
    /// the problems that make the import incomplete (columns that hold
    /// levels but name no question; no cell of any question read).
    pub fn finish(&mut self) -> (ExportInfo, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut found = vec![false; self.instrument.question_count()];
        let mut info = ExportInfo {
            file: self.name.clone(),
            tool: self.shape.tool.name().to_string(),
            encoding: if self.fell_back {
                Encoding::Windows1252.name().to_string()
            } else {
                self.encoding.name().to_string()
            },
            header_rows: self.shape.header_rows,
            respondents: self.respondents,
            empty_rows: self.empty_rows,
            questions: self.instrument.question_count(),
            ..ExportInfo::default()
        };
        for (i, column) in self.columns.iter().enumerate() {
            let name = self.shape.names[i].clone();
            match column {
                Column::Question(p, _) => {
                    if let Some(f) = found.get_mut(*p) {
                        *f = true;
                    }
                }
                Column::Comment => info.comment_columns.push(name),
                Column::Unmatched
                    if (self.holds_levels(i) || self.misspelt(&name).is_some())
                        && !self.ignore_unknown =>
                {
                    let did_you_mean = self
                        .misspelt(&name)
                        .map(|id| format!("did you mean \"{id}\"? "))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::new(
                            &self.name,
                            format!(
                                "column \"{}\" holds levels but names no question of \"{}\"",
                                limits::shown(&name),
                                self.instrument.questionnaire.id
                            ),
                        )
                        .at(1, i + 1)
                        .key(format!("column {}", i + 1))
                        .help(format!(
                            "{did_you_mean}run `itsm-assess survey inspect {} --write-map map.toml`, say in map.toml which question it answers, and pass --map map.toml; or pass --ignore-unknown-columns to leave it out",
                            self.name
                        )),
                    );
                    info.unknown_columns.push(name);
                }
                Column::Unmatched | Column::Ignore
                    if !name.is_empty() || self.unmatched[i].1 > 0 =>
                {
                    info.ignored_columns.push(if name.is_empty() {
                        format!("column {}", i + 1)
                    } else {
                        name
                    });
                }
                _ => {}
            }
        }
        if self.above_scale.0 >= 3 {
            let (lo, hi) = self.instrument.range();
            problems.push(
                Diagnostic::new(
                    &self.name,
                    format!(
                        "{} question cells hold whole numbers above the scale (up to {}), which runs from {lo} to {hi}: the export looks like numeric recodes (Qualtrics numbers choices from 1), so its other numbers cannot be trusted either",
                        self.above_scale.0,
                        crate::model::instrument::fmt_num(self.above_scale.1)
                    ),
                )
                .help(format!(
                    "export choice texts instead of numeric values, or run `itsm-assess survey inspect {} --write-map map.toml`, say in [values] what each number means, and pass --map map.toml",
                    self.name
                )),
            );
        }
        problems.truncate(limits::MAX_PROBLEMS);
        let ids: Vec<&str> = self
            .instrument
            .questionnaire
            .questions()
            .map(|(_, q)| q.id.as_str())
            .collect();
        info.found = found.iter().filter(|f| **f).count();
        info.not_found = found
            .iter()
            .zip(&ids)
            .filter(|(f, _)| !**f)
            .map(|(_, id)| id.to_string())
            .collect();
        if self.encoding == Encoding::Utf8 && self.fell_back {
            self.warnings.push(
                "some cells are not UTF-8 and were read as Windows-1252; save the export as CSV UTF-8 to be sure of them".into(),
            );
        }
        if self.unreadable_count > 0 {
            let more = self.unreadable_count - self.unreadable_dates.len() as u64;
            self.warnings.push(format!(
                "{} date{} could not be read and {} left out; the answers were kept: {}{}",
                self.unreadable_count,
                if self.unreadable_count == 1 { "" } else { "s" },
                if self.unreadable_count == 1 {
                    "was"
                } else {
                    "were"
                },
                self.unreadable_dates.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        info.warnings = self.warnings.clone();
        if self.respondents > 0 && self.cells_read == 0 && problems.is_empty() {
            problems.push(
                Diagnostic::new(
                    &self.name,
                    format!(
                        "no cell of the {} question columns could be read in {} rows",
                        self.columns
                            .iter()
                            .filter(|c| matches!(c, Column::Question(..)))
                            .count(),
                        self.respondents
                    ),
                )
                .help(format!(
                    "run `itsm-assess survey inspect {}` to see how the cells were read",
                    self.name
                )),
            );
        }
        (info, problems)
    }
}

/// Reads a whole sheet with one row per question and one column per
/// respondent, and turns it round.
fn transpose<R: Read>(
    name: &str,
    records: &mut Records<R>,
    encoding: Encoding,
    fell_back: &mut bool,
) -> Result<Vec<(u64, Vec<String>)>, Error> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut cells = 0usize;
    while let Some(line) = records.next(name, &mut record) {
        line?;
        let row: Vec<String> = record
            .iter()
            .map(|raw| {
                let (t, fb) = text::decode(raw, encoding);
                *fell_back |= fb;
                t.trim().trim_start_matches('\u{feff}').to_string()
            })
            .collect();
        if row.iter().all(String::is_empty) {
            continue;
        }
        cells += row.len();
        if cells > 10_000_000 {
            return Err(Diagnostic::new(name, "is too large to be read transposed")
                .help("a transposed sheet has one row per question; save it with one row per respondent instead")
                .into());
        }
        rows.push(row);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::with_capacity(width);
    for j in 0..width {
        let column: Vec<String> = rows
            .iter()
            .map(|r| r.get(j).cloned().unwrap_or_default())
            .collect();
        out.push((j as u64 + 1, column));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
