//! Listing and showing questionnaires with their rubrics.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment};
use schemars::JsonSchema;
use serde::Serialize;

use crate::builtin::BuiltIn;
use crate::model::{Instrument, Questionnaire, Rubric, fmt_num};
use crate::render::Style;
use crate::render::json::document;
use crate::render::table::new_table;
use crate::score::target_for;

/// A built-in questionnaire in brief.
#[derive(Serialize, JsonSchema)]
pub struct Listed<'a> {
    /// The id answers files name.
    pub id: &'a str,
    pub title: String,
    pub version: String,
    /// The number of areas.
    pub areas: usize,
    /// The number of questions.
    pub questions: usize,
    /// The id of its rubric.
    pub rubric: String,
    /// What it is for and how long it takes.
    pub purpose: &'a str,
}

/// The JSON document of `questionnaire list`.
#[derive(Serialize, JsonSchema)]
pub struct ListDocument<'a> {
    pub questionnaires: Vec<Listed<'a>>,
}

fn listed(builtins: &[(BuiltIn, Instrument)]) -> Vec<Listed<'_>> {
    builtins
        .iter()
        .map(|(b, i)| Listed {
            id: b.id,
            title: i.questionnaire.title.clone(),
            version: i.questionnaire.version.clone(),
            areas: i.questionnaire.area.len(),
            questions: i.question_count(),
            rubric: i.rubric.id.clone(),
            purpose: b.purpose,
        })
        .collect()
}

/// The built-in questionnaires as a table.
pub fn list_table(builtins: &[(BuiltIn, Instrument)]) -> String {
    let mut t = new_table(
        &[
            "Id",
            "Title",
            "Version",
            "Areas",
            "Questions",
            "Rubric",
            "For",
        ],
        &Style::default(),
    );
    for l in listed(builtins) {
        t.add_row(vec![
            Cell::new(l.id),
            Cell::new(l.title),
            Cell::new(l.version),
            Cell::new(l.areas).set_alignment(CellAlignment::Right),
            Cell::new(l.questions).set_alignment(CellAlignment::Right),
            Cell::new(l.rubric),
            Cell::new(l.purpose),
        ]);
    }
    format!("{t}\n")
}

/// The built-in questionnaires as JSON.
pub fn list_json(builtins: &[(BuiltIn, Instrument)]) -> String {
    document(&ListDocument {
        questionnaires: listed(builtins),
    })
}

/// The JSON (and TOML) document of `questionnaire show`.
#[derive(Serialize, JsonSchema)]
pub struct ShowDocument<'a> {
    pub questionnaire: &'a Questionnaire,
    pub rubric: &'a Rubric,
}

/// The questionnaire and rubric as JSON.
pub fn show_json(i: &Instrument) -> String {
    document(&ShowDocument {
        questionnaire: &i.questionnaire,
        rubric: &i.rubric,
    })
}

/// The questionnaire and rubric as one TOML document with two tables.
pub fn show_toml(i: &Instrument) -> String {
    toml::to_string(&ShowDocument {
        questionnaire: &i.questionnaire,
        rubric: &i.rubric,
    })
    .unwrap_or_default()
}

/// The questionnaire and rubric for people: scale, bands, then every
/// question with its weight, target and effort.
pub fn show_table(i: &Instrument) -> String {
    let q = &i.questionnaire;
    let r = &i.rubric;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} {})", q.title, q.id, q.version);
    if !q.description.is_empty() {
        let _ = writeln!(out, "{}", q.description);
    }
    let _ = writeln!(
        out,
        "\nRubric: {} (questionnaire \"{}\")",
        r.id, r.questionnaire
    );
    let mut scale = new_table(&["Value", "Level", "Meaning"], &Style::default());
    for l in &r.level {
        scale.add_row(vec![
            Cell::new(fmt_num(l.value)).set_alignment(CellAlignment::Right),
            Cell::new(&l.label),
            Cell::new(l.description.as_deref().unwrap_or("")),
        ]);
    }
    let _ = writeln!(out, "{scale}");
    let bands: Vec<String> = r
        .band
        .iter()
        .map(|b| format!("{} from {}", b.name, fmt_num(b.min)))
        .collect();
    let _ = writeln!(out, "Bands: {}", bands.join(", "));
    let g = &r.gap;
    let _ = writeln!(
        out,
        "Gap rules: critical at a shortfall of {} or more; quick win at a shortfall of at most {} with {} effort or less; respondents disagree at a spread of {} or more",
        fmt_num(g.critical),
        fmt_num(g.quick_win_max_gap),
        g.quick_win_max_effort.0.as_str(),
        fmt_num(g.disagreement)
    );
    for area in &q.area {
        let _ = writeln!(
            out,
            "\n{} ({}), weight {}, {} questions",
            area.title,
            area.id,
            fmt_num(i.area_weight(&area.id)),
            area.question.len()
        );
        let mut t = new_table(
            &["Id", "Question", "Weight", "Target", "Effort"],
            &Style::default(),
        );
        for question in &area.question {
            t.add_row(vec![
                Cell::new(&question.id),
                Cell::new(match question.help.as_deref() {
                    // What a respondent on their own is told, for a survey form.
                    Some(help) => format!("{}\n{}\nHelp: {help}", question.title, question.text),
                    None => format!("{}\n{}", question.title, question.text),
                }),
                Cell::new(fmt_num(i.question_weight(&question.id)))
                    .set_alignment(CellAlignment::Right),
                Cell::new(fmt_num(target_for(i, None, &area.id, &question.id, None)))
                    .set_alignment(CellAlignment::Right),
                Cell::new(question.effort.as_str()),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    out
}
