//! Files and folders as a careful attacker (or an unlucky user) sets them
//! up: an output that names an input, links and loops in answers folders,
//! unreadable folders, named pipes and devices, and the modes of what is
//! written.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::itsm;
use predicates::prelude::*;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn respondents(stdout: &[u8]) -> u64 {
    let v: serde_json::Value = serde_json::from_slice(stdout).expect("JSON report");
    v["respondents"].as_u64().expect("a team report")
}

/// A team folder of three respondents in two role folders.
fn team() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (sub, name) in [("mgr", "a.toml"), ("mgr", "b.toml"), ("staff", "c.toml")] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::copy(example("answers.toml"), dir.path().join(sub).join(name)).unwrap();
    }
    dir
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::copy(example("answers.toml"), &answers).unwrap();
    let vision = dir.path().join("v.toml");
    std::fs::copy(example("vision.toml"), &vision).unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&vision, &link).unwrap();
    let before = std::fs::read(&vision).unwrap();
    for (args, named) in [
        (
            vec!["report", "a.toml", "--output", "a.toml", "--format", "json"],
            "a.toml",
        ),
        (
            vec![
                "plan", "a.toml", "--vision", "v.toml", "--format", "markdown", "--output",
                "v.toml",
            ],
            "v.toml",
        ),
        (
            vec![
                "plan", "a.toml", "--vision", "v.toml", "--format", "markdown", "--output",
                "link.md",
            ],
            "link.md",
        ),
    ] {
        itsm()
            .current_dir(dir.path())
            .args(&args)
            .assert()
            .code(1)
            .stderr(format!(
                "error: {named}: is one of this command's inputs{}; writing the output there would replace it\n  help: choose another output file\n",
                if named == "link.md" { " (v.toml)" } else { "" }
            ));
    }
    assert_eq!(std::fs::read(&vision).unwrap(), before);
    assert_eq!(
        std::fs::read(&answers).unwrap(),
        std::fs::read(example("answers.toml")).unwrap()
    );
}

#[test]
fn an_output_inside_a_team_folder_that_is_one_of_its_files_is_refused() {
    let dir = team();
    let target = dir.path().join("mgr/a.toml");
    itsm()
        .arg("report")
        .arg(dir.path())
        .args(["--format", "json", "--output"])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is one of this command's inputs"));
    assert_eq!(
        std::fs::read(&target).unwrap(),
        std::fs::read(example("answers.toml")).unwrap()
    );
}

