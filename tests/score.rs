//! `itsm-assess score`: one summary per answers file.

mod common;

use common::{itsm, json_of, stdout_of};
use predicates::prelude::*;

#[test]
fn one_row_per_file_in_table_and_json() {
    let out = stdout_of(&["score", "examples/answers.toml", "examples/answers.json"]);
    assert!(
        out.contains("examples/answers.toml") && out.contains("examples/answers.json"),
        "{out}"
    );
    assert!(
        out.contains("Dana Lee (Service desk lead)") && out.contains("Sam Okafor (IT manager)")
    );
    let doc = json_of(&[
        "score",
        "examples/answers.toml",
        "examples/answers.json",
        "--format",
        "json",
    ]);
    assert_eq!(doc["schema_version"], 1);
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["source"], "examples/answers.toml");
    assert_eq!(results[0]["areas"].as_array().unwrap().len(), 4);
    assert_eq!(results[1]["coverage"]["answered"], 44);
    assert!(doc["errors"].as_array().unwrap().is_empty());
    // Each row's overall is the same as the full report's.
    let report = json_of(&["report", "examples/answers.json", "--format", "json"]);
    assert_eq!(results[1]["overall"], report["overall"]);
}

#[test]
fn a_bad_file_is_reported_and_the_rest_still_scored() {
    let assert = itsm()
        .args([
            "score",
            "examples/answers.toml",
            "tests/fixtures/broken/answers-syntax.toml",
            "examples/answers.json",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: tests/fixtures/broken/answers-syntax.toml:5:24: string values must be quoted",
        ));
    let doc: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 2);
    assert_eq!(
        doc["errors"][0]["source"],
        "tests/fixtures/broken/answers-syntax.toml"
    );
}

#[test]
fn vision_applies_to_every_file() {
    let plain = json_of(&["score", "examples/answers.toml", "--format", "json"]);
    let with = json_of(&[
        "score",
        "examples/answers.toml",
        "--vision",
        "examples/vision.toml",
        "--format",
        "json",
    ]);
    assert_ne!(
        plain["results"][0]["overall"]["target"],
        with["results"][0]["overall"]["target"]
    );
}

#[test]
fn questionnaires_rubrics_and_visions_named_among_answers_are_passed_over_with_a_note() {
    let out = common::itsm()
        .args([
            "score",
            "examples/answers.toml",
            "examples/vision.toml",
            "examples/rubric.toml",
            "examples/questionnaire.toml",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let output = out.get_output();
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "note: examples/vision.toml: skipped: a vision, not answers\n\
         note: examples/rubric.toml: a rubric, not answers: used with examples/questionnaire.toml\n\
         note: examples/questionnaire.toml: a questionnaire, not answers: scores the answers for \"desk-check\", with examples/rubric.toml\n"
    );
    // A questionnaire without its rubric, or one given already, scores nothing.
    let out = common::itsm()
        .args([
            "score",
            "examples/answers.toml",
            "examples/questionnaire.toml",
            "questionnaires/itsm-core.toml",
        ])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "note: examples/questionnaire.toml: skipped: a questionnaire, not answers (no rubric for \"desk-check\" among the inputs)\n\
         note: questionnaires/itsm-core.toml: skipped: a questionnaire, not answers (\"itsm-core\" is given already)\n"
    );
}

#[test]
fn the_help_example_scores_every_answers_file_in_examples() {
    let help = common::stdout_of(&["score", "--help"]);
    assert!(help.contains("itsm-assess score examples/*.toml --format json"));
    // The shell's expansion of examples/*.toml.
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| format!("examples/{n}"))
            .collect();
    files.sort();
    let mut args = vec!["score".to_string()];
    args.extend(files);
    args.extend(["--format".into(), "json".into()]);
    let out = common::itsm().args(&args).assert().success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let results = doc["results"].as_array().unwrap();
    let desk = results
        .iter()
        .find(|r| r["source"] == "examples/desk-answers.toml")
        .expect("the answers to the example questionnaire are scored");
    // As the report scores it with the questionnaire and rubric passed.
    let report = common::json_of(&[
        "report",
        "examples/desk-answers.toml",
        "--questionnaire",
        "examples/questionnaire.toml",
        "--rubric",
        "examples/rubric.toml",
        "--format",
        "json",
    ]);
    assert_eq!(desk["overall"]["current"], report["overall"]["current"]);
    assert_eq!(desk["questionnaire"], "desk-check");
    assert!(
        results
            .iter()
            .any(|r| r["source"] == "examples/answers.toml")
    );
}
