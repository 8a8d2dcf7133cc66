//! Helpers shared by the integration tests: the binary, with a clean
//! environment, run from the repository root.
#![allow(dead_code)]

use assert_cmd::Command;

/// The real binary, run from the repository root, with colour and
/// backtrace settings of the caller removed.
pub fn itsm() -> Command {
    let mut cmd = Command::cargo_bin("itsm-assess").expect("binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// Standard output of a successful run, as text.
pub fn stdout_of(args: &[&str]) -> String {
    let out = itsm()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("utf-8 output")
}

/// Parses JSON output.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).expect("valid JSON")
}
