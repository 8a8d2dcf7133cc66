//! Survey exports as real tools write them import unchanged, and give the
//! same report as the same answers written as answers files.
//!
//! The expected numbers are never written here: the ground truth of
//! `survey_exports` is written as an answers folder and reported by the tool
//! itself; each export of the same truth must report the same.

mod common;
mod survey_exports;

use common::{itsm, json_of};
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use survey_exports::{Answer, Col, ROLES, Shape, Truth, decode_cell, fill_draft, read_back};

fn show() -> &'static Value {
    static SHOW: OnceLock<Value> = OnceLock::new();
    SHOW.get_or_init(|| json_of(&["questionnaire", "show", "--format", "json"]))
}

fn truth() -> Truth {
    Truth::new(show())
}

/// `report DIR --format json` on the truth written as answers files.
fn truth_report(t: &Truth) -> Value {
    let dir = tempfile::tempdir().unwrap();
    t.write_answers_folder(dir.path());
    json_of(&["report", dir.path().to_str().unwrap(), "--format", "json"])
}

fn write_export(dir: &Path, shape: Shape, t: &Truth) -> PathBuf {
    let path = dir.join(shape.file_name());
    std::fs::write(&path, shape.export(t)).unwrap();
    path
}

fn same_number(expected: &Value, got: &Value, what: &str) {
    match (expected.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}: expected {a}, got {b}"),
        _ => assert_eq!(expected, got, "{what}"),
    }
}

