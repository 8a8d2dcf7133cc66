//! Survey exports for the import tests.
//!
//! One ground truth (14 respondents answering the built-in `itsm-core`
//! questionnaire) is written in the shapes real survey tools export:
//! Google Forms, Microsoft Forms (.xlsx and the two CSVs Excel saves from
//! it), SurveyMonkey, Qualtrics (choice text and numeric), LimeSurvey (codes
//! and full text), a consultant's own sheet and a transposed sheet. The same
//! truth is also written as answers files, so the tool itself computes the
//! numbers an export must reproduce.
//!
//! Question ids, titles, texts, level descriptors and scale labels come from
//! `itsm-assess questionnaire show --format json` at test time.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// The questionnaire, as the tool shows it

pub struct Question {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Level descriptor sentences, one per scale step.
    pub levels: Vec<String>,
    /// Index of the area in `Questionnaire::areas`.
    pub area: usize,
}

pub struct Area {
    pub id: String,
    pub title: String,
}

pub struct Questionnaire {
    pub areas: Vec<Area>,
    /// All questions, area after area, in questionnaire order.
    pub questions: Vec<Question>,
    /// Scale labels by level value (0..=5 for itsm-core).
    pub labels: Vec<String>,
}

impl Questionnaire {
    /// From the JSON of `questionnaire show --format json`.
    pub fn from_show_json(doc: &Value) -> Self {
        let mut areas = Vec::new();
        let mut questions = Vec::new();
        for (a, area) in doc["questionnaire"]["area"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            areas.push(Area {
                id: area["id"].as_str().unwrap().to_string(),
                title: area["title"].as_str().unwrap().to_string(),
            });
            for q in area["question"].as_array().unwrap() {
                questions.push(Question {
                    id: q["id"].as_str().unwrap().to_string(),
                    title: q["title"].as_str().unwrap().to_string(),
                    text: q["text"].as_str().unwrap().to_string(),
                    levels: q["levels"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|l| l.as_str().unwrap().to_string())
                        .collect(),
                    area: a,
                });
            }
        }
        let mut labels = Vec::new();
        for (i, level) in doc["rubric"]["level"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            assert_eq!(
                level["value"].as_f64().unwrap(),
                i as f64,
                "a 0, 1, 2, ... scale"
            );
            labels.push(level["label"].as_str().unwrap().to_string());
        }
        Questionnaire {
            areas,
            questions,
            labels,
        }
    }

    fn in_area(&self, a: usize) -> impl Iterator<Item = (usize, &Question)> {
        self.questions
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.area == a)
    }
}

// ---------------------------------------------------------------------------
// The ground truth

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Level(u8),
    NotApplicable,
    Unanswered,
    /// A cell written verbatim (for tests of bad cells); never in the truth.
    Raw(String),
}

#[derive(Clone, Debug)]
pub struct Respondent {
    pub first: String,
    pub last: String,
    pub email: String,
    pub role: String,
    /// Day of November 2026.
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// One answer per question of `Questionnaire::questions`.
    pub answers: Vec<Answer>,
    pub comment: Option<String>,
}

impl Respondent {
    pub fn name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

pub struct Truth {
    pub q: Questionnaire,
    pub respondents: Vec<Respondent>,
}

pub const ROLES: [&str; 4] = [
    "Manager",
    "Service desk agent",
    "Process owner",
    "Team lead",
];

const PEOPLE: [(&str, &str, &str); 14] = [
    ("Zoé", "Martin", "zoe.martin"),
    ("Seán", "O’Neill", "sean.oneill"),
    ("Priya", "Natarajan", "priya.natarajan"),
    ("Tom", "Becker", "tom.becker"),
    ("Ana", "Sousa", "ana.sousa"),
    ("Lukas", "Weber", "lukas.weber"),
    ("Mei", "Chen", "mei.chen"),
    ("Olivia", "Brown", "olivia.brown"),
    ("Jonas", "Lindqvist", "jonas.lindqvist"),
    ("Fatima", "El Amrani", "fatima.elamrani"),
    ("Renée", "Dubois", "renee.dubois"),
    ("Marco", "Rossi", "marco.rossi"),
    ("Hannah", "Schmidt", "hannah.schmidt"),
    ("Kofi", "Mensah", "kofi.mensah"),
];

/// Days of November 2026, one per respondent; several above 12 so that
/// day/month order is decidable from the file.
const DAYS: [u32; 14] = [3, 5, 10, 10, 12, 13, 16, 17, 18, 19, 20, 23, 24, 26];

/// Free-text comments, with what breaks naive CSV handling: commas, quotes,
/// line breaks, semicolons, accents, typographic apostrophes and dashes.
fn comment_of(r: usize) -> Option<String> {
    Some(
        match r {
            0 => "Change approvals take too long, often a week or more.\nWe need a \"fast lane\" for standard changes.",
            1 => "Zoé’s team already uses the new portal; the rest of us don’t, yet.",
            4 => "Good start – but \"Defined\" on paper isn’t \"Defined\" in practice,\nat least not on the night shift.",
            10 => "Training budget: 2 days/year, shared; not enough for the new tool.",
            12 => "Dashboards exist, nobody reads them… \"KPIs\" are a monthly ritual.",
            _ => return None,
        }
        .to_string(),
    )
}

fn mix(r: usize, i: usize) -> u32 {
    let mut x = (r as u32).wrapping_mul(2_654_435_761)
        ^ (i as u32).wrapping_mul(40_503).wrapping_add(12_345);
    x ^= x >> 13;
    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
    x ^ (x >> 16)
}

impl Truth {
    /// The 14 respondents.
    pub fn new(show_json: &Value) -> Self {
        Self::with_respondents(show_json, 14)
    }

