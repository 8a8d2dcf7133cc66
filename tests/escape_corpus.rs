//! The escape-sequence corpus: terminal control sequences in every text an
//! input can carry (names, roles, notes, a custom questionnaire's wording,
//! survey headers and cells, file names), through every command and
//! format. Nothing that would act on a terminal or reorder text reaches
//! standard output or standard error: no control character other than
//! newline and tab, no DEL, no C1 control, no bidirectional override.

mod common;

use std::path::Path;

use common::itsm;

/// OSC 52 (clipboard), OSC 0 (title), OSC 8 (hidden link), CSI (clear
/// screen), CR, BS, DEL, a C1 CSI and a right-to-left override.
const HOSTILE: &str = "x\u{1b}]52;c;aGk=\u{7}\u{1b}]0;t\u{7}\u{1b}]8;;http://evil\u{1b}\\l\u{1b}]8;;\u{1b}\\\u{1b}[2J\r\u{8}\u{7f}\u{9b}31m\u{202e}y";

/// The hostile text as a file name (no `/`).
fn file_name() -> String {
    HOSTILE.replace('/', "_")
}

/// A string as a TOML basic string, every non-printable character escaped.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || ('\u{200e}'..='\u{206f}').contains(&c) => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a character would act on a terminal or reorder what it shows.
fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(what: &str, stream: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((at, c)) = text.char_indices().find(|(_, c)| is_hidden(*c)) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what}: {stream} carries U+{:04X} at byte {at}: {:?}",
            c as u32,
            &text[from..(at + 20).min(text.len())]
        );
    }
}

struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let h = toml_str(HOSTILE);
        // A questionnaire whose every text is hostile.
        let q = std::fs::read_to_string(root.join("tests/fixtures/mini-questionnaire.toml"))
            .unwrap()
            .replace("\"Mini assessment\"", &h)
            .replace("\"Alpha process\"", &h)
            .replace("\"Processes\"", &h)
            .replace("\"How is the alpha process run?\"", &h)
            .replace("\"Alpha is not run at all.\"", &h);
        std::fs::write(dir.path().join("q.toml"), q).unwrap();
        std::fs::copy(
            root.join("tests/fixtures/mini-rubric.toml"),
            dir.path().join("r.toml"),
        )
        .unwrap();
        for (n, date) in [("a", "2026-01-10"), ("b", "2026-06-10")] {
            std::fs::write(
                dir.path().join(format!("{n}.toml")),
                format!(
                    "[assessment]\nquestionnaire = \"mini\"\norganization = {h}\nrespondent = {h}\nrole = {h}\ndate = {date}\n\n\
                     [answers]\n\"process.alpha\" = {{ current = 1, note = {h} }}\n\"process.beta\" = 2\n\"people.gamma\" = {{ current = 0, note = {h} }}\n"
                ),
            )
            .unwrap();
        }
        // Answers of the built-in questionnaire, in a folder with a hostile
        // file name, and a survey export with hostile headers and cells.
        std::fs::create_dir(dir.path().join("team")).unwrap();
        std::fs::write(
            dir.path().join(format!("team/{}.toml", file_name())),
            std::fs::read_to_string(root.join("examples/answers.toml"))
                .unwrap()
                .replace("\"Service desk lead\"", &h),
        )
        .unwrap();
        std::fs::copy(
            root.join("examples/answers.toml"),
            dir.path().join("team/b.toml"),
        )
        .unwrap();
        let csv = std::fs::read_to_string(root.join("examples/team.csv")).unwrap();
        let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
        let cell = format!("\"{}\"", HOSTILE.replace('"', "\"\""));
        lines[0] = format!("{},{cell}", lines[0]);
        for line in lines.iter_mut().skip(1) {
            *line = line.replacen("Manager", &cell, 1);
            line.push_str(&format!(",{cell}"));
        }
        lines.push(format!("{cell},{cell},{cell},{cell},{cell}"));
        std::fs::write(dir.path().join("team.csv"), lines.join("\n") + "\n").unwrap();
        Corpus { dir }
    }

    fn run(&self, args: &[&str]) {
        let out = itsm()
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        let what = args.join(" ");
        assert!(
            out.status.code().is_some_and(|c| c <= 2),
            "{what}: {:?}",
            out.status
        );
        assert_clean(&what, "stdout", &out.stdout);
        assert_clean(&what, "stderr", &out.stderr);
    }
}

