//! The reader end to end on small exports: headers, cells, rows, dates.

use super::*;
use crate::builtin::BuiltIn;

fn instrument() -> Instrument {
    BuiltIn::find("itsm-core").unwrap().instrument().unwrap()
}

type Read = (Vec<Result<Row, Error>>, ExportInfo, Vec<Diagnostic>);

fn read_with(bytes: &[u8], options: &SurveyOptions) -> Result<Read, Error> {
    let i = instrument();
    let mut survey = Survey::open("s.csv", bytes, bytes, &i, options)?;
    let mut out = Vec::new();
    let mut row = Row::default();
    while let Some(r) = survey.next_row(&mut row) {
        out.push(r.map(|()| row.clone()));
    }
    let (info, problems) = survey.finish();
    Ok((out, info, problems))
}

fn rows(text: &str) -> Result<Vec<Result<Row, Error>>, Error> {
    read_with(text.as_bytes(), &SurveyOptions::default()).map(|r| r.0)
}

#[test]
fn headers_match_ids_texts_and_titles_and_cells_take_values_labels_and_na() {
    let i = instrument();
    let (_, q) = i.question("processes.change").unwrap();
    let text = format!(
        "Respondent,Role,processes.incident,\"{}\",processes.incident:target,Problem management\nAna,Agent,2,defined,4,N/A\n",
        q.text
    );
    let rows = rows(&text).unwrap();
    let row = rows[0].as_ref().unwrap();
    assert_eq!(row.respondent.as_deref(), Some("Ana"));
    let a = row.to_answers(&i);
    assert_eq!(
        a.get("processes.incident").unwrap().response,
        Response::Level(2.0)
    );
    assert_eq!(a.get("processes.incident").unwrap().target, Some(4.0));
    assert_eq!(
        a.get("processes.change").unwrap().response,
        Response::Level(3.0)
    );
    assert_eq!(
        a.get("processes.problem").unwrap().response,
        Response::NotApplicable
    );
}

#[test]
fn metadata_is_used_free_text_ignored_and_level_columns_that_name_nothing_are_unknown() {
    let text = "Timestamp,Email Address,What is your role?,Incident management,Shoe size,Favourite level,Any other comments?\n\
                2026/11/10 8:05:09 AM GMT+1,ana@example.com,Agent,3,42 and a half,Defined,\"Good, mostly\"\n";
    let (rows, info, problems) = read_with(text.as_bytes(), &SurveyOptions::default()).unwrap();
    let row = rows[0].as_ref().unwrap();
    assert_eq!(row.date.unwrap().to_string(), "2026-11-10");
    assert_eq!(row.respondent.as_deref(), Some("ana@example.com"));
    assert_eq!(row.role.as_deref(), Some("Agent"));
    assert_eq!(row.comment.as_deref(), Some("Good, mostly"));
    assert_eq!(info.tool, "Google Forms");
    assert_eq!(info.ignored_columns, ["Shoe size"]);
    assert_eq!(info.unknown_columns, ["Favourite level"]);
    assert_eq!(info.comment_columns, ["Any other comments?"]);
    assert_eq!(info.found, 1);
    assert!(info.coverage().starts_with(&format!(
        "1 of {} questions found in the export; not found: processes.request,",
        instrument().question_count()
    )));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().starts_with("s.csv:1:6: column 6: column \"Favourite level\" holds levels but names no question of \"itsm-core\""), "{}", problems[0]);
    let lenient = SurveyOptions {
        ignore_unknown_columns: true,
        ..SurveyOptions::default()
    };
    let (_, info, problems) = read_with(text.as_bytes(), &lenient).unwrap();
    assert!(problems.is_empty());
    assert_eq!(info.ignored_columns, ["Shoe size", "Favourite level"]);
}

#[test]
fn no_question_column_is_an_error_that_says_what_to_do() {
    let err = rows("Timestamp,Shoe size\n2026-11-10,42\n")
        .err()
        .unwrap()
        .to_string();
    let n = instrument().question_count();
    assert!(err.starts_with(&format!("s.csv: no column names a question of \"itsm-core\" ({n} questions); the 2 columns begin \"Timestamp\", \"Shoe size\"")), "{err}");
    assert!(err.contains("survey inspect s.csv"), "{err}");
}

#[test]
fn a_bad_cell_names_row_column_and_valid_values_and_reading_goes_on() {
    let text = "respondent,processes.incident\r\nA,2\r\nB,seven\r\nC,3\r\n";
    let rows = rows(text).unwrap();
    assert_eq!(rows.len(), 3);
    let err = rows[1].as_ref().unwrap_err().to_string();
    assert!(err.starts_with("s.csv:3:2: row 2, column \"processes.incident\": \"seven\" is not a level of the scale\n  help: valid values: 0 (Non-existent)"), "{err}");
    assert!(rows[2].is_ok());
}