    /// The first `n` of the 14 respondents.
    pub fn with_respondents(show_json: &Value, n: usize) -> Self {
        let q = Questionnaire::from_show_json(show_json);
        let top = q.labels.len() as i32 - 1;
        let respondents = (0..n)
            .map(|r| {
                let role = ROLES[r % 4];
                let base = match role {
                    "Manager" => 3,
                    "Process owner" => 2,
                    "Team lead" => 2,
                    _ => 1,
                };
                let answers = q
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, question)| {
                        // One question nobody finds applicable, one nobody answers.
                        if i == 7 {
                            return if r % 3 == 0 {
                                Answer::Unanswered
                            } else {
                                Answer::NotApplicable
                            };
                        }
                        if i == 8 {
                            return Answer::Unanswered;
                        }
                        let h = mix(r, i);
                        if h.is_multiple_of(19) {
                            Answer::Unanswered
                        } else if h % 23 == 1 {
                            Answer::NotApplicable
                        } else {
                            let owner_bonus =
                                i32::from(role == "Process owner" && question.area == 0);
                            let noise = ((h >> 8) % 5) as i32 - 2;
                            Answer::Level((base + owner_bonus + noise).clamp(0, top) as u8)
                        }
                    })
                    .collect();
                let (first, last, mail) = PEOPLE[r];
                Respondent {
                    first: first.to_string(),
                    last: last.to_string(),
                    email: format!("{mail}@example.com"),
                    role: role.to_string(),
                    day: DAYS[r],
                    hour: 8 + (r as u32 * 5) % 10,
                    minute: (r as u32 * 17 + 5) % 60,
                    second: (r as u32 * 29 + 9) % 60,
                    answers,
                    comment: comment_of(r),
                }
            })
            .collect();
        Truth { q, respondents }
    }

    /// Writes one answers file per respondent into `dir`; returns `dir`.
    pub fn write_answers_folder(&self, dir: &Path) -> PathBuf {
        for (r, p) in self.respondents.iter().enumerate() {
            let mut s = String::new();
            s.push_str("[assessment]\nquestionnaire = \"itsm-core\"\n");
            s.push_str(&format!("respondent = {}\n", toml_str(&p.name())));
            s.push_str(&format!("role = {}\n", toml_str(&p.role)));
            s.push_str(&format!("date = 2026-11-{:02}\n\n[answers]\n", p.day));
            for (q, a) in self.q.questions.iter().zip(&p.answers) {
                match a {
                    Answer::Level(v) => s.push_str(&format!("{} = {v}\n", toml_str(&q.id))),
                    Answer::NotApplicable => {
                        s.push_str(&format!("{} = \"n/a\"\n", toml_str(&q.id)))
                    }
                    Answer::Unanswered => {}
                    Answer::Raw(_) => panic!("a raw cell has no answers-file form"),
                }
            }
            let slug: String = p.email.split('@').next().unwrap().replace('.', "-");
            std::fs::write(dir.join(format!("{:02}-{slug}.toml", r + 1)), s).unwrap();
        }
        dir.to_path_buf()
    }
}

fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Shapes

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    GoogleForms,
    MsFormsXlsx,
    MsFormsCsvUtf8Bom,
    MsFormsCsvSemicolon1252,
    SurveyMonkey,
    QualtricsText,
    QualtricsNumeric,
    LimeSurveyCodes,
    LimeSurveyText,
    ConsultantSheet1252,
    TransposedSheet,
}

impl Shape {
    pub const ALL: [Shape; 11] = [
        Shape::GoogleForms,
        Shape::MsFormsXlsx,
        Shape::MsFormsCsvUtf8Bom,
        Shape::MsFormsCsvSemicolon1252,
        Shape::SurveyMonkey,
        Shape::QualtricsText,
        Shape::QualtricsNumeric,
        Shape::LimeSurveyCodes,
        Shape::LimeSurveyText,
        Shape::ConsultantSheet1252,
        Shape::TransposedSheet,
    ];

    /// Shapes a user can only import with a column/value map.
    pub fn needs_map(self) -> bool {
        matches!(
            self,
            Shape::QualtricsNumeric | Shape::LimeSurveyCodes | Shape::TransposedSheet
        )
    }

