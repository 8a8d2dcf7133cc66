//! Conventions every command follows: help, version, exit codes, colour.

mod common;

use common::itsm;
use predicates::prelude::*;

#[test]
fn help_shows_examples() {
    itsm()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Examples:\n  itsm-assess report examples/answers.toml",
        ));
    for cmd in ["report", "score", "validate"] {
        itsm()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn version_prints_the_package_and_built_in_questionnaire_versions() {
    let builtin = itsm_assess::builtin::default();
    let questionnaire = builtin.instrument().unwrap().questionnaire;
    assert!(!questionnaire.version.is_empty());
    let want = format!(
        "itsm-assess {} (built-in questionnaire {} {})\n",
        env!("CARGO_PKG_VERSION"),
        questionnaire.id,
        questionnaire.version
    );
    for flag in ["--version", "-V"] {
        itsm().arg(flag).assert().success().stdout(want.clone());
    }
}

#[test]
fn no_command_is_a_usage_error() {
    itsm()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("Usage: itsm-assess"));
    itsm()
        .arg("frobnicate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unrecognized subcommand"));
}

#[test]
fn colour_only_when_asked_and_never_under_no_color() {
    let coloured = itsm()
        .args(["report", "examples/answers.toml", "--color", "always"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&coloured.get_output().stdout).contains('\u{1b}'));
    let plain = itsm()
        .args(["report", "examples/answers.toml"])
        .env("NO_COLOR", "1")
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&plain.get_output().stdout).contains('\u{1b}'));
}

#[test]
fn no_backtrace_reaches_the_user() {
    itsm()
        .args(["report", "tests/fixtures/broken/binary.toml"])
        .env("RUST_BACKTRACE", "full")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("backtrace").not())
        .stderr(predicate::str::contains("panicked").not());
}
