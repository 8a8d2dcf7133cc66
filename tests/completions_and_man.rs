//! Shell completions and the manual page, generated from the clap
//! definitions.

mod common;

use std::process::Command;

use common::{itsm, stdout_of};

/// The commands `itsm-assess --help` lists.
fn commands() -> Vec<String> {
    let help = stdout_of(&["--help"]);
    let list = help.split("Commands:\n").nth(1).unwrap();
    let names: Vec<String> = list
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 11, "{names:?}");
    names
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    let commands = commands();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for name in &commands {
            assert!(script.contains(name.as_str()), "{shell}: {name}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_listing_the_shells() {
    itsm()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value 'tcsh' for '<SHELL>'\n  [possible values: bash, elvish, fish, powershell, zsh]",
        ));
}

/// What bash offers for a command line ending in `words`, with the
/// generated script loaded.
fn bash_completes(words: &[&str]) -> Option<String> {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("itsm-assess.bash");
    std::fs::write(&path, script).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\n_itsm__assess itsm-assess '{}' '{}'\necho \"${{COMPREPLY[*]}}\"\n",
        path.display(),
        quoted.join(" "),
        words[cword],
        words[cword - 1],
    );
    let out = Command::new("bash").arg("-c").arg(program).output().ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end()
            .to_string(),
    )
}

#[test]
fn bash_completes_commands_options_and_values() {
    let Some(commands) = bash_completes(&["itsm-assess", "sc"]) else {
        eprintln!("bash is not installed; skipped");
        return;
    };
    assert_eq!(commands, "score schema");
    assert_eq!(
        bash_completes(&["itsm-assess", "report", "--form"]).unwrap(),
        "--format"
    );
    assert_eq!(
        bash_completes(&["itsm-assess", "report", "--format", ""]).unwrap(),
        "table json markdown csv html xlsx"
    );
    assert_eq!(
        bash_completes(&["itsm-assess", "plan", "--format", ""]).unwrap(),
        "table json markdown csv html xlsx jira-csv azure-devops-csv toml"
    );
    assert_eq!(
        bash_completes(&["itsm-assess", "schema", "questionnaire"]).unwrap(),
        "questionnaire questionnaire-list questionnaire-show"
    );
    assert_eq!(
        bash_completes(&["itsm-assess", "completions", "p"]).unwrap(),
        "powershell"
    );
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains("\n.TH itsm-assess 1 "), "{}", &page[..200]);
    assert!(page.contains("\n.SH SYNOPSIS\n"));
    for name in commands() {
        let roff_name = format!("itsm\\-assess\\-{}(1)", name.replace('-', "\\-"));
        assert!(page.contains(&roff_name), "{roff_name}");
    }
    assert!(page.contains("\n.SH EXAMPLES\n.nf\nitsm\\-assess report examples/answers.toml\n"));
}

/// Renders a page with `man -l` when man is installed.
fn rendered(path: &std::path::Path) -> Option<String> {
    let out = Command::new("man")
        .arg("-l")
        .arg(path)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .ok()?;
    out.status.success().then(|| {
        // Drop overstriking (bold, underline) from a formatted page.
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut plain = String::new();
        for c in text.chars() {
            if c == '\u{8}' {
                plain.pop();
            } else {
                plain.push(c);
            }
        }
        plain
    })
}

#[test]
fn man_writes_a_page_per_command_that_man_can_render() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let out = itsm().arg("man").arg("--dir").arg(&dir).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let mut expected = vec!["itsm-assess.1".to_string()];
    expected.extend(commands().iter().map(|c| format!("itsm-assess-{c}.1")));
    expected.push("itsm-assess-questionnaire-list.1".into());
    expected.push("itsm-assess-questionnaire-show.1".into());
    expected.push("itsm-assess-survey-inspect.1".into());
    for file in &expected {
        assert!(
            stderr.contains(&format!("wrote {}\n", dir.join(file).display())),
            "{file}: {stderr}"
        );
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), expected.len());
    assert_eq!(
        std::fs::read_to_string(dir.join("itsm-assess.1")).unwrap(),
        stdout_of(&["man"])
    );
    let Some(text) = rendered(&dir.join("itsm-assess-init.1")) else {
        eprintln!("man is not installed; the pages were not rendered");
        return;
    };
    assert!(
        text.contains("NAME\n       itsm-assess-init - Write a starter"),
        "{text}"
    );
    assert!(
        text.contains("EXAMPLES\n       itsm-assess init\n"),
        "{text}"
    );
}