const MINI: [&str; 4] = ["--questionnaire", "q.toml", "--rubric", "r.toml"];

#[test]
fn no_control_sequence_from_input_reaches_the_terminal() {
    let c = Corpus::new();
    let with_mini = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(MINI);
        c.run(&all);
    };
    for format in ["table", "json", "markdown", "csv", "html"] {
        with_mini(&["report", "a.toml", "--format", format]);
        with_mini(&["report", "a.toml", "b.toml", "--format", format]);
        with_mini(&["plan", "a.toml", "--format", format]);
        with_mini(&["compare", "a.toml", "b.toml", "--format", format]);
        with_mini(&[
            "compare",
            "a.toml",
            "b.toml",
            "--keep-order",
            "--format",
            format,
        ]);
        c.run(&["report", "team", "--format", format]);
        c.run(&["report", "team.csv", "--format", format]);
        c.run(&["plan", "team.csv", "--format", format]);
    }
    for format in ["table", "json"] {
        with_mini(&["score", "a.toml", "b.toml", "--format", format]);
        c.run(&["score", "team.csv", "team", "--format", format]);
        with_mini(&["questionnaire", "show", "--format", format]);
    }
    with_mini(&["questionnaire", "show", "--format", "toml"]);
    with_mini(&["validate", "a.toml", "q.toml"]);
    c.run(&["validate", "team"]);
    c.run(&["survey", "inspect", "team.csv"]);
    // Errors that quote input: an unknown level, a missing file named with
    // escapes, a bad questionnaire.
    c.run(&["report", &format!("{}.toml", file_name())]);
    c.run(&[
        "report",
        &format!("team/{}.toml", file_name()),
        "--format",
        "bogus",
    ]);
    c.run(&["report", "a.toml"]);
    c.run(&["report", "--csv", "team.csv", "--role-column", HOSTILE]);
}

#[test]
fn json_output_keeps_the_text_exactly() {
    let c = Corpus::new();
    let out = itsm()
        .current_dir(c.dir.path())
        .args(["report", "a.toml", "--format", "json"])
        .args(MINI)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["assessment"]["organization"], HOSTILE);
}

#[test]
fn a_questionnaire_title_cannot_open_a_link_or_a_second_heading_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let q = std::fs::read_to_string(root.join("tests/fixtures/mini-questionnaire.toml"))
        .unwrap()
        .replace(
            "\"Mini assessment\"",
            "\"[click](javascript:alert(1)) `code` <b>x</b>\\n# Second heading\"",
        );
    std::fs::write(dir.path().join("q.toml"), q).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/mini-rubric.toml"),
        dir.path().join("r.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "[assessment]\nquestionnaire = \"mini\"\n[answers]\n\"process.alpha\" = 1\n",
    )
    .unwrap();
    let out = itsm()
        .current_dir(dir.path())
        .args(["report", "a.toml", "--format", "markdown"])
        .args(MINI)
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let first = md.lines().next().unwrap();
    assert_eq!(
        first,
        "# \\[click\\](javascript:alert(1)) \\`code\\` \\<b>x\\</b> # Second heading"
    );
    assert_eq!(
        md.lines().filter(|l| l.starts_with("# ")).count(),
        1,
        "{md}"
    );
}

#[test]
fn csv_header_cells_named_after_files_are_guarded() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Undated answers: compare --keep-order names the columns after the files.
    let undated = std::fs::read_to_string(root.join("examples/answers.toml"))
        .unwrap()
        .replace("date = 2026-11-20", "");
    for name in ["=HYPERLINK(\"http:__x\",\"y\").toml", "@SUM(1).toml"] {
        std::fs::write(dir.path().join(name), &undated).unwrap();
    }
    let out = itsm()
        .current_dir(dir.path())
        .args(["compare", "--keep-order", "--format", "csv"])
        .args(["=HYPERLINK(\"http:__x\",\"y\").toml", "@SUM(1).toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let named: Vec<&String> = header
        .iter()
        .filter(|h| h.contains("HYPERLINK") || h.contains("SUM"))
        .collect();
    assert!(!named.is_empty(), "{header:?}");
    for h in named {
        assert!(h.starts_with('\''), "unguarded header cell {h:?}");
    }
}
