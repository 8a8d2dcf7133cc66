//! What the fuzz targets share: turning raw bytes into a source the way the
//! command line does, the built-in catalogue, and rendering a scorecard in
//! every format with checks on what comes out.

use std::sync::OnceLock;

use itsm_assess::model::{Answer, Assessment, Date};
use itsm_assess::render::{self, ReportFormat, Style};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Answers, Catalog, Format, Instrument, Scorecard, Source, Vision};

/// Every report format.
pub const FORMATS: [ReportFormat; 5] = [
    ReportFormat::Table,
    ReportFormat::Json,
    ReportFormat::Markdown,
    ReportFormat::Csv,
    ReportFormat::Html,
];

/// A source of raw bytes, as read from a file of the given format, or from
/// standard input (format told from the content) when none is given.
pub fn source(name: &str, data: &[u8], format: Option<Format>) -> Option<Source> {
    let format = format
        .unwrap_or_else(|| Format::sniff(&String::from_utf8_lossy(&data[..data.len().min(64)])));
    match Source::from_bytes(name.to_string(), data.to_vec(), format) {
        Ok(src) => Some(src),
        // Not UTF-8, a NUL byte, too large: refused with a message.
        Err(e) => {
            assert!(
                matches!(e, itsm_assess::Error::Invalid(_)),
                "unexpected error: {e}"
            );
            check_error(&e);
            None
        }
    }
}

/// The catalogue of built-in questionnaires, as the command line builds it
/// without --questionnaire and --rubric.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::new(None, None).expect("the built-in catalogue is valid"))
}

/// The default built-in instrument.
pub fn instrument() -> &'static Instrument {
    catalog()
        .instrument(None)
        .expect("the default questionnaire is built in")
}

/// An error's text: never empty.
pub fn check_error(e: &itsm_assess::Error) {
    assert!(
        !e.to_string().trim().is_empty(),
        "an error without a message"
    );
}

/// Renders a report and a plan in every format, checking that each is
/// non-empty and that the JSON documents are JSON.
pub fn render_everything(card: &Scorecard, instrument: &Instrument) {
    render_reports(card, instrument);
    let start = card
        .assessment
        .date
        .or_else(|| Date::parse("2026-01-05"))
        .expect("a valid start date");
    let plan = itsm_assess::plan(card, instrument, start);
    for format in FORMATS {
        let text = render::plan::render(&plan, format, &Style::default());
        check_output(format, &text);
    }
}

/// Renders a report in every format, checking that each is non-empty and
/// that the JSON document is JSON.
pub fn render_reports(card: &Scorecard, instrument: &Instrument) {
    let styles = [
        Style::default(),
        Style {
            color: true,
            top: 3,
            width: Some(40),
        },
    ];
    for format in FORMATS {
        for style in &styles {
            let text = render::report(card, instrument, format, style);
            check_output(format, &text);
            if format != ReportFormat::Table {
                // Only the table looks at colour and width.
                break;
            }
        }
    }
}

fn check_output(format: ReportFormat, text: &str) {
    assert!(!text.is_empty(), "empty {format:?} output");
    if format == ReportFormat::Json
        && let Err(e) = serde_json::from_str::<serde_json::Value>(text)
    {
        panic!("the JSON output is not JSON: {e}\n{text}");
    }
}

/// The small questionnaire and rubric of the tests, to pair fuzzed rubrics
/// and questionnaires with.
pub const MINI_QUESTIONNAIRE: &str = include_str!("../../tests/fixtures/mini-questionnaire.toml");
pub const MINI_RUBRIC: &str = include_str!("../../tests/fixtures/mini-rubric.toml");
/// The example answers for the built-in questionnaire.
pub const EXAMPLE_ANSWERS: &str = include_str!("../../examples/answers.toml");

pub fn mini_questionnaire() -> Source {
    Source::new("mini-questionnaire.toml", MINI_QUESTIONNAIRE, Format::Toml)
}

pub fn mini_rubric() -> Source {
    Source::new("mini-rubric.toml", MINI_RUBRIC, Format::Toml)
}

/// The example answers, checked against the built-in questionnaire.
pub fn example_answers() -> &'static Answers {
    static ANSWERS: OnceLock<Answers> = OnceLock::new();
    ANSWERS.get_or_init(|| {
        let src = Source::new("answers.toml", EXAMPLE_ANSWERS, Format::Toml);
        catalog()
            .load_answers(&src)
            .expect("the example answers are valid")
            .0
    })
}

/// Answers to every question of an instrument, spread over its scale, with
/// some not applicable, some unanswered and some with a target of their own.
pub fn synthetic_answers(instrument: &Instrument) -> Answers {
    let mut answers = Answers::new(Assessment {
        questionnaire: instrument.questionnaire.id.clone(),
        questionnaire_version: None,
        organization: Some("Org <&> \"x\"".into()),
        respondent: None,
        role: Some("Agent".into()),
        date: Date::parse("2026-03-01"),
        scope: Some("Service desk <b>".into()),
        method: Some("Interview".into()),
        assessor: None,
        summary: Some("=1+1 and\na new line".into()),
    });
    let scale = instrument.scale();
    let ids: Vec<String> = instrument
        .questionnaire
        .questions()
        .map(|(_, q)| q.id.clone())
        .collect();
    for (k, id) in ids.iter().enumerate() {
        let answer = match k % 7 {
            5 => Answer::not_applicable(),
            6 => continue,
            _ => {
                let mut a = Answer::level(scale[(k * 3) % scale.len()].value);
                if k % 4 == 1 {
                    a.target = Some(scale[scale.len() - 1 - k % scale.len()].value);
                    a.note = Some("a note".into());
                }
                a
            }
        };
        answers.set(id, answer);
    }
    answers
}

/// Scores answers as `report` does and renders everything.
pub fn score_and_render(instrument: &Instrument, answers: &Answers, vision: Option<&Vision>) {
    let info = AssessmentInfo {
        source: Some("fuzz".into()),
        vision: vision.map(|_| "vision.toml".into()),
        ..AssessmentInfo::default()
    };
    let card = itsm_assess::score(instrument, answers, vision, info);
    render_everything(&card, instrument);
}

/// An answers file of a format: checked against the built-in questionnaire,
/// scored, summarised, and written as TOML the way the interview saves it,
/// which must read back to the same answers.
pub fn answers(data: &[u8], format: Format) {
    let name = match format {
        Format::Toml => "answers.toml",
        Format::Json => "answers.json",
    };
    let Some(src) = source(name, data, Some(format)) else {
        return;
    };
    match catalog().load_answers(&src) {
        Ok((answers, instrument)) => {
            let _ = answers.unanswered(instrument);
            let info = AssessmentInfo::default();
            let _ = itsm_assess::render::summary::Summary::compute(
                instrument,
                &answers,
                None,
                info.clone(),
            );
            let card = itsm_assess::score(instrument, &answers, None, info);
            check_output(
                ReportFormat::Json,
                &render::report(&card, instrument, ReportFormat::Json, &Style::default()),
            );
            let saved = answers.to_toml(instrument);
            match Answers::from_text("saved.toml", &saved, Format::Toml, instrument) {
                Ok(again) => assert_eq!(
                    again, answers,
                    "saved answers read back differently:\n{saved}"
                ),
                Err(e) => panic!("saved answers do not read back: {e}\n{saved}"),
            }
        }
        Err(e) => check_error(&e),
    }
}
