//! `itsm-assess validate`: checking files and how they fit together (the
//! exact errors for each broken file are in `bad_inputs.rs`).

mod common;

use common::itsm;
use predicates::prelude::*;

#[test]
fn report_shows_the_same_errors_as_validate_for_answers() {
    itsm()
        .args(["report", "tests/fixtures/broken/answers-bad.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "answers-bad.json:4:5: answers.\"processes.incident\": 9 is not on the scale",
        ));
}

#[test]
fn examples_are_valid() {
    itsm()
        .args([
            "validate",
            "examples/answers.toml",
            "examples/answers.json",
            "examples/vision.toml",
            "examples/questionnaire.toml",
            "examples/rubric.toml",
            "examples/desk-answers.toml",
            "questionnaires/itsm-core.toml",
            "questionnaires/itsm-core-rubric.toml",
        ])
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains(
            // Checked against the questionnaire given: 2.0.0, which adds 12 questions.
            "examples/answers.toml: ok: answers for \"itsm-core\": 43 answered, 1 not applicable, 13 unanswered\n",
        ))
        .stdout(predicate::str::contains(
            "examples/questionnaire.toml: ok: questionnaire \"desk-check\" 0.1.0, 2 areas, 4 questions, checked against rubric examples/rubric.toml\n",
        ))
        .stdout(predicate::str::contains("questionnaires/itsm-core.toml: ok: questionnaire \"itsm-core\" 2.0.0, 4 areas, 57 questions"));
    // On their own, the answers are checked against the version they are
    // for: they name none, so 1.0.0.
    itsm()
        .args(["validate", "examples/answers.toml"])
        .assert()
        .success()
        .stdout("examples/answers.toml: ok: answers for \"itsm-core\": 43 answered, 1 not applicable, 1 unanswered\n");
}

#[test]
fn a_custom_questionnaire_is_checked_against_the_scale_it_will_be_scored_with() {
    itsm()
        .args(["validate", "tests/fixtures/broken/questionnaire-levels.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "questionnaire-levels.toml:12:1: question \"processes.incident\".levels: has 3 descriptors but the scale has 6 levels",
        ))
        .stderr(predicate::str::contains("has 1 actions but a 6-level scale has 5 steps up"));
}

#[test]
fn one_bad_file_fails_the_run_but_the_good_ones_are_reported() {
    itsm()
        .args([
            "validate",
            "examples/answers.toml",
            "tests/fixtures/broken/answers-syntax.json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("examples/answers.toml: ok"))
        .stderr(predicate::str::contains(
            "answers-syntax.json:5:3: trailing comma",
        ));
}

#[test]
fn kind_can_be_forced() {
    itsm()
        .args(["validate", "--kind", "vision", "examples/answers.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown field `assessment`"));
}

#[test]
fn rubric_for_a_questionnaire_given_alongside() {
    itsm()
        .args(["validate", "examples/rubric.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "questionnaire \"desk-check\" is neither given nor built in",
        ));
    itsm()
        .args(["validate", "examples/rubric.toml", "--questionnaire", "examples/questionnaire.toml"])
        .assert()
        .success()
        .stdout("examples/rubric.toml: ok: rubric \"desk-check-default\" for \"desk-check\", 4 levels, 3 bands\n");
}
