//! The plan file: `plan --output plan.toml`, edited by its owners, read
//! back by `plan --from` in every format.

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("itsm-assess").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const ARGS: [&str; 4] = [
    "plan",
    "examples/answers.toml",
    "--vision",
    "examples/vision.toml",
];

fn json(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// A plan file written to a fresh folder.
fn written() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    bin()
        .args(ARGS)
        .arg("--output")
        .arg(&path)
        .assert()
        .success();
    (dir, path)
}

#[test]
fn a_plan_file_reads_back_as_the_same_plan() {
    let (_dir, path) = written();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# An itsm-assess plan file."), "{text}");
    assert!(text.contains("\nschema_version = 1\n"));
    let direct = json(bin().args(ARGS).args(["--format", "json"]));
    let back = json(
        bin()
            .args(["plan", "--format", "json", "--from"])
            .arg(&path),
    );
    assert_eq!(back, direct);
    // The JSON output is a plan file too.
    let dir = tempfile::tempdir().unwrap();
    let as_json = dir.path().join("plan.json");
    std::fs::write(&as_json, serde_json::to_string(&direct).unwrap()).unwrap();
    let again = json(
        bin()
            .args(["plan", "--format", "json", "--from"])
            .arg(&as_json),
    );
    assert_eq!(again, direct);
}

/// The plan file with its first step's status line replaced.
fn edit_first_status(path: &std::path::Path, with: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let edited = text.replacen("status = \"planned\"", with, 1);
    assert_ne!(edited, text);
    std::fs::write(path, edited).unwrap();
}

#[test]
fn an_edited_status_and_owner_show_in_every_format() {
    let (_dir, path) = written();
    edit_first_status(
        &path,
        "status = \"wont-do\"\nreason = \"Risk accepted by the CIO\"",
    );
    let plan = json(
        bin()
            .args(["plan", "--format", "json", "--from"])
            .arg(&path),
    );
    let first = &plan["phases"][0]["steps"][0];
    assert_eq!(first["status"], "wont-do");
    assert_eq!(first["reason"], "Risk accepted by the CIO");
    for (format, expected) in [
        ("table", "Status:   wont-do (Risk accepted by the CIO)"),
        ("markdown", "- Status: wont-do (Risk accepted by the CIO)"),
        (
            "html",
            "<dt>Status</dt><dd>wont-do (Risk accepted by the CIO)</dd>",
        ),
        ("csv", ",wont-do,Risk accepted by the CIO"),
    ] {
        let out = bin()
            .args(["plan", "--format", format, "--from"])
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(expected), "{format}: {out}");
    }
}

#[test]
fn a_step_that_will_not_be_done_needs_a_reason() {
    let (_dir, path) = written();
    edit_first_status(&path, "status = \"wont-do\"");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l == "status = \"wont-do\"")
        .unwrap()
        + 1;
    let out = bin()
        .args(["plan", "--from"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let id = json(bin().args(ARGS).args(["--format", "json"]))["phases"][0]["steps"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "error: {}:{line}:1: step \"{id}\".reason: a step that will not be done needs a reason\n  help: add reason = \"...\" (e.g. risk accepted by the CIO, out of scope)\n",
            path.display()
        )
    );
}

