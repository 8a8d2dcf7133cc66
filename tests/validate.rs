//! `itsm-assess validate`, and the exact errors users see for broken files.

mod common;

use common::itsm;
use predicates::prelude::*;

const SCALE: &str = "valid values: 0 (Non-existent), 1 (Initial), 2 (Repeatable), 3 (Defined), 4 (Managed), 5 (Optimizing), or \"n/a\" when the question does not apply";

/// Each broken file with the exact standard error `validate` prints for it.
fn broken() -> Vec<(&'static str, String)> {
    let f = |name: &str| format!("tests/fixtures/broken/{name}");
    vec![
        (
            "answers-bad-values.toml",
            format!(
                "error: {0}:5:1: answers.\"processes.incidnt\": unknown question id \"processes.incidnt\"\n  help: did you mean \"processes.incident\"?\n\
                 error: {0}:6:1: answers.\"processes.change\": 7 is not on the scale\n  help: {SCALE}\n\
                 error: {0}:7:1: answers.\"tools.cmdb\": \"maybe\" is not a level of the scale\n  help: {SCALE}\n\
                 error: {0}:8:1: answers.\"training.plan\": unknown key `targt` in an answer\n  help: an answer table holds `current`, `target` and `note`\n",
                f("answers-bad-values.toml")
            ),
        ),
        (
            "answers-bad.json",
            format!(
                "error: {0}:4:5: answers.\"processes.incident\": 9 is not on the scale\n  help: {SCALE}\n\
                 error: {0}:5:5: answers.\"tools.cmdb\": expected a scale value, a level label or \"n/a\", found a boolean\n  help: {SCALE}\n",
                f("answers-bad.json")
            ),
        ),
        (
            "answers-other-questionnaire.toml",
            format!(
                "error: {}:2:1: assessment.questionnaire: questionnaire \"other-questionnaire\" is neither given nor built in\n  help: validate the file together with its questionnaire and rubric: itsm-assess validate Q.toml R.toml FILE\n",
                f("answers-other-questionnaire.toml")
            ),
        ),
        (
            "answers-syntax.json",
            format!("error: {}:5:3: trailing comma\n", f("answers-syntax.json")),
        ),
        (
            "answers-syntax.toml",
            format!(
                "error: {}:5:24: string values must be quoted, expected literal string\n",
                f("answers-syntax.toml")
            ),
        ),
        (
            "answers-target-off-scale.toml",
            format!(
                "error: {}:5:1: answers.\"processes.incident\": target 9 is outside the scale, which runs from 0 to 5\n",
                f("answers-target-off-scale.toml")
            ),
        ),
        (
            "answers-unknown-key.toml",
            format!(
                "error: {}:3:1: unknown field `org`, expected one of `questionnaire`, `organization`, `respondent`, `role`, `date`\n",
                f("answers-unknown-key.toml")
            ),
        ),
        (
            "answers-bad-date.toml",
            format!(
                "error: {}:3:8: invalid date \"20 November\", expected a date as YYYY-MM-DD, e.g. 2026-11-20\n",
                f("answers-bad-date.toml")
            ),
        ),
        (
            "binary.toml",
            format!(
                "error: {}:1:1: is not UTF-8 text (a binary file?)\n  help: save the file as UTF-8 text\n",
                f("binary.toml")
            ),
        ),
        (
            "empty.toml",
            format!(
                "error: {}: the file is empty\n  help: a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]\n",
                f("empty.toml")
            ),
        ),
        (
            "unknown-kind.toml",
            format!(
                "error: {}: cannot tell what kind of file this is\n  help: a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]; or name the kind with --kind\n",
                f("unknown-kind.toml")
            ),
        ),
        (
            "questionnaire-duplicates.toml",
            format!(
                "error: {0}:15:1: area \"a\": duplicate area id; each area needs its own id\n\
                 error: {0}:19:1: question \"a.one\": duplicate question id; question ids must be unique across all areas\n  help: the first one is on line 9\n",
                f("questionnaire-duplicates.toml")
            ),
        ),
        (
            "rubric-bands.toml",
            format!(
                "error: {0}:24:1: band.min: the first band starts at 0.5, above the lowest scale value 0, so low scores would have no band\n  help: set the first band's min to 0\n\
                 error: {0}:28:1: band.min: bands must be sorted by min, ascending: 0.2 follows 0.5\n",
                f("rubric-bands.toml")
            ),
        ),
        (
            "rubric-no-bands.toml",
            format!(
                "error: {0}:4:3: level: the scale has 2 levels, but every question of questionnaire \"itsm-core\" has 6 level descriptors\n  help: give the rubric 6 [[level]] entries, or use it with the questionnaire written for a 2-level scale\n\
                 error: {0}: band: the rubric needs at least one [[band]]\n  help: add [[band]] entries with min and name, ascending by min\n",
                f("rubric-no-bands.toml")
            ),
        ),
        (
            "rubric-weights.toml",
            format!(
                "error: {0}:24:1: weights.areas.training: weight must be above 0 and at most 1000000, found 0\n\
                 error: {0}:25:1: weights.areas.manegement: unknown area \"manegement\"\n  help: did you mean \"management\"?\n",
                f("rubric-weights.toml")
            ),
        ),
        (
            "vision-bad.toml",
            format!(
                "error: {0}:4:1: targets.default: target 6 is outside the scale, which runs from 0 to 5\n\
                 error: {0}:7:1: targets.areas.trainig: unknown area \"trainig\"\n  help: did you mean \"training\"?\n\
                 error: {0}:10:1: targets.questions.\"management.leadership\": target -1 is outside the scale, which runs from 0 to 5\n",
                f("vision-bad.toml")
            ),
        ),
    ]
}

#[test]
fn every_broken_file_gets_its_exact_error_and_exit_1() {
    for (name, expected) in broken() {
        let path = format!("tests/fixtures/broken/{name}");
        itsm()
            .args(["validate", &path])
            .env("RUST_BACKTRACE", "1")
            .assert()
            .code(1)
            .stdout("")
            .stderr(expected);
    }
}

#[test]
fn the_corpus_is_complete() {
    // Every fixture in the folder has its expected message above.
    let listed: Vec<&str> = broken().iter().map(|(n, _)| *n).collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "questionnaire-levels.toml" {
            assert!(
                listed.contains(&name.as_str()),
                "{name} has no expected message"
            );
        }
    }
}

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
            "examples/answers.toml: ok: answers for \"itsm-core\": 43 answered, 1 not applicable, 1 unanswered\n",
        ))
        .stdout(predicate::str::contains(
            "examples/questionnaire.toml: ok: questionnaire \"desk-check\" 0.1.0, 2 areas, 4 questions, checked against rubric examples/rubric.toml\n",
        ))
        .stdout(predicate::str::contains("questionnaires/itsm-core.toml: ok: questionnaire \"itsm-core\" 1.0.0, 4 areas, 45 questions"));
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
