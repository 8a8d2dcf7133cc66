//! `itsm-assess init [DIR]`: starter questionnaire, rubric and vision.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::starter;

use crate::cli::InitArgs;

pub fn run(args: InitArgs) -> Result<ExitCode> {
    let written = starter::write(&args.dir, args.force)?;
    // In the current folder, the bare names.
    let here = args.dir.as_os_str().is_empty() || args.dir == Path::new(".");
    let shown = |name: &str| {
        if here {
            shell_word(Path::new(name))
        } else {
            shell_word(&args.dir.join(name))
        }
    };
    let mut text = String::new();
    for path in &written {
        text.push_str(&format!("wrote {}\n", path.display()));
    }
    let (q, r, v) = (
        shown("questionnaire.toml"),
        shown("rubric.toml"),
        shown("vision.toml"),
    );
    text.push_str(&format!(
        "\nEdit them into your own (questionnaire id \"{}\"), then:\n  itsm-assess validate {q} {r} {v}\n  itsm-assess run --questionnaire {q} --rubric {r} --vision {v}\n  itsm-assess report ANSWERS --questionnaire {q} --rubric {r} --vision {v}\n",
        starter::QUESTIONNAIRE_ID
    ));
    // Messages, not output: standard error.
    crate::cmd::write_stderr(&text);
    Ok(ExitCode::SUCCESS)
}

/// A path as one word for a POSIX shell: quoted when it holds anything but
/// plain characters.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
