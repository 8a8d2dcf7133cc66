//! `itsm-assess report`: the gap report of one assessment.

mod common;

use common::{itsm, json_of, stdout_of};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Catalog, Source, Vision, score};
use predicates::prelude::*;

/// The scorecard the library computes for an answers file, to compare the
/// binary's output with.
fn library_card(answers: &str, vision: Option<&str>) -> itsm_assess::Scorecard {
    let catalog = Catalog::new(None, None).unwrap();
    let src = Source::read(std::path::Path::new(answers)).unwrap();
    let (a, instrument) = catalog.load_answers(&src).unwrap();
    let v = vision.map(|p| {
        Vision::load(&Source::read(std::path::Path::new(p)).unwrap(), instrument).unwrap()
    });
    score(instrument, &a, v.as_ref(), AssessmentInfo::default())
}

#[test]
fn table_report_shows_header_overall_areas_gaps_and_quick_wins() {
    let card = library_card("examples/answers.toml", None);
    let out = stdout_of(&["report", "examples/answers.toml"]);
    assert!(
        out.starts_with("ITSM maturity assessment (itsm-core 1.0.0)\n"),
        "{out}"
    );
    assert!(out.contains(
        "Organization: Acme Corp  |  Respondent: Dana Lee (Service desk lead)  |  Date: 2026-11-20"
    ));
    assert!(out.contains("Coverage: 43 of 45 questions answered, 1 not applicable, 1 unanswered"));
    let o = &card.overall;
    let overall = format!(
        "Overall: current {:.2}, target {:.2}, gap {:.2}, band {}",
        o.current.unwrap(),
        o.target.unwrap(),
        o.gap.unwrap(),
        o.band.as_deref().unwrap()
    );
    assert!(out.contains(&overall), "missing {overall:?} in\n{out}");
    for title in [
        "Processes",
        "Process-supporting tools",
        "Employee training",
        "Management",
    ] {
        assert!(out.contains(title), "{title}");
    }
    assert!(out.contains("Top gaps by priority (10 of"));
    let first = card.question(&card.priorities[0]).unwrap();
    assert!(out.contains(&first.id), "top priority {} missing", first.id);
    assert!(out.contains(&format!("Quick wins ({}):", card.quick_wins.len())));
    assert!(out.contains("Strengths, at or above target"));
    assert!(out.contains("CAB exists on paper only"), "notes are shown");
    // Piped output carries no colour codes.
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn top_limits_the_gap_list() {
    let out = stdout_of(&["report", "examples/answers.toml", "--top", "3"]);
    assert!(out.contains("Top gaps by priority (3 of"), "{out}");
}

#[test]
fn json_report_has_the_documented_shape_and_full_precision() {
    let card = library_card("examples/answers.toml", None);
    let doc = json_of(&["report", "examples/answers.toml", "--format", "json"]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["questionnaire"]["id"], "itsm-core");
    assert_eq!(doc["assessment"]["organization"], "Acme Corp");
    assert_eq!(doc["assessment"]["date"], "2026-11-20");
    assert_eq!(doc["coverage"]["answered"], 43);
    assert_eq!(doc["overall"]["current"].as_f64(), card.overall.current);
    for key in ["current", "target", "gap", "band"] {
        assert!(doc["overall"].get(key).is_some(), "overall.{key}");
    }
    let areas = doc["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 4);
    for key in [
        "id",
        "title",
        "weight",
        "current",
        "target",
        "gap",
        "band",
        "answered",
        "not_applicable",
        "unanswered",
    ] {
        assert!(areas[0].get(key).is_some(), "areas[].{key}");
    }
    let questions = doc["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 45);
    for key in [
        "id",
        "area",
        "title",
        "status",
        "current",
        "target",
        "gap",
        "weight",
        "effort",
        "priority",
        "critical",
        "quick_win",
        "note",
    ] {
        assert!(questions[0].get(key).is_some(), "questions[].{key}");
    }
    let na = questions
        .iter()
        .find(|q| q["id"] == "training.refresher")
        .unwrap();
    assert_eq!(na["status"], "not_applicable");
    assert!(na["current"].is_null() && na["gap"].is_null() && na["priority"].is_null());
    let un = questions
        .iter()
        .find(|q| q["id"] == "management.recognition")
        .unwrap();
    assert_eq!(un["status"], "unanswered");
    let ids: Vec<&str> = doc["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids, card.priorities);
    // Priorities run from highest to lowest.
    let prio = |id: &str| {
        questions.iter().find(|q| q["id"] == id).unwrap()["priority"]
            .as_f64()
            .unwrap()
    };
    assert!(ids.windows(2).all(|w| prio(w[0]) >= prio(w[1])));
    assert_eq!(
        doc["quick_wins"].as_array().unwrap().len(),
        card.quick_wins.len()
    );
}

#[test]
fn vision_targets_override_the_rubric() {
    let doc = json_of(&[
        "report",
        "examples/answers.toml",
        "--vision",
        "examples/vision.toml",
        "--format",
        "json",
    ]);
    let q = |id: &str| {
        doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(q("processes.incident")["target"], 4.0);
    assert_eq!(q("tools.cmdb")["target"], 2.5);
    assert_eq!(q("training.plan")["target"], 3.5);
    // The answer's own target beats the vision.
    assert_eq!(q("processes.change")["target"], 3.0);
    assert_eq!(doc["assessment"]["vision"], "examples/vision.toml");
}

#[test]
fn json_answers_and_standard_input_work_like_files() {
    let from_file = stdout_of(&["report", "examples/answers.json", "--format", "json"]);
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/answers.json"
    ))
    .unwrap();
    let out = itsm()
        .args(["report", "-", "--format", "json"])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let from_stdin: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let from_file: serde_json::Value = serde_json::from_str(&from_file).unwrap();
    assert_eq!(from_stdin["overall"], from_file["overall"]);
    assert_eq!(from_stdin["assessment"]["source"], "<stdin>");
    let toml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/answers.toml"
    ))
    .unwrap();
    itsm()
        .args(["report", "-"])
        .write_stdin(toml)
        .assert()
        .success()
        .stdout(predicate::str::contains("Organization: Acme Corp"));
}

#[test]
fn output_file_holds_exactly_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    itsm()
        .args([
            "report",
            "examples/answers.toml",
            "--format",
            "json",
            "--output",
        ])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        stdout_of(&["report", "examples/answers.toml", "--format", "json"])
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.json"], "no temporary file is left behind");
}

