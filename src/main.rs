//! `mlops-path`: parse the command line, run the command, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

use mlops_path::cli::Cli;
use mlops_path::cmd;
use mlops_path::config::Context;
use mlops_path::error::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = Context::resolve(&cli.global).and_then(|ctx| {
        let result = cmd::run(cli.command, &ctx);
        // The process ends next, and the OS reclaims its memory at once: freeing a large
        // roadmap piece by piece took longer than the command itself.
        std::mem::forget(ctx);
        result
    });
    match result {
        Ok(()) | Err(Error::ClosedPipe) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::from(u8::try_from(error.code()).unwrap_or(1))
        }
    }
}

/// `error: ...` and a hint: never a panic or a backtrace.
fn report(error: &Error) {
    eprintln!("error: {error}");
    if let Some(hint) = error.hint() {
        eprintln!("hint: {hint}");
    }
}
