//! `itsm-assess run` end to end: the real binary in a pseudo-terminal, driven
//! with arrow keys, Enter, Esc and Ctrl-C, on the small questionnaire in
//! tests/fixtures (three questions, scale 0-3).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Expect, Session};
use itsm_assess::model::{Answer, Response};
use itsm_assess::{Answers, Catalog, Source};

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";

/// Cursor shown / hidden (console's escape sequences).
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The global options that select the small questionnaire.
fn mini() -> Vec<String> {
    vec![
        "--questionnaire".into(),
        fixture("mini-questionnaire.toml").display().to_string(),
        "--rubric".into(),
        fixture("mini-rubric.toml").display().to_string(),
    ]
}

/// The options that leave no question about the assessment to ask.
const WHO: [&str; 8] = [
    "--organization",
    "Acme Corp",
    "--respondent",
    "Dana Lee",
    "--role",
    "Lead",
    "--date",
    "2026-11-20",
];

const SAVED: &str = "assessment-acme-corp-2026-11-20.toml";

/// The binary running in a pseudo-terminal (80x24), with all it printed.
struct Pty {
    session: OsSession,
    seen: String,
}

impl Pty {
    fn start(dir: &Path, args: &[&str]) -> Pty {
        Pty::start_in_shell(dir, "", args)
    }

    /// Starts the interview through `sh -c`, after the shell commands in
    /// `setup` (a resource limit, a trap): they shape the process it execs.
    fn start_in_shell(dir: &Path, setup: &str, args: &[&str]) -> Pty {
        Pty::start_through(dir, setup, "", args)
    }

    /// As [`Pty::start_in_shell`], with the binary run through `through`
    /// (such as `setpriv` to drop privileges).
    fn start_through(dir: &Path, setup: &str, through: &str, args: &[&str]) -> Pty {
        let mut cmd = Command::new("sh");
        cmd.current_dir(dir)
            .arg("-c")
            .arg(format!("{setup}\nexec {through} \"$0\" run \"$@\""))
            .arg(env!("CARGO_BIN_EXE_itsm-assess"))
            .args(if args.contains(&"--questionnaire") {
                mini()[2..].to_vec()
            } else {
                mini()
            })
            .args(args)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut session = Session::spawn(cmd).expect("spawn in a pty");
        // The machine is slow and shared: be patient.
        session.set_expect_timeout(Some(Duration::from_secs(90)));
        Pty {
            session,
            seen: String::new(),
        }
    }

    /// Waits until `text` is printed.
    fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => {
                self.seen.push_str(&String::from_utf8_lossy(found.before()));
                self.seen.push_str(text);
            }
            Err(e) => panic!(
                "waiting for {text:?}: {e}\n--- printed so far ---\n{}",
                self.seen
            ),
        }
    }

    /// Sends keys, after a pause that lets the prompt start reading them.
    fn press(&mut self, keys: &str) {
        sleep(Duration::from_millis(150));
        self.session.send(keys).expect("send keys");
    }

    /// Moves with one arrow key and waits until `selected` is selected.
    fn select(&mut self, key: &str, selected: &str) {
        self.press(key);
        self.expect(&format!("> {selected}"));
    }

    /// The optional questions after the last one: scope, method, assessor
    /// and summary, answered with `texts` (empty: skipped).
    fn context(&mut self, texts: [&str; 4]) {
        for (prompt, text) in [
            "Scope of the assessment (optional, Enter skips): ",
            "Method, e.g. interview, workshop (optional): ",
            "Assessor (optional): ",
            "Your summary in a sentence (optional): ",
        ]
        .into_iter()
        .zip(texts)
        {
            self.expect(prompt);
            if !text.is_empty() {
                self.press(text);
            }
            self.press(ENTER);
        }
    }

    /// As [`Pty::context`], from the method on (the scope asked apart).
    fn context_from_method(&mut self, texts: [&str; 3]) {
        for (prompt, text) in [
            "Method, e.g. interview, workshop (optional): ",
            "Assessor (optional): ",
            "Your summary in a sentence (optional): ",
        ]
        .into_iter()
        .zip(texts)
        {
            self.expect(prompt);
            if !text.is_empty() {
                self.press(text);
            }
            self.press(ENTER);
        }
    }

    fn note(&mut self, text: &str) {
        self.expect("Note (optional, Enter to go on): ");
        self.press(text);
        self.press(ENTER);
    }

    /// Waits for the process to end; returns its exit code, and keeps
    /// everything it printed in `seen`.
    fn exit_code(&mut self) -> i32 {
        let status = self.session.get_process().wait().expect("wait");
        let mut buf = [0u8; 4096];
        // Until the pty is drained (then reading fails: the child is gone).
        while let Ok(n @ 1..) = self.session.try_read(&mut buf) {
            self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        match status {
            WaitStatus::Exited(_, code) => code,
            other => panic!("not a normal exit: {other:?}\n{}", self.seen),
        }
    }
}

