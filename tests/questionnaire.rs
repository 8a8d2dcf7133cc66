//! `itsm-assess questionnaire list|show`.

mod common;

use common::{json_of, stdout_of};

#[test]
fn list_names_the_builtin_questionnaire() {
    let out = stdout_of(&["questionnaire", "list"]);
    assert!(
        out.contains("itsm-core") && out.contains("ITSM maturity assessment"),
        "{out}"
    );
    let doc = json_of(&["questionnaire", "list", "--format", "json"]);
    let listed: Vec<(String, String, u64)> = doc["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["id"].as_str().unwrap().to_string(),
                q["version"].as_str().unwrap().to_string(),
                q["questions"].as_u64().unwrap(),
            )
        })
        .collect();
    // Both versions of the core questionnaire, the newest first, and the pulse survey.
    assert_eq!(
        listed,
        [
            ("itsm-core".to_string(), "2.0.0".to_string(), 57),
            ("itsm-core".to_string(), "1.0.0".to_string(), 45),
            ("itsm-pulse".to_string(), "1.0.0".to_string(), 12),
        ]
    );
    for q in doc["questionnaires"].as_array().unwrap() {
        assert!(!q["purpose"].as_str().unwrap().is_empty());
    }
    assert!(out.contains("under 10 minutes"), "{out}");
}

#[test]
fn show_names_a_built_in_questionnaire_and_version() {
    let old = json_of(&[
        "questionnaire",
        "show",
        "itsm-core@1.0.0",
        "--format",
        "json",
    ]);
    assert_eq!(old["questionnaire"]["version"], "1.0.0");
    let pulse = json_of(&["questionnaire", "show", "itsm-pulse", "--format", "json"]);
    assert_eq!(pulse["questionnaire"]["id"], "itsm-pulse");
    common::itsm()
        .args(["questionnaire", "show", "itsm-core@9"])
        .assert()
        .code(1)
        .stderr("error: questionnaire show: \"itsm-core@9\" is not a built-in questionnaire\n  help: the built-in ones are: itsm-core@2.0.0, itsm-core@1.0.0, itsm-pulse@1.0.0\n");
}

#[test]
fn show_prints_scale_bands_and_every_question() {
    let out = stdout_of(&["questionnaire", "show"]);
    for text in [
        "Non-existent",
        "Optimizing",
        "Bands:",
        "management.communication-plan",
        "Employee training (training), weight 1.5",
        // The respondent's help, for whoever builds a survey form from it.
        "Help: Think about",
    ] {
        assert!(out.contains(text), "missing {text}");
    }
    let doc = json_of(&["questionnaire", "show", "--format", "json"]);
    let areas = doc["questionnaire"]["area"].as_array().unwrap();
    let count: usize = areas
        .iter()
        .map(|a| a["question"].as_array().unwrap().len())
        .sum();
    assert_eq!(count, 57, "the newest version");
    assert_eq!(doc["rubric"]["level"].as_array().unwrap().len(), 6);
}

#[test]
fn show_toml_is_valid_toml_with_both_parts() {
    let text = stdout_of(&["questionnaire", "show", "--format", "toml"]);
    let value: toml::Table = toml::from_str(&text).expect("valid TOML");
    assert_eq!(value["questionnaire"]["id"].as_str(), Some("itsm-core"));
    assert_eq!(value["rubric"]["questionnaire"].as_str(), Some("itsm-core"));
}

#[test]
fn show_uses_the_users_files() {
    let out = stdout_of(&[
        "questionnaire",
        "show",
        "--questionnaire",
        "examples/questionnaire.toml",
        "--rubric",
        "examples/rubric.toml",
    ]);
    assert!(
        out.starts_with("Service desk health check (desk-check 0.1.0)"),
        "{out}"
    );
}

