//! `itsm-assess init`: starter files that validate and score as written,
//! and never overwrite.

mod common;

use std::path::Path;

use common::itsm;

const FILES: [&str; 3] = ["questionnaire.toml", "rubric.toml", "vision.toml"];

fn template(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("questionnaires/templates")
            .join(name),
    )
    .unwrap()
}

fn init_in(dir: &Path) -> assert_cmd::assert::Assert {
    itsm().arg("init").arg(dir).assert()
}

#[test]
fn init_writes_the_templates_and_says_what_to_do_next() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    let d = dir.display();
    init_in(&dir).success().stdout("").stderr(format!(
        "wrote {d}/questionnaire.toml\nwrote {d}/rubric.toml\nwrote {d}/vision.toml\n\n\
Edit them into your own (questionnaire id \"my-itsm\"), then:\n  \
itsm-assess validate {d}/questionnaire.toml {d}/rubric.toml {d}/vision.toml\n  \
itsm-assess run --questionnaire {d}/questionnaire.toml --rubric {d}/rubric.toml --vision {d}/vision.toml\n  \
itsm-assess report ANSWERS --questionnaire {d}/questionnaire.toml --rubric {d}/rubric.toml --vision {d}/vision.toml\n"
    ));
    for name in FILES {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).unwrap(),
            template(name),
            "{name}"
        );
    }
    // Nothing else: no temporary files left behind.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, FILES);
}

#[test]
fn the_starter_files_validate_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    init_in(tmp.path()).success();
    let d = tmp.path().display();
    itsm()
        .arg("validate")
        .args(FILES.map(|f| tmp.path().join(f)))
        .assert()
        .success()
        .stdout(format!(
            "{d}/questionnaire.toml: ok: questionnaire \"my-itsm\" 0.1.0, 4 areas, 57 questions, checked against rubric {d}/rubric.toml\n\
{d}/rubric.toml: ok: rubric \"my-itsm-default\" for \"my-itsm\", 6 levels, 6 bands\n\
{d}/vision.toml: ok: vision for \"my-itsm\": a default, 2 area and 3 question targets\n"
        ));
}

/// The example assessment, answered with the starter questionnaire: the
/// same question ids under the questionnaire id "my-itsm".
fn starter_answers(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers.toml"),
    )
    .unwrap()
    .replace(
        "questionnaire = \"itsm-core\"",
        "questionnaire = \"my-itsm\"",
    );
    assert!(text.contains("\"my-itsm\""));
    let path = dir.join("answers.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn reports_work_with_the_starter_files_and_score_as_the_built_in_ones() {
    let tmp = tempfile::tempdir().unwrap();
    init_in(tmp.path()).success();
    let answers = starter_answers(tmp.path());
    let q = tmp.path().join("questionnaire.toml");
    let r = tmp.path().join("rubric.toml");
    let v = tmp.path().join("vision.toml");
    let mine = common::json_of(&[
        "report",
        answers.to_str().unwrap(),
        "--questionnaire",
        q.to_str().unwrap(),
        "--rubric",
        r.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(mine["questionnaire"]["id"], "my-itsm");
    // A copy of the built-in questionnaire (its newest version) and rubric
    // scores the same.
    let core = common::json_of(&[
        "report",
        "examples/answers.toml",
        "--questionnaire",
        "questionnaires/itsm-core.toml",
        "--rubric",
        "questionnaires/itsm-core-rubric.toml",
        "--format",
        "json",
    ]);
    assert_eq!(mine["overall"], core["overall"]);
    assert_eq!(mine["areas"], core["areas"]);
    assert_eq!(mine["priorities"], core["priorities"]);
    // With the starter vision too, as a table.
    let table = common::stdout_of(&[
        "report",
        answers.to_str().unwrap(),
        "--questionnaire",
        q.to_str().unwrap(),
        "--rubric",
        r.to_str().unwrap(),
        "--vision",
        v.to_str().unwrap(),
    ]);
    assert!(
        table.starts_with("ITSM maturity assessment (my-itsm 0.1.0)\n"),
        "{table}"
    );
    assert!(
        table.contains(&format!("Targets: vision {}\n", v.display())),
        "{table}"
    );
    // The built-in questionnaire does not take answers meant for my-itsm.
    itsm()
        .args(["report", answers.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "assessment.questionnaire: \"my-itsm\" is not a built-in questionnaire (built-in: itsm-core, itsm-pulse)",
        ));
}

#[test]
fn init_never_overwrites_and_writes_nothing_when_a_file_is_in_the_way() {
    let tmp = tempfile::tempdir().unwrap();
    let rubric = tmp.path().join("rubric.toml");
    std::fs::write(&rubric, "# my own rubric\n").unwrap();
    init_in(tmp.path()).code(1).stdout("").stderr(format!(
        "error: {}: already exists; nothing was written\n  help: edit the files you have, choose another folder, or pass --force to overwrite them\n",
        rubric.display()
    ));
    assert_eq!(
        std::fs::read_to_string(&rubric).unwrap(),
        "# my own rubric\n"
    );
    assert!(!tmp.path().join("questionnaire.toml").exists());
    assert!(!tmp.path().join("vision.toml").exists());
    // --force overwrites.
    itsm()
        .arg("init")
        .arg(tmp.path())
        .arg("--force")
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&rubric).unwrap(),
        template("rubric.toml")
    );
    // A second init names all three.
    let out = init_in(tmp.path()).code(1).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    for name in FILES {
        assert!(
            err.contains(&format!(
                "error: {}: already exists",
                tmp.path().join(name).display()
            )),
            "{err}"
        );
    }
}

#[test]
fn init_without_a_folder_writes_to_the_current_one() {
    let tmp = tempfile::tempdir().unwrap();
    itsm()
        .current_dir(tmp.path())
        .arg("init")
        .assert()
        .success()
        .stderr(predicates::str::starts_with(
            "wrote ./questionnaire.toml\nwrote ./rubric.toml\nwrote ./vision.toml\n",
        ))
        .stderr(predicates::str::contains(
            "  itsm-assess validate questionnaire.toml rubric.toml vision.toml\n",
        ));
    for name in FILES {
        assert!(tmp.path().join(name).exists(), "{name}");
    }
}

#[test]
fn init_where_the_folder_cannot_be_made_fails_with_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plain-file");
    std::fs::write(&file, "").unwrap();
    let dir = file.join("sub");
    init_in(&dir)
        .code(1)
        .stderr(predicates::str::starts_with(format!(
            "error: {}: cannot write: ",
            dir.display()
        )));
}