fn load(path: &Path) -> Answers {
    let q = Source::read(&fixture("mini-questionnaire.toml")).unwrap();
    let r = Source::read(&fixture("mini-rubric.toml")).unwrap();
    let catalog = Catalog::new(Some(&q), Some(&r)).unwrap();
    let src = Source::read(path).unwrap_or_else(|e| panic!("{e}"));
    catalog.load_answers(&src).unwrap().0
}

/// A line of `itsm-assess report` for a saved file, starting with `start`.
fn report_line(dir: &Path, file: &str, start: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .current_dir(dir)
        .arg("report")
        .arg(file)
        .args(mini())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?}"))
        .to_string()
}

#[test]
fn answer_quit_resume_and_finish_with_the_report() {
    let dir = tempfile::tempdir().unwrap();

    // First session: a level with a note, n/a, then "Save and quit".
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect(&format!("Answers are saved to {SAVED} after every answer."));
    pty.expect("Question 1 of 3");
    pty.expect("Alpha process");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.select(DOWN, "2 Defined");
    pty.press(ENTER);
    pty.expect("Current level: 2 Defined");
    pty.note("procedure seen");
    pty.expect("Question 2 of 3");
    pty.expect("> 0 None");
    for next in ["1 Ad hoc", "2 Defined", "3 Managed", "Not applicable"] {
        pty.select(DOWN, next);
    }
    pty.press(ENTER);
    pty.note("");
    pty.expect("Question 3 of 3");
    pty.expect("> 0 None");
    // Up from the first choice wraps around to the last one.
    pty.select(UP, "Save and quit");
    pty.press(ENTER);
    pty.expect("Stopped. Every answer is saved in ");
    pty.expect("1 answered, 1 not applicable, 1 not answered yet (of 3 questions).");
    pty.expect(&format!(
        "Resume with: itsm-assess run --resume {SAVED} --questionnaire "
    ));
    assert_eq!(pty.exit_code(), 0);

    let path = dir.path().join(SAVED);
    let saved = load(&path);
    assert_eq!(saved.assessment.organization.as_deref(), Some("Acme Corp"));
    assert_eq!(saved.assessment.respondent.as_deref(), Some("Dana Lee"));
    assert_eq!(
        saved.get("process.alpha"),
        Some(&Answer {
            response: Response::Level(2.0),
            target: None,
            note: Some("procedure seen".into())
        })
    );
    assert_eq!(
        saved.get("process.beta").map(|a| a.response),
        Some(Response::NotApplicable)
    );
    assert_eq!(saved.get("people.gamma"), None);

    // Second session: resumes at question 3, goes back to 2 (its n/a is
    // selected), keeps it, answers 3 and finishes.
    let resume = SAVED.to_string();
    let mut pty = Pty::start(dir.path(), &["--resume", &resume]);
    pty.expect("2 of 3 questions have an answer; continuing at question 3.");
    pty.expect("Question 3 of 3");
    pty.expect("Gamma training");
    pty.expect("> 0 None");
    pty.select(UP, "Save and quit");
    pty.select(UP, "Back to the previous question");
    pty.press(ENTER);
    pty.expect("Question 2 of 3");
    pty.expect("> Not applicable");
    pty.press(ENTER);
    pty.note("");
    pty.expect("Question 3 of 3");
    pty.expect("> 0 None");
    for next in ["1 Ad hoc", "2 Defined", "3 Managed"] {
        pty.select(DOWN, next);
    }
    pty.press(ENTER);
    pty.note("course evaluated");
    pty.context(["Service desk", "", "J. Berger", ""]);
    pty.expect("Interview complete:");
    pty.expect("2 answered, 1 not applicable, 0 skipped (of 3 questions).");
    // The report is the one `itsm-assess report` makes of the saved file.
    let overall = report_line(dir.path(), SAVED, "Overall:");
    let coverage = report_line(dir.path(), SAVED, "Coverage:");
    pty.expect(&coverage);
    pty.expect(&overall);
    pty.expect("Processes");
    pty.expect("People");
    pty.expect(&format!("Answers saved in {SAVED}."));
    assert_eq!(pty.exit_code(), 0);

    let saved = load(&path);
    assert_eq!(
        saved.get("people.gamma"),
        Some(&Answer {
            response: Response::Level(3.0),
            target: None,
            note: Some("course evaluated".into())
        })
    );
    assert_eq!(
        saved.get("process.alpha").and_then(|a| a.note.as_deref()),
        Some("procedure seen")
    );
    // What was assessed and by whom, asked at the end, left out when empty.
    assert_eq!(saved.assessment.scope.as_deref(), Some("Service desk"));
    assert_eq!(saved.assessment.method, None);
    assert_eq!(saved.assessment.assessor.as_deref(), Some("J. Berger"));
    assert!(report_line(dir.path(), SAVED, "Scope:").contains("Service desk"));
}