#[test]
fn links_and_loops_in_a_team_folder_count_each_respondent_once() {
    let dir = team();
    std::os::unix::fs::symlink(".", dir.path().join("mgr/.cache")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("mgr/up")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("mgr/again.toml")).unwrap();
    std::fs::hard_link(
        dir.path().join("staff/c.toml"),
        dir.path().join("staff/d.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::copy(example("answers.toml"), dir.path().join(".git/x.toml")).unwrap();
    let out = itsm()
        .arg("report")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .success();
    let output = out.get_output();
    assert_eq!(respondents(&output.stdout), 3);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let root = dir.path().display();
    for note in [
        format!("note: {root}/mgr/.cache: skipped: a link to a folder, not followed"),
        format!("note: {root}/mgr/up: skipped: a link to a folder, not followed"),
        format!(
            "note: {root}/mgr/again.toml: skipped: the same file as {root}/mgr/a.toml, counted once"
        ),
        format!(
            "note: {root}/staff/d.toml: skipped: the same file as {root}/staff/c.toml, counted once"
        ),
        format!("note: {root}/.git: skipped: a hidden folder, not read"),
    ] {
        assert!(stderr.contains(&note), "{note}\nnot in:\n{stderr}");
    }
}

#[test]
fn an_entry_that_cannot_be_read_fails_alone_and_the_walk_goes_on() {
    let dir = team();
    // A link to itself cannot be read whoever runs the test (ELOOP).
    std::os::unix::fs::symlink("loop.toml", dir.path().join("mgr/loop.toml")).unwrap();
    let out = itsm()
        .arg("report")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .code(1);
    let output = out.get_output();
    assert_eq!(respondents(&output.stdout), 3);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(&format!(
            "error: {}/mgr/loop.toml: cannot read",
            dir.path().display()
        )),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_unreadable_subfolder_drops_no_other_folder() {
    // Permissions bind only other users than root: as root, run the tool
    // as nobody.
    let root = unsafe { libc::geteuid() } == 0;
    if root && !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b", "locked", "y", "z"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for n in 0..3 {
            std::fs::copy(
                example("answers.toml"),
                dir.path().join(format!("{sub}/{n}.toml")),
            )
            .unwrap();
        }
    }
    for p in std::iter::once(dir.path().to_path_buf()).chain(
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path()),
    ) {
        let mode = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(
        dir.path().join("locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let mut bin = assert_cmd::cargo::cargo_bin("itsm-assess");
    // The checkout may lie where nobody cannot reach (under /root): run a
    // copy of the binary from a folder anyone can read.
    let reachable = tempfile::tempdir().unwrap();
    if root {
        std::fs::set_permissions(reachable.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = reachable.path().join("itsm-assess");
        std::fs::copy(&bin, &copy).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin = copy;
    }
    let mut cmd = if root {
        let mut c = assert_cmd::Command::new("/usr/bin/setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        assert_cmd::Command::new(&bin)
    };
    let out = cmd
        .current_dir("/")
        .arg("report")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .code(1);
    let output = out.get_output();
    assert_eq!(respondents(&output.stdout), 12);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "error: {}/locked: cannot read",
            dir.path().display()
        )),
        "{stderr}"
    );
}

/// Runs the tool with a time limit: a read that blocks fails the test
/// instead of hanging it.
fn within_seconds(cmd: &mut assert_cmd::Command) -> assert_cmd::assert::Assert {
    cmd.timeout(Duration::from_secs(20)).assert()
}

#[test]
fn a_named_pipe_in_a_folder_is_passed_over_and_a_named_one_refused() {
    let dir = team();
    let fifo = dir.path().join("staff/pipe.toml");
    let c = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let out = within_seconds(
        itsm()
            .arg("report")
            .arg(dir.path())
            .args(["--format", "json"]),
    )
    .success();
    let output = out.get_output();
    assert_eq!(respondents(&output.stdout), 3);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(&format!(
            "note: {}: skipped: a named pipe (FIFO), not a regular file, not read",
            fifo.display()
        )),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    within_seconds(itsm().arg("report").arg(&fifo))
        .code(1)
        .stderr(format!(
            "error: {}: is a named pipe (FIFO), not a regular file\n  help: name a file, or pass - and redirect the input to standard input\n",
            fifo.display()
        ));
    within_seconds(
        itsm()
            .arg("report")
            .arg(example("answers.toml"))
            .arg("--vision")
            .arg(&fifo),
    )
    .code(1)
    .stderr(predicate::str::contains(
        "is a named pipe (FIFO), not a regular file",
    ));
    within_seconds(itsm().args(["report", "--csv"]).arg(&fifo))
        .code(1)
        .stderr(predicate::str::contains(
            "is a named pipe (FIFO), not a regular file",
        ));
    within_seconds(itsm().args(["report", "/dev/zero"]))
        .code(1)
        .stderr(predicate::str::contains(
            "/dev/zero: is a character device, not a regular file",
        ));
}

#[test]
fn devices_pipes_and_dash_are_written_not_replaced() {
    itsm()
        .args([
            "report",
            "examples/answers.toml",
            "--format",
            "json",
            "--output",
            "/dev/null",
        ])
        .assert()
        .success()
        .stdout("");
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    let out = itsm()
        .args([
            "report",
            "examples/answers.toml",
            "--format",
            "json",
            "--output",
            "-",
        ])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("\"schema_version\""));
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join("-").exists());

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let c = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    within_seconds(
        itsm()
            .args([
                "report",
                "examples/answers.toml",
                "--format",
                "markdown",
                "--output",
            ])
            .arg(&fifo),
    )
    .success();
    let text = reader.join().unwrap();
    assert!(text.starts_with("# "), "{text}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn written_files_follow_the_umask_and_a_replaced_report_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.md");
    // The test runner's umask decides what "normal" is: a file made the
    // usual way shows it.
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "x").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    itsm()
        .args(["report", "examples/answers.toml", "--output"])
        .arg(&report)
        .assert()
        .success();
    assert_eq!(mode(&report), mode(&plain));
    assert_ne!(mode(&report), 0o600, "not private whatever the umask");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o644)).unwrap();
    itsm()
        .args(["report", "examples/answers.toml", "--output"])
        .arg(&report)
        .assert()
        .success();
    assert_eq!(mode(&report), 0o644);
}

/// examples/team.csv with its rows repeated `rows` times, each row's role
/// set by `role(n)`.
fn team_csv(rows: usize, role: impl Fn(usize) -> String) -> String {
    let csv = std::fs::read_to_string(example("team.csv")).unwrap();
    let mut lines = csv.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    let body: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    for n in 0..rows {
        let line = body[n % body.len()];
        // Respondent,Role,... : the second field is the role.
        let (name, rest) = line.split_once(',').unwrap();
        let (_, rest) = rest.split_once(',').unwrap();
        out.push_str(&format!("{name},{},{rest}\n", role(n)));
    }
    out
}

