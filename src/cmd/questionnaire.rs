//! `itsm-assess questionnaire list|show`.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::builtin;
use itsm_assess::render::questionnaire as render;

use crate::cli::{Global, QuestionnaireCommand, ShowFormat};
use crate::cmd::{write_json, write_stdout};

pub fn run(g: &Global, command: QuestionnaireCommand) -> Result<ExitCode> {
    let format = match &command {
        QuestionnaireCommand::List { format } | QuestionnaireCommand::Show { format, .. } => {
            *format
        }
    };
    let text = match command {
        QuestionnaireCommand::List { format } => {
            let mut all = Vec::new();
            for b in builtin::ALL {
                all.push((*b, b.instrument()?));
            }
            match format {
                ShowFormat::Table => render::list_table(&all),
                ShowFormat::Json => render::list_json(&all),
                ShowFormat::Toml => {
                    let ids: Vec<String> = all
                        .iter()
                        .map(|(b, _)| format!("\"{}@{}\"", b.id, b.version))
                        .collect();
                    format!("questionnaires = [{}]\n", ids.join(", "))
                }
            }
        }
        QuestionnaireCommand::Show { format, id } => {
            let named;
            let catalog;
            let instrument = match id {
                Some(id) => {
                    named = crate::cmd::builtin_named(&id, "questionnaire show")?.instrument()?;
                    &named
                }
                None => {
                    catalog = crate::cmd::catalog(g)?;
                    catalog.instrument(None)?
                }
            };
            match format {
                ShowFormat::Table => render::show_table(instrument),
                ShowFormat::Json => render::show_json(instrument),
                ShowFormat::Toml => render::show_toml(instrument),
            }
        }
    };
    // JSON and TOML strings read `\uXXXX` back as the character it escapes.
    match format {
        ShowFormat::Table => write_stdout(&text)?,
        ShowFormat::Json | ShowFormat::Toml => write_json(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
