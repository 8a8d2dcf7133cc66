//! `itsm-assess report` in Markdown, CSV and HTML, and the format chosen by
//! the output file's extension.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("itsm-assess").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

/// The example answers with one more note, written to a temporary file.
fn answers_with_note(dir: &Path, id: &str, note: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers.toml"),
    )
    .unwrap();
    let line = format!("\"{id}\" = ");
    let start = text
        .find(&line)
        .unwrap_or_else(|| panic!("{id} in examples/answers.toml"));
    let end = start + text[start..].find('\n').unwrap();
    let answer = format!("\"{id}\" = {{ current = 2, note = {} }}", toml_string(note));
    let patched = format!("{}{answer}{}", &text[..start], &text[end..]);
    let path = dir.join("answers.toml");
    std::fs::write(&path, patched).unwrap();
    path.display().to_string()
}

fn toml_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\t' => vec!['\\', 't'],
            '\r' => vec!['\\', 'r'],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_has_a_row_per_question_and_neutralises_formula_cells() {
    let dir = tempfile::tempdir().unwrap();
    let answers = answers_with_note(dir.path(), "tools.cmdb", "=HYPERLINK(\"http://x\",\"y\")");
    let text = stdout(bin().args(["report", &answers, "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per question of the questionnaire the answers name (1.0.0:
    // they name no version).
    let questions = stdout(bin().args([
        "questionnaire",
        "show",
        "itsm-core@1.0.0",
        "--format",
        "json",
    ]));
    let q: serde_json::Value = serde_json::from_str(&questions).unwrap();
    let count: usize = q["questionnaire"]["area"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["question"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), count);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cmdb = rows
        .iter()
        .find(|r| &r[col("question")] == "tools.cmdb")
        .unwrap();
    assert_eq!(&cmdb[col("note")], "'=HYPERLINK(\"http://x\",\"y\")");
    // A gap below zero stays a number: tools.coverage is answered 3, so a
    // vision target of 2 makes its gap -1.
    let vision = dir.path().join("vision.toml");
    std::fs::write(
        &vision,
        "questionnaire = \"itsm-core\"\n[targets.questions]\n\"tools.coverage\" = 2\n",
    )
    .unwrap();
    let text = stdout(
        bin()
            .args(["report", &answers, "--format", "csv", "--vision"])
            .arg(&vision),
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let coverage = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "tools.coverage")
        .unwrap();
    assert_eq!(&coverage[col("gap")], "-1");
    assert_eq!(&coverage[col("priority")], "0");
}

#[test]
fn markdown_has_area_and_gap_tables_and_escapes_notes() {
    let dir = tempfile::tempdir().unwrap();
    let answers = answers_with_note(dir.path(), "tools.cmdb", "a | b <img src=x> *bold*");
    let text = stdout(bin().args(["report", &answers, "--format", "markdown"]));
    assert!(
        text.starts_with("# ITSM maturity assessment: Acme Corp\n"),
        "{text}"
    );
    assert!(text.contains("\n## Areas\n\n| Area "), "{text}");
    assert!(text.contains("\n## Top gaps\n"), "{text}");
    assert!(text.contains("| Processes "), "{text}");
    assert!(text.contains("a \\| b \\<img src=x> \\*bold\\*"), "{text}");
}

#[test]
fn html_is_self_contained_with_both_charts_and_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let answers = answers_with_note(
        dir.path(),
        "tools.cmdb",
        "<script>alert('x')</script> & more",
    );
    let text = stdout(bin().args(["report", &answers, "--format", "html"]));
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        text.matches("<svg class=\"chart\"").count(),
        2,
        "radar and gap bars"
    );
    assert!(text.contains("class=\"current\"") && text.contains("class=\"target\""));
    assert!(text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(!text.contains("<script"), "no script element at all");
    assert!(
        !text.contains("http://") && !text.contains("https://"),
        "no external references"
    );
    assert!(
        !text.contains(" src=") && !text.contains(" href="),
        "nothing to load"
    );
    assert!(text.contains("@media print"));
}

#[test]
fn the_output_extension_chooses_the_format_unless_format_is_given() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("r.md", "# ITSM maturity assessment"),
        ("r.markdown", "# ITSM maturity assessment"),
        ("r.csv", "question,title,area"),
        ("r.HTML", "<!DOCTYPE html>"),
        ("r.htm", "<!DOCTYPE html>"),
        ("r.json", "{\n  \"schema_version\": 1"),
        ("r.txt", "ITSM maturity assessment (itsm-core"),
        ("r", "ITSM maturity assessment (itsm-core"),
    ] {
        let path = dir.path().join(name);
        bin()
            .args(["report", "examples/answers.toml", "--output"])
            .arg(&path)
            .assert()
            .success()
            .stdout("");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(starts), "{name}: {text}");
    }
    // --format wins over the extension.
    let path = dir.path().join("r.html");
    bin()
        .args([
            "report",
            "examples/answers.toml",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&path)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("question,")
    );
}

#[test]
fn an_unknown_output_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    bin()
        .args(["report", "examples/answers.toml", "--output"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: cannot tell the output format from the extension of {}; use one of .md, .markdown, .csv, .html, .htm, .json, .txt, .xlsx, .toml (a plan file) or pass --format\n",
            path.display()
        ));
    assert!(!path.exists());
}

#[test]
fn bad_answers_give_the_located_error_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[assessment]\nquestionnaire = \"itsm-core\"\n[answers]\n\"processes.incidnt\" = 3\n",
    )
    .unwrap();
    for format in ["markdown", "csv", "html"] {
        bin()
            .args(["report", "--format", format])
            .arg(&path)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::starts_with(format!(
                "error: {}:4:1: answers.\"processes.incidnt\": unknown question id \"processes.incidnt\"\n  help: did you mean \"processes.incident\"?",
                path.display()
            )));
    }
}

