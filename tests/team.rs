//! Teams and batches: folders, survey exports, aggregation, roles.

mod common;

use common::{itsm, json_of, stdout_of};
use predicates::prelude::*;

fn question<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap()
}

/// A survey export in the shape survey tools write: question texts as
/// headers, labels and numbers mixed, n/a, empty cells, a target column.
fn survey_csv() -> String {
    let doc = json_of(&["questionnaire", "show", "--format", "json"]);
    let text_of = |id: &str| -> String {
        for area in doc["questionnaire"]["area"].as_array().unwrap() {
            for q in area["question"].as_array().unwrap() {
                if q["id"] == id {
                    return q["text"].as_str().unwrap().to_string();
                }
            }
        }
        panic!("{id}")
    };
    let incident = text_of("processes.incident");
    let leadership = text_of("management.leadership");
    format!(
        "Respondent,Role,\"{incident}\",\"{leadership}\",Change management,processes.incident:target\n\
         Ana,Manager,3,Managed,n/a,4\n\
         Ben,Manager,Defined,4,N/A,\n\
         Cy,Agent,1,1,,\n\
         Di,Agent,2,Initial,,5\n"
    )
}

#[test]
fn a_survey_export_with_question_texts_as_headers_is_aggregated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv");
    std::fs::write(&path, survey_csv()).unwrap();
    // Two roles of two: shown with --min-group 1 (hidden by default).
    let doc = json_of(&[
        "report",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--min-group",
        "1",
    ]);
    assert_eq!(doc["respondents"], 4);
    let incident = question(&doc, "processes.incident");
    assert_eq!(incident["current"], 2.25); // (3 + 3 + 1 + 2) / 4
    assert_eq!(incident["target"], 4.5); // the mean of the two own targets
    assert_eq!(
        incident["spread"],
        serde_json::json!({"n": 4, "min": 1.0, "max": 3.0, "stdev": (0.6875f64).sqrt()})
    );
    assert_eq!(incident["disagreement"], true);
    // Only n/a and empty answers: not applicable.
    assert_eq!(
        question(&doc, "processes.change")["status"],
        "not_applicable"
    );
    let roles = doc["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0]["role"], "Agent");
    let gaps = doc["perception_gaps"].as_array().unwrap();
    // Managers 4, agents 1 on the only management question: the area and
    // the question tie at 3, the area first.
    assert_eq!(
        (gaps[0]["scope"].as_str(), gaps[0]["id"].as_str()),
        (Some("area"), Some("management"))
    );
    assert_eq!(
        (gaps[1]["scope"].as_str(), gaps[1]["id"].as_str()),
        (Some("question"), Some("management.leadership"))
    );
    assert_eq!(gaps[1]["gap"], 3.0);
    assert_eq!(gaps[1]["highest"]["role"], "Manager");
    assert_eq!(gaps[1]["lowest"]["role"], "Agent");

    let median = json_of(&[
        "report",
        "--csv",
        path.to_str().unwrap(),
        "--aggregate",
        "median",
        "--format",
        "json",
    ]);
    assert_eq!(question(&median, "processes.incident")["current"], 2.5);

    let table = stdout_of(&["report", path.to_str().unwrap(), "--min-group", "1"]);
    assert!(table.contains("Respondents: 4"), "{table}");
    assert!(table.contains("By role (current):"));
    assert!(table.contains("Perception gaps between roles, largest first"));
    assert!(table.contains("Respondents disagree, widest spread first"));
}

#[test]
fn survey_from_standard_input() {
    let out = itsm()
        .args(["report", "--csv", "-", "--format", "json"])
        .write_stdin(survey_csv())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["respondents"], 4);
}

