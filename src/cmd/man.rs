//! `itsm-assess man [--dir DIR]`: manual pages from the clap definitions.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::{Error, atomic};

use crate::cli::{self, ManArgs};
use crate::cmd::write_stdout;

pub fn run(args: ManArgs) -> Result<ExitCode> {
    let mut command = cli::command().disable_help_subcommand(true);
    command.build();
    match args.dir {
        None => write_stdout(&page(command))?,
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::write(dir.display().to_string(), e))?;
            let mut written = Vec::new();
            write_pages(command, &dir, &mut written)?;
            // Messages, not output: standard error.
            for path in written {
                crate::cmd::write_stderr(&format!("wrote {}\n", path.display()));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One command's page as roff: clap_mangen's sections, with the text after
/// the options (`after_help`) as NOTES and EXAMPLES, examples kept one per
/// line rather than filled into a paragraph.
fn page(command: clap::Command) -> String {
    let after = command.get_after_help().map(|s| s.to_string());
    let mut roff = Vec::new();
    // Rendering into memory cannot fail.
    let _ = clap_mangen::Man::new(command.after_help(None::<&str>)).render(&mut roff);
    let mut page = String::from_utf8_lossy(&roff).into_owned();
    if let Some(after) = after {
        let extra = extra_sections(&after);
        match page.find(".SH VERSION") {
            Some(at) => page.insert_str(at, &extra),
            None => page.push_str(&extra),
        }
    }
    page
}

/// NOTES from the prose paragraphs and EXAMPLES from the `Examples:` block.
fn extra_sections(after_help: &str) -> String {
    use clap_mangen::roff::{Roff, roman};
    let mut notes = Roff::new();
    let mut examples = Roff::new();
    for paragraph in after_help.split("\n\n") {
        match paragraph.strip_prefix("Examples:") {
            Some(lines) => {
                examples.control("SH", ["EXAMPLES"]).control("nf", []);
                for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    examples.text([roman(line)]);
                }
                examples.control("fi", []);
            }
            None => {
                if notes.to_roff().is_empty() {
                    notes.control("SH", ["NOTES"]);
                } else {
                    notes.control("PP", []);
                }
                notes.text([roman(
                    paragraph.split_whitespace().collect::<Vec<_>>().join(" "),
                )]);
            }
        }
    }
    // The page's preamble already defines what rendering relies on.
    let mut text = String::new();
    for part in [notes, examples] {
        let rendered = part.render();
        let body = rendered
            .find("\n.el .ds Aq '\n")
            .map_or(rendered.as_str(), |at| {
                &rendered[at + "\n.el .ds Aq '\n".len()..]
            });
        text.push_str(body);
    }
    text
}

/// Writes the page of `command` and of each of its subcommands, atomically.
fn write_pages(
    command: clap::Command,
    dir: &Path,
    written: &mut Vec<std::path::PathBuf>,
) -> Result<(), Error> {
    let man = clap_mangen::Man::new(command.clone());
    let path = dir.join(man.get_filename());
    atomic::write(&path, page(command.clone()).as_bytes())?;
    written.push(path);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir, written)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built() -> clap::Command {
        let mut command = cli::command().disable_help_subcommand(true);
        command.build();
        command
    }

    #[test]
    fn the_main_page_names_every_command_and_shows_examples_line_by_line() {
        let page = page(built());
        assert!(page.contains("\n.TH itsm-assess 1 "), "{page}");
        for sub in built().get_subcommands() {
            let name = format!("itsm\\-assess\\-{}(1)", sub.get_name().replace('-', "\\-"));
            assert!(page.contains(&name), "{name} missing");
        }
        let examples = page.split(".SH EXAMPLES\n.nf\n").nth(1).unwrap();
        assert!(examples.starts_with("itsm\\-assess report examples/answers.toml\n"));
        assert!(page.contains(".SH VERSION"));
    }

    #[test]
    fn a_command_page_has_its_notes_and_examples() {
        let report = built().find_subcommand("report").unwrap().clone();
        let page = page(report);
        assert!(page.contains(".TH itsm-assess-report 1"), "{page}");
        assert!(
            page.contains(".SH NOTES\nOne answers file gives the report"),
            "{page}"
        );
        assert!(
            page.contains(".SH EXAMPLES\n.nf\nitsm\\-assess report"),
            "{page}"
        );
        assert!(!page.contains("Examples:"), "{page}");
    }
}