    /// The name the tool would give the downloaded file.
    pub fn file_name(self) -> &'static str {
        match self {
            Shape::GoogleForms => "ITSM maturity survey (Responses).csv",
            Shape::MsFormsXlsx => "ITSM maturity survey(1-14).xlsx",
            Shape::MsFormsCsvUtf8Bom => "ITSM maturity survey(1-14).csv",
            Shape::MsFormsCsvSemicolon1252 => "ITSM-Reifegrad(1-14).csv",
            Shape::SurveyMonkey => "Sheet_1.csv",
            Shape::QualtricsText => "ITSM+maturity_November+26,+2026_17.02.csv",
            Shape::QualtricsNumeric => "ITSM+maturity_November+26,+2026_17.03.csv",
            Shape::LimeSurveyCodes => "results-survey482913.csv",
            Shape::LimeSurveyText => "results-survey482913-fulltext.csv",
            Shape::ConsultantSheet1252 => "Interviews Acme.csv",
            Shape::TransposedSheet => "Workshop scores.csv",
        }
    }

    /// The bytes of the export of `truth` in this shape.
    pub fn export(self, truth: &Truth) -> Vec<u8> {
        let sheet = self.sheet(truth);
        match self {
            Shape::MsFormsXlsx => xlsx(&sheet, truth),
            _ => write_csv(&sheet.all_rows(), &self.style()),
        }
    }

    /// How the CSV shapes are written (the xlsx has none).
    pub fn style(self) -> CsvStyle {
        let base = CsvStyle {
            delimiter: b',',
            quote_all: false,
            crlf: true,
            bom: false,
            cp1252: false,
            trailing_empty_rows: 0,
        };
        match self {
            Shape::GoogleForms => CsvStyle {
                quote_all: true,
                ..base
            },
            Shape::MsFormsXlsx | Shape::MsFormsCsvUtf8Bom => CsvStyle { bom: true, ..base },
            Shape::MsFormsCsvSemicolon1252 => CsvStyle {
                delimiter: b';',
                cp1252: true,
                ..base
            },
            Shape::SurveyMonkey => base,
            Shape::QualtricsText | Shape::QualtricsNumeric => CsvStyle { bom: true, ..base },
            Shape::LimeSurveyCodes | Shape::LimeSurveyText => CsvStyle {
                quote_all: true,
                crlf: false,
                ..base
            },
            Shape::ConsultantSheet1252 => CsvStyle {
                cp1252: true,
                trailing_empty_rows: 4,
                ..base
            },
            Shape::TransposedSheet => CsvStyle {
                crlf: false,
                ..base
            },
        }
    }

    /// The table of the export before it is written out.
    pub fn sheet(self, t: &Truth) -> Sheet {
        match self {
            Shape::GoogleForms => google(t),
            Shape::MsFormsXlsx => ms_forms(t, MsVariant::Xlsx),
            Shape::MsFormsCsvUtf8Bom => ms_forms(t, MsVariant::CsvUs),
            Shape::MsFormsCsvSemicolon1252 => ms_forms(t, MsVariant::CsvEuropean),
            Shape::SurveyMonkey => survey_monkey(t),
            Shape::QualtricsText => qualtrics(t, false),
            Shape::QualtricsNumeric => qualtrics(t, true),
            Shape::LimeSurveyCodes => lime_survey(t, true),
            Shape::LimeSurveyText => lime_survey(t, false),
            Shape::ConsultantSheet1252 => consultant(t),
            Shape::TransposedSheet => transposed(t),
        }
    }

    /// What the user puts in a map for the cell values of this shape:
    /// (cell value, level number or "n/a"). Empty for shapes without codes.
    pub fn value_codes(self, t: &Truth) -> Vec<(String, String)> {
        let top = t.q.labels.len();
        match self {
            Shape::QualtricsNumeric => (1..=top)
                .map(|k| (k.to_string(), (k - 1).to_string()))
                .chain([((top + 1).to_string(), "n/a".to_string())])
                .collect(),
            Shape::LimeSurveyCodes => (1..=top)
                .map(|k| (format!("A{k}"), (k - 1).to_string()))
                .chain([(format!("A{}", top + 1), "n/a".to_string())])
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Col {
    /// Tool metadata: ids, times, IP addresses, progress...
    Meta,
    Respondent,
    Role,
    Date,
    Comment,
    /// The answers to question `i` of `Questionnaire::questions`.
    Question(usize),
}

impl Col {
    /// The target a user writes in a map's `[columns]` for this column.
    pub fn map_target(&self, t: &Truth) -> String {
        match self {
            Col::Meta | Col::Date => "ignore".into(),
            Col::Respondent => "respondent".into(),
            Col::Role => "role".into(),
            Col::Comment => "comment".into(),
            Col::Question(i) => t.q.questions[*i].id.clone(),
        }
    }
}

/// An export as a table: header rows, one row per respondent, and what each
/// column holds. For the transposed sheet `cols` describes the rows instead.
pub struct Sheet {
    pub head: Vec<Vec<String>>,
    pub body: Vec<Vec<String>>,
    pub cols: Vec<Col>,
}

impl Sheet {
    pub fn all_rows(&self) -> Vec<Vec<String>> {
        self.head.iter().chain(&self.body).cloned().collect()
    }

    /// 0-based index of the column of question `i`.
    pub fn column_of(&self, i: usize) -> usize {
        self.cols
            .iter()
            .position(|c| *c == Col::Question(i))
            .unwrap()
    }
}

/// How a level is written in a cell.
#[derive(Clone, Copy)]
enum Cell {
    /// `Defined`
    Label,
    /// `3 - Defined`
    Numbered,
    /// The question's own level descriptor sentence.
    Descriptor,
    /// `3`
    Number,
    /// `3,0`: a number formatted with one decimal in a European locale.
    DecimalComma,
    /// LimeSurvey answer codes `A1` (level 0) ... `A7` (not applicable).
    Code,
    /// Qualtrics recode values `1` (level 0) ... `7` (not applicable).
    Recode,
}

fn cell(t: &Truth, i: usize, a: &Answer, style: Cell, na: &str) -> String {
    let top = t.q.labels.len();
    match (a, style) {
        (Answer::Level(v), Cell::Label) => t.q.labels[*v as usize].clone(),
        (Answer::Level(v), Cell::Numbered) => format!("{v} - {}", t.q.labels[*v as usize]),
        (Answer::Level(v), Cell::Descriptor) => t.q.questions[i].levels[*v as usize].clone(),
        (Answer::Level(v), Cell::Number) => v.to_string(),
        (Answer::Level(v), Cell::DecimalComma) => format!("{v},0"),
        (Answer::Level(v), Cell::Code) => format!("A{}", v + 1),
        (Answer::Level(v), Cell::Recode) => (v + 1).to_string(),
        (Answer::NotApplicable, Cell::Code) => format!("A{}", top + 1),
        (Answer::NotApplicable, Cell::Recode) => (top + 1).to_string(),
        (Answer::NotApplicable, _) => na.to_string(),
        (Answer::Unanswered, _) => String::new(),
        (Answer::Raw(s), _) => s.clone(),
    }
}

fn am_pm(h: u32) -> (u32, &'static str) {
    match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    }
}

/// Google Forms, Responses > Download (.csv). Processes and training are
/// multiple-choice grids (`Area [Question title]`), tools and management
/// separate questions headed by their text. Processes offer `3 - Defined`,
/// tools the descriptor sentences, training the labels and a `Don't know`
/// column, management a linear scale 0-5.
fn google(t: &Truth) -> Sheet {
    let mut head = vec![
        "Timestamp".to_string(),
        "Email Address".into(),
        "What is your role?".into(),
    ];
    let mut cols = vec![Col::Date, Col::Meta, Col::Role];
    for (i, q) in t.q.questions.iter().enumerate() {
        let area = &t.q.areas[q.area].title;
        head.push(match q.area % 4 {
            0 | 2 => format!("{area} [{}]", q.title),
            _ => q.text.clone(),
        });
        cols.push(Col::Question(i));
    }
    head.push("Any other comments?".into());
    cols.push(Col::Comment);
    let body = t
        .respondents
        .iter()
        .enumerate()
        .map(|(r, p)| {
            let (h, ap) = am_pm(p.hour);
            let mut row = vec![
                format!(
                    "2026/11/{:02} {h}:{:02}:{:02} {ap} GMT+1",
                    p.day, p.minute, p.second
                ),
                p.email.clone(),
                p.role.clone(),
            ];
            for (i, (q, a)) in t.q.questions.iter().zip(&p.answers).enumerate() {
                let style =
                    [Cell::Numbered, Cell::Descriptor, Cell::Label, Cell::Number][q.area % 4];
                row.push(
                    if q.area % 4 == 2 && *a == Answer::Unanswered && (r + i) % 2 == 0 {
                        "Don't know".to_string()
                    } else {
                        cell(t, i, a, style, "Not applicable")
                    },
                );
            }
            row.push(p.comment.clone().unwrap_or_default());
            row
        })
        .collect();
    Sheet {
        head: vec![head],
        body,
        cols,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum MsVariant {
    Xlsx,
    /// Saved by Excel as "CSV UTF-8" in an English (US) locale.
    CsvUs,
    /// Saved by Excel as "CSV (semicolon)" in a German locale, Windows-1252.
    CsvEuropean,
}

/// Microsoft Forms, Responses > Open in Excel. Choice questions hold their
/// option text, the management area is a rating (numbers). Headers: titles,
/// numbered titles, titles with a required mark, question texts.
fn ms_forms(t: &Truth, v: MsVariant) -> Sheet {
    let mut head: Vec<String> = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
    ]
    .map(String::from)
    .to_vec();
    let mut cols = vec![
        Col::Respondent,
        Col::Meta,
        Col::Date,
        Col::Meta,
        Col::Meta,
        Col::Meta,
    ];
    for (i, q) in t.q.questions.iter().enumerate() {
        head.push(match q.area % 4 {
            0 => q.title.clone(),
            1 => format!("{}. {}", i + 1, q.title),
            2 => format!("{} *", q.title),
            _ => q.text.clone(),
        });
        cols.push(Col::Question(i));
    }
    head.push("Role".into());
    cols.push(Col::Role);
    head.push("Comments".into());
    cols.push(Col::Comment);
    let first_rating = t.q.questions.iter().position(|q| q.area % 4 == 3);
    let body = t
        .respondents
        .iter()
        .enumerate()
        .map(|(r, p)| {
            let start_min = p.minute.saturating_sub(7 + r as u32 % 5);
            let time = |m: u32| match v {
                // The xlsx writer turns these into Excel datetimes.
                MsVariant::Xlsx => {
                    format!("2026-11-{:02}T{:02}:{m:02}:{:02}", p.day, p.hour, p.second)
                }
                MsVariant::CsvUs => format!("11/{}/26 {}:{m:02}:{:02}", p.day, p.hour, p.second),
                MsVariant::CsvEuropean => {
                    format!("{:02}.11.2026 {:02}:{m:02}:{:02}", p.day, p.hour, p.second)
                }
            };
            let mut row = vec![
                (r + 1).to_string(),
                time(start_min),
                time(p.minute),
                p.email.clone(),
                p.name(),
                if r == 3 {
                    time(p.minute.min(58) + 1)
                } else {
                    String::new()
                },
            ];
            for (i, (q, a)) in t.q.questions.iter().zip(&p.answers).enumerate() {
                let (style, na) = match q.area % 4 {
                    0 | 2 => (Cell::Label, "Not applicable"),
                    1 => (Cell::Numbered, "Not applicable"),
                    _ if v == MsVariant::CsvEuropean && Some(i) == first_rating => {
                        (Cell::DecimalComma, "N/A")
                    }
                    _ => (Cell::Number, "N/A"),
                };
                row.push(cell(t, i, a, style, na));
            }
            row.push(p.role.clone());
            row.push(p.comment.clone().unwrap_or_default());
            row
        })
        .collect();
    Sheet {
        head: vec![head],
        body,
        cols,
    }
}

fn xlsx(sheet: &Sheet, t: &Truth) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    let bold = Format::new().set_bold();
    let when = Format::new().set_num_format("m/d/yy h:mm:ss");
    for (c, h) in sheet.head[0].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold).unwrap();
    }
    for (r, row) in sheet.body.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            if v.is_empty() {
                continue;
            }
            let is_time = (1..=2).contains(&c) || c == 5;
            let rating =
                matches!(sheet.cols[c], Col::Question(i) if t.q.questions[i].area % 4 == 3);
            if is_time {
                let n = |a: usize, b: usize| v[a..b].parse::<u16>().unwrap();
                let dt = ExcelDateTime::from_ymd(n(0, 4), n(5, 7) as u8, n(8, 10) as u8)
                    .unwrap()
                    .and_hms(n(11, 13), n(14, 16) as u8, n(17, 19))
                    .unwrap();
                ws.write_datetime_with_format(r, col, &dt, &when).unwrap();
            } else if (c == 0 || rating) && v.parse::<f64>().is_ok() {
                ws.write_number(r, col, v.parse::<f64>().unwrap()).unwrap();
            } else {
                ws.write_string(r, col, v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// SurveyMonkey, Analyze > Save as > CSV, "expanded": two header rows, one
/// matrix question per area (its text above its first column only, the row
/// titles in row 2).
fn survey_monkey(t: &Truth) -> Sheet {
    let meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ];
    let mut h1: Vec<String> = meta.map(String::from).to_vec();
    let mut h2: Vec<String> = vec![String::new(); meta.len()];
    let mut cols = vec![
        Col::Respondent,
        Col::Meta,
        Col::Meta,
        Col::Date,
        Col::Meta,
        Col::Meta,
        Col::Meta,
        Col::Meta,
        Col::Meta,
    ];
    h1.push("What is your role?".into());
    h2.push("Response".into());
    cols.push(Col::Role);
    for (a, area) in t.q.areas.iter().enumerate() {
        for (k, (i, q)) in t.q.in_area(a).enumerate() {
            h1.push(if k == 0 {
                format!(
                    "{}: how far along is your organisation on each of the following?",
                    area.title
                )
            } else {
                String::new()
            });
            h2.push(q.title.clone());
            cols.push(Col::Question(i));
        }
    }
    h1.push("Any other comments?".into());
    h2.push("Open-Ended Response".into());
    cols.push(Col::Comment);
    let body = t
        .respondents
        .iter()
        .enumerate()
        .map(|(r, p)| {
            let stamp = |m: u32| {
                let (h, ap) = am_pm(p.hour);
                format!("11/{:02}/2026 {h:02}:{m:02}:{:02} {ap}", p.day, p.second)
            };
            let mut row = vec![
                (11_427_000_000_u64 + r as u64 * 7919).to_string(),
                "431190062".into(),
                stamp(p.minute.saturating_sub(6)),
                stamp(p.minute),
                format!("198.51.100.{}", 10 + r),
                p.email.clone(),
                p.first.clone(),
                p.last.clone(),
                String::new(),
                p.role.clone(),
            ];
            for (i, (q, a)) in t.q.questions.iter().zip(&p.answers).enumerate() {
                let style = if q.area % 2 == 1 {
                    Cell::Numbered
                } else {
                    Cell::Label
                };
                row.push(cell(t, i, a, style, "N/A"));
            }
            row.push(p.comment.clone().unwrap_or_default());
            row
        })
        .collect();
    Sheet {
        head: vec![h1, h2],
        body,
        cols,
    }
}

/// Qualtrics, Data & Analysis > Export > CSV: three header rows (export
/// tags, question texts, ImportIds). Text: "Use choice text", the role a
/// multiple-choice question. Numeric: recode values, the role an embedded
/// data field from the contact list.
fn qualtrics(t: &Truth, numeric: bool) -> Sheet {
    let tz = "America/Denver";
    let meta: [(&str, &str, String, Col); 17] = [
        (
            "StartDate",
            "Start Date",
            format!("{{\"ImportId\":\"startDate\",\"timeZone\":\"{tz}\"}}"),
            Col::Meta,
        ),
        (
            "EndDate",
            "End Date",
            format!("{{\"ImportId\":\"endDate\",\"timeZone\":\"{tz}\"}}"),
            Col::Meta,
        ),
        (
            "Status",
            "Response Type",
            "{\"ImportId\":\"status\"}".into(),
            Col::Meta,
        ),
        (
            "IPAddress",
            "IP Address",
            "{\"ImportId\":\"ipAddress\"}".into(),
            Col::Meta,
        ),
        (
            "Progress",
            "Progress",
            "{\"ImportId\":\"progress\"}".into(),
            Col::Meta,
        ),
        (
            "Duration (in seconds)",
            "Duration (in seconds)",
            "{\"ImportId\":\"duration\"}".into(),
            Col::Meta,
        ),
        (
            "Finished",
            "Finished",
            "{\"ImportId\":\"finished\"}".into(),
            Col::Meta,
        ),
        (
            "RecordedDate",
            "Recorded Date",
            format!("{{\"ImportId\":\"recordedDate\",\"timeZone\":\"{tz}\"}}"),
            Col::Date,
        ),
        (
            "ResponseId",
            "Response ID",
            "{\"ImportId\":\"_recordId\"}".into(),
            Col::Respondent,
        ),
        (
            "RecipientLastName",
            "Recipient Last Name",
            "{\"ImportId\":\"recipientLastName\"}".into(),
            Col::Meta,
        ),
        (
            "RecipientFirstName",
            "Recipient First Name",
            "{\"ImportId\":\"recipientFirstName\"}".into(),
            Col::Meta,
        ),
        (
            "RecipientEmail",
            "Recipient Email",
            "{\"ImportId\":\"recipientEmail\"}".into(),
            Col::Meta,
        ),
        (
            "ExternalReference",
            "External Data Reference",
            "{\"ImportId\":\"externalDataReference\"}".into(),
            Col::Meta,
        ),
        (
            "LocationLatitude",
            "Location Latitude",
            "{\"ImportId\":\"locationLatitude\"}".into(),
            Col::Meta,
        ),
        (
            "LocationLongitude",
            "Location Longitude",
            "{\"ImportId\":\"locationLongitude\"}".into(),
            Col::Meta,
        ),
        (
            "DistributionChannel",
            "Distribution Channel",
            "{\"ImportId\":\"distributionChannel\"}".into(),
            Col::Meta,
        ),
        (
            "UserLanguage",
            "User Language",
            "{\"ImportId\":\"userLanguage\"}".into(),
            Col::Meta,
        ),
    ];
    let mut h1 = Vec::new();
    let mut h2 = Vec::new();
    let mut h3 = Vec::new();
    let mut cols = Vec::new();
    for (a, b, c, col) in meta {
        h1.push(a.to_string());
        h2.push(b.to_string());
        h3.push(c);
        cols.push(col);
    }
    if !numeric {
        h1.push("Q1".into());
        h2.push("What is your role?".into());
        h3.push("{\"ImportId\":\"QID1\"}".into());
        cols.push(Col::Role);
    }
    for (a, area) in t.q.areas.iter().enumerate() {
        for (k, (i, q)) in t.q.in_area(a).enumerate() {
            h1.push(format!("Q{}_{}", a + 2, k + 1));
            let row = if a % 2 == 0 { &q.title } else { &q.text };
            h2.push(format!(
                "{}: how mature is your organisation today? - {row}",
                area.title
            ));
            h3.push(format!("{{\"ImportId\":\"QID{}_{}\"}}", a + 2, k + 1));
            cols.push(Col::Question(i));
        }
    }
    let qc = t.q.areas.len() + 2;
    h1.push(format!("Q{qc}"));
    h2.push("Any other comments?".into());
    h3.push(format!("{{\"ImportId\":\"QID{qc}_TEXT\"}}"));
    cols.push(Col::Comment);
    if numeric {
        h1.push("Role".into());
        h2.push("Role".into());
        h3.push("{\"ImportId\":\"Role\"}".into());
        cols.push(Col::Role);
    }
    let body = t
        .respondents
        .iter()
        .enumerate()
        .map(|(r, p)| {
            let stamp =
                |m: u32| format!("2026-11-{:02} {:02}:{m:02}:{:02}", p.day, p.hour, p.second);
            let id: String = (0..15)
                .map(|k| {
                    let alphabet = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
                    alphabet[mix(r, k + 1000) as usize % alphabet.len()] as char
                })
                .collect();
            let mut row = vec![
                stamp(p.minute.saturating_sub(7)),
                stamp(p.minute),
                if numeric {
                    "0".into()
                } else {
                    "IP Address".into()
                },
                format!("203.0.113.{}", 20 + r),
                "100".into(),
                (420 + r * 13).to_string(),
                if numeric { "1".into() } else { "True".into() },
                stamp(p.minute),
                format!("R_{id}"),
                p.last.clone(),
                p.first.clone(),
                p.email.clone(),
                String::new(),
                "39.7392".into(),
                "-104.9847".into(),
                "email".into(),
                "EN".into(),
            ];
            if !numeric {
                row.push(p.role.clone());
            }
            for (i, a) in p.answers.iter().enumerate() {
                row.push(cell(
                    t,
                    i,
                    a,
                    if numeric { Cell::Recode } else { Cell::Label },
                    "Not applicable",
                ));
            }
            row.push(p.comment.clone().unwrap_or_default());
            if numeric {
                row.push(p.role.clone());
            }
            row
        })
        .collect();
    Sheet {
        head: vec![h1, h2, h3],
        body,
        cols,
    }
}

/// LimeSurvey, Responses > Export: "Question code" headings with answer
/// codes, or "Full question text" headings with full answers. One array
/// question per area; the role is a short free text.
fn lime_survey(t: &Truth, codes: bool) -> Sheet {
    let meta: [&str; 5] = if codes {
        ["id", "submitdate", "lastpage", "startlanguage", "seed"]
    } else {
        [
            "Response ID",
            "Date submitted",
            "Last page",
            "Start language",
            "Seed",
        ]
    };
    let mut head: Vec<String> = meta.map(String::from).to_vec();
    let mut cols = vec![Col::Respondent, Col::Date, Col::Meta, Col::Meta, Col::Meta];
    head.push(if codes {
        "ROLE".into()
    } else {
        "What is your role?".into()
    });
    cols.push(Col::Role);
    for (a, area) in t.q.areas.iter().enumerate() {
        let code: String = area
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(4)
            .collect::<String>()
            .to_uppercase();
        for (k, (i, q)) in t.q.in_area(a).enumerate() {
            head.push(if codes {
                format!("{code}[SQ{:03}]", k + 1)
            } else if a % 2 == 0 {
                format!("{} [{}]", area.title, q.text)
            } else {
                format!("{} [{}]", area.title, q.title)
            });
            cols.push(Col::Question(i));
        }
    }
    head.push(if codes {
        "COMMENT".into()
    } else {
        "Any other comments?".into()
    });
    cols.push(Col::Comment);
    let body = t
        .respondents
        .iter()
        .enumerate()
        .map(|(r, p)| {
            let mut row = vec![
                (r + 1).to_string(),
                format!(
                    "2026-11-{:02} {:02}:{:02}:{:02}",
                    p.day, p.hour, p.minute, p.second
                ),
                (t.q.areas.len() + 1).to_string(),
                "en".into(),
                (mix(r, 77) % 900_000_000 + 100_000_000).to_string(),
                p.role.clone(),
            ];
            for (i, a) in p.answers.iter().enumerate() {
                row.push(cell(
                    t,
                    i,
                    a,
                    if codes { Cell::Code } else { Cell::Label },
                    "Not applicable",
                ));
            }
            row.push(p.comment.clone().unwrap_or_default());
            row
        })
        .collect();
    Sheet {
        head: vec![head],
        body,
        cols,
    }
}

/// A consultant's interview sheet saved by Excel (English (UK) locale) as
/// "CSV (Comma delimited)": Windows-1252, dates dd/mm/yyyy, numbers, N/A.
fn consultant(t: &Truth) -> Sheet {
    let mut head = vec!["Name".to_string(), "Role".into(), "Date".into()];
    let mut cols = vec![Col::Respondent, Col::Role, Col::Date];
    for (i, q) in t.q.questions.iter().enumerate() {
        head.push(q.title.clone());
        cols.push(Col::Question(i));
    }
    head.push("Comments".into());
    cols.push(Col::Comment);
    let body = t
        .respondents
        .iter()
        .enumerate()
        .map(|(r, p)| {
            let mut row = vec![p.name(), p.role.clone(), format!("{:02}/11/2026", p.day)];
            for (i, a) in p.answers.iter().enumerate() {
                row.push(cell(
                    t,
                    i,
                    a,
                    Cell::Number,
                    if (r + i) % 5 == 0 { "na" } else { "N/A" },
                ));
            }
            row.push(p.comment.clone().unwrap_or_default());
            row
        })
        .collect();
    Sheet {
        head: vec![head],
        body,
        cols,
    }
}

/// A workshop sheet kept the other way round: one row per question (its id
/// or its title in the first column), one column per person.
/// `cols` describes the rows: Respondent for the header row.
fn transposed(t: &Truth) -> Sheet {
    let mut head = vec!["Question".to_string()];
    head.extend(t.respondents.iter().map(|p| p.name()));
    let mut body = Vec::new();
    let mut cols = vec![Col::Respondent];
    let mut role = vec!["Role".to_string()];
    role.extend(t.respondents.iter().map(|p| p.role.clone()));
    body.push(role);
    cols.push(Col::Role);
    let mut date = vec!["Date".to_string()];
    date.extend(
        t.respondents
            .iter()
            .map(|p| format!("2026-11-{:02}", p.day)),
    );
    body.push(date);
    cols.push(Col::Date);
    for (i, q) in t.q.questions.iter().enumerate() {
        let mut row = vec![if q.area % 2 == 0 {
            q.id.clone()
        } else {
            q.title.clone()
        }];
        row.extend(
            t.respondents
                .iter()
                .map(|p| cell(t, i, &p.answers[i], Cell::Number, "n/a")),
        );
        body.push(row);
        cols.push(Col::Question(i));
    }
    let mut comments = vec!["Comments".to_string()];
    comments.extend(
        t.respondents
            .iter()
            .map(|p| p.comment.clone().unwrap_or_default()),
    );
    body.push(comments);
    cols.push(Col::Comment);
    Sheet {
        head: vec![head],
        body,
        cols,
    }
}

// ---------------------------------------------------------------------------
// Writing CSV

#[derive(Clone, Debug)]
pub struct CsvStyle {
    pub delimiter: u8,
    /// Quote every field (Google Forms, LimeSurvey), or only when needed.
    pub quote_all: bool,
    pub crlf: bool,
    pub bom: bool,
    pub cp1252: bool,
    /// Empty rows (`,,,,`) Excel writes for formatted cells below the data.
    pub trailing_empty_rows: usize,
}

pub fn write_csv(rows: &[Vec<String>], style: &CsvStyle) -> Vec<u8> {
    let d = style.delimiter as char;
    let eol = if style.crlf { "\r\n" } else { "\n" };
    let mut s = String::new();
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                if style.quote_all || f.contains([d, '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.clone()
                }
            })
            .collect();
        s.push_str(&fields.join(&d.to_string()));
        s.push_str(eol);
    }
    let width = rows.first().map_or(1, Vec::len);
    for _ in 0..style.trailing_empty_rows {
        s.push_str(&d.to_string().repeat(width - 1));
        s.push_str(eol);
    }
    let mut out = Vec::new();
    if style.bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if style.cp1252 {
        out.extend(s.chars().map(to_cp1252));
    } else {
        out.extend_from_slice(s.as_bytes());
    }
    out
}