#[test]
fn custom_questionnaire_and_rubric_replace_the_builtin_ones() {
    let out = stdout_of(&[
        "report",
        "examples/desk-answers.toml",
        "--questionnaire",
        "examples/questionnaire.toml",
        "--rubric",
        "examples/rubric.toml",
    ]);
    assert!(
        out.starts_with("Service desk health check (desk-check 0.1.0)"),
        "{out}"
    );
    assert!(out.contains("on the 0 to 3 scale"));
}

#[test]
fn answers_for_an_unknown_questionnaire_say_what_to_pass() {
    itsm()
        .args(["report", "examples/desk-answers.toml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: examples/desk-answers.toml:5:1: assessment.questionnaire: \"desk-check\" is not a built-in questionnaire (built-in: itsm-core, itsm-pulse)\n  help: pass the questionnaire and rubric with --questionnaire FILE --rubric FILE\n",
        );
}

#[test]
fn a_missing_file_is_named() {
    itsm()
        .args(["report", "no-such-answers.toml"])
        .assert()
        .code(1)
        .stderr(
            "error: no-such-answers.toml: cannot read: No such file or directory (os error 2)\n",
        );
}

#[test]
fn usage_errors_exit_2() {
    itsm()
        .args(["report"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage:"));
    itsm()
        .args(["report", "examples/answers.toml", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'pdf'"));
}