#[test]
fn ctrl_c_mid_question_keeps_every_earlier_answer_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect("Question 1 of 3");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.press(ENTER);
    pty.note("first");
    pty.expect("Question 2 of 3");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.select(DOWN, "2 Defined");
    pty.press(ENTER);
    pty.note("");
    pty.expect("Question 3 of 3");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    // Ctrl-C in the middle of choosing gamma's level.
    pty.press(CTRL_C);
    pty.expect("Interrupted. Every answer is saved in ");
    pty.expect("2 answered, 0 not applicable, 1 not answered yet (of 3 questions).");
    pty.expect(&format!("Resume with: itsm-assess run --resume {SAVED}"));
    assert_eq!(pty.exit_code(), 130);
    // The cursor the choice list hid is shown again.
    let seen = &pty.seen;
    let hidden = seen
        .rfind(HIDE_CURSOR)
        .expect("the choice list hides the cursor");
    assert!(
        seen[hidden..].contains(SHOW_CURSOR),
        "cursor left hidden:\n{seen:?}"
    );

    let saved = load(&dir.path().join(SAVED));
    assert_eq!(
        saved.get("process.alpha"),
        Some(&Answer {
            response: Response::Level(1.0),
            target: None,
            note: Some("first".into())
        })
    );
    assert_eq!(
        saved.get("process.beta").map(|a| a.response),
        Some(Response::Level(2.0))
    );
    assert_eq!(saved.get("people.gamma"), None);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != SAVED)
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn ctrl_c_and_esc_in_the_note_keep_the_level_just_chosen() {
    for (key, code, message) in [(CTRL_C, 130, "Interrupted."), (ESC, 0, "Stopped.")] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = Pty::start(dir.path(), &WHO);
        pty.expect("> 0 None");
        pty.select(DOWN, "1 Ad hoc");
        pty.press(ENTER);
        pty.expect("Note (optional, Enter to go on): ");
        pty.press("half a note");
        pty.expect("half a note");
        pty.press(key);
        pty.expect(message);
        assert_eq!(pty.exit_code(), code, "{key:?}");
        let saved = load(&dir.path().join(SAVED));
        assert_eq!(saved.get("process.alpha"), Some(&Answer::level(1.0)));
    }
}

#[test]
fn ctrl_c_typed_right_after_an_answer_stops_at_the_next_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    // Enter and Ctrl-C at once: Ctrl-C may arrive while the answer is saved,
    // between two prompts, and must still stop the interview.
    pty.press(&format!("{ENTER}{CTRL_C}"));
    pty.expect("Interrupted. Every answer is saved in ");
    assert_eq!(pty.exit_code(), 130);
    let saved = load(&dir.path().join(SAVED));
    assert_eq!(saved.get("process.alpha"), Some(&Answer::level(1.0)));
}

#[test]
fn asks_who_is_assessed_and_never_overwrites_an_earlier_interview() {
    let dir = tempfile::tempdir().unwrap();
    for (expected_file, notice) in [
        (SAVED, None),
        (
            "assessment-acme-corp-2026-11-20-2.toml",
            Some(format!(
                "{SAVED} exists already (continue it with --resume {SAVED}); this interview gets its own file."
            )),
        ),
    ] {
        let mut pty = Pty::start(dir.path(), &[]);
        pty.expect("Organisation: ");
        pty.press("Acme Corp");
        pty.press(ENTER);
        pty.expect("Respondent: ");
        pty.press(ENTER);
        pty.expect("Role: ");
        pty.press(ENTER);
        pty.expect("Date [");
        pty.press("20.11.2026");
        pty.press(ENTER);
        pty.expect("\"20.11.2026\" is not a date; write it as YYYY-MM-DD");
        pty.expect("Date [");
        pty.press("2026-11-20");
        pty.press(ENTER);
        if let Some(notice) = &notice {
            pty.expect(notice);
        }
        pty.expect(&format!(
            "Answers are saved to {expected_file} after every answer."
        ));
        pty.expect("> 0 None");
        pty.press(ESC);
        pty.expect("Stopped.");
        assert_eq!(pty.exit_code(), 0);
        let saved = load(&dir.path().join(expected_file));
        assert_eq!(saved.assessment.organization.as_deref(), Some("Acme Corp"));
        assert_eq!(saved.assessment.respondent, None);
        assert_eq!(
            saved.assessment.date.map(|d| d.to_string()).as_deref(),
            Some("2026-11-20")
        );
        assert!(saved.answers.is_empty());
    }
}

