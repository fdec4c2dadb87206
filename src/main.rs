//! `mlops-path`: parse the command line, run the command, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

use mlops_path::cli::Cli;
use mlops_path::cmd;
use mlops_path::config::{self, Invocation};
use mlops_path::error::Error;
use mlops_path::render::visible_lines;
use mlops_path::ui::message_line;

fn main() -> ExitCode {
    if let Err(error) = config::check_variables() {
        report(&error, &Invocation::default());
        return ExitCode::from(u8::try_from(error.code()).unwrap_or(1));
    }
    let cli = Cli::parse();
    let result = cmd::run(cli.command, &cli.global);
    match result {
        Ok(()) | Err(Error::ClosedPipe) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error, &Invocation::of(&cli.global));
            ExitCode::from(u8::try_from(error.code()).unwrap_or(1))
        }
    }
}

/// `error: ...` and a hint: never a panic or a backtrace.
fn report(error: &Error, invocation: &Invocation) {
    message_line(&visible_lines(&format!("error: {error}")));
    if let Some(hint) = error.hint(invocation) {
        message_line(&visible_lines(&format!("hint: {hint}")));
    }
}
