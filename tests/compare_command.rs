//! `itsm-assess compare`: progress over time, run as a user would.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("itsm-assess").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn output(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&output(cmd)).unwrap()
}

const BEFORE: &str = "examples/answers.toml";
const AFTER: &str = "examples/answers-followup.toml";

/// An answers file with the example's answers and another date (or none).
fn dated(dir: &Path, name: &str, date: Option<&str>) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(BEFORE)).unwrap();
    let start = text.find("\ndate = ").unwrap() + 1;
    let end = start + text[start..].find('\n').unwrap();
    let line = date.map(|d| format!("date = {d}")).unwrap_or_default();
    let path = dir.join(name);
    std::fs::write(&path, format!("{}{line}{}", &text[..start], &text[end..])).unwrap();
    path.display().to_string()
}

#[test]
fn two_assessments_are_compared_in_date_order_against_their_reports() {
    // Given in the wrong order on purpose.
    let cmp = json(bin().args([
        "compare",
        AFTER,
        BEFORE,
        "--vision",
        "examples/vision.toml",
        "--format",
        "json",
    ]));
    assert_eq!(cmp["schema_version"], 1);
    let sources: Vec<&str> = cmp["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, [BEFORE, AFTER]);
    let report = |file| {
        json(bin().args([
            "report",
            file,
            "--vision",
            "examples/vision.toml",
            "--format",
            "json",
        ]))
    };
    let (first, last) = (report(BEFORE), report(AFTER));
    let f = first["overall"]["current"].as_f64().unwrap();
    let l = last["overall"]["current"].as_f64().unwrap();
    let t = first["overall"]["target"].as_f64().unwrap();
    let o = &cmp["overall"];
    assert_eq!(
        (o["first"].as_f64(), o["last"].as_f64()),
        (Some(f), Some(l))
    );
    assert!((o["change"].as_f64().unwrap() - (l - f)).abs() < 1e-12);
    assert!((o["gap_closed"].as_f64().unwrap() - (l - f) / (t - f)).abs() < 1e-12);
    for (i, area) in cmp["areas"].as_array().unwrap().iter().enumerate() {
        let (a, b) = (&first["areas"][i], &last["areas"][i]);
        assert_eq!(area["id"], a["id"]);
        assert_eq!(
            area["series"],
            serde_json::json!([a["current"], b["current"]])
        );
        let gap = a["target"].as_f64().unwrap() - a["current"].as_f64().unwrap();
        let closed = (b["current"].as_f64().unwrap() - a["current"].as_f64().unwrap()) / gap;
        assert!((area["gap_closed"].as_f64().unwrap() - closed).abs() < 1e-12);
    }
    // Per question: the status follows the two answers.
    for q in cmp["questions"].as_array().unwrap() {
        let find = |card: &Value| {
            card["questions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == q["id"])
                .unwrap()["current"]
                .as_f64()
        };
        let expected = match (find(&first), find(&last)) {
            (Some(a), Some(b)) if b > a => "improved",
            (Some(a), Some(b)) if b < a => "declined",
            (Some(_), Some(_)) => "unchanged",
            _ => "not_comparable",
        };
        assert_eq!(q["status"], expected, "{}", q["id"]);
    }
    let status = |id: &str| {
        cmp["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("processes.incident"), "improved");
    assert_eq!(status("tools.adoption"), "declined");
    assert_eq!(status("training.refresher"), "not_comparable");
}

#[test]
fn three_assessments_give_a_trend_per_area() {
    let dir = tempfile::tempdir().unwrap();
    let early = dated(dir.path(), "early.toml", Some("2026-05-20"));
    let cmp = json(bin().args(["compare", AFTER, BEFORE, &early, "--format", "json"]));
    let labels: Vec<&str> = cmp["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["date"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2026-05-20", "2026-11-20", "2027-05-20"]);
    for area in cmp["areas"].as_array().unwrap() {
        assert_eq!(area["series"].as_array().unwrap().len(), 3);
    }
    let table = output(bin().args(["compare", AFTER, BEFORE, &early, "--color", "never"]));
    assert!(table.contains("1.72 -> 1.72 -> 2.12"), "{table}");
    let html = output(bin().args(["compare", AFTER, BEFORE, &early, "--format", "html"]));
    assert!(html.contains("<svg class=\"chart\""));
    assert_eq!(
        html.matches("<polyline").count(),
        5,
        "four areas and overall"
    );
}

#[test]
fn a_missing_date_names_the_file_unless_the_order_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let undated = dated(dir.path(), "undated.toml", None);
    bin()
        .args(["compare", BEFORE, &undated])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: {undated}: assessment.date: has no assessment date, so the assessments cannot be put in date order\n  \
             help: add date = YYYY-MM-DD under [assessment], or pass --keep-order to compare in the order given\n"
        ));
    let cmp = json(bin().args([
        "compare",
        &undated,
        AFTER,
        "--keep-order",
        "--format",
        "json",
    ]));
    assert_eq!(cmp["assessments"][0]["source"], undated.as_str());
    assert!(cmp["assessments"][0]["date"].is_null());
}

