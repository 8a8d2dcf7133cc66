//! Renderers of a comparison over time, one file per format.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod table;

use crate::compare::{AssessmentRef, Comparison, Movement, QuestionChange};
use crate::error::Error;
use crate::render::{OutputFormat, ReportFormat, Style, json, num, percent, signed, xlsx};

/// Renders a comparison in a format.
pub fn render(cmp: &Comparison, format: ReportFormat, style: &Style) -> String {
    match format {
        ReportFormat::Table => table::comparison(cmp, style),
        ReportFormat::Json => json::document(cmp),
        ReportFormat::Markdown => markdown::comparison(cmp),
        ReportFormat::Csv => csv::comparison(cmp),
        ReportFormat::Html => html::comparison(cmp),
    }
}

/// Renders a comparison in any format, the workbook included, as the
/// bytes of the file.
pub fn file(cmp: &Comparison, format: OutputFormat, style: &Style) -> Result<Vec<u8>, Error> {
    match format {
        OutputFormat::Text(f) => Ok(render(cmp, f, style).into_bytes()),
        OutputFormat::Xlsx => xlsx::comparison(cmp),
        OutputFormat::JiraCsv | OutputFormat::AzureDevOpsCsv | OutputFormat::PlanToml => {
            Err(format.plan_only("a comparison"))
        }
    }
}

/// A series of scores as text: `1.50 -> 2.00 -> -`.
pub fn trend(series: &[Option<f64>]) -> String {
    series
        .iter()
        .map(|v| num(*v))
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// The organisation the assessments are of, from the first that names one.
pub fn organization(cmp: &Comparison) -> Option<&str> {
    cmp.assessments
        .iter()
        .find_map(|a| a.organization.as_deref())
}

/// One assessment as text: `2026-11-20, examples/answers.toml, Dana Lee`.
pub fn describe(a: &AssessmentRef) -> String {
    let mut parts = vec![
        a.date
            .map_or_else(|| "no date".to_string(), |d| d.to_string()),
    ];
    parts.extend(a.source.clone());
    parts.extend(a.respondent.clone());
    parts.join(", ")
}

/// The count of questions per movement, as a sentence.
pub fn counts(cmp: &Comparison) -> String {
    let n = |m| cmp.questions_with(m).count();
    let mut text = format!(
        "{} improved, {} declined, {} unchanged, {} not comparable (unanswered or not applicable in the first or last)",
        n(Movement::Improved),
        n(Movement::Declined),
        n(Movement::Unchanged),
        n(Movement::NotComparable)
    );
    // Assessments of two versions of the questionnaire.
    let (new, gone) = (n(Movement::New), n(Movement::Gone));
    if new + gone > 0 || versions(cmp).is_some() {
        text.push_str(&format!(
            "; {new} new in the last one's version, {gone} gone from it"
        ));
    }
    text.push('.');
    text
}

/// The questionnaire's version, or the versions compared when they
/// differ: `1.0.0 -> 2.0.0`.
pub fn version_text(cmp: &Comparison) -> String {
    versions(cmp).unwrap_or_else(|| cmp.questionnaire.version.clone())
}

/// The questionnaire versions compared, when they differ: `1.0.0 -> 2.0.0`.
pub fn versions(cmp: &Comparison) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for a in &cmp.assessments {
        if seen.last() != Some(&a.version.as_str()) {
            seen.push(&a.version);
        }
    }
    (seen.len() > 1).then(|| seen.join(" -> "))
}

/// The columns of the area table, and which hold numbers.
pub const AREA_HEADER: [&str; 7] = [
    "Area",
    "First",
    "Last",
    "Change",
    "Target",
    "Gap closed",
    "Trend",
];
pub const AREA_RIGHT: [bool; 7] = [false, true, true, true, true, true, false];

/// A row per area for Markdown and HTML; `text` escapes user text.
pub fn area_rows(cmp: &Comparison, text: fn(&str) -> String) -> Vec<Vec<String>> {
    cmp.areas
        .iter()
        .map(|a| {
            let c = &a.change;
            vec![
                text(&a.title),
                num(c.first),
                num(c.last),
                signed(c.change),
                num(c.target),
                percent(c.gap_closed),
                text(&trend(&c.series)),
            ]
        })
        .collect()
}

/// The columns of the tables of questions that moved, and which hold numbers.
pub const MOVED_HEADER: [&str; 5] = ["Question", "Area", "First", "Last", "Change"];
pub const MOVED_RIGHT: [bool; 5] = [false, false, true, true, true];

