//! The `itsm-assess` binary: parse arguments, run the command, print the
//! error once, and exit with 0 (ok), 1 (invalid input or failure) or 2 (usage).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::FromArgMatches;

fn main() -> ExitCode {
    // A bug must not show a user a backtrace, whatever RUST_BACKTRACE says:
    // say what happened in one line and exit 1.
    std::panic::set_hook(Box::new(|info| {
        if cmd::quiet_panic() {
            return;
        }
        cmd::write_stderr(&format!("error: internal error: {info}\n"));
        eprintln!(
            "  help: this is a bug in itsm-assess; please report it with the command and input that caused it"
        );
    }));
    std::panic::catch_unwind(run).unwrap_or(ExitCode::from(1))
}

fn run() -> ExitCode {
    let parsed = cli::command()
        .try_get_matches()
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Usage errors go to stderr with 2.
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
        Err(e) => {
            // Help and version go to stdout with 0, unless they cannot be
            // written (a full disk): that is a failure, exit 1.
            use std::io::{IsTerminal, Write};
            let styled = e.render();
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let text = if color {
                styled.ansi().to_string()
            } else {
                styled.to_string()
            };
            let mut out = std::io::stdout().lock();
            return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    cmd::write_stderr(&format!("error: <stdout>: cannot write: {err}\n"));
                    ExitCode::from(1)
                }
                _ => ExitCode::from(e.exit_code().clamp(0, 255) as u8),
            };
        }
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            cmd::print_error(&e);
            ExitCode::from(cmd::exit_code(&e))
        }
    }
}