#[test]
fn a_built_in_version_is_named_with_questionnaire_id_at_version() {
    // A survey export made with 1.0.0 is read with it: every question found.
    let old = json_of(&[
        "report",
        "examples/team.csv",
        "--questionnaire",
        "itsm-core@1.0.0",
        "--format",
        "json",
    ]);
    assert_eq!(old["questionnaire"]["version"], "1.0.0");
    assert_eq!(old["exports"][0]["found"], old["exports"][0]["questions"]);
    common::itsm()
        .args(["report", "examples/team.csv", "--questionnaire", "itsm-core@3"])
        .assert()
        .code(1)
        .stderr("error: --questionnaire: \"itsm-core@3\" is not a built-in questionnaire\n  help: the built-in ones are: itsm-core@2.0.0, itsm-core@1.0.0, itsm-pulse@1.0.0\n");
}

#[test]
fn answers_name_their_version_and_old_ones_are_read_as_1_0_0() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/answers.toml").unwrap();
    // As written: no version, so 1.0.0.
    let old = json_of(&["report", "examples/answers.toml", "--format", "json"]);
    assert_eq!(old["questionnaire"]["version"], "1.0.0");
    // Naming 2.0.0: scored with it, the new questions unanswered.
    let named = dir.path().join("named.toml");
    std::fs::write(
        &named,
        text.replace(
            "questionnaire = \"itsm-core\"",
            "questionnaire = \"itsm-core\"\nquestionnaire_version = \"2.0.0\"",
        ),
    )
    .unwrap();
    let new = json_of(&["report", named.to_str().unwrap(), "--format", "json"]);
    assert_eq!(new["questionnaire"]["version"], "2.0.0");
    assert_eq!(
        new["coverage"]["unanswered"].as_u64().unwrap(),
        old["coverage"]["unanswered"].as_u64().unwrap() + 12
    );
    // A version not built in is named in the error.
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        text.replace(
            "questionnaire = \"itsm-core\"",
            "questionnaire = \"itsm-core\"\nquestionnaire_version = \"0.9\"",
        ),
    )
    .unwrap();
    common::itsm()
        .arg("report")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "assessment.questionnaire_version: \"0.9\" is not a version of \"itsm-core\" built in (built in: 2.0.0, 1.0.0)",
        ));
    // Answers without a version that answer a 2.0.0 question are 2.0.0 ones.
    let newer = dir.path().join("newer.toml");
    std::fs::write(
        &newer,
        text.replace("[answers]\n", "[answers]\n\"processes.supplier\" = 2\n"),
    )
    .unwrap();
    let doc = json_of(&["report", newer.to_str().unwrap(), "--format", "json"]);
    assert_eq!(doc["questionnaire"]["version"], "2.0.0");
}

#[test]
fn a_pulse_survey_export_is_read_with_the_pulse_questionnaire() {
    let shown = json_of(&["questionnaire", "show", "itsm-pulse", "--format", "json"]);
    let value_of: std::collections::HashMap<String, f64> = shown["rubric"]["level"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["label"].as_str().unwrap().to_string(),
                l["value"].as_f64().unwrap(),
            )
        })
        .collect();
    let statement = &shown["questionnaire"]["area"][3]["question"][0];
    let (id, text) = (
        statement["id"].as_str().unwrap(),
        statement["text"].as_str().unwrap(),
    );
    // The mean of the leaders' answers to one statement, from the file.
    let mut reader = csv::Reader::from_path("examples/surveys/pulse-google-forms.csv").unwrap();
    let header = reader.headers().unwrap().clone();
    let col = header.iter().position(|h| h == text).unwrap();
    let role = header.iter().position(|h| h.contains("role")).unwrap();
    let values: Vec<f64> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[role] == "IT manager")
        .map(|r| value_of[&r[col]])
        .collect();
    let expected = values.iter().sum::<f64>() / values.len() as f64;
    let doc = json_of(&[
        "report",
        "examples/surveys/pulse-google-forms.csv",
        "--questionnaire",
        "itsm-pulse@1.0.0",
        "--format",
        "json",
    ]);
    assert_eq!(doc["questionnaire"]["id"], "itsm-pulse");
    assert_eq!(doc["exports"][0]["found"], 12);
    assert_eq!(doc["respondents"], 12);
    let managers = doc["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "IT manager")
        .unwrap();
    let mean = managers["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap()["current"]
        .as_f64()
        .unwrap();
    assert!((mean - expected).abs() < 1e-9, "{mean} vs {expected}");
}
