//! Arguments of the learner's own log: `undo`, `--spent`, and `log add`.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use clap::{Args, Subcommand};

use super::WhenArgs;
use crate::domain::spent::{Minutes, parse_spent};

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// List what undo would take back, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Default, Args)]
pub struct SpentArgs {
    /// Time you actually spent: 40m, 1h30m, 2h, or a number of minutes (90); at most 24h
    #[arg(long, value_name = "DURATION", value_parser = spent, allow_hyphen_values = true)]
    pub spent: Option<Minutes>,
}

fn spent(text: &str) -> Result<Minutes, String> {
    parse_spent(text)
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Record learning that is no roadmap step: a talk, a chapter, a colleague's walkthrough
    ///
    /// It counts as a learning day for the streak, the calendar and the recap, and never
    /// changes progress, next or the ETA. undo takes it back.
    #[command(
        after_help = "Examples:\n  mlops-path log add \"watched a talk on feature stores\" --spent 45m\n  mlops-path log add \"pairing on the model registry\" --at yesterday\n  mlops-path log add \"read the Feast docs\" --link https://docs.feast.dev"
    )]
    Add(LogAddArgs),
}

#[derive(Debug, Args)]
pub struct LogAddArgs {
    /// What you learned
    #[arg(value_name = "TEXT")]
    pub text: String,

    #[command(flatten)]
    pub spent: SpentArgs,

    /// Where it is: an http or https address
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,

    #[command(flatten)]
    pub when: WhenArgs,
}