#[test]
fn unknown_columns_and_bad_cells_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    // A tool's own columns are metadata; free text is ignored with a note;
    // a column of levels that names no question fails the import.
    std::fs::write(
        &path,
        "Timestamp,respondent,Shoe size,processes.incidnt,processes.incident\n2026-11-20,Ana,forty two,3,2\n",
    )
    .unwrap();
    let shown = path.display().to_string();
    itsm()
        .args(["report", &shown, "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"respondents\": 1"))
        .stderr(predicate::str::starts_with(format!(
            "note: {shown}: ignored columns: \"Shoe size\"\n\
             note: {shown}: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
             error: {shown}:1:4: column 4: column \"processes.incidnt\" holds levels but names no question of \"itsm-core\"\n  help: did you mean \"processes.incident\"? run `itsm-assess survey inspect {shown} --write-map map.toml`"
        )));
    itsm()
        .args(["report", &shown, "--ignore-unknown-columns"])
        .assert()
        .success();

    std::fs::write(&path, "respondent,processes.incident\nAna,2\nBen,7\nCy,3\n").unwrap();
    let assert = itsm()
        .args(["report", &shown, "--format", "json"])
        .assert()
        .code(1)
        .stderr(format!(
            "note: {shown}: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
             error: {shown}:3:2: row 2, column \"processes.incident\": 7 is not on the scale\n  help: valid values: 0 (Non-existent), 1 (Initial), 2 (Repeatable), 3 (Defined), 4 (Managed), 5 (Optimizing), a level as \"N - Label\" or the question's level descriptor, \"n/a\", or an empty cell for unanswered\n"
        ));
    // The good rows are still reported.
    let doc: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(doc["respondents"], 2);
}

#[test]
fn a_folder_with_a_broken_file_reports_it_and_scores_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    std::fs::copy(
        format!("{root}/examples/answers.toml"),
        dir.path().join("a.toml"),
    )
    .unwrap();
    std::fs::copy(
        format!("{root}/examples/answers.json"),
        dir.path().join("nested/b.json"),
    )
    .unwrap();
    std::fs::copy(
        format!("{root}/tests/fixtures/broken/answers-bad-values.toml"),
        dir.path().join("c.toml"),
    )
    .unwrap();
    // A vision lying in the same folder is not an answers file: passed over.
    std::fs::copy(
        format!("{root}/examples/vision.toml"),
        dir.path().join("vision.toml"),
    )
    .unwrap();
    let folder = dir.path().display().to_string();

    let assert = itsm()
        .args(["score", &folder, "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "error: {folder}/c.toml:5:1: answers.\"processes.incidnt\": unknown question id"
        )))
        .stderr(predicate::str::contains("vision.toml").not());
    let doc: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let sources: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            format!("{folder}/a.toml"),
            format!("{folder}/nested/b.json")
        ]
    );
    assert_eq!(doc["errors"][0]["source"], format!("{folder}/c.toml"));

    let report = itsm()
        .args(["report", &folder, "--format", "json"])
        .assert()
        .code(1);
    let doc: serde_json::Value = serde_json::from_slice(&report.get_output().stdout).unwrap();
    assert_eq!(doc["respondents"], 2);
}

#[test]
fn score_summary_adds_the_team_line() {
    let doc = json_of(&[
        "score",
        "examples/team.csv",
        "--summary",
        "--format",
        "json",
    ]);
    assert_eq!(doc["results"].as_array().unwrap().len(), 12);
    assert_eq!(doc["summary"]["respondents"], 12);
    let report = json_of(&["report", "examples/team.csv", "--format", "json"]);
    assert_eq!(doc["summary"]["overall"], report["overall"]);
    let table = stdout_of(&["score", "examples/team.csv", "--summary"]);
    assert!(
        table.contains("all respondents") && table.contains("12 respondents"),
        "{table}"
    );
}

