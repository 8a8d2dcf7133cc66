//! `--format xlsx` for report, plan and compare: the workbooks the binary
//! writes, opened with calamine (values, number types, dates, text that
//! looks like a formula) and as the zip package they are (charts, tables,
//! drop-down). Last, a rendered check as a person would do it: LibreOffice
//! converts a workbook to PDF, and its first page to PNG, which is not blank.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use common::itsm;

/// A formula a spreadsheet would run if it were written as one.
const FORMULA: &str = r#"=HYPERLINK("http://x","y")"#;

/// Answers whose organisation and a note look like formulas.
fn formula_answers(dir: &Path) -> PathBuf {
    let path = dir.join("answers.toml");
    std::fs::write(
        &path,
        format!(
            r#"[assessment]
questionnaire = "itsm-core"
organization = '{FORMULA}'
respondent = "+1 555"
date = 2026-11-20

[answers]
"processes.incident" = {{ current = 1, note = '{FORMULA}' }}
"processes.change" = {{ current = 2, note = "-minus first" }}
"tools.cmdb" = 1
"training.onboarding" = 2
"#
        ),
    )
    .unwrap();
    path
}

/// Runs the binary with these arguments and `--output` into `dir`.
fn write(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    itsm()
        .args(args)
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    out
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("a workbook calamine reads")
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    open(path).worksheet_range(name).expect(name)
}

/// The row whose first cell is `key`.
fn row<'r>(range: &'r Range<Data>, key: &str) -> &'r [Data] {
    range
        .rows()
        .find(|r| r.first().is_some_and(|c| *c == key))
        .unwrap_or_else(|| panic!("no row {key}"))
}

/// The column of a header in the first row.
fn col(range: &Range<Data>, header: &str) -> usize {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|c| *c == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// The text of one part of the xlsx package.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the package"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The names of the package's parts.
fn parts(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names()
        .map(|n| n.expect("a part name").into_owned())
        .collect()
}

/// Excel's serial number of a day (days since 1899-12-30).
fn serial(y: i32, m: u32, d: u32) -> f64 {
    let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (day - epoch).num_days() as f64
}

#[test]
fn the_report_workbook_has_its_sheets_numbers_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "report.xlsx",
        &[
            "report",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
        ],
    );
    assert_eq!(open(&path).sheet_names(), ["Summary", "Areas", "Questions"]);

    let summary = sheet(&path, "Summary");
    assert_eq!(
        row(&summary, "Organisation")[1],
        Data::String("Acme Corp".into())
    );
    assert!(
        matches!(row(&summary, "Date")[1], Data::DateTime(d) if d.as_f64() == serial(2026, 11, 20))
    );
    assert!(matches!(row(&summary, "Current")[1], Data::Float(v) if (v - 1.69).abs() < 0.01));
    assert!(matches!(row(&summary, "Coverage")[1], Data::Float(v) if v > 0.9 && v <= 1.0));
    assert_eq!(row(&summary, "Band")[1], Data::String("Initial".into()));
    assert!(matches!(row(&summary, "Shortfall")[1], Data::Float(v) if v > 0.0));
    assert!(matches!(row(&summary, "To target")[1], Data::Float(v) if v > 0.0 && v < 1.0));
    assert!(matches!(row(&summary, "Critical")[1], Data::Float(v) if v >= 1.0));
    assert_eq!(
        row(&summary, "Vision")[1],
        Data::String("Acme Corp service management vision 2027".into())
    );
    assert_eq!(
        row(&summary, "Vision file")[1],
        Data::String("examples/vision.toml".into())
    );

    let areas = sheet(&path, "Areas");
    let processes = row(&areas, "processes");
    assert_eq!(processes[1], Data::String("Processes".into()));
    assert!(matches!(processes[col(&areas, "Current")], Data::Float(_)));
    assert!(matches!(processes[col(&areas, "Answered")], Data::Float(v) if v >= 1.0));
    assert!(matches!(
        processes[col(&areas, "Shortfall")],
        Data::Float(_)
    ));

    let q = sheet(&path, "Questions");
    for h in [
        "Area",
        "Current",
        "Target",
        "Gap",
        "Priority",
        "Critical",
        "Quick win",
        "Note",
    ] {
        col(&q, h);
    }
    assert_eq!(q.height(), 46, "a header row and the 45 questions");
    let change = row(&q, "processes.change");
    assert_eq!(change[col(&q, "Current")], Data::Float(1.0));
    assert_eq!(change[col(&q, "Target")], Data::Float(3.0));
    assert_eq!(change[col(&q, "Gap")], Data::Float(2.0));
    assert!(matches!(change[col(&q, "Critical")], Data::Bool(_)));
    assert_eq!(
        change[col(&q, "Note")],
        Data::String("CAB exists on paper only; emergency changes are the norm".into())
    );

    // The radar and bar charts are native charts in the package.
    let chart1 = part(&path, "xl/charts/chart1.xml");
    assert!(chart1.contains("<c:radarChart>"), "{chart1}");
    assert!(part(&path, "xl/charts/chart2.xml").contains("<c:barChart>"));
    // Areas and Questions are tables with autofilter; their header rows frozen.
    let tables: Vec<String> = parts(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/tables/"))
        .collect();
    assert_eq!(tables.len(), 2, "{tables:?}");
    assert!(part(&path, "xl/tables/table1.xml").contains("<autoFilter"));
    let questions = part(&path, "xl/worksheets/sheet3.xml");
    assert!(questions.contains(r#"state="frozen""#));
    // Critical gaps are painted by a conditional format.
    assert!(questions.contains("<conditionalFormatting"));
}

#[test]
fn formula_like_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let answers = formula_answers(dir.path());
    let answers = answers.to_str().unwrap();
    let report = write(dir.path(), "report.xlsx", &["report", answers]);
    let summary = sheet(&report, "Summary");
    assert_eq!(
        row(&summary, "Organisation")[1],
        Data::String(FORMULA.into())
    );
    assert_eq!(
        row(&summary, "Respondent")[1],
        Data::String("+1 555".into())
    );
    let q = sheet(&report, "Questions");
    let note = col(&q, "Note");
    assert_eq!(
        row(&q, "processes.incident")[note],
        Data::String(FORMULA.into())
    );
    assert_eq!(
        row(&q, "processes.change")[note],
        Data::String("-minus first".into())
    );
    let plan = write(dir.path(), "plan.xlsx", &["plan", answers]);
    // No cell of any sheet holds a formula.
    for path in [&report, &plan] {
        let mut wb = open(path);
        for name in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{name} holds a formula"
            );
        }
        for p in parts(path)
            .iter()
            .filter(|p| p.starts_with("xl/worksheets/sheet"))
        {
            assert!(!part(path, p).contains("<f>"), "{p} holds a formula");
        }
    }
}