#[test]
fn more_distinct_roles_than_the_limit_is_an_error_not_a_memory_blow_up() {
    let dir = tempfile::tempdir().unwrap();
    let at_limit = dir.path().join("at-limit.csv");
    std::fs::write(
        &at_limit,
        team_csv(itsm_assess::limits::MAX_ROLES, |n| format!("role {n}")),
    )
    .unwrap();
    let out = itsm()
        .args(["report", "--format", "json", "--min-group", "1"])
        .arg(&at_limit)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        v["roles"].as_array().unwrap().len(),
        itsm_assess::limits::MAX_ROLES
    );

    let over = dir.path().join("over.csv");
    std::fs::write(
        &over,
        team_csv(itsm_assess::limits::MAX_ROLES + 5, |n| format!("role {n}")),
    )
    .unwrap();
    for command in ["report", "plan"] {
        itsm()
            .arg(command)
            .arg(&over)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::ends_with(format!(
                "error: {}: has more than 1000 distinct roles (5 respondents have a role past them); a role is a group people are compared by\n  \
                 help: the role column may hold names or free text: choose the role column with --role-column HEADER, or group the roles in the [roles] table of a --map file\n",
                over.display()
            )));
    }
    itsm()
        .args(["score", "--summary"])
        .arg(&over)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has more than 1000 distinct roles",
        ));
}

#[test]
fn a_cell_that_never_ends_is_refused_before_it_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(example("team.csv")).unwrap();
    let path = dir.path().join("endless.csv");
    // A header cell opened with a quote that is never closed: 9 MiB on.
    let mut text = format!("\"{}", "x".repeat(9 * 1024 * 1024));
    text.push_str(&csv);
    std::fs::write(&path, text).unwrap();
    itsm()
        .arg("report")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(format!(
            "error: {}: a row is longer than 8 MiB, the longest row read (a quote that is never closed?); nothing past it was read\n",
            path.display()
        )));
}

#[test]
fn options_naming_files_read_dash_as_standard_input_once() {
    let vision = std::fs::read(example("vision.toml")).unwrap();
    let with_file = itsm()
        .args([
            "report",
            "examples/answers.toml",
            "--format",
            "json",
            "--vision",
            "examples/vision.toml",
        ])
        .output()
        .unwrap();
    let out = itsm()
        .args([
            "report",
            "examples/answers.toml",
            "--format",
            "json",
            "--vision",
            "-",
        ])
        .write_stdin(vision)
        .assert()
        .success();
    let a: serde_json::Value = serde_json::from_slice(&with_file.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(a["overall"], b["overall"]);
    assert_eq!(b["assessment"]["vision"], "<stdin>");

    let q = std::fs::read("tests/fixtures/mini-questionnaire.toml").unwrap();
    itsm()
        .args([
            "questionnaire",
            "show",
            "--questionnaire",
            "-",
            "--rubric",
            "tests/fixtures/mini-rubric.toml",
        ])
        .write_stdin(q)
        .assert()
        .success()
        .stdout(predicate::str::contains("Alpha process"));

    itsm()
        .args(["report", "-", "--vision", "-"])
        .write_stdin(std::fs::read(example("answers.toml")).unwrap())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: <stdin>: standard input (-) can be read only once",
        ));
}

#[test]
fn a_huge_number_is_quoted_short() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.toml"),
        "[assessment]\nquestionnaire = \"itsm-core\"\n[answers]\n\"processes.incident\" = 1e308\n",
    )
    .unwrap();
    let out = itsm()
        .current_dir(dir.path())
        .args(["report", "big.toml"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with(
            "error: big.toml:4:1: answers.\"processes.incident\": 1e308 is not on the scale\n"
        ),
        "{stderr}"
    );
}

#[test]
fn help_and_version_to_a_full_disk_fail() {
    for flag in ["--help", "--version"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("itsm-assess"))
            .arg(flag)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{flag}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: <stdout>: cannot write: No space left on device (os error 28)\n"
        );
    }
}

#[test]
fn an_output_onto_the_file_behind_standard_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::copy(example("answers.toml"), &answers).unwrap();
    for target in ["/dev/stdin", "/proc/self/fd/0"] {
        // Redirected from the file itself, as `< a.toml` does: not a pipe.
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("itsm-assess"))
            .args(["report", "-", "--format", "markdown", "--output", target])
            .stdin(std::fs::File::open(&answers).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{target}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "error: {target}: is one of this command's inputs (<stdin>); writing the output there would replace it\n  help: choose another output file\n"
            )
        );
    }
    assert_eq!(
        std::fs::read(&answers).unwrap(),
        std::fs::read(example("answers.toml")).unwrap()
    );
}

#[test]
fn standard_output_named_as_a_path_is_written_when_it_is_a_pipe() {
    for target in ["/dev/stdout", "/proc/self/fd/1"] {
        let out = itsm()
            .args(["report", "examples/answers.toml", "--output", target])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            text.starts_with("ITSM maturity assessment"),
            "{target}: {text}"
        );
    }
}