#[test]
fn stopping_before_the_first_question_saves_nothing() {
    for (key, code) in [(ESC, 0), (CTRL_C, 130)] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = Pty::start(dir.path(), &[]);
        pty.expect("Organisation: ");
        pty.press("Acme");
        pty.expect("Acme");
        pty.press(key);
        pty.expect("Stopped before the first question; nothing was saved.");
        assert_eq!(pty.exit_code(), code, "{key:?}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn targets_offer_the_rubric_target_and_keep_a_different_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = WHO.to_vec();
    args.extend(["--area", "people", "--targets"]);
    let mut pty = Pty::start(dir.path(), &args);
    pty.expect("Question 1 of 1 · Area 1 of 1: People");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.press(ENTER);
    pty.expect("Target level (the rubric says 3 Managed)");
    pty.expect("> 3 Managed");
    pty.select(UP, "2 Defined");
    pty.press(ENTER);
    pty.expect("Target level: 2 Defined");
    pty.note("");
    pty.context(["", "", "", ""]);
    pty.expect("Interview complete:");
    pty.expect("Answers saved in");
    assert_eq!(pty.exit_code(), 0);
    let saved = load(&dir.path().join(SAVED));
    assert_eq!(
        saved.get("people.gamma"),
        Some(&Answer {
            response: Response::Level(1.0),
            target: Some(2.0),
            note: None
        })
    );
    assert_eq!(saved.answers.len(), 1);
}

/// Whether the text holds a colour or emphasis escape (SGR: ESC [ ... m).
fn has_style(text: &str) -> bool {
    text.match_indices("\x1b[").any(|(i, _)| {
        let rest = &text[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(rest.len());
        rest[end..].starts_with('m')
    })
}

#[test]
fn no_color_is_respected_and_color_always_overrides_it() {
    assert!(has_style("a \x1b[1mbold\x1b[0m"));
    assert!(!has_style("\x1b[2K\x1b[?25l\x1b[9A plain"));
    for (extra, styled) in [(None, false), (Some("--color=always"), true)] {
        let dir = tempfile::tempdir().unwrap();
        let mut args = WHO.to_vec();
        args.extend(extra);
        let mut pty = Pty::start(dir.path(), &args);
        pty.expect("Question 1 of 3");
        pty.expect("0 None");
        pty.press(ESC);
        pty.expect("Stopped.");
        assert_eq!(pty.exit_code(), 0);
        assert_eq!(has_style(&pty.seen), styled, "{extra:?}: {:?}", pty.seen);
    }
}

#[test]
fn resume_refuses_answers_of_another_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers.toml");
    let other = other.display().to_string();
    let mut pty = Pty::start(dir.path(), &["--resume", &other]);
    pty.expect(&format!(
        "error: {other}:7:1: assessment.questionnaire: these answers are for questionnaire \"itsm-core\", not \"mini\""
    ));
    pty.expect("help: pass the questionnaire the answers were given with: --questionnaire FILE");
    assert_eq!(pty.exit_code(), 1);
}

#[test]
fn an_existing_out_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("taken.toml"), "keep me").unwrap();
    let mut args = WHO.to_vec();
    args.extend(["--out", "taken.toml"]);
    let mut pty = Pty::start(dir.path(), &args);
    pty.expect("error: taken.toml: already exists; a new interview does not overwrite answers");
    pty.expect("help: continue that interview with --resume taken.toml, or save this one elsewhere with --out FILE");
    assert_eq!(pty.exit_code(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("taken.toml")).unwrap(),
        "keep me"
    );
}

#[test]
fn unknown_areas_are_refused_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &["--area", "peeple"]);
    pty.expect("error: --area: questionnaire \"mini\" has no area \"peeple\"");
    pty.expect("help: did you mean \"people\"? The areas are: process, people");
    assert_eq!(pty.exit_code(), 1);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn without_a_terminal_run_points_to_report_and_score() {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .arg("run")
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: itsm-assess run: is an interactive interview and needs a terminal on standard input and output\n  help: to score answers in a file, use `itsm-assess report FILE` or `itsm-assess score FILE...`\n",
        );
}

