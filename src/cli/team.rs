//! Arguments of `team`: one table of a team's progress, through a shared git repository.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Start a team in an empty repository (for its lead, who publishes nothing)
    ///
    /// Commits team.json (title, roadmap, stale_after_days) and a README; an installed or
    /// file roadmap is pinned into the repository, so every member reads the same steps.
    #[command(
        after_help = "Examples:\n  mlops-path team init git@github.com:acme/mlops-team.git --title \"MLOps onboarding\"\n  mlops-path team init ~/teams/onboarding.git --title Onboarding --roadmap mlops"
    )]
    Init(TeamInitArgs),

    /// Join a team: shows exactly what will be shared, asks, then publishes
    ///
    /// Your file holds the team roadmap's events only, without notes, dated to the day.
    #[command(
        after_help = "Examples:\n  mlops-path team join git@github.com:acme/mlops-team.git --as alice\n  mlops-path team join ~/teams/onboarding.git --as alice --yes"
    )]
    Join(TeamJoinArgs),

    /// Publish your progress to the team; nothing is committed when nothing changed
    #[command(
        after_help = "Examples:\n  mlops-path team publish\n  mlops-path team publish --dry-run"
    )]
    Publish(TeamPublishArgs),

    /// Fetch and show a row per member: percent per section, doing, streaks, published
    #[command(
        after_help = "Examples:\n  mlops-path team status\n  mlops-path team status --format md > TEAM.md\n  mlops-path team status --format html -o team.html"
    )]
    Status(TeamStatusArgs),

    /// Stop publishing; --remove also deletes your file from the tip (git history keeps it)
    #[command(after_help = "Examples:\n  mlops-path team leave\n  mlops-path team leave --remove")]
    Leave(TeamLeaveArgs),
}

#[derive(Debug, Args)]
pub struct TeamInitArgs {
    /// The team repository: a git URL or the path of a bare repository, empty
    #[arg(value_name = "REMOTE")]
    pub remote: String,

    /// The team's name, shown above the table
    #[arg(long, value_name = "TITLE")]
    pub title: String,

    /// Days without a publish after which a member is shown as stale
    #[arg(long, value_name = "DAYS", default_value_t = 14)]
    pub stale_after_days: u32,
}

#[derive(Debug, Args)]
pub struct TeamJoinArgs {
    /// The team repository: a git URL or a path
    #[arg(value_name = "REMOTE")]
    pub remote: String,

    /// Your handle in the team: lower-case letters, digits, - and _
    #[arg(long = "as", value_name = "HANDLE")]
    pub handle: String,

    /// Share without asking (for scripts)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct TeamPublishArgs {
    /// Print the file that would be published, and whether it changed; commit nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Share the text of your notes too, this once
    #[arg(long)]
    pub with_notes: bool,
}

#[derive(Debug, Args)]
pub struct TeamStatusArgs {
    /// Print JSON for scripts instead of text
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// md for a TEAM.md, csv for a spreadsheet, html for a page with a bar per section
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<TeamFormat>,

    /// Write the table to FILE, atomically; - (the default) is standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Use the last fetch; do not contact the repository
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TeamFormat {
    Text,
    Md,
    Csv,
    Html,
}

#[derive(Debug, Args)]
pub struct TeamLeaveArgs {
    /// Also commit the removal of your member file; earlier versions stay in git history
    #[arg(long)]
    pub remove: bool,
}