#[test]
fn an_unknown_status_says_which_are_known() {
    let (_dir, path) = written();
    edit_first_status(&path, "status = \"finished\"");
    let out = bin()
        .args(["plan", "--from"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("unknown variant `finished`"), "{err}");
    assert!(
        err.contains("`planned`, `in-progress`, `done`, `wont-do`"),
        "{err}"
    );
}

#[test]
fn answers_are_not_a_plan_file() {
    let out = bin()
        .args(["plan", "--from", "examples/answers.toml"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.starts_with("error: examples/answers.toml:"), "{err}");
}

#[test]
fn from_and_answers_do_not_go_together() {
    bin()
        .args(["plan", "examples/answers.toml", "--from", "plan.toml"])
        .assert()
        .code(2);
}

/// The example answers again, dated `date`, with some levels changed.
fn follow_up(
    dir: &std::path::Path,
    date: &str,
    levels: &[(&str, &str, &str)],
) -> std::path::PathBuf {
    let mut text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers.toml"),
    )
    .unwrap();
    text = text.replacen("date = 2026-11-20", &format!("date = {date}"), 1);
    for (_, from, to) in levels {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join("after.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn compare_with_the_plan_reports_plan_versus_actual() {
    let (dir, plan_path) = written();
    let plan = json(
        bin()
            .args(["plan", "--format", "json", "--from"])
            .arg(&plan_path),
    );
    let phase1 = plan["phases"][0]["due"].as_str().unwrap().to_string();
    let steps: Vec<&Value> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .collect();
    // The follow-up is a day after phase 1 is due; incident management
    // reached its phase 1 step, tools.cmdb its first later one.
    let day_after = chrono::NaiveDate::parse_from_str(&phase1, "%Y-%m-%d")
        .unwrap()
        .succ_opt()
        .unwrap()
        .to_string();
    let after = follow_up(
        dir.path(),
        &day_after,
        &[
            (
                "processes.incident",
                "\"processes.incident\" = 3",
                "\"processes.incident\" = 4",
            ),
            (
                "tools.cmdb",
                "\"tools.cmdb\" = { current = 1,",
                "\"tools.cmdb\" = { current = 2,",
            ),
        ],
    );
    let cmp = json(
        bin()
            .args(["compare", "examples/answers.toml"])
            .arg(&after)
            .args([
                "--vision",
                "examples/vision.toml",
                "--format",
                "json",
                "--plan",
            ])
            .arg(&plan_path),
    );
    let p = &cmp["plan"];
    assert_eq!(p["as_of"], day_after.as_str());
    let outcome = |id: &str| {
        p["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["outcome"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no step {id}"))
    };
    assert_eq!(outcome("processes.incident:4"), "reached");
    assert_eq!(outcome("tools.cmdb:2"), "early");
    // Every other phase 1 step is due and missed; every later one not due.
    let due: Vec<&str> = plan["phases"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let c = &p["counts"];
    assert_eq!(c["reached"], 1);
    assert_eq!(c["missed"], due.len() as u64 - 1);
    assert_eq!(c["early"], 1);
    assert_eq!(c["not_due"], steps.len() as u64 - due.len() as u64 - 1);
    assert_eq!(p["moved_without_step"].as_array().unwrap().len(), 0);
    // The Markdown says the same.
    let md = bin()
        .args(["compare", "examples/answers.toml"])
        .arg(&after)
        .args([
            "--vision",
            "examples/vision.toml",
            "--format",
            "md",
            "--plan",
        ])
        .arg(&plan_path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("## Plan versus actual"), "{md}");
    assert!(
        md.contains(&format!(
            "1 steps due and reached, {} due and missed, 1 reached early",
            due.len() - 1
        )),
        "{md}"
    );

    // CSV: a row per step, with the plan's columns and the JSON's outcomes.
    let csv = output_of(
        bin()
            .args(["compare", "examples/answers.toml"])
            .arg(&after)
            .args([
                "--vision",
                "examples/vision.toml",
                "--format",
                "csv",
                "--plan",
            ])
            .arg(&plan_path),
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert!(
        header.iter().collect::<Vec<_>>().ends_with(&[
            "question",
            "phase",
            "to",
            "to_label",
            "due",
            "owner",
            "plan_status",
            "reason",
            "outcome"
        ]),
        "{header:?}"
    );
    let names: Vec<&str> = header.iter().collect();
    let at = |name: &str| names.iter().rposition(|h| *h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let step_rows: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[0] == "step").collect();
    assert_eq!(step_rows.len(), steps.len());
    for row in &step_rows {
        let id = &row[1];
        let key = match outcome(id).as_str() {
            "reached early" => "early".to_string(),
            other => other.to_string(),
        };
        assert_eq!(row[at("outcome")], key, "{id}");
        assert!(!row[at("due")].is_empty(), "{id} is dated");
    }
    // The workbook: a Plan sheet, its due dates as dates.
    let book = dir.path().join("cmp.xlsx");
    bin()
        .args(["compare", "examples/answers.toml"])
        .arg(&after)
        .args(["--vision", "examples/vision.toml", "--plan"])
        .arg(&plan_path)
        .arg("--output")
        .arg(&book)
        .assert()
        .success();
    use calamine::Reader as _;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let sheet = wb.worksheet_range("Plan").unwrap();
    let head: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |h: &str| head.iter().position(|x| x == h).unwrap();
    let row = sheet
        .rows()
        .find(|r| r[0] == "processes.incident:4")
        .unwrap();
    assert_eq!(row[col("Outcome")].to_string(), "reached");
    assert!(
        matches!(row[col("Due")], calamine::Data::DateTime(_)),
        "{:?}",
        row[col("Due")]
    );
    assert_eq!(sheet.height(), 1 + steps.len());
    assert!(
        wb.worksheet_range("Unplanned").is_err(),
        "nothing moved without a step"
    );
}

fn output_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn a_question_that_moved_without_a_step_is_named() {
    // Without the vision's target of 4, incident management (at 3) meets
    // the rubric's target of 3: the plan has no step for it.
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.toml");
    bin()
        .args(["plan", "examples/answers.toml", "--output"])
        .arg(&plain)
        .assert()
        .success();
    let after = follow_up(
        dir.path(),
        "2027-01-01",
        &[(
            "processes.incident",
            "\"processes.incident\" = 3",
            "\"processes.incident\" = 4",
        )],
    );
    let cmp = json(
        bin()
            .args(["compare", "examples/answers.toml"])
            .arg(&after)
            .args(["--format", "json", "--plan"])
            .arg(&plain),
    );
    let moved = cmp["plan"]["moved_without_step"].as_array().unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["question"], "processes.incident");
    assert_eq!(
        (moved[0]["before"].as_f64(), moved[0]["after"].as_f64()),
        (Some(3.0), Some(4.0))
    );
    let csv = output_of(
        bin()
            .args(["compare", "examples/answers.toml"])
            .arg(&after)
            .args(["--format", "csv", "--plan"])
            .arg(&plain),
    );
    let incident = csv
        .lines()
        .find(|l| l.starts_with("question,processes.incident,"))
        .unwrap();
    assert!(incident.ends_with(",moved-without-step"), "{incident}");
    let book = dir.path().join("cmp.xlsx");
    bin()
        .args(["compare", "examples/answers.toml"])
        .arg(&after)
        .args(["--plan"])
        .arg(&plain)
        .arg("--output")
        .arg(&book)
        .assert()
        .success();
    use calamine::Reader as _;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let sheet = wb.worksheet_range("Unplanned").unwrap();
    assert_eq!(sheet.get((1, 0)).unwrap().to_string(), "processes.incident");
    assert_eq!(sheet.get((1, 3)), Some(&calamine::Data::Float(4.0)));
}
