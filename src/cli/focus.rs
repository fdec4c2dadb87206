//! Arguments of the commands that can work on one section: `next`, `list` and `skip`.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use clap::Args;

use super::{JsonArgs, WhenArgs, at_least_one};
use crate::completion::StepIdParser;

#[derive(Debug, Args)]
pub struct NextArgs {
    /// How many steps to show [default: 3, or all that fit with --minutes]
    #[arg(short = 'n', long = "count", value_name = "N", value_parser = at_least_one)]
    pub count: Option<usize>,

    /// Only steps that fit in this many minutes, by their estimates, in roadmap order
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..))]
    pub minutes: Option<u32>,

    /// Only steps of this section (its id or a unique beginning)
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this section (its id or a unique beginning)
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct SkipArgs {
    /// The steps; if one id is wrong, nothing is recorded
    #[arg(
        value_name = "STEP",
        value_parser = StepIdParser,
        hide_possible_values = true,
        required_unless_present = "section",
        conflicts_with = "section"
    )]
    pub steps: Vec<String>,

    /// Skip every step of this section that is not yet done or skipped
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    /// A note to keep with it
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub note: Option<String>,

    #[command(flatten)]
    pub spent: super::SpentArgs,

    #[command(flatten)]
    pub when: WhenArgs,
}