#[test]
fn the_example_team_shows_leaders_seeing_management_differently() {
    let doc = json_of(&["report", "examples/team.csv", "--format", "json"]);
    assert_eq!(doc["respondents"], 12);
    let roles = doc["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 3);
    let area_gap = doc["perception_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["scope"] == "area" && g["id"] == "management")
        .unwrap();
    assert_eq!(area_gap["highest"]["role"], "Manager");
    assert!(area_gap["gap"].as_f64().unwrap() >= 1.0, "{area_gap}");
}

#[test]
fn several_answers_files_make_a_team_report() {
    let doc = json_of(&[
        "report",
        "examples/answers.toml",
        "examples/answers.json",
        "--format",
        "json",
    ]);
    assert_eq!(doc["respondents"], 2);
    assert_eq!(doc["assessment"]["organization"], "Acme Corp");
    // One file stays an individual report, without team fields.
    let one = json_of(&["report", "examples/answers.toml", "--format", "json"]);
    assert!(one.get("respondents").is_none() && one.get("roles").is_none());
}

#[test]
fn standard_input_is_told_apart_survey_or_answers() {
    let root = env!("CARGO_MANIFEST_DIR");
    let csv = std::fs::read_to_string(format!("{root}/examples/team.csv")).unwrap();
    itsm()
        .args(["report", "-"])
        .write_stdin(csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("Respondents: 12"));
    let answers = format!(
        "# Answers, with a comma in the comment\n{}",
        std::fs::read_to_string(format!("{root}/examples/answers.toml")).unwrap()
    );
    itsm()
        .args(["report", "-"])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Respondent: Dana Lee"));
}

#[test]
fn team_reports_show_roles_perception_gaps_and_disagreement_in_every_format() {
    let json = json_of(&["report", "examples/team.csv", "--format", "json"]);
    let top_gap = &json["perception_gaps"][0];
    let title = top_gap["title"].as_str().unwrap();

    let md = stdout_of(&["report", "examples/team.csv", "--format", "markdown"]);
    for heading in [
        "## By role",
        "## Perception gaps",
        "## Disagreement",
        "- Respondents: 12",
    ] {
        assert!(md.contains(heading), "markdown lacks {heading}");
    }
    assert!(md.contains(title));

    let html = stdout_of(&["report", "examples/team.csv", "--format", "html"]);
    for id in [
        "<section id=\"roles\">",
        "<section id=\"perception-gaps\">",
        "<section id=\"disagreement\">",
    ] {
        assert!(html.contains(id), "html lacks {id}");
    }
    assert!(html.contains("<dt>Respondents</dt><dd>12</dd>"));

    let csv = stdout_of(&["report", "examples/team.csv", "--format", "csv"]);
    let mut lines = csv.lines();
    let role_columns: String = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!(",role_mean:{}", r["role"].as_str().unwrap()))
        .collect();
    assert!(lines.next().unwrap().ends_with(&format!(
        ",respondents,min,max,stdev,disagreement{role_columns}"
    )));
    let first = &json["questions"][0];
    let row = lines.next().unwrap();
    assert!(row.starts_with(first["id"].as_str().unwrap()));
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells[14], first["spread"]["n"].to_string(), "{row}");
    assert_eq!(cells[18], first["disagreement"].to_string(), "{row}");
    // One respondent's CSV keeps the individual columns.
    let one = stdout_of(&["report", "examples/answers.toml", "--format", "csv"]);
    assert!(one.lines().next().unwrap().ends_with(",quick_win,note"));
}

#[test]
fn role_names_are_escaped_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    std::fs::write(
        &path,
        "respondent,role,processes.incident\nA,<b>Boss</b>,4\nB,Agent|x,1\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let html = stdout_of(&["report", p, "--format", "html", "--min-group", "1"]);
    assert!(html.contains("&lt;b&gt;Boss&lt;/b&gt;") && !html.contains("<b>Boss</b>"));
    let md = stdout_of(&["report", p, "--format", "markdown", "--min-group", "1"]);
    assert!(md.contains("Agent\\|x"), "{md}");
}

#[test]
fn a_partial_export_says_so_in_every_format_and_comments_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partial.csv");
    std::fs::write(
        &path,
        "Name,Role,Incident management,Change management,Any other comments?\nAna,Agent,3,2,\"Tickets vanish, \u{1b}[31msometimes\"\nBo,Manager,4,n/a,\n",
    )
    .unwrap();
    let shown = path.display().to_string();
    let json = json_of(&["report", &shown, "--format", "json"]);
    let export = &json["exports"][0];
    assert_eq!(export["found"], 2);
    assert_eq!(
        export["questions"],
        json["questions"].as_array().unwrap().len()
    );
    assert_eq!(export["respondents"], 2);
    assert_eq!(export["comment_columns"][0], "Any other comments?");
    assert_eq!(json["comments"][0]["respondent"], "Ana");
    let coverage = "2 of 57 questions found in the export; not found: processes.request, processes.problem, processes.service-level, processes.supplier, processes.catalogue and 50 more";
    for format in ["table", "markdown", "html"] {
        let out = stdout_of(&["report", &shown, "--format", format]);
        assert!(out.contains(coverage), "{format}: {out}");
        assert!(out.contains("Tickets vanish,"), "{format}");
        assert!(
            !out.contains('\u{1b}'),
            "{format} lets an escape sequence through"
        );
    }
    itsm()
        .args(["report", &shown])
        .assert()
        .success()
        .stderr(format!("note: {shown}: {coverage}\n"));
}

