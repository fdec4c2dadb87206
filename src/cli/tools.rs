//! Arguments of the commands that connect `mlops-path` to other tools: the browser, files
//! of other machines, shells and `man`.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use clap_complete::Shell;

use crate::completion::StepIdParser;

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The step
    #[arg(value_name = "STEP", value_parser = StepIdParser, hide_possible_values = true)]
    pub step: String,

    /// Only print the link: no browser, and the status stays as it is
    #[arg(long)]
    pub print: bool,

    /// Leave the step's status as it is
    #[arg(long)]
    pub no_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The full state plus the derived status, for other tools and backups
    Json,
    /// One row per step: section, id, title, status, first started, done at, verified, notes
    /// count, minutes spent
    Csv,
    /// A shareable Markdown checklist with dates and notes
    Md,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,

    /// Write to FILE, atomically, instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An export JSON or a state.json; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}