/// The two reports agree on respondents, coverage, overall, areas,
/// questions, roles and perception gaps.
fn assert_same_report(expected: &Value, got: &Value, what: &str) {
    assert_eq!(
        expected["respondents"], got["respondents"],
        "{what}: respondents"
    );
    assert_eq!(expected["coverage"], got["coverage"], "{what}: coverage");
    for k in ["current", "target", "gap"] {
        same_number(
            &expected["overall"][k],
            &got["overall"][k],
            &format!("{what}: overall {k}"),
        );
    }
    assert_eq!(
        expected["overall"]["band"], got["overall"]["band"],
        "{what}: overall band"
    );

    let (ea, ga) = (
        expected["areas"].as_array().unwrap(),
        got["areas"].as_array().unwrap(),
    );
    assert_eq!(ea.len(), ga.len(), "{what}: areas");
    for (e, g) in ea.iter().zip(ga) {
        let id = e["id"].as_str().unwrap();
        assert_eq!(e["id"], g["id"], "{what}: area order");
        same_number(
            &e["current"],
            &g["current"],
            &format!("{what}: area {id} current"),
        );
        for k in ["answered", "not_applicable", "unanswered"] {
            assert_eq!(e[k], g[k], "{what}: area {id} {k}");
        }
    }

    let (eq, gq) = (
        expected["questions"].as_array().unwrap(),
        got["questions"].as_array().unwrap(),
    );
    assert_eq!(eq.len(), gq.len(), "{what}: questions");
    for e in eq {
        let id = e["id"].as_str().unwrap();
        let g = gq
            .iter()
            .find(|g| g["id"] == id)
            .unwrap_or_else(|| panic!("{what}: no question {id}"));
        assert_eq!(e["status"], g["status"], "{what}: {id} status");
        same_number(
            &e["current"],
            &g["current"],
            &format!("{what}: {id} current"),
        );
        assert_eq!(
            e["spread"]["n"], g["spread"]["n"],
            "{what}: {id} respondents answering"
        );
        same_number(
            &e["spread"]["stdev"],
            &g["spread"]["stdev"],
            &format!("{what}: {id} stdev"),
        );
    }

    let roles = |doc: &Value| {
        let mut r: Vec<Value> = doc["roles"].as_array().unwrap().clone();
        r.sort_by(|a, b| a["role"].as_str().cmp(&b["role"].as_str()));
        r
    };
    let (er, gr) = (roles(expected), roles(got));
    let names = |r: &[Value]| {
        r.iter()
            .map(|x| x["role"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&er), names(&gr), "{what}: roles");
    for (e, g) in er.iter().zip(&gr) {
        let role = e["role"].as_str().unwrap();
        assert_eq!(
            e["respondents"], g["respondents"],
            "{what}: {role} respondents"
        );
        for (ea, ga) in e["areas"]
            .as_array()
            .unwrap()
            .iter()
            .zip(g["areas"].as_array().unwrap())
        {
            assert_eq!(ea["id"], ga["id"], "{what}: {role} areas");
            same_number(
                &ea["current"],
                &ga["current"],
                &format!("{what}: {role} {} current", ea["id"]),
            );
        }
    }

    let (ep, gp) = (
        expected["perception_gaps"].as_array().unwrap(),
        got["perception_gaps"].as_array().unwrap(),
    );
    assert_eq!(ep.len(), gp.len(), "{what}: perception gaps");
    for (e, g) in ep.iter().zip(gp) {
        assert_eq!(
            (&e["scope"], &e["id"]),
            (&g["scope"], &g["id"]),
            "{what}: perception gap order"
        );
        same_number(
            &e["gap"],
            &g["gap"],
            &format!("{what}: perception gap {}", e["id"]),
        );
    }
}

/// `report FILE --format json` with no flags equals the answers-folder
/// report, and `score FILE` gives one result per respondent.
fn imports_unchanged(shape: Shape) {
    let t = truth();
    let expected = truth_report(&t);
    let dir = tempfile::tempdir().unwrap();
    let path = write_export(dir.path(), shape, &t);
    let file = path.to_str().unwrap();
    let out = itsm()
        .args(["report", file, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_same_report(&expected, &got, &format!("{shape:?}"));
    let score = json_of(&["score", file, "--format", "json"]);
    assert_eq!(
        score["results"].as_array().unwrap().len(),
        t.respondents.len(),
        "{shape:?}: score results"
    );
}

macro_rules! imports_unchanged {
    ($($name:ident => $shape:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            imports_unchanged(Shape::$shape);
        }
    )*};
}

imports_unchanged! {
    google_forms_csv_imports_unchanged => GoogleForms,
    ms_forms_xlsx_imports_unchanged => MsFormsXlsx,
    ms_forms_csv_utf8_bom_imports_unchanged => MsFormsCsvUtf8Bom,
    ms_forms_csv_semicolon_1252_imports_unchanged => MsFormsCsvSemicolon1252,
    survey_monkey_imports_unchanged => SurveyMonkey,
    qualtrics_choice_text_imports_unchanged => QualtricsText,
    lime_survey_full_text_imports_unchanged => LimeSurveyText,
    consultant_sheet_1252_imports_unchanged => ConsultantSheet1252,
}

/// Without a map the export is refused, pointing at `survey inspect`.
fn refused_without_map(shape: Shape) {
    let t = truth();
    let dir = tempfile::tempdir().unwrap();
    let path = write_export(dir.path(), shape, &t);
    itsm()
        .args(["report", path.to_str().unwrap(), "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("survey inspect"));
}

/// The user workflow: `survey inspect --write-map`, fill in the draft,
/// `report --map`.
fn imports_with_filled_map(shape: Shape) {
    let t = truth();
    let expected = truth_report(&t);
    let dir = tempfile::tempdir().unwrap();
    let path = write_export(dir.path(), shape, &t);
    let file = path.to_str().unwrap();
    let map = dir.path().join("map.toml");
    itsm()
        .args([
            "survey",
            "inspect",
            file,
            "--write-map",
            map.to_str().unwrap(),
        ])
        .assert()
        .success();
    let draft = std::fs::read_to_string(&map).expect("the draft map is written");
    let parsed: toml::Table =
        toml::from_str(&draft).unwrap_or_else(|e| panic!("draft is TOML: {e}\n{draft}"));
    assert!(
        parsed.contains_key("columns"),
        "draft has [columns]:\n{draft}"
    );
    let filled = fill_draft(&draft, &t, shape);
    std::fs::write(&map, &filled).unwrap();
    let out = itsm()
        .args([
            "report",
            file,
            "--map",
            map.to_str().unwrap(),
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_same_report(&expected, &got, &format!("{shape:?} with map:\n{filled}"));
}

macro_rules! needs_map {
    ($($refused:ident, $mapped:ident => $shape:ident),* $(,)?) => {$(
        #[test]
        fn $refused() {
            refused_without_map(Shape::$shape);
        }
        #[test]
        fn $mapped() {
            imports_with_filled_map(Shape::$shape);
        }
    )*};
}

needs_map! {
    qualtrics_numeric_is_refused_without_a_map, qualtrics_numeric_imports_with_the_filled_draft_map => QualtricsNumeric,
    lime_survey_codes_are_refused_without_a_map, lime_survey_codes_import_with_the_filled_draft_map => LimeSurveyCodes,
    transposed_sheet_is_refused_without_a_map, transposed_sheet_imports_with_the_filled_draft_map => TransposedSheet,
}

#[test]
fn header_rows_are_never_respondents() {
    let one = Truth::with_respondents(show(), 1);
    let expected = truth_report(&one);
    assert_eq!(expected["respondents"], 1);
    for shape in [Shape::SurveyMonkey, Shape::QualtricsText] {
        let dir = tempfile::tempdir().unwrap();
        let path = write_export(dir.path(), shape, &one);
        let file = path.to_str().unwrap();
        let got = json_of(&["report", file, "--format", "json"]);
        assert_same_report(&expected, &got, &format!("{shape:?}, one respondent"));
        let score = json_of(&["score", file, "--format", "json"]);
        assert_eq!(score["results"].as_array().unwrap().len(), 1, "{shape:?}");
    }
}

#[test]
fn excel_trailing_empty_rows_are_not_respondents() {
    let t = truth();
    let shape = Shape::ConsultantSheet1252;
    assert!(shape.style().trailing_empty_rows >= 3);
    let dir = tempfile::tempdir().unwrap();
    let path = write_export(dir.path(), shape, &t);
    let file = path.to_str().unwrap();
    let out = itsm()
        .args(["report", file, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["respondents"], t.respondents.len());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    let score = json_of(&["score", file, "--format", "json"]);
    assert_eq!(
        score["results"].as_array().unwrap().len(),
        t.respondents.len()
    );
}

#[test]
fn an_export_without_a_question_column_points_at_survey_inspect() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Team lunch (Responses).csv");
    std::fs::write(
        &path,
        "\"Timestamp\",\"Email Address\",\"Favourite colour\"\r\n\
         \"2026/11/10 8:05:09 AM GMT+1\",\"zoe.martin@example.com\",\"Blue\"\r\n\
         \"2026/11/12 9:15:40 AM GMT+1\",\"tom.becker@example.com\",\"Green, mostly\"\r\n",
    )
    .unwrap();
    itsm()
        .args(["report", path.to_str().unwrap(), "--format", "json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("survey inspect"));
}

#[test]
fn a_bad_cell_in_a_crlf_file_names_its_line() {
    let mut t = truth();
    let (r, i) = (5, 0);
    t.respondents[r].answers[i] = Answer::Raw("Sometimes".into());
    let bytes = Shape::GoogleForms.export(&t);
    let at = bytes
        .windows(11)
        .position(|w| w == b"\"Sometimes\"")
        .unwrap();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    // Comments with line breaks in earlier rows push the row down.
    assert!(
        line > r + 2,
        "the fixture has multi-line cells before row {r}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Shape::GoogleForms.file_name());
    std::fs::write(&path, &bytes).unwrap();
    let shown = path.display().to_string();
    itsm()
        .args(["report", &shown, "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{shown}:{line}:")))
        .stderr(predicate::str::contains("Sometimes"));
}

// ---------------------------------------------------------------------------
// The fixtures themselves

#[test]
fn the_ground_truth_has_what_the_tests_need() {
    let t = truth();
    assert_eq!(t.respondents.len(), 14);
    for role in ROLES {
        assert!(
            t.respondents.iter().filter(|p| p.role == role).count() >= 3,
            "{role}"
        );
    }
    let all: Vec<&Answer> = t.respondents.iter().flat_map(|p| &p.answers).collect();
    assert!(!all.iter().any(|a| matches!(a, Answer::Raw(_))));
    assert!(all.iter().filter(|a| ***a == Answer::NotApplicable).count() >= 10);
    assert!(all.iter().filter(|a| ***a == Answer::Unanswered).count() >= 10);
    let top = t.q.labels.len() as u8 - 1;
    for v in 0..=top {
        assert!(all.contains(&&Answer::Level(v)), "level {v} is used");
    }
    let comments: String = t
        .respondents
        .iter()
        .filter_map(|p| p.comment.clone())
        .collect();
    for c in [",", "\"", "\n", ";", "é", "’", "–", "…"] {
        assert!(comments.contains(c), "a comment has {c:?}");
    }
    assert!(
        t.respondents.iter().any(|p| p.day > 12)
            && t.respondents.iter().all(|p| (1..=30).contains(&p.day))
    );
}

#[test]
fn the_answers_folder_report_is_computed_from_the_truth() {
    let t = truth();
    let doc = truth_report(&t);
    assert_eq!(doc["respondents"], 14);
    let roles = doc["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 4);
    for role in roles {
        let n = t
            .respondents
            .iter()
            .filter(|p| p.role == role["role"])
            .count();
        assert_eq!(role["respondents"], n);
    }
    let q = |i: usize| {
        doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == t.q.questions[i].id)
            .unwrap()
            .clone()
    };
    assert_eq!(q(7)["status"], "not_applicable");
    assert_eq!(q(8)["status"], "unanswered");
    assert_eq!(q(0)["status"], "answered");
    assert!(
        !doc["perception_gaps"].as_array().unwrap().is_empty(),
        "roles differ"
    );
}

#[test]
fn every_csv_export_reads_back_to_the_ground_truth() {
    let t = truth();
    for shape in Shape::ALL.into_iter().filter(|s| *s != Shape::MsFormsXlsx) {
        let sheet = shape.sheet(&t);
        let style = shape.style();
        let rows = read_back(&shape.export(&t), &style);
        let mut expected = sheet.all_rows();
        let width = expected[0].len();
        expected.extend((0..style.trailing_empty_rows).map(|_| vec![String::new(); width]));
        assert_eq!(rows, expected, "{shape:?} round trip");
        let n = t.respondents.len();
        // The cell of respondent r in table slot k (column, or row when transposed).
        let cell_at = |r: usize, k: usize| -> &str {
            if shape == Shape::TransposedSheet {
                &sheet.body[k - 1][r + 1]
            } else {
                &sheet.body[r][k]
            }
        };
        assert_eq!(
            if shape == Shape::TransposedSheet {
                sheet.head[0].len() - 1
            } else {
                sheet.body.len()
            },
            n
        );
        for (k, col) in sheet.cols.iter().enumerate() {
            for (r, p) in t.respondents.iter().enumerate() {
                match col {
                    Col::Question(i) => {
                        assert_eq!(
                            decode_cell(&t, shape, *i, cell_at(r, k)),
                            p.answers[*i],
                            "{shape:?} r{r} q{i}"
                        )
                    }
                    Col::Role => assert_eq!(cell_at(r, k), p.role, "{shape:?}"),
                    Col::Comment => assert_eq!(
                        cell_at(r, k),
                        p.comment.clone().unwrap_or_default(),
                        "{shape:?}"
                    ),
                    _ => {}
                }
            }
        }
        let questions = sheet
            .cols
            .iter()
            .filter(|c| matches!(c, Col::Question(_)))
            .count();
        assert_eq!(
            questions,
            t.q.questions.len(),
            "{shape:?}: every question has a column"
        );
    }
}

#[test]
fn windows_1252_exports_are_not_utf8() {
    let t = truth();
    for shape in [Shape::MsFormsCsvSemicolon1252, Shape::ConsultantSheet1252] {
        let bytes = shape.export(&t);
        assert!(String::from_utf8(bytes.clone()).is_err(), "{shape:?}");
        assert!(
            bytes.contains(&0xE9) && bytes.contains(&0x92),
            "{shape:?} has é and ’ as 1252 bytes"
        );
        assert!(bytes.ends_with(b"\r\n"));
    }
    let semicolon = Shape::MsFormsCsvSemicolon1252.export(&t);
    let text = survey_exports::from_cp1252(&semicolon);
    assert!(
        text.contains(";3,0;") || text.contains(";2,0;"),
        "a decimal-comma number"
    );
    assert!(
        text.contains("\"Zoé’s team already uses the new portal; the rest of us don’t, yet.\"")
    );
    let consultant = survey_exports::from_cp1252(&Shape::ConsultantSheet1252.export(&t));
    let empty_row = format!("{}\r\n", ",".repeat(t.q.questions.len() + 3));
    assert!(
        consultant
            .ends_with(&empty_row.repeat(Shape::ConsultantSheet1252.style().trailing_empty_rows))
    );
    assert!(
        consultant.contains("/11/2026,")
            && consultant.contains(",N/A,")
            && consultant.contains(",na,")
    );
}

/// Google Forms quotes every field and ends every record with CRLF; line
/// breaks inside a comment are inside quotes.
#[test]
fn the_google_forms_export_is_all_quoted_crlf() {
    let bytes = Shape::GoogleForms.export(&truth());
    let (mut i, mut fields) = (0, 0);
    while i < bytes.len() {
        assert_eq!(
            bytes[i], b'"',
            "field {fields} at byte {i} starts with a quote"
        );
        i += 1;
        loop {
            if bytes[i] == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                i += 1;
                break;
            }
            i += 1;
        }
        fields += 1;
        match bytes.get(i..i + 2) {
            Some(b"\r\n") => i += 2,
            Some([b',', _]) => i += 1,
            other => panic!("after field {fields}: {other:?}"),
        }
    }
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("\"Timestamp\",\"Email Address\","));
    assert!(text.contains(" GMT+1\""));
    for cell in [
        "\"Not applicable\"",
        "\"Don't know\"",
        "\"3 - Defined\"",
        "\"Defined\"",
    ] {
        assert!(text.contains(cell), "{cell}");
    }
}

#[test]
fn the_ms_forms_workbook_is_a_zip_and_its_csv_has_a_bom() {
    let t = truth();
    let xlsx = Shape::MsFormsXlsx.export(&t);
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    for name in [
        b"[Content_Types].xml".as_slice(),
        b"xl/worksheets/sheet1.xml",
        b"xl/sharedStrings.xml",
    ] {
        assert!(
            xlsx.windows(name.len()).any(|w| w == name),
            "{}",
            String::from_utf8_lossy(name)
        );
    }
    let csv = Shape::MsFormsCsvUtf8Bom.export(&t);
    assert!(
        csv.starts_with(
            b"\xEF\xBB\xBFID,Start time,Completion time,Email,Name,Last modified time,"
        )
    );
}

#[test]
fn survey_monkey_and_qualtrics_headers_look_like_theirs() {
    let t = truth();
    let sm = Shape::SurveyMonkey.sheet(&t);
    assert_eq!(sm.head.len(), 2);
    assert_eq!(
        sm.head[0][..3],
        ["Respondent ID", "Collector ID", "Start Date"]
    );
    assert!(
        sm.head[1].contains(&"Response".to_string())
            && sm.head[1].contains(&"Open-Ended Response".to_string())
    );
    let first = sm.column_of(0);
    assert!(
        !sm.head[0][first].is_empty() && sm.head[0][first + 1].is_empty(),
        "matrix text above its first column only"
    );
    assert_eq!(sm.head[1][first], t.q.questions[0].title);

    for shape in [Shape::QualtricsText, Shape::QualtricsNumeric] {
        let q = shape.sheet(&t);
        assert_eq!(q.head.len(), 3);
        assert_eq!(q.head[0][0], "StartDate");
        for id in &q.head[2] {
            let v: Value = serde_json::from_str(id).unwrap();
            assert!(v["ImportId"].is_string(), "{id}");
        }
        let c = q.column_of(0);
        assert!(q.head[0][c].starts_with("Q") && q.head[0][c].contains('_'));
        assert!(q.head[1][c].ends_with(&format!(" - {}", t.q.questions[0].title)));
    }
}

#[test]
fn fill_draft_fills_question_marks_and_values() {
    let t = truth();
    let draft = "# draft\n[columns]\n\"id\" = \"?\"\n\"PROC[SQ001]\" = \"?\"  # could not place\nseed = \"ignore\"\n\"ROLE\" = \"role\"\n\n[values]\n\"A1\" = \"?\"\n";
    let filled = fill_draft(draft, &t, Shape::LimeSurveyCodes);
    let map: toml::Table = toml::from_str(&filled).unwrap();
    assert_eq!(map["columns"]["id"].as_str(), Some("respondent"));
    assert_eq!(
        map["columns"]["PROC[SQ001]"].as_str(),
        Some(t.q.questions[0].id.as_str())
    );
    assert_eq!(map["columns"]["seed"].as_str(), Some("ignore"));
    assert_eq!(map["values"]["A1"].as_integer(), Some(0));
    assert_eq!(
        map["values"][&format!("A{}", t.q.labels.len() + 1)].as_str(),
        Some("n/a")
    );
}

/// The truth in the tool's own CSV form (ids as headers, numbers, n/a)
/// reports as the answers folder does: the comparison and the truth are
/// sound, whatever the new reader does with the other shapes.
#[test]
fn the_tools_own_csv_form_of_the_truth_matches_the_answers_folder() {
    let t = truth();
    let mut rows = vec![["respondent", "role", "date"].map(String::from).to_vec()];
    rows[0].extend(t.q.questions.iter().map(|q| q.id.clone()));
    for p in &t.respondents {
        let mut row = vec![p.name(), p.role.clone(), format!("2026-11-{:02}", p.day)];
        row.extend(p.answers.iter().map(|a| match a {
            Answer::Level(v) => v.to_string(),
            Answer::NotApplicable => "n/a".into(),
            _ => String::new(),
        }));
        rows.push(row);
    }
    let style = survey_exports::CsvStyle {
        delimiter: b',',
        quote_all: false,
        crlf: false,
        bom: false,
        cp1252: false,
        trailing_empty_rows: 0,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.csv");
    std::fs::write(&path, survey_exports::write_csv(&rows, &style)).unwrap();
    let got = json_of(&["report", path.to_str().unwrap(), "--format", "json"]);
    assert_same_report(&truth_report(&t), &got, "plain CSV");
}

/// Writes every shape into $SURVEY_FIXTURES_DIR, to look at them or to try
/// them by hand: `SURVEY_FIXTURES_DIR=/tmp/x cargo test --test survey_import
/// write_fixtures -- --ignored`.
#[test]
#[ignore]
fn write_fixtures() {
    let dir = PathBuf::from(std::env::var("SURVEY_FIXTURES_DIR").expect("SURVEY_FIXTURES_DIR"));
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    let t = truth();
    t.write_answers_folder(&dir.join("answers"));
    for shape in Shape::ALL {
        write_export(&dir, shape, &t);
    }
}
