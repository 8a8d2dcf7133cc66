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
    assert_eq!(doc["questionnaires"][0]["id"], "itsm-core");
    assert_eq!(doc["questionnaires"][0]["questions"], 45);
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
    ] {
        assert!(out.contains(text), "missing {text}");
    }
    let doc = json_of(&["questionnaire", "show", "--format", "json"]);
    let areas = doc["questionnaire"]["area"].as_array().unwrap();
    let count: usize = areas
        .iter()
        .map(|a| a["question"].as_array().unwrap().len())
        .sum();
    assert_eq!(count, 45);
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