#[test]
fn a_bad_date_is_a_usage_error() {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .args(["run", "--date", "tomorrow"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value 'tomorrow' for '--date <DATE>': expected a date as YYYY-MM-DD, e.g. 2026-11-20",
        ));
}

#[test]
fn help_explains_saving_resuming_and_the_keys() {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .args(["run", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "saves to the next free name (-2, -3,",
        ))
        .stdout(predicates::str::contains(
            "itsm-assess run --resume assessment-acme-corp-2026-11-20.toml",
        ))
        .stdout(predicates::str::contains("Ctrl-C with 130"));
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_interview_of_one_file_is_refused_with_the_holder_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Pty::start(dir.path(), &WHO);
    first.expect("> 0 None");
    let pid = first.session.get_process().pid();
    let mut second = Pty::start(dir.path(), &["--resume", SAVED]);
    second.expect(&format!(
        "error: {SAVED}: is being answered by another interview (process {pid}); two interviews on one file would overwrite each other's answers"
    ));
    second.expect("help: finish or stop the other interview first, or save this one elsewhere with --out FILE");
    assert_eq!(second.exit_code(), 1);
    first.select(DOWN, "1 Ad hoc");
    first.press(ENTER);
    first.note("");
    first.expect("Question 2 of 3");
    first.press(ESC);
    assert_eq!(first.exit_code(), 0);
    assert_eq!(
        load(&dir.path().join(SAVED)).get("process.alpha"),
        Some(&Answer::level(1.0))
    );
    // Once the first has ended, the file is free again.
    let mut third = Pty::start(dir.path(), &["--resume", SAVED]);
    third.expect("Question 2 of 3");
    third.press(ESC);
    assert_eq!(third.exit_code(), 0);
    assert_eq!(names_in(dir.path()), [SAVED]);
}

#[test]
fn a_level_is_shown_as_chosen_only_once_it_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.select(DOWN, "2 Defined");
    pty.press(ENTER);
    pty.expect("Current level: 2 Defined");
    // Read at once, as a kill -9 right now would leave it.
    let saved = load(&dir.path().join(SAVED));
    assert_eq!(saved.get("process.alpha"), Some(&Answer::level(2.0)));
    pty.press(ESC);
    pty.exit_code();
}

#[test]
fn a_full_disk_at_the_start_leaves_no_file_and_blocks_no_name() {
    let dir = tempfile::tempdir().unwrap();
    // A file size limit of 0 makes every write fail as a full disk does.
    let mut pty = Pty::start_in_shell(dir.path(), "trap '' XFSZ; ulimit -f 0", &WHO);
    pty.expect(&format!("error: {SAVED}: cannot write"));
    assert_eq!(pty.exit_code(), 1);
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
    // With room again, the same name is free.
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect(&format!("Answers are saved to {SAVED} after every answer."));
    pty.press(ESC);
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn a_save_that_fails_keeps_the_file_as_it_was_and_says_how_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    // 1024 bytes hold the first answers but not a long note.
    let mut pty = Pty::start_in_shell(dir.path(), "trap '' XFSZ; ulimit -f 1", &WHO);
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.press(ENTER);
    pty.expect("Note (optional, Enter to go on): ");
    pty.press(&"n".repeat(1500));
    pty.press(ENTER);
    pty.expect(&format!("error: {SAVED}: cannot write"));
    pty.expect(&format!(
        "The interview stopped because the last answer could not be saved. The answers saved before it are kept in {SAVED}."
    ));
    pty.expect(&format!("Resume with: itsm-assess run --resume {SAVED}"));
    assert_eq!(pty.exit_code(), 1);
    assert_eq!(
        load(&dir.path().join(SAVED)).get("process.alpha"),
        Some(&Answer::level(1.0))
    );
    assert_eq!(names_in(dir.path()), [SAVED]);
}

