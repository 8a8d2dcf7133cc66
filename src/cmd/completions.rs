//! `itsm-assess completions SHELL`: a completion script from the clap definitions.

use std::process::ExitCode;

use anyhow::Result;
use clap_complete::Shell;

use crate::cli::{self, CompletionsArgs};
use crate::cmd::write_stdout;

pub fn run(args: CompletionsArgs) -> Result<ExitCode> {
    write_stdout(&script(args.shell))?;
    Ok(ExitCode::SUCCESS)
}

/// The completion script for a shell.
fn script(shell: Shell) -> String {
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut cli::command(), cli::NAME, &mut bytes);
    let script = String::from_utf8_lossy(&bytes).into_owned();
    match shell {
        // clap_complete names the states of a hyphenated program's
        // subcommands one way where it sets them and another where it
        // matches them, so nothing after a subcommand completes
        // (clap-rs/clap#6421). Spell them the way they are set; once
        // clap_complete is fixed this replaces nothing.
        Shell::Bash => script.replace("itsm__subcmd__assess__", "itsm__assess__"),
        _ => script,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_names_every_command_and_subcommand() {
        let command = cli::command();
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = script(shell);
            assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
            for sub in command.get_subcommands() {
                assert!(
                    script.contains(sub.get_name()),
                    "{shell}: {}",
                    sub.get_name()
                );
                for nested in sub.get_subcommands() {
                    assert!(
                        script.contains(nested.get_name()),
                        "{shell}: {} {}",
                        sub.get_name(),
                        nested.get_name()
                    );
                }
            }
        }
    }

    #[test]
    fn bash_states_are_matched_as_they_are_set() {
        let script = script(Shell::Bash);
        assert!(!script.contains("itsm__subcmd__assess"));
        assert!(script.contains("cmd=\"itsm__assess__subcmd__report\""));
        assert!(script.contains("itsm__assess__subcmd__report)"));
    }
}