/// A row per question with this movement for Markdown and HTML; `question`
/// shows its title and id, `text` escapes user text.
pub fn moved_rows(
    cmp: &Comparison,
    movement: Movement,
    question: &dyn Fn(&QuestionChange) -> String,
    text: fn(&str) -> String,
) -> Vec<Vec<String>> {
    cmp.questions_with(movement)
        .map(|q| {
            vec![
                question(q),
                text(area_title(cmp, &q.area)),
                num(q.first),
                num(q.last),
                signed(q.change),
            ]
        })
        .collect()
}

/// The columns of the plan-versus-actual table, and which hold numbers.
pub const PLAN_HEADER: [&str; 9] = [
    "Step", "Phase", "Due", "To", "Before", "After", "Outcome", "Status", "Owner",
];
pub const PLAN_RIGHT: [bool; 9] = [false, true, false, true, true, true, false, false, false];

/// One line on how the plan went: `As of 2027-05-01: 3 reached, 1 missed, ...`.
pub fn plan_summary(p: &crate::plan::progress::Progress) -> String {
    let c = &p.counts;
    let when = p.as_of.map_or_else(
        || "The follow-up (undated)".to_string(),
        |d| format!("As of {d}"),
    );
    format!(
        "{when}, against {}: {} steps due and reached, {} due and missed, {} reached early, {} not due yet, {} won't do; {} questions moved without a step of the plan.",
        p.plan,
        c.reached,
        c.missed,
        c.early,
        c.not_due,
        c.wont_do,
        p.moved_without_step.len()
    )
}

/// A row per step of the plan against the follow-up; `text` escapes user
/// text.
pub fn plan_rows(
    p: &crate::plan::progress::Progress,
    text: fn(&str) -> String,
) -> Vec<Vec<String>> {
    p.steps
        .iter()
        .map(|s| {
            let status = crate::render::plan::status_text(s.status, s.reason.as_deref());
            vec![
                text(&format!("{} ({})", s.title, s.id)),
                s.phase.to_string(),
                s.due.map(|d| d.to_string()).unwrap_or_default(),
                text(&format!("{} {}", crate::model::fmt_num(s.to), s.to_label)),
                num(s.before),
                num(s.after),
                s.outcome.as_str().to_string(),
                text(&status),
                text(s.owner.as_deref().unwrap_or(crate::render::plan::NO_OWNER)),
            ]
        })
        .collect()
}

/// A row per question that moved without a step of the plan.
pub fn unplanned_rows(
    p: &crate::plan::progress::Progress,
    text: fn(&str) -> String,
) -> Vec<Vec<String>> {
    p.moved_without_step
        .iter()
        .map(|m| {
            vec![
                text(&format!("{} ({})", m.title, m.question)),
                num(m.before),
                num(m.after),
            ]
        })
        .collect()
}

/// The area title of a question, for tables.
pub fn area_title<'a>(cmp: &'a Comparison, id: &'a str) -> &'a str {
    cmp.areas
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.title.as_str())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::compare::{Order, compare};
    use crate::model::{Answer, Answers, Assessment, Date};
    use crate::score::{AssessmentInfo, score};

    /// Three assessments of one organisation, the first with a tricky name.
    pub(crate) fn sample() -> Comparison {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let card = |date: &str, incident: f64, cmdb: f64| {
            let mut a = Answers::new(Assessment {
                questionnaire: "itsm-core".into(),
                organization: Some("R&D <Ops>".into()),
                date: Date::parse(date),
                ..Assessment::default()
            });
            a.set("processes.incident", Answer::level(incident));
            a.set("tools.cmdb", Answer::level(cmdb));
            let info = AssessmentInfo {
                source: Some(format!("{date}.toml")),
                ..AssessmentInfo::default()
            };
            score(&i, &a, None, info)
        };
        compare(
            vec![
                card("2026-01-01", 1.0, 2.0),
                card("2026-07-01", 2.0, 2.0),
                card("2027-01-01", 2.5, 1.0),
            ],
            Order::ByDate,
        )
        .unwrap()
    }

    #[test]
    fn trends_counts_and_descriptions_read_as_text() {
        let cmp = sample();
        assert_eq!(trend(&cmp.overall.series), "1.50 -> 2.00 -> 1.75");
        assert_eq!(trend(&[Some(1.0), None]), "1.00 -> -");
        assert_eq!(organization(&cmp), Some("R&D <Ops>"));
        assert_eq!(describe(&cmp.assessments[0]), "2026-01-01, 2026-01-01.toml");
        let others = cmp.questions.len() - 2;
        assert!(
            counts(&cmp).starts_with(&format!(
                "1 improved, 1 declined, 0 unchanged, {others} not comparable"
            )),
            "{}",
            counts(&cmp)
        );
        assert_eq!(area_title(&cmp, "tools"), "Process-supporting tools");
    }
}