#[test]
fn a_team_report_adds_the_spread_roles_and_perception_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "team.xlsx", &["report", "examples/team.csv"]);
    assert_eq!(
        open(&path).sheet_names(),
        ["Summary", "Areas", "Questions", "Roles", "Perception gaps"]
    );
    let summary = sheet(&path, "Summary");
    assert!(matches!(row(&summary, "Respondents")[1], Data::Float(v) if v >= 2.0));
    let q = sheet(&path, "Questions");
    for h in ["Respondents", "Min", "Max", "Spread", "Disagreement"] {
        col(&q, h);
    }
    let roles = sheet(&path, "Roles");
    assert!(roles.height() >= 3, "a header and two roles or more");
    // Each role is a column of the Areas sheet too.
    let areas = sheet(&path, "Areas");
    let role = roles.get((1, 0)).unwrap().to_string();
    assert!(matches!(
        row(&areas, "processes")[col(&areas, &role)],
        Data::Float(_)
    ));
    // And of the Questions sheet: the role's mean per question, as the JSON
    // report computes it.
    let json = common::json_of(&["report", "examples/team.csv", "--format", "json"]);
    let shown = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == role.as_str())
        .unwrap();
    let mean = shown["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|rq| rq["id"] == "processes.incident")
        .unwrap()["current"]
        .as_f64()
        .unwrap();
    assert_eq!(
        row(&q, "processes.incident")[col(&q, &role)],
        Data::Float(mean)
    );
    let gaps = sheet(&path, "Perception gaps");
    assert!(matches!(gaps.get((1, 3)), Some(Data::Float(_))));
}

#[test]
fn the_plan_workbook_has_dates_and_the_columns_a_team_fills_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "plan.xlsx",
        &[
            "plan",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--start",
            "2027-01-04",
        ],
    );
    assert_eq!(open(&path).sheet_names(), ["Summary", "Plan"]);
    let plan = sheet(&path, "Plan");
    for h in [
        "Phase",
        "Due",
        "Question",
        "From",
        "To",
        "Action",
        "KPI",
        "Acceptance",
        "Effort",
        "Owner",
        "Status",
        "Comment",
    ] {
        col(&plan, h);
    }
    let first = plan.rows().nth(1).unwrap();
    assert_eq!(first[col(&plan, "Phase")], Data::Float(1.0));
    // Phase 1, 90 days from 2027-01-04, is due on 2027-04-04.
    match &first[col(&plan, "Due")] {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            assert_eq!(d.as_f64(), serial(2027, 4, 4));
        }
        other => panic!("the due date is {other:?}, not a date"),
    }
    assert!(matches!(first[col(&plan, "From")], Data::Float(_)));
    assert_eq!(first[col(&plan, "Status")], Data::String("planned".into()));
    // The vision names owners by area; where it names none, the team fills
    // the cell in.
    let owners: Vec<&Data> = plan
        .rows()
        .skip(1)
        .map(|r| &r[col(&plan, "Owner")])
        .collect();
    assert!(owners.contains(&&Data::String("Head of Service Operations".into())));
    assert!(owners.contains(&&Data::Empty));
    // Status is a drop-down of the four states.
    let xml = part(&path, "xl/worksheets/sheet2.xml");
    assert!(xml.contains(r#"<dataValidation type="list""#), "{xml}");
    assert!(xml.contains("planned,in progress,done,won't do"), "{xml}");
}

#[test]
fn the_comparison_workbook_draws_each_area_over_the_assessments() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "progress.xlsx",
        &[
            "compare",
            "examples/answers.toml",
            "examples/answers-followup.toml",
        ],
    );
    assert_eq!(
        open(&path).sheet_names(),
        ["Summary", "Progress", "Questions"]
    );
    let progress = sheet(&path, "Progress");
    assert_eq!(progress.height(), 6, "a header, overall and four areas");
    let processes = row(&progress, "processes");
    assert!(matches!(processes[2], Data::Float(_)));
    assert!(matches!(processes[3], Data::Float(_)));
    let charts: Vec<String> = parts(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 5, "overall and each area: {charts:?}");
    assert!(part(&path, "xl/charts/chart2.xml").contains("<c:lineChart>"));
}

