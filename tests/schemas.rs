//! The JSON Schemas in docs/schema/: in sync with the code, valid, and
//! describing what the tool really reads and writes.
//!
//! After changing a type the schemas come from, regenerate them with
//! `UPDATE_SCHEMAS=1 cargo test --test schemas`.

mod common;

use std::path::{Path, PathBuf};

use common::{itsm, stdout_of};
use itsm_assess::schema::{self, Direction, Named};
use itsm_assess::validate::{Kind, detect};
use itsm_assess::{Format, Source};
use serde_json::{Value, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema_dir() -> PathBuf {
    root().join("docs/schema")
}

fn named(name: &str) -> &'static Named {
    schema::find(name).unwrap_or_else(|| panic!("no schema {name}"))
}

/// A validator for the published schema.
fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(named(name).schema().as_value())
        .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"))
}

/// The problems a validator finds, one line each, with where they are.
fn problems(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn docs_schema_is_up_to_date() {
    let dir = schema_dir();
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for n in schema::ALL {
        let path = dir.join(n.file_name());
        let want = n.text();
        if update {
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(format!("docs/schema/{}", n.file_name()));
        }
    }
    // No schema left behind for a name that is gone.
    let known: Vec<String> = schema::ALL.iter().map(Named::file_name).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !known.contains(&name) {
            stale.push(format!(
                "docs/schema/{name} (no such schema any more; delete it)"
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {}\nregenerate with: UPDATE_SCHEMAS=1 cargo test --test schemas",
        stale.join(", ")
    );
}

#[test]
fn every_schema_is_a_valid_draft_2020_12_schema_with_its_id() {
    for n in schema::ALL {
        let s = n.schema();
        let value = s.as_value();
        if let Err(e) = jsonschema::meta::validate(value) {
            panic!("{}: not a valid JSON Schema: {e}", n.name);
        }
        assert_eq!(
            value["$id"],
            json!(format!("urn:itsm-assess:schema:{}", n.name))
        );
        assert_eq!(value["title"], json!(format!("itsm-assess {}", n.name)));
    }
}

#[test]
fn the_schema_command_prints_the_published_schemas() {
    for n in schema::ALL {
        let printed = stdout_of(&["schema", n.name]);
        let file = std::fs::read_to_string(schema_dir().join(n.file_name())).unwrap();
        assert_eq!(printed, file, "itsm-assess schema {}", n.name);
    }
    let list = stdout_of(&["schema", "list"]);
    let names: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, schema::names().collect::<Vec<_>>());
    assert!(
        list.lines()
            .next()
            .unwrap()
            .starts_with("questionnaire       file    A questionnaire file:"),
        "{list}"
    );
}

#[test]
fn an_unknown_schema_name_is_a_usage_error_listing_the_names() {
    itsm().args(["schema", "answer"]).assert().code(2).stderr(
        "error: invalid value 'answer' for '<NAME>'\n  [possible values: list, questionnaire, rubric, answers, vision, survey-map, report, score, plan, compare, questionnaire-list, questionnaire-show]\n\n  tip: a similar value exists: 'answers'\n\nFor more information, try '--help'.\n",
    );
}

/// A TOML document as the JSON an editor's schema check sees: dates become
/// their text.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn read_as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).unwrap()
    } else {
        toml_to_json(toml::from_str(&text).unwrap())
    }
}

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_and_built_in_file_is_valid_against_its_schema() {
    let mut checked = Vec::new();
    for path in ["examples", "questionnaires", "questionnaires/templates"]
        .iter()
        .flat_map(|d| files_in(d))
    {
        let format = if path.extension().is_some_and(|e| e == "json") {
            Format::Json
        } else {
            Format::Toml
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = detect(&Source::new(path.display().to_string(), text, format)).unwrap();
        let name = kind.to_string();
        let found = problems(&validator(&name), &read_as_json(&path));
        assert!(
            found.is_empty(),
            "{} against the {name} schema:\n{}",
            path.display(),
            found.join("\n")
        );
        checked.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            kind,
        ));
    }
    // Every kind was checked, with the files we know of among them.
    for kind in [
        Kind::Questionnaire,
        Kind::Rubric,
        Kind::Answers,
        Kind::Vision,
    ] {
        assert!(checked.iter().any(|(_, k)| *k == kind), "no {kind} file");
    }
    for file in [
        "answers.json",
        "answers.toml",
        "itsm-core.toml",
        "rubric.toml",
    ] {
        assert!(checked.iter().any(|(f, _)| f == file), "{file} not checked");
    }
}

