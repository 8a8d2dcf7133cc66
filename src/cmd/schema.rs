//! `itsm-assess schema NAME|list`: the JSON Schemas.

use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::schema::{self, Direction};

use crate::cli::SchemaArgs;
use crate::cmd::{Usage, write_json};

pub fn run(args: SchemaArgs) -> Result<ExitCode> {
    let text = if args.name == "list" {
        let width = schema::names().map(str::len).max().unwrap_or(0);
        let mut text = String::new();
        for n in schema::ALL {
            let kind = match n.direction {
                Direction::Input => "file",
                Direction::Output => "output",
            };
            text.push_str(&format!("{:width$}  {kind:6}  {}\n", n.name, n.about));
        }
        text
    } else {
        // clap has checked the name already; this guards the library's list.
        let Some(named) = schema::find(&args.name) else {
            let names: Vec<&str> = schema::names().collect();
            return Err(Usage(format!(
                "no schema named \"{}\"; the schemas are: {}",
                args.name,
                names.join(", ")
            ))
            .into());
        };
        named.text()
    };
    write_json(&text)?;
    Ok(ExitCode::SUCCESS)
}