#[test]
fn lines_stay_right_after_quoted_line_breaks_in_crlf_files() {
    let text =
        "respondent,Comments,processes.incident\r\nA,\"one\r\ntwo\r\nthree\",2\r\nB,x,seven\r\n";
    let rows = rows(text).unwrap();
    let err = rows[1].as_ref().unwrap_err().to_string();
    assert!(err.starts_with("s.csv:5:3: row 2,"), "{err}");
}

#[test]
fn semicolons_byte_order_marks_windows_1252_and_decimal_commas_are_understood() {
    let mut bytes = b"\xef\xbb\xbfrespondent;processes.incident\nA;4\n".to_vec();
    let (rows, ..) = read_with(&bytes, &SurveyOptions::default()).unwrap();
    assert_eq!(
        rows[0].as_ref().unwrap().replies[0].response,
        Response::Level(4.0)
    );
    bytes = b"Name;Role;processes.incident\nRen\xe9;Direction g\xe9n\xe9rale;3,0\n".to_vec();
    let (rows, info, _) = read_with(&bytes, &SurveyOptions::default()).unwrap();
    let row = rows[0].as_ref().unwrap();
    assert_eq!(row.respondent.as_deref(), Some("René"));
    assert_eq!(row.role.as_deref(), Some("Direction générale"));
    assert_eq!(row.replies[0].response, Response::Level(3.0));
    assert_eq!(info.encoding, "Windows-1252");
    assert!(info.warnings[0].starts_with("read as Windows-1252"));
}

#[test]
fn empty_rows_are_passed_over_and_not_counted() {
    let (rows, info, _) = read_with(
        b"Name,Role,processes.incident\nA,x,2\n,,\n , ,\n,,\n",
        &SurveyOptions::default(),
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((info.respondents, info.empty_rows), (1, 3));
}

#[test]
fn ambiguous_dates_are_settled_by_the_other_rows_and_bad_ones_are_warnings() {
    let text = "Name,Date,processes.incident\nA,10/11/2026,1\nB,13/11/2026,2\nC,yesterday,3\n";
    let (rows, info, problems) = read_with(text.as_bytes(), &SurveyOptions::default()).unwrap();
    assert!(problems.is_empty());
    let dates: Vec<_> = rows
        .iter()
        .map(|r| r.as_ref().unwrap().date.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dates,
        [Some("2026-11-10".into()), Some("2026-11-13".into()), None]
    );
    // Rows come out in the order they were written.
    let names: Vec<_> = rows
        .iter()
        .map(|r| r.as_ref().unwrap().respondent.clone().unwrap())
        .collect();
    assert_eq!(names, ["A", "B", "C"]);
    assert_eq!(rows[2].as_ref().unwrap().replies.len(), 1);
    assert_eq!(
        info.warnings,
        ["1 date could not be read and was left out; the answers were kept: line 4 \"yesterday\""]
    );
    let (rows, info, _) = read_with(
        b"Name,Date,processes.incident\nA,10/11/2026,1\n",
        &SurveyOptions::default(),
    )
    .unwrap();
    assert_eq!(
        rows[0].as_ref().unwrap().date.unwrap().to_string(),
        "2026-11-10"
    );
    assert!(
        info.warnings[0].contains("read as DD/MM/YYYY"),
        "{:?}",
        info.warnings
    );
}

#[test]
fn surveymonkey_header_rows_are_not_respondents() {
    let text = "Respondent ID,Collector ID,Processes,,Comments\n,,Incident management,Change management,Open-Ended Response\n1,2,Defined,3 - Defined,fine\n";
    let (rows, info, _) = read_with(text.as_bytes(), &SurveyOptions::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(info.header_rows, 2);
    assert_eq!(rows[0].as_ref().unwrap().replies.len(), 2);
}

#[test]
fn a_repeated_question_column_is_an_error() {
    let err = rows("processes.incident,Incident management\n1,2\n")
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("column \"Incident management\" repeats column 1 (\"processes.incident\")"),
        "{err}"
    );
}

#[test]
fn a_mapping_places_code_columns_and_recoded_values() {
    let i = instrument();
    let src = crate::source::Source::new(
        "map.toml",
        "[columns]\n\"PROC[SQ001]\" = \"processes.incident\"\n[values]\nA1 = 0\nA7 = \"n/a\"\n[roles]\nR1 = \"Manager\"\n",
        crate::source::Format::Toml,
    );
    let mapping = Mapping::load(&src, &i).unwrap();
    let options = SurveyOptions {
        mapping: Some(Arc::new(mapping)),
        ..SurveyOptions::default()
    };
    let (rows, _, problems) =
        read_with(b"id,ROLE,PROC[SQ001]\n1,R1,A1\n2,R1,A7\n", &options).unwrap();
    assert!(problems.is_empty());
    let a = rows[0].as_ref().unwrap();
    assert_eq!(a.role.as_deref(), Some("Manager"));
    assert_eq!(a.replies[0].response, Response::Level(0.0));
    assert_eq!(
        rows[1].as_ref().unwrap().replies[0].response,
        Response::NotApplicable
    );
}