#[test]
fn the_output_extension_picks_xlsx_and_a_terminal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "r.XLSX", &["report", "examples/answers.toml"]);
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
    // Standard output that is a pipe gets the workbook.
    let out = itsm()
        .args(["plan", "examples/answers.toml", "--format", "xlsx"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.starts_with(b"PK"));
    // `--output -` is standard output, for a workbook and for text, and
    // leaves no file named `-`.
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let answers = format!("{root}/examples/answers.toml");
    for (format, start) in [("xlsx", &b"PK"[..]), ("csv", &b"question,"[..])] {
        let out = itsm()
            .current_dir(dir.path())
            .args(["report", &answers, "--format", format, "--output", "-"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(out.starts_with(start), "{format}");
    }
    assert!(!dir.path().join("-").exists());
    // The tracker layouts are the plan's alone.
    itsm()
        .args(["report", "examples/answers.toml", "--format", "jira-csv"])
        .assert()
        .code(2);
}

#[test]
fn xlsx_is_not_written_to_a_terminal() {
    use expectrl::process::unix::WaitStatus;
    use expectrl::{Expect, Session};
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_itsm-assess"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "examples/answers.toml", "--format", "xlsx"])
        .env("NO_COLOR", "1");
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    session
        .expect("binary file, not for the terminal")
        .expect("the refusal");
    session.expect("--output").expect("the way out");
    match session.get_process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 2),
        other => panic!("unexpected end: {other:?}"),
    }
}

/// `soffice` (or `libreoffice`) on the PATH.
fn find(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Runs a program to its end within `secs` seconds; whether it succeeded.
fn run(cmd: &mut Process, secs: u64) -> bool {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start");
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The page objects of a PDF: `/Type/Page` (or `/Type /Page`), not `/Pages`.
fn page_count(pdf: &[u8]) -> usize {
    [&b"/Type/Page"[..], &b"/Type /Page"[..]]
        .iter()
        .map(|key| {
            pdf.windows(key.len() + 1)
                .filter(|w| w.starts_with(key) && w[key.len()] != b's')
                .count()
        })
        .sum()
}

/// Opens the report workbook in LibreOffice (headless) as a person would
/// open it, prints it to PDF, and checks the pages: more than one, not a
/// near-empty file, and (with pdftoppm) a first page that is not blank.
/// Without LibreOffice the test says so and passes, unless `CI` is set
/// (`.ci/install-libreoffice` installs it there).
#[test]
fn libreoffice_renders_the_report_workbook() {
    let Some(soffice) = find(&["soffice", "libreoffice"]) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but LibreOffice is missing: run .ci/install-libreoffice"
        );
        eprintln!(
            "skipped: LibreOffice (soffice) not installed; .ci/install-libreoffice installs it"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let xlsx = write(
        dir.path(),
        "report.xlsx",
        &[
            "report",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
        ],
    );
    let profile = dir.path().join("profile");
    let ok = run(
        Process::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&xlsx)
            .env("HOME", dir.path()),
        60,
    );
    assert!(ok, "soffice failed to convert the workbook");
    let pdf = dir.path().join("report.pdf");
    let bytes = std::fs::read(&pdf).expect("soffice wrote the PDF");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(
        bytes.len() > 20_000,
        "a PDF of {} bytes is too small",
        bytes.len()
    );
    let pages = page_count(&bytes);
    assert!(
        pages >= 3,
        "{pages} pages: Summary, Areas and Questions each print"
    );

    let Some(pdftoppm) = find(&["pdftoppm"]) else {
        eprintln!("skipped the PNG check: pdftoppm (poppler-utils) not installed");
        return;
    };
    let png = dir.path().join("page");
    assert!(run(
        Process::new(pdftoppm)
            .args(["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(&png),
        30
    ));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(
        std::fs::read(dir.path().join("page.png")).unwrap(),
    ));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let ink = pixels
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|c| *c < 200))
        .count();
    let total = pixels.len() / channels;
    assert!(
        ink * 100 > total,
        "the first page is blank: {ink} of {total} pixels inked"
    );
    // The charts' colours: blue of the current series, red of the target.
    let coloured = pixels
        .chunks(channels)
        .filter(|p| p.len() >= 3 && (i32::from(p[2]) - i32::from(p[0])).abs() > 60)
        .count();
    assert!(
        coloured > 50,
        "no chart colours on the first page ({coloured} pixels)"
    );
}