#[test]
fn score_keeps_its_table_and_json_formats_only() {
    bin()
        .args(["score", "examples/answers.toml", "--format", "html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'html' for '--format <FORMAT>'",
        ));
}

#[test]
fn the_table_colours_gaps_only_when_asked_or_on_a_terminal() {
    let coloured = stdout(bin().args(["report", "examples/answers.toml", "--color", "always"]));
    assert!(coloured.contains("\u{1b}["), "--color always colours");
    // Piped (as here) with auto, or with NO_COLOR set: no escape codes.
    let piped = stdout(bin().args(["report", "examples/answers.toml"]));
    assert!(!piped.contains('\u{1b}'));
    let no_color = stdout(bin().env("NO_COLOR", "1").args([
        "report",
        "examples/answers.toml",
        "--color",
        "auto",
    ]));
    assert!(!no_color.contains('\u{1b}'));
    // A file never gets colour, even when asked for it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    bin()
        .args([
            "report",
            "examples/answers.toml",
            "--color",
            "always",
            "--output",
        ])
        .arg(&path)
        .assert()
        .success();
    assert!(!std::fs::read_to_string(&path).unwrap().contains('\u{1b}'));
}

#[test]
fn md_is_markdown() {
    let md = common::stdout_of(&["report", "examples/answers.toml", "--format", "md"]);
    let markdown = common::stdout_of(&["report", "examples/answers.toml", "--format", "markdown"]);
    assert_eq!(md, markdown);
    assert!(md.starts_with("# ITSM maturity assessment: Acme Corp\n"));
}

#[test]
fn a_questionnaire_given_as_answers_is_named_for_what_it_is() {
    common::itsm()
        .args(["report", "examples/questionnaire.toml"])
        .assert()
        .code(1)
        .stderr(
            "error: examples/questionnaire.toml: is a questionnaire, not answers\n  \
             help: pass it with --questionnaire examples/questionnaire.toml, and answers files (with [assessment] and [answers]) as the inputs\n",
        );
}

#[test]
fn not_applicable_and_unanswered_questions_are_named_not_only_counted() {
    for format in ["table", "markdown", "html"] {
        let out = common::stdout_of(&["report", "examples/answers.toml", "--format", format]);
        for (label, title) in [
            ("Not applicable", "Refresher and update training"),
            ("Unanswered", "Recognition of process behaviour"),
        ] {
            let at = out
                .find(label)
                .unwrap_or_else(|| panic!("{format}: no {label}"));
            assert!(out[at..].contains(title), "{format}: {title} not named");
        }
    }
}

#[test]
fn every_report_ends_with_a_legend_of_the_scale_bands_and_rules() {
    for format in ["table", "markdown", "html"] {
        let out = common::stdout_of(&["report", "examples/answers.toml", "--format", format]);
        let at = out
            .rfind("Legend")
            .unwrap_or_else(|| panic!("{format}: no legend"));
        let legend = &out[at..];
        for part in [
            "Optimizing",
            "Improved continually on evidence",
            "A band is the floor of a score",
            "Weight of the area Employee training: 1.5.",
            "Critical: a shortfall of 2 levels or more",
            "The priority list puts every critical shortfall first",
        ] {
            assert!(legend.contains(part), "{format}: {part}");
        }
    }
}

#[test]
fn the_executive_summary_comes_before_the_figures() {
    for (format, summary, figures) in [
        ("table", "Summary:", "Overall: current"),
        ("markdown", "## Executive summary", "## Overall"),
        ("html", "Executive summary", "id=\"overall\""),
    ] {
        let out = common::stdout_of(&["report", "examples/team.csv", "--format", format]);
        let (s, f) = (out.find(summary), out.find(figures));
        assert!(s.is_some() && f.is_some() && s < f, "{format}");
        assert!(out.contains("Acme Corp stands at"), "{format}");
        assert!(
            out.contains("most differently"),
            "{format}: the perception gap"
        );
    }
}

#[test]
fn headers_give_the_vision_in_words_and_the_scope_method_and_assessor() {
    for format in ["table", "markdown", "html"] {
        let out = common::stdout_of(&[
            "report",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            format,
        ]);
        for part in [
            "Acme Corp service management vision 2027",
            "Stable, owned processes",
            "Service desk and IT operations",
            "Structured interview with the service desk lead",
            "J. Berger (consultant)",
        ] {
            assert!(out.contains(part), "{format}: {part}");
        }
    }
    let json = common::json_of(&["report", "examples/answers.toml", "--format", "json"]);
    assert_eq!(json["assessment"]["assessor"], "J. Berger (consultant)");
}

#[test]
fn an_appendix_lists_every_question_with_its_scores() {
    let doc = common::json_of(&["report", "examples/team.csv", "--format", "json"]);
    let titles: Vec<&str> = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["title"].as_str().unwrap())
        .collect();
    // Every question of the newest version, which a survey export is read with.
    let shown = common::json_of(&["questionnaire", "show", "--format", "json"]);
    let count: usize = shown["questionnaire"]["area"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["question"].as_array().unwrap().len())
        .sum();
    assert_eq!(titles.len(), count);
    for format in ["table", "markdown", "html"] {
        let out = common::stdout_of(&["report", "examples/team.csv", "--format", format]);
        let at = out
            .find("Appendix: every question")
            .unwrap_or_else(|| panic!("{format}"));
        let appendix = &out[at..];
        for title in &titles {
            assert!(appendix.contains(title), "{format}: {title}");
        }
        assert!(appendix.contains("Std dev"), "{format}: a team's spread");
    }
}