#[test]
fn markdown_and_csv_show_the_comparison() {
    let md = output(bin().args(["compare", BEFORE, AFTER, "--format", "markdown"]));
    assert!(md.starts_with("# Progress: Acme Corp\n"), "{md}");
    assert!(md.contains("\n## Areas\n\n| Area "));
    assert!(md.contains("### Declined"));
    let csv = output(bin().args(["compare", BEFORE, AFTER, "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[4..6], ["2026-11-20", "2027-05-20"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "overall");
    assert_eq!(rows.iter().filter(|r| &r[0] == "area").count(), 4);
    let adoption = rows.iter().find(|r| &r[1] == "tools.adoption").unwrap();
    assert_eq!((&adoption[4], &adoption[5], &adoption[8]), ("3", "2", "-1"));
}

#[test]
fn standard_input_only_once_and_at_least_two_files() {
    bin()
        .args(["compare", "-", "-"])
        .assert()
        .code(2)
        .stderr("error: standard input (-) can be given only once\n");
    bin().args(["compare", BEFORE]).assert().code(2);
}

#[test]
fn a_1_0_0_assessment_compares_with_a_2_0_0_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/answers-followup.toml").unwrap();
    let follow_up = dir.path().join("followup-2.toml");
    std::fs::write(
        &follow_up,
        text.replace(
            "questionnaire = \"itsm-core\"",
            "questionnaire = \"itsm-core\"\nquestionnaire_version = \"2.0.0\"",
        )
        .replace("[answers]\n", "[answers]\n\"processes.supplier\" = 2\n"),
    )
    .unwrap();
    let f = follow_up.to_str().unwrap();
    let same = json(bin().args(["compare", BEFORE, AFTER, "--format", "json"]));
    let doc = json(bin().args(["compare", BEFORE, f, "--format", "json"]));
    let versions: Vec<&str> = doc["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.0.0", "2.0.0"]);
    let status = |d: &serde_json::Value, id: &str| {
        d["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .map(|q| q["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    // The questions both versions have move as between two 1.0.0 ones.
    for q in same["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        assert_eq!(status(&doc, id), q["status"].as_str().unwrap(), "{id}");
    }
    assert_eq!(status(&doc, "processes.supplier"), "new");
    let new = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["status"] == "new")
        .count();
    assert_eq!(new, 12);
    let table = output(bin().args(["compare", BEFORE, f]));
    assert!(
        table.starts_with("Progress: ITSM maturity assessment (itsm-core 1.0.0 -> 2.0.0)"),
        "{table}"
    );
    assert!(
        table.contains("; 12 new in the last one's version, 0 gone from it."),
        "{table}"
    );
}