/// The schema, with `additionalProperties: false` on every object that
/// lists its properties: an output must hold nothing the schema does not
/// describe. (The published output schemas stay open, so that programs
/// reading them keep working when a later version adds a field.)
fn closed(mut value: Value) -> Value {
    fn close(v: &mut Value) {
        match v {
            Value::Object(o) => {
                if o.contains_key("properties") && !o.contains_key("additionalProperties") {
                    o.insert("additionalProperties".into(), Value::Bool(false));
                }
                o.values_mut().for_each(close);
            }
            Value::Array(a) => a.iter_mut().for_each(close),
            _ => {}
        }
    }
    close(&mut value);
    value
}

/// Runs the binary and checks its JSON output against a schema, closed.
fn check_output(name: &str, args: &[&str]) -> Value {
    assert_eq!(named(name).direction, Direction::Output);
    let out = itsm().args(args).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("itsm-assess {}: not JSON: {e}", args.join(" ")));
    let v = jsonschema::validator_for(&closed(named(name).schema().to_value())).unwrap();
    let found = problems(&v, &doc);
    assert!(
        found.is_empty(),
        "itsm-assess {} against the {name} schema:\n{}",
        args.join(" "),
        found.join("\n")
    );
    doc
}

#[test]
fn individual_and_team_reports_match_the_report_schema() {
    let one = check_output(
        "report",
        &["report", "examples/answers.toml", "--format", "json"],
    );
    assert!(one.get("respondents").is_none());
    let vision = check_output(
        "report",
        &[
            "report",
            "examples/answers.json",
            "--vision",
            "examples/vision.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        vision["assessment"]["vision"],
        json!("examples/vision.toml")
    );
    let team = check_output(
        "report",
        &["report", "examples/team.csv", "--format", "json"],
    );
    assert!(team["respondents"].as_u64().unwrap() > 1);
    assert!(!team["perception_gaps"].as_array().unwrap().is_empty());
    assert!(team["questions"][0]["spread"].is_object());
}

#[test]
fn score_output_matches_the_score_schema_with_summary_and_errors() {
    let doc = check_output(
        "score",
        &[
            "score",
            "examples/answers.toml",
            "examples/answers.json",
            "--format",
            "json",
            "--summary",
        ],
    );
    assert_eq!(doc["results"].as_array().unwrap().len(), 2);
    assert_eq!(doc["summary"]["respondents"], json!(2));
    // A bad input: reported in errors[], exit 1, still the same shape.
    let doc = check_output(
        "score",
        &[
            "score",
            "examples/answers.toml",
            "tests/fixtures/broken/answers-bad-values.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1);
    assert!(doc.get("summary").is_none());
}

#[test]
fn plan_and_compare_outputs_match_their_schemas() {
    let plan = check_output(
        "plan",
        &[
            "plan",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "json",
        ],
    );
    assert!(!plan["phases"][0]["steps"].as_array().unwrap().is_empty());
    let compare = check_output(
        "compare",
        &[
            "compare",
            "examples/answers.toml",
            "examples/answers-followup.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(compare["assessments"].as_array().unwrap().len(), 2);
}

#[test]
fn questionnaire_list_and_show_outputs_match_their_schemas() {
    check_output(
        "questionnaire-list",
        &["questionnaire", "list", "--format", "json"],
    );
    check_output(
        "questionnaire-show",
        &["questionnaire", "show", "--format", "json"],
    );
    let custom = check_output(
        "questionnaire-show",
        &[
            "questionnaire",
            "show",
            "--format",
            "json",
            "--questionnaire",
            "examples/questionnaire.toml",
            "--rubric",
            "examples/rubric.toml",
        ],
    );
    assert_ne!(custom["questionnaire"]["id"], json!("itsm-core"));
}

/// The schema and the tool agree: what the schema rejects, `validate`
/// rejects, and what it accepts, the tool accepts.
fn agree(kind: &str, doc: Value, valid: bool) {
    let found = problems(&validator(kind), &doc);
    assert_eq!(
        found.is_empty(),
        valid,
        "{kind} schema on {doc}: {}",
        found.join("; ")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{kind}.json"));
    std::fs::write(&path, doc.to_string()).unwrap();
    let out = itsm()
        .args(["validate", "--kind", kind])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.success(),
        valid,
        "itsm-assess validate --kind {kind} on {doc}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn answers(answers: Value) -> Value {
    json!({"assessment": {"questionnaire": "itsm-core", "date": "2026-11-20"}, "answers": answers})
}

#[test]
fn the_answers_schema_accepts_and_rejects_what_the_tool_does() {
    // Every spelling of an answer.
    agree(
        "answers",
        answers(json!({
            "processes.incident": 2,
            "processes.request": "Defined",
            "processes.problem": "n/a",
            "processes.change": {"current": 1, "target": 3, "note": "CAB on paper only"},
            "training.plan": {"target": "Managed"},
            "tools": {"cmdb": 1, "integration": {"current": 2}},
        })),
        true,
    );
    agree(
        "answers",
        json!({"$schema": "../docs/schema/answers.schema.json", "assessment": {"questionnaire": "itsm-core"}}),
        true,
    );
    // Unknown keys, wrong types, bad dates, a missing [assessment].
    agree(
        "answers",
        json!({"assessment": {"questionnaire": "itsm-core", "organisation": "Acme"}}),
        false,
    );
    agree(
        "answers",
        answers(json!({"processes.incident": {"current": 2, "comment": "x"}})),
        false,
    );
    agree(
        "answers",
        answers(json!({"processes.incident": true})),
        false,
    );
    agree(
        "answers",
        answers(json!({"processes.incident": [1, 2]})),
        false,
    );
    agree(
        "answers",
        answers(json!({"processes.incident": {"current": 2, "note": 5}})),
        false,
    );
    agree(
        "answers",
        json!({"assessment": {"questionnaire": "itsm-core", "date": "20 Nov 2026"}}),
        false,
    );
    agree("answers", json!({"answers": {}}), false);
    agree(
        "answers",
        json!({"assessment": {"questionnaire": "itsm-core"}, "extra": 1}),
        false,
    );
}

fn questionnaire(question: Value) -> Value {
    json!({"id": "mine", "title": "Mine", "area": [{"id": "a", "title": "A", "question": [question]}]})
}

#[test]
fn the_questionnaire_rubric_and_vision_schemas_reject_what_the_tool_rejects() {
    let q = json!({"id": "a.one", "title": "One", "text": "?", "levels": ["0", "1", "2", "3", "4", "5"], "effort": "high"});
    agree("questionnaire", questionnaire(q.clone()), true);
    let mut no_levels = q.clone();
    no_levels.as_object_mut().unwrap().remove("levels");
    agree("questionnaire", questionnaire(no_levels), false);
    let mut huge = q.clone();
    huge["effort"] = json!("huge");
    agree("questionnaire", questionnaire(huge), false);
    agree(
        "questionnaire",
        json!({"id": "mine", "title": "Mine"}),
        false,
    );
    agree(
        "questionnaire",
        json!({"id": "mine", "title": "Mine", "area": [{"id": "a", "title": "A", "question": []}]}),
        false,
    );

    // Six levels, as the built-in questionnaire's questions have.
    let levels: Vec<Value> = (0..6)
        .map(|v| json!({"value": v, "label": format!("L{v}")}))
        .collect();
    let rubric = json!({
        "id": "r", "questionnaire": "itsm-core",
        "level": levels,
        "band": [{"min": 0, "name": "Low"}],
    });
    let mut weighted = rubric.clone();
    weighted["weights"] = json!({"areas": {"training": 2}});
    let mut zero = rubric.clone();
    zero["weights"] = json!({"areas": {"training": 0}});
    let mut one_level = rubric.clone();
    one_level["level"] = json!([{"value": 0, "label": "No"}]);
    let mut typo = rubric.clone();
    typo["gap"] = json!({"critcal": 2});
    let mut no_phases = rubric.clone();
    no_phases["plan"] = json!({"phases": 0});
    for (doc, valid) in [
        (rubric, true),
        (weighted, true),
        (zero, false),
        (one_level, false),
        (typo, false),
        (no_phases, false),
    ] {
        agree("rubric", doc, valid);
    }

    agree(
        "vision",
        json!({"questionnaire": "itsm-core", "targets": {"default": 3, "areas": {"training": 3.5}}}),
        true,
    );
    agree(
        "vision",
        json!({"questionnaire": "itsm-core", "targets": {"default": 3}, "owner": "me"}),
        false,
    );
    agree(
        "vision",
        json!({"questionnaire": "itsm-core", "targets": {"default": "high"}}),
        false,
    );
}
