//! Arguments of the commands about named steps: `done`, `start`, `reopen`, `note` and `show`.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use clap::Args;

use super::{JsonArgs, SpentArgs, WhenArgs};
use crate::completion::StepIdParser;

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// Steps you finished
    #[arg(value_name = "STEP", required = true, value_parser = StepIdParser, hide_possible_values = true)]
    pub steps: Vec<String>,

    /// A note to keep with it
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub note: Option<String>,

    #[command(flatten)]
    pub spent: SpentArgs,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The steps; if one id is wrong, nothing is recorded
    #[arg(value_name = "STEP", required = true, value_parser = StepIdParser, hide_possible_values = true)]
    pub steps: Vec<String>,

    /// A note to keep with it
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub note: Option<String>,

    #[command(flatten)]
    pub spent: SpentArgs,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The step
    #[arg(value_name = "STEP", value_parser = StepIdParser, hide_possible_values = true)]
    pub step: String,

    /// A note to keep with it: why it goes back
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub note: Option<String>,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The step
    #[arg(value_name = "STEP", value_parser = StepIdParser, hide_possible_values = true)]
    pub step: String,

    /// What to remember
    #[arg(value_name = "TEXT")]
    pub text: String,

    #[command(flatten)]
    pub spent: SpentArgs,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The step
    #[arg(value_name = "STEP", value_parser = StepIdParser, hide_possible_values = true)]
    pub step: String,

    #[command(flatten)]
    pub output: JsonArgs,
}
