//! `mlops-path`: parse the command line, run the command, turn the outcome into an exit code.

mod catalog;
mod cli;
mod cmd;
mod config;
mod domain;
mod error;
mod render;
mod storage;
mod ui;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::config::Context;
use crate::error::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = Context::resolve(&cli.global).and_then(|ctx| cmd::run(cli.command, &ctx));
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