/// Windows-1252 for the characters the fixtures use; panics on others.
pub fn to_cp1252(c: char) -> u8 {
    match c {
        '\0'..='\u{7F}' | '\u{A0}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '–' => 0x96,
        '—' => 0x97,
        _ => panic!("{c:?} is not in the fixtures' Windows-1252 table"),
    }
}

pub fn from_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80 => '€',
            0x85 => '…',
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            0x97 => '—',
            0x81..=0x84 | 0x86..=0x90 | 0x95 | 0x98..=0x9F => {
                panic!("byte {b:#x} not in the fixtures' table")
            }
            _ => b as char,
        })
        .collect()
}

/// Reads a CSV shape's bytes back into rows (undoing BOM and encoding).
pub fn read_back(bytes: &[u8], style: &CsvStyle) -> Vec<Vec<String>> {
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    let text = if style.cp1252 {
        from_cp1252(bytes)
    } else {
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(style.delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// What a cell of `shape` means for question `i`, read the way the issue
/// describes (value, label, `N - Label`, descriptor, n/a spellings, `Don't
/// know`) plus the shape's codes. For the fixtures' self-checks.
pub fn decode_cell(t: &Truth, shape: Shape, i: usize, s: &str) -> Answer {
    let s = s.trim();
    let top = t.q.labels.len() as u8;
    if s.is_empty() || s == "Don't know" {
        return Answer::Unanswered;
    }
    if ["not applicable", "n/a", "na"].contains(&s.to_lowercase().as_str()) {
        return Answer::NotApplicable;
    }
    if let Some((_, value)) = shape.value_codes(t).into_iter().find(|(c, _)| c == s) {
        return if value == "n/a" {
            Answer::NotApplicable
        } else {
            Answer::Level(value.parse().unwrap())
        };
    }
    let number = s.strip_suffix(",0").unwrap_or(s);
    if let Ok(v) = number.parse::<u8>() {
        assert!(v < top, "{s}");
        return Answer::Level(v);
    }
    if let Some(v) = t.q.labels.iter().position(|l| l == s) {
        return Answer::Level(v as u8);
    }
    if let Some(v) = t.q.questions[i].levels.iter().position(|l| l == s) {
        return Answer::Level(v as u8);
    }
    if let Some((n, label)) = s.split_once(" - ") {
        let v: u8 = n.parse().unwrap();
        assert_eq!(t.q.labels[v as usize], label);
        return Answer::Level(v);
    }
    panic!("cannot read cell {s:?}")
}

// ---------------------------------------------------------------------------
// Filling in the draft map of `survey inspect --write-map`

/// Edits the draft map `survey inspect --write-map` wrote, as a user would:
/// each `[columns]` entry still `"?"` gets what that column holds, and every
/// `[values]` entry gets the level its code stands for (codes the draft did
/// not list are added).
///
/// DEPENDS ON THE DRAFT FORMAT, which is not final: a TOML file with
/// `[columns]` (header = question id, "ignore", "respondent", "role",
/// "date", "comment" or "?"; `[rows]` is read the same way, in case the
/// transposed sheet gets one) and `[values]` (cell value = level or "n/a"),
/// one `key = value` per line. Headers are recognised in any of the forms
/// the export has them (for Qualtrics: tag, text or ImportId).
pub fn fill_draft(draft: &str, t: &Truth, shape: Shape) -> String {
    let sheet = shape.sheet(t);
    let mut targets: Vec<(String, String)> = Vec::new();
    if shape == Shape::TransposedSheet {
        // The columns are people, the rows questions.
        for name in &sheet.head[0][1..] {
            targets.push((name.clone(), "respondent".into()));
        }
        targets.push((sheet.head[0][0].clone(), "ignore".into()));
        for (row, col) in sheet.body.iter().zip(&sheet.cols[1..]) {
            targets.push((row[0].clone(), col.map_target(t)));
        }
    } else {
        for (c, col) in sheet.cols.iter().enumerate() {
            for h in &sheet.head {
                if !h[c].is_empty() {
                    targets.push((h[c].clone(), col.map_target(t)));
                }
            }
        }
    }
    let codes = shape.value_codes(t);
    // One `key = value` line (a trailing comment allowed), as TOML.
    let entry = |line: &str| -> Option<(String, toml::Value)> {
        let table: toml::Table = toml::from_str(line).ok()?;
        table.into_iter().next()
    };
    let value_line = |code: &str, level: &str| {
        if level == "n/a" {
            format!("{} = \"n/a\"", toml_str(code))
        } else {
            format!("{} = {level}", toml_str(code))
        }
    };
    let mut out = Vec::new();
    let mut section = String::new();
    let mut seen_values: Vec<String> = Vec::new();
    let mut had_values = false;
    for line in draft.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            if section == "values" {
                out.extend(
                    codes
                        .iter()
                        .filter(|(c, _)| !seen_values.contains(c))
                        .map(|(c, l)| value_line(c, l)),
                );
            }
            section = trimmed.trim_matches(['[', ']']).trim().to_string();
            had_values |= section == "values";
            out.push(line.to_string());
            continue;
        }
        match (section.as_str(), entry(trimmed)) {
            ("columns" | "rows", Some((key, value))) if value.as_str() == Some("?") => {
                match targets.iter().find(|(h, _)| *h == key) {
                    Some((_, target)) => {
                        out.push(format!("{} = {}", toml_str(&key), toml_str(target)))
                    }
                    None => out.push(line.to_string()),
                }
            }
            ("values", Some((key, _))) => match codes.iter().find(|(c, _)| *c == key) {
                Some((c, l)) => {
                    seen_values.push(c.clone());
                    out.push(value_line(c, l));
                }
                None => out.push(line.to_string()),
            },
            _ => out.push(line.to_string()),
        }
    }
    if section == "values" {
        out.extend(
            codes
                .iter()
                .filter(|(c, _)| !seen_values.contains(c))
                .map(|(c, l)| value_line(c, l)),
        );
    }
    if !had_values && !codes.is_empty() {
        out.push(String::new());
        out.push("[values]".into());
        out.extend(codes.iter().map(|(c, l)| value_line(c, l)));
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}
