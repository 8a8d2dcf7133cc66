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
