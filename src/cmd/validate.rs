//! `itsm-assess validate`: check files and how they fit together.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::Diagnostic;
use itsm_assess::validate::{Kind, validate};

use crate::cli::{Global, KindArg, ValidateArgs};
use crate::cmd::{print_error, print_lib_error, read_input, write_stdout};

pub fn run(g: &Global, args: ValidateArgs) -> Result<ExitCode> {
    let kind = args.kind.map(|k| match k {
        KindArg::Questionnaire => Kind::Questionnaire,
        KindArg::Rubric => Kind::Rubric,
        KindArg::Answers => Kind::Answers,
        KindArg::Vision => Kind::Vision,
    });
    let mut sources = Vec::new();
    let mut failed = false;
    for file in &args.files {
        if file.to_ascii_lowercase().ends_with(".csv") {
            print_lib_error(
                &Diagnostic::new(file, "is a survey export, which validate does not check")
                    .help(format!(
                        "itsm-assess score {file} checks every row and cell of it"
                    ))
                    .into(),
            );
            failed = true;
            continue;
        }
        match read_input(file) {
            Ok(s) => sources.push(s),
            Err(e) => {
                print_error(&e.into());
                failed = true;
            }
        }
    }
    let mut extra = Vec::new();
    for path in [&g.questionnaire, &g.rubric].into_iter().flatten() {
        extra.push(crate::cmd::read_file(path)?);
    }
    let mut report = String::new();
    for outcome in validate(&sources, kind, &extra) {
        match outcome.result {
            Ok(summary) => report.push_str(&format!("{}: ok: {summary}\n", outcome.name)),
            Err(e) => {
                failed = true;
                print_error(&e.into());
            }
        }
    }
    write_stdout(&report)?;
    let _ = std::io::stderr().flush();
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