#[test]
fn a_line_break_in_a_name_cannot_forge_a_line_of_the_table_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "[assessment]\nquestionnaire = \"itsm-core\"\norganization = \"Acme\\nOverall: current 3.00, target 3.00, gap 0.00, band High\"\n[answers]\n\"processes.incident\" = 1\n",
    )
    .unwrap();
    for command in ["report", "plan"] {
        let out = itsm()
            .current_dir(dir.path())
            .args([command, "a.toml"])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            !text.lines().any(|l| l.starts_with("Overall: current 3.00")),
            "{command}: {text}"
        );
    }
}

#[test]
fn too_many_columns_and_a_missing_role_column_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let wide = dir.path().join("wide.csv");
    let n = itsm_assess::limits::MAX_COLUMNS + 1;
    let header: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    std::fs::write(
        &wide,
        format!("{}\n{}\n", header.join(","), vec!["1"; n].join(",")),
    )
    .unwrap();
    for command in [vec!["report"], vec!["survey", "inspect"]] {
        itsm()
            .args(&command)
            .arg(&wide)
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with(format!(
                "error: {}:1:1: has {n} columns; the most a survey export may have is {}\n",
                wide.display(),
                itsm_assess::limits::MAX_COLUMNS
            )));
    }
    itsm()
        .args(["report", "examples/team.csv", "--role-column", "Nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: examples/team.csv: --role-column \"Nope\": no column has this header\n",
        ));
}

#[test]
fn a_file_named_only_dot_toml_is_named_when_passed_over() {
    let dir = team();
    std::fs::copy(example("answers.toml"), dir.path().join("staff/.toml")).unwrap();
    let out = itsm()
        .arg("report")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .success();
    assert_eq!(respondents(&out.get_output().stdout), 3);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains(&format!(
            "note: {}/staff/.toml: skipped: a hidden file, not read",
            dir.path().display()
        ))
    );
}

#[test]
fn a_replaced_file_keeps_its_owner_when_root_replaces_it() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: only root can give a file to another user");
        return;
    }
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.md");
    std::fs::write(&report, "old").unwrap();
    std::os::unix::fs::chown(&report, Some(65534), Some(65534)).unwrap();
    itsm()
        .args(["report", "examples/answers.toml", "--output"])
        .arg(&report)
        .assert()
        .success();
    let meta = std::fs::metadata(&report).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
}

#[test]
fn scores_of_nothing_answered_are_an_error_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("empty.toml"),
        "[assessment]\nquestionnaire = \"itsm-core\"\n[answers]\n\"tools.cmdb\" = \"n/a\"\n",
    )
    .unwrap();
    let message = "error: empty.toml: no question is answered with a level (1 not applicable, 44 unanswered of 45), so there is nothing to score\n  \
                   help: answer at least one question (itsm-assess run --resume FILE continues an interview), or check the question ids\n";
    for args in [
        vec!["report", "empty.toml"],
        vec!["plan", "empty.toml", "--format", "json"],
        vec![
            "report",
            "empty.toml",
            "--format",
            "xlsx",
            "--output",
            "r.xlsx",
        ],
    ] {
        itsm()
            .current_dir(dir.path())
            .args(&args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(message);
    }
    assert!(!dir.path().join("r.xlsx").exists());
    std::fs::copy(example("answers.toml"), dir.path().join("a.toml")).unwrap();
    for args in [
        vec!["compare", "a.toml", "empty.toml"],
        vec!["report", "a.toml", "empty.toml", "--format", "json"],
    ] {
        let out = itsm().current_dir(dir.path()).args(&args).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert_eq!(stderr, message, "{args:?}");
        if args[0] == "report" {
            // The team is the one who answered; the empty file fails alone.
            let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
            assert_eq!(doc["respondents"], 1);
        }
    }
    // score: the empty file fails alone, the other is scored.
    let out = itsm()
        .current_dir(dir.path())
        .args(["score", "a.toml", "empty.toml", "--format", "json"])
        .assert()
        .code(1);
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 1);
    assert_eq!(doc["errors"][0]["source"], "empty.toml");
}

#[test]
fn a_survey_row_that_answers_nothing_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    std::fs::write(
        &path,
        "respondent,role,processes.incident,processes.request\nA,Agent,2,3\nB,Agent,,\nC,Agent,1,n/a\n",
    )
    .unwrap();
    let out = itsm()
        .arg("report")
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .success();
    assert_eq!(respondents(&out.get_output().stdout), 2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).starts_with(&format!(
            "warning: {}: 1 row answers no question with a level (line 3); left out of the respondents\n",
            path.display()
        )),
        "{}",
        String::from_utf8_lossy(&out.get_output().stderr)
    );
    let out = itsm()
        .arg("score")
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 2);
}