#[test]
fn answers_are_written_only_into_a_toml_file() {
    let dir = tempfile::tempdir().unwrap();
    for out in ["answers.json", "answers.csv", "answers.html"] {
        let mut args = WHO.to_vec();
        args.extend(["--out", out]);
        let mut pty = Pty::start(dir.path(), &args);
        pty.expect(&format!(
            "error: {out}: the interview saves answers as TOML and writes them only into a .toml file"
        ));
        assert_eq!(pty.exit_code(), 1);
    }
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn an_organisation_longer_than_a_file_may_hold_is_refused_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A".repeat(10_001);
    let mut pty = Pty::start(
        dir.path(),
        &["--organization", &long, "--date", "2026-11-20"],
    );
    pty.expect("error: --organization is 10001 characters long; the longest text allowed is 10000");
    assert_eq!(pty.exit_code(), 2);
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn resuming_keeps_comments_follows_links_and_clears_cut_off_saves() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Typed in by hand.\n[assessment]\nquestionnaire = \"mini\"   # the small one\norganization = \"Acme\"\ndate = 2026-11-20\n\n[answers]\n# seen in the tool\n\"process.alpha\" = 2\n";
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    std::fs::write(dir.path().join("shared/real.toml"), text).unwrap();
    std::os::unix::fs::symlink("shared/real.toml", dir.path().join("mine.toml")).unwrap();
    std::fs::write(
        dir.path().join("shared/.real.toml.itsm-assess-Xy12Ab.tmp"),
        "partial",
    )
    .unwrap();
    let mut pty = Pty::start(dir.path(), &["--resume", "mine.toml"]);
    pty.expect("Note: removed 1 unfinished temporary file of an earlier save that was cut off");
    pty.expect("Question 2 of 3");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.press(ENTER);
    pty.note("");
    pty.expect("Question 3 of 3");
    pty.press(ESC);
    assert_eq!(pty.exit_code(), 0);
    assert!(
        std::fs::symlink_metadata(dir.path().join("mine.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let saved = std::fs::read_to_string(dir.path().join("shared/real.toml")).unwrap();
    assert_eq!(saved, format!("{text}\"process.beta\" = 1\n"));
    assert_eq!(names_in(&dir.path().join("shared")), ["real.toml"]);
}

#[test]
fn termination_signals_restore_the_terminal_and_say_how_to_resume() {
    for (signal, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGQUIT, "SIGQUIT"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = Pty::start(dir.path(), &WHO);
        pty.expect("> 0 None");
        pty.select(DOWN, "1 Ad hoc");
        pty.press(ENTER);
        pty.note("");
        pty.expect("Question 2 of 3");
        pty.expect("> 0 None");
        // The whole list drawn, so the signal comes while the interview
        // waits for a key, as a closed window or a `kill` does.
        pty.expect("Save and quit");
        let pid = pty.session.get_process().pid();
        sleep(Duration::from_millis(500));
        unsafe { libc::kill(pid.as_raw(), signal) };
        if signal != libc::SIGHUP {
            pty.expect(&format!(
                "Stopped by {name}. Every answer given is saved in {SAVED}."
            ));
            pty.expect(&format!("Resume with: itsm-assess run --resume {SAVED}"));
        }
        assert_eq!(pty.exit_code(), 128 + signal, "{name}");
        if signal != libc::SIGHUP {
            let seen = &pty.seen;
            let hidden = seen.rfind(HIDE_CURSOR).expect("the list hides the cursor");
            assert!(
                seen[hidden..].contains(SHOW_CURSOR),
                "{name}: cursor left hidden"
            );
        }
        assert_eq!(
            load(&dir.path().join(SAVED)).get("process.alpha"),
            Some(&Answer::level(1.0))
        );
        assert_eq!(
            names_in(dir.path()),
            [SAVED],
            "{name}: the lock file is removed"
        );
    }
}

#[test]
fn a_terminal_too_small_pauses_the_interview_until_it_grows() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect("> 0 None");
    // Shrunk while the list is shown: the next key redraws it.
    pty.session
        .get_process_mut()
        .set_window_size(20, 2)
        .unwrap();
    pty.press(DOWN);
    pty.expect("Terminal too small (20x2): make it at least 20x8 to go on");
    pty.session
        .get_process_mut()
        .set_window_size(80, 24)
        .unwrap();
    pty.expect("Question 1 of 3");
    pty.expect("> 0 None");
    pty.select(DOWN, "1 Ad hoc");
    pty.press(ENTER);
    pty.expect("Current level: 1 Ad hoc");
    pty.note("");
    // Too small around when the next question is drawn: before it (the
    // interview waits) or while it is shown (a key redraws it, and a list
    // cannot be drawn in 2 rows).
    pty.session
        .get_process_mut()
        .set_window_size(20, 2)
        .unwrap();
    pty.press(DOWN);
    pty.expect("Terminal too small (20x2)");
    pty.session
        .get_process_mut()
        .set_window_size(80, 24)
        .unwrap();
    pty.expect("Question 2 of 3");
    pty.expect("> 0 None");
    pty.press(ESC);
    assert_eq!(pty.exit_code(), 0);
    assert!(!pty.seen.contains("internal error"), "{}", pty.seen);
    assert_eq!(
        load(&dir.path().join(SAVED)).get("process.alpha"),
        Some(&Answer::level(1.0))
    );
}

#[test]
fn a_resume_in_a_folder_that_cannot_be_written_is_refused_before_any_question() {
    use std::os::unix::fs::PermissionsExt;
    // Permissions bind only other users than root: as root, run as nobody.
    let root = unsafe { libc::geteuid() } == 0;
    if root && !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let answers = "[assessment]\nquestionnaire = \"mini\"\ndate = 2026-11-20\n\n[answers]\n\"process.alpha\" = 2\n";
    std::fs::write(dir.path().join("a.toml"), answers).unwrap();
    std::fs::set_permissions(
        dir.path().join("a.toml"),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let through = if root {
        "setpriv --reuid=65534 --regid=65534 --clear-groups"
    } else {
        ""
    };
    // The checkout may lie where nobody cannot reach (under /root).
    if root {
        let reach = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "test",
                "-x",
            ])
            .arg(env!("CARGO_BIN_EXE_itsm-assess"))
            .status()
            .is_ok_and(|s| s.success())
            && Command::new("setpriv")
                .args([
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "test",
                    "-r",
                ])
                .arg(fixture("mini-questionnaire.toml"))
                .status()
                .is_ok_and(|s| s.success());
        if !reach {
            eprintln!("skipped: nobody cannot reach the binary or the fixtures here");
            return;
        }
    }
    let mut pty = Pty::start_through(dir.path(), "", through, &["--resume", "a.toml"]);
    pty.expect(&format!(
        "error: a.toml: cannot be saved: its folder {} cannot be written",
        dir.path().display()
    ));
    pty.expect("help: make the folder writable, or continue into a file elsewhere with --out FILE");
    assert_eq!(pty.exit_code(), 1);
    assert!(!pty.seen.contains("Question"), "{}", pty.seen);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        answers
    );
}