#[test]
fn survey_inspect_never_sends_an_exports_escape_sequences_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.csv");
    std::fs::write(
        &path,
        "Name,\u{1b}]0;owned\u{7}Shoe size,Incident management\nAna,\u{1b}[2Jforty,3\n",
    )
    .unwrap();
    let out = itsm()
        .args(["survey", "inspect", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("\\u{1b}]0;owned\\u{7}Shoe size"),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout}"
    );
    let stderr = itsm()
        .args(["report", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(
        stderr.contains("ignored columns: \"\\u{1b}]0;owned\\u{7}Shoe size\""),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

#[test]
fn roles_smaller_than_min_group_are_shown_in_no_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    std::fs::write(
        &path,
        "respondent,role,processes.incident,comment\nA,Agent,1,\nB,Agent,2,\nC,Agent,3,\nD,Chief Zebra,4,too slow\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    for format in ["table", "json", "markdown", "csv", "html"] {
        let out = stdout_of(&["report", p, "--format", format]);
        assert!(!out.contains("Chief Zebra"), "{format}: {out}");
        if format == "json" {
            assert!(out.contains("\"Agent\""), "{out}");
        }
        if format != "csv" && format != "json" {
            assert!(
                out.contains(
                    "1 respondent in 1 role with fewer than 3 respondents is not shown on its own"
                ) || out.contains(
                    "1 respondent in 1 role with fewer than 3 respondents is not shown on their own"
                ),
                "{format}: {out}"
            );
        }
    }
    let doc = json_of(&["report", p, "--format", "json"]);
    assert_eq!(doc["respondents"], 4, "the hidden respondent still counts");
    assert_eq!(doc["questions"][0]["current"], 2.5);
    assert_eq!(
        doc["hidden_roles"],
        serde_json::json!({"min_group": 3, "roles": 1, "respondents": 1})
    );
    let shown = json_of(&["report", p, "--format", "json", "--min-group", "1"]);
    assert_eq!(shown["roles"].as_array().unwrap().len(), 2);
    assert!(shown.get("hidden_roles").is_none());
}

#[test]
fn the_appendix_gives_each_roles_mean_per_question_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    // Leaders: incident 4, 4, 1 (mean 3), problem 2, n/a, 2 (mean 2).
    // Staff: incident 2, 2, 2 (mean 2), problem unanswered, 1, 1 (mean 1).
    std::fs::write(
        &path,
        "respondent,role,processes.incident,processes.problem\n\
         A,Leaders,4,2\nB,Leaders,4,n/a\nC,Leaders,1,2\n\
         D,Staff,2,\nE,Staff,2,1\nF,Staff,2,1\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let doc = json_of(&["report", p, "--format", "json"]);
    let mean = |role: usize, id: &str| {
        doc["roles"][role]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["current"]
            .clone()
    };
    assert_eq!(doc["roles"][0]["role"], "Leaders");
    assert_eq!(mean(0, "processes.incident"), 3.0);
    assert_eq!(mean(0, "processes.problem"), 2.0);
    assert_eq!(mean(1, "processes.incident"), 2.0);
    assert_eq!(mean(1, "processes.problem"), 1.0);
    assert_eq!(mean(1, "processes.change"), serde_json::Value::Null);
    for format in ["table", "markdown", "html"] {
        let out = stdout_of(&["report", p, "--format", format]);
        assert!(out.contains("Role means"), "{format}");
        assert!(out.contains("Leaders 3.00; Staff 2.00"), "{format}: {out}");
        assert!(out.contains("Leaders 2.00; Staff 1.00"), "{format}");
        assert!(out.contains("Leaders -; Staff -"), "{format}");
    }
    let csv = stdout_of(&["report", p, "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let incident: Vec<&str> = lines
        .find(|l| l.starts_with("processes.incident,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(incident[at("role_mean:Leaders")], "3");
    assert_eq!(incident[at("role_mean:Staff")], "2");
    // A role too small to be shown gets no column and no mean anywhere.
    let small = stdout_of(&["report", p, "--format", "csv", "--min-group", "4"]);
    assert!(!small.contains("role_mean:"), "{small}");
    let md = stdout_of(&["report", p, "--format", "markdown", "--min-group", "4"]);
    assert!(!md.contains("Role means"), "{md}");
}
