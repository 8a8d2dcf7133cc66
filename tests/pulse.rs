//! `report --pulse`: a staff pulse survey beside the assessment it informs.

mod common;

use common::{json_of, stdout_of};

const PULSE: &str = "examples/surveys/pulse-google-forms.csv";

#[test]
fn the_pulse_is_set_beside_the_questions_it_informs_in_every_format() {
    let report = json_of(&[
        "report",
        "examples/answers.toml",
        "--pulse",
        PULSE,
        "--format",
        "json",
    ]);
    let staff = json_of(&[
        "report",
        PULSE,
        "--questionnaire",
        "itsm-pulse@1.0.0",
        "--format",
        "json",
    ]);
    let p = &report["pulse"];
    assert_eq!(p["respondents"], 12);
    assert_eq!(p["threshold"], 2.0);
    let rows = p["rows"].as_array().unwrap();
    let current = |doc: &serde_json::Value, id: &str| {
        doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["current"]
            .as_f64()
    };
    for row in rows {
        let statements: Vec<&str> = row["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let values: Vec<f64> = statements
            .iter()
            .filter_map(|s| current(&staff, s))
            .collect();
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert!(
            (row["staff"].as_f64().unwrap() - mean).abs() < 1e-9,
            "{row}"
        );
        let question = row["question"].as_str().unwrap();
        assert_eq!(
            row["assessed"].as_f64(),
            current(&report, question),
            "{question}"
        );
        if let Some(assessed) = row["assessed"].as_f64() {
            let d = mean - assessed;
            assert!((row["difference"].as_f64().unwrap() - d).abs() < 1e-9);
            assert_eq!(row["disagree"], d.abs() >= 2.0, "{question}");
        }
    }
    // Disagreements first, then by how far apart.
    let far: Vec<(bool, f64)> = rows
        .iter()
        .map(|r| {
            (
                r["disagree"].as_bool().unwrap(),
                r["difference"].as_f64().map_or(-1.0, f64::abs),
            )
        })
        .collect();
    let mut sorted = far.clone();
    sorted.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    assert_eq!(far, sorted);
    let first = rows[0]["question"].as_str().unwrap();
    for format in ["table", "markdown", "html"] {
        let out = stdout_of(&[
            "report",
            "examples/answers.toml",
            "--pulse",
            PULSE,
            "--format",
            format,
        ]);
        assert!(
            out.contains("Staff pulse beside the assessment"),
            "{format}"
        );
        assert!(out.contains(first), "{format}");
        assert!(
            out.contains("12 members of staff answered the pulse survey itsm-pulse 1.0.0"),
            "{format}"
        );
    }
}

#[test]
fn a_pulse_of_another_questionnaire_is_refused() {
    common::itsm()
        .args(["report", "examples/answers.toml", "--pulse", "examples/answers.toml"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "examples/answers.toml:7:1: assessment.questionnaire: these answers are for questionnaire \"itsm-core\", not \"itsm-pulse\"",
        ));
}
