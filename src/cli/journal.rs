//! Arguments of the learner's own log: `log`, `log add`, `undo` and `--spent`.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use clap::{Args, Subcommand, ValueEnum};

use super::{JsonArgs, WhenArgs};
use crate::domain::spent::{Minutes, parse_spent};
use crate::domain::when::DayWord;

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

#[derive(Debug, Args)]
pub struct LogArgs {
    /// add: record learning that is no roadmap step
    #[command(subcommand)]
    pub command: Option<LogCommand>,

    /// How many days to show, ending today (or with --until)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 7,
        value_parser = clap::value_parser!(u32).range(1..),
        conflicts_with = "since"
    )]
    pub days: u32,

    /// First day to show: YYYY-MM-DD, today, yesterday, Nd or Nw (N days or weeks back)
    #[arg(long, value_name = "DATE")]
    pub since: Option<DayWord>,

    /// Last day to show, in the same forms as --since [default: today]
    #[arg(long, value_name = "DATE")]
    pub until: Option<DayWord>,

    /// md prints a Markdown recap to paste into a standup or a learning journal
    #[arg(long, value_enum, default_value_t = LogFormat::Text, value_name = "FORMAT", conflicts_with = "json")]
    pub format: LogFormat,

    /// Show a heatmap of learning events per day instead: a column per week, a row per weekday
    #[arg(long, conflicts_with_all = ["days", "since", "until", "format", "json"])]
    pub calendar: bool,

    /// How many weeks the calendar covers, ending with this week (1 to 520)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 26,
        value_parser = clap::value_parser!(u32).range(1..=520),
        requires = "calendar"
    )]
    pub weeks: u32,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Md,
}
