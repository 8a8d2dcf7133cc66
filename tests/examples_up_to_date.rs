//! The rendered reports in `examples/` are what the binary makes of the
//! example assessment today. When a renderer changes, regenerate them with
//!
//!     UPDATE_EXAMPLES=1 cargo test --test examples_up_to_date
//!
//! and review the difference before committing it.

use std::path::Path;

use assert_cmd::Command;

/// Each committed file and the command line that makes it.
const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "examples/report.html",
        &[
            "report",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "html",
        ],
    ),
    (
        "examples/report.md",
        &[
            "report",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "markdown",
        ],
    ),
    (
        "examples/plan.html",
        &[
            "plan",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "html",
        ],
    ),
    (
        "examples/report.xlsx",
        &[
            "report",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "xlsx",
        ],
    ),
    (
        "examples/plan.xlsx",
        &[
            "plan",
            "examples/answers.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "xlsx",
        ],
    ),
    (
        "examples/progress.html",
        &[
            "compare",
            "examples/answers.toml",
            "examples/answers-followup.toml",
            "--vision",
            "examples/vision.toml",
            "--format",
            "html",
        ],
    ),
];

#[test]
fn rendered_examples_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    let mut stale = Vec::new();
    for (file, args) in EXAMPLES {
        let out = Command::cargo_bin("itsm-assess")
            .unwrap()
            .current_dir(root)
            .args(*args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        // Text or a workbook: compared byte for byte (a workbook's creation
        // date is the assessment's, so the same inputs make the same file).
        let fresh = out;
        assert!(!fresh.is_empty(), "{file}: the command printed nothing");
        let path = root.join(file);
        if update {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        if committed != fresh {
            stale.push(format!("{file} (itsm-assess {})", args.join(" ")));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {}\nregenerate with: UPDATE_EXAMPLES=1 cargo test --test examples_up_to_date",
        stale.join(", ")
    );
}