#[test]
fn the_interview_screen_shows_control_sequences_from_a_questionnaire_not_acts_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\\u001B]52;c;aGk=\\u0007\\u001B]0;title\\u0007\\u001B[2J\\u202E";
    let q = std::fs::read_to_string(fixture("mini-questionnaire.toml"))
        .unwrap()
        .replace("\"Mini assessment\"", &format!("\"Mini{hostile}\""))
        .replace("\"Alpha process\"", &format!("\"Alpha{hostile}\""))
        .replace(
            "\"Alpha is not run at all.\"",
            &format!("\"Not run{hostile}\""),
        );
    std::fs::write(dir.path().join("q.toml"), q).unwrap();
    let q = dir.path().join("q.toml").display().to_string();
    let mut args = vec!["--questionnaire", q.as_str()];
    args.extend(WHO);
    let mut pty = Pty::start(dir.path(), &args);
    pty.expect("Question 1 of 3");
    pty.expect("> 0 None");
    pty.press(ESC);
    assert_eq!(pty.exit_code(), 0);
    for raw in ["\x1b]52", "\x1b]0;", "\x1b[2J", "\u{202e}"] {
        assert!(
            !pty.seen.contains(raw),
            "{raw:?} reached the terminal:\n{:?}",
            pty.seen
        );
    }
    assert!(
        pty.seen.contains("Alpha\\u{1b}]52;c;aGk="),
        "{:?}",
        pty.seen
    );
}

#[test]
fn while_paused_for_room_keys_typed_blind_are_dropped_and_ctrl_c_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &WHO);
    pty.expect("> 0 None");
    pty.session
        .get_process_mut()
        .set_window_size(20, 2)
        .unwrap();
    pty.press(DOWN);
    pty.expect("Terminal too small (20x2)");
    // Typed while nothing is shown: must not answer a question unseen.
    pty.press(&format!("{DOWN}{DOWN}{ENTER}"));
    sleep(Duration::from_millis(300));
    pty.session
        .get_process_mut()
        .set_window_size(80, 24)
        .unwrap();
    pty.expect("Question 1 of 3");
    pty.expect("> 0 None");
    sleep(Duration::from_millis(300));
    assert!(!pty.seen.contains("Current level:"), "{}", pty.seen);
    // Paused again, Ctrl-C stops the interview as anywhere else.
    pty.session
        .get_process_mut()
        .set_window_size(20, 2)
        .unwrap();
    pty.press(DOWN);
    pty.expect("Terminal too small (20x2)");
    pty.press(CTRL_C);
    pty.expect("Interrupted.");
    assert_eq!(pty.exit_code(), 130);
    assert_eq!(load(&dir.path().join(SAVED)).get("process.alpha"), None);
}

