//! Inputs that once made a fuzz target (fuzz/fuzz_targets/) fail, run the
//! way that target runs them. Each lives in tests/fixtures/fuzz/ as
//! `<target>-<what>`; every one must give an error or an output, never a
//! panic, and the named tests below check what it gives.

mod common;

use std::path::{Path, PathBuf};

use itsm_assess::{Answers, Catalog, Error, Format, Source};

use common::itsm;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// What the answers targets do: read the bytes as a file of that format,
/// check them against the built-in questionnaire, and, when valid, save them
/// as the interview does and read them back.
fn answers(path: &Path, format: Format) -> Result<Answers, Error> {
    let bytes = std::fs::read(path).expect("fixture");
    let src = Source::from_bytes(path.display().to_string(), bytes, format)?;
    let catalog = Catalog::new(None, None)?;
    let (answers, instrument) = catalog.load_answers(&src)?;
    let saved = answers.to_toml(instrument);
    let again = Answers::from_text("saved.toml", &saved, Format::Toml, instrument)
        .expect("saved answers read back");
    assert_eq!(again, answers, "saved answers read back differently");
    Ok(answers)
}

/// What the report target does, through the real binary: a report and a
/// plan of the file in every format. Each run must succeed with output or
/// fail with an error message, and never panic.
fn report_every_format(path: &Path) -> Vec<(bool, String)> {
    let mut outcomes = Vec::new();
    for command in ["report", "plan"] {
        for format in ["table", "json", "markdown", "csv", "html"] {
            let mut cmd = itsm();
            cmd.args([command, "--format", format]);
            if command == "plan" {
                // A fixed start, for the same plan on any day.
                cmd.args(["--start", "2026-01-05"]);
            }
            let out = cmd.arg(path).output().expect("the binary runs");
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(
                !stderr.contains("panicked"),
                "{command} --format {format} panicked: {stderr}"
            );
            if out.status.success() {
                assert!(
                    !stdout.trim().is_empty(),
                    "{command} --format {format}: no output"
                );
                outcomes.push((true, stdout));
            } else {
                assert_eq!(out.status.code(), Some(1), "{command} --format {format}");
                assert!(
                    stderr.starts_with("error: "),
                    "{command} --format {format}: {stderr}"
                );
                outcomes.push((false, stderr));
            }
        }
    }
    outcomes
}

#[test]
fn every_fuzz_fixture_gives_an_error_or_an_output() {
    let mut seen = 0;
    for entry in std::fs::read_dir(FIXTURES).expect("the fixtures folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (target, _) = name.split_once('-').expect("named <target>-<what>");
        match target {
            "answers_toml" | "answers_json" => {
                let format = if target == "answers_json" {
                    Format::Json
                } else {
                    Format::Toml
                };
                if let Err(e) = answers(&path, format) {
                    assert!(!e.to_string().trim().is_empty(), "{name}: an empty error");
                }
            }
            "report" => {
                report_every_format(&path);
            }
            other => panic!("{name}: no runner for target {other}"),
        }
        seen += 1;
    }
    assert!(seen > 0, "no fixtures in {FIXTURES}");
}

/// chrono reads `+12345-1-1` as a date, and a year of more than four digits
/// was written back as `date = +12345-01-01`, which is not TOML: the saved
/// interview could not be read again. Dates are four-digit years only.
#[test]
fn a_date_with_a_five_digit_year_is_an_invalid_date() {
    let path = fixture("answers_toml-five-digit-year");
    let err = answers(&path, Format::Toml).unwrap_err().to_string();
    assert!(
        err.contains("invalid date \"+12345-1-1\", expected a date as YYYY-MM-DD, e.g. 2026-11-20"),
        "{err}"
    );
    assert!(err.contains(":3:"), "the error points at line 3: {err}");
}