/// A last assessment of the small questionnaire, as `run --from` reads it.
const LAST: &str = r#"# The assessment half a year ago.
[assessment]
questionnaire = "mini"
organization = "Acme Corp"
respondent = "Dana Lee"
role = "Lead"
date = 2026-11-20
scope = "Service desk"
summary = "A start."

[answers]
"process.alpha" = { current = 2, target = 3, note = "procedure seen" }
"process.beta" = "n/a"
"#;

#[test]
fn from_last_offers_each_answer_keeps_it_on_enter_and_leaves_last_alone() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("last.toml");
    std::fs::write(&last, LAST).unwrap();
    let next = "assessment-acme-corp-2027-05-20.toml";

    let mut pty = Pty::start(dir.path(), &["--from", "last.toml", "--date", "2027-05-20"]);
    // Who is assessed: the last names offered, Enter keeps them.
    pty.expect("Organisation [Acme Corp]: ");
    pty.press(ENTER);
    pty.expect("Respondent [Dana Lee]: ");
    pty.press("Sam Ortiz");
    pty.press(ENTER);
    pty.expect("Role [Lead]: ");
    pty.press(ENTER);
    pty.expect(&format!("Answers are saved to {next} after every answer."));
    pty.expect(
        "Assessing again from last.toml (2026-11-20): 2 of 3 questions had an answer; \
         Enter keeps each one. last.toml is not changed.",
    );
    pty.expect("Question 1 of 3");
    pty.expect("last time: 2 Defined (procedure seen)");
    pty.expect("> 2 Defined");
    pty.press(ENTER);
    pty.expect("Current level: 2 Defined");
    // The last note is in the field: Enter keeps it.
    pty.expect("Note (optional, Enter to go on): procedure seen");
    pty.press(ENTER);
    pty.expect("Question 2 of 3");
    pty.expect("last time: Not applicable");
    pty.expect("> Not applicable");
    // Stopped mid-way: the resume command keeps the last answers offered.
    pty.press(ESC);
    pty.expect("Stopped. Every answer is saved in ");
    pty.expect(&format!(
        "Resume with: itsm-assess run --resume {next} --from last.toml --questionnaire "
    ));
    assert_eq!(pty.exit_code(), 0);

    let mut pty = Pty::start(dir.path(), &["--resume", next, "--from", "last.toml"]);
    pty.expect("continuing at question 2.");
    pty.expect("Question 2 of 3");
    pty.expect("last time: Not applicable");
    pty.expect("> Not applicable");
    // This time it applies.
    pty.select(UP, "3 Managed");
    pty.press(ENTER);
    pty.note("");
    pty.expect("Question 3 of 3");
    pty.expect("> 0 None");
    pty.press(ENTER);
    pty.note("");
    // The scope is offered again; the last summary is not.
    pty.expect("Scope of the assessment (optional, Enter skips) [Service desk]: ");
    pty.press(ENTER);
    pty.context_from_method(["", "", ""]);
    pty.expect("Interview complete:");
    assert_eq!(pty.exit_code(), 0);

    assert_eq!(std::fs::read_to_string(&last).unwrap(), LAST, "untouched");
    let before = load(&last);
    let after = load(&dir.path().join(next));
    let a = &after.assessment;
    assert_eq!(a.organization.as_deref(), Some("Acme Corp"));
    assert_eq!(a.respondent.as_deref(), Some("Sam Ortiz"));
    assert_eq!(a.role.as_deref(), Some("Lead"));
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2027-05-20"));
    assert_eq!(a.scope.as_deref(), Some("Service desk"));
    assert_eq!(a.summary, None);
    // Kept with Enter: level, own target and note as they were.
    assert_eq!(after.get("process.alpha"), before.get("process.alpha"));
    assert_eq!(
        after.get("process.beta").map(|a| a.response),
        Some(Response::Level(3.0))
    );
    assert_eq!(
        after.get("people.gamma").map(|a| a.response),
        Some(Response::Level(0.0))
    );
}

#[test]
fn from_refuses_to_write_over_the_last_assessment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("last.toml"), LAST).unwrap();
    let mut args = WHO.to_vec();
    args.extend(["--from", "last.toml", "--out", "last.toml"]);
    let mut pty = Pty::start(dir.path(), &args);
    pty.expect(
        "error: last.toml: is the last assessment --from reads; a re-assessment never writes over it",
    );
    pty.expect("help: leave out --out (the new file gets its own name), or give another file");
    assert_eq!(pty.exit_code(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("last.toml")).unwrap(),
        LAST
    );
}
