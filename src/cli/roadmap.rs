//! Arguments of the `roadmap` commands: list, install, remove, validate, schema, import.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::JsonArgs;

#[derive(Debug, Subcommand)]
pub enum RoadmapCommand {
    /// List the built-in and installed roadmaps with their step counts and your progress
    #[command(
        after_help = "Examples:\n  mlops-path roadmap list\n  mlops-path roadmap list --json"
    )]
    List(JsonArgs),

    /// Validate a roadmap file, then copy it into the data directory under its id
    #[command(
        after_help = "Examples:\n  mlops-path roadmap install team-onboarding.json\n  mlops-path roadmap install team-onboarding.json --force\n  mlops-path roadmap install team-labs.json --trust-checks"
    )]
    Install(InstallArgs),

    /// Follow a roadmap by default, without --roadmap on every command; --roadmap and MLOPS_PATH_ROADMAP still win
    #[command(
        after_help = "Examples:\n  mlops-path roadmap use team-onboarding\n  mlops-path roadmap use --default"
    )]
    Use(UseArgs),

    /// Remove an installed roadmap; the progress recorded on it stays in the state
    #[command(after_help = "Examples:\n  mlops-path roadmap remove team-onboarding")]
    Remove(RemoveArgs),

    /// Check a roadmap file and report every problem: exit 0 when valid, 1 when not
    #[command(
        after_help = "Examples:\n  mlops-path roadmap validate my-roadmap.json\n  mlops-path roadmap validate my-roadmap.json --json"
    )]
    Validate(ValidateArgs),

    /// Print the JSON Schema (draft 2020-12) of the roadmap format, for editors
    #[command(after_help = "Examples:\n  mlops-path roadmap schema > roadmap.schema.json")]
    Schema,

    /// Turn a curated Markdown list into a roadmap: headings become sections, linked list items steps
    #[command(
        after_help = "Examples:\n  mlops-path roadmap import README.md -o awesome-mlops.json\n  mlops-path roadmap import README.md --id awesome-mlops --install\n  mlops-path roadmap import README.md --base-url https://github.com/OWNER/REPO/blob/main/"
    )]
    Import(RoadmapImportArgs),
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// The roadmap JSON file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Replace an installed roadmap with the same id that differs
    #[arg(long)]
    pub force: bool,

    /// Trust the command and python checks of the roadmap's lab packs, after listing what
    /// they run; without it they need `check --trust` each time
    #[arg(long)]
    pub trust_checks: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct UseArgs {
    /// The id of a built-in or installed roadmap
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// Go back to the built-in default roadmap
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The id of an installed roadmap
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The roadmap JSON file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct RoadmapImportArgs {
    /// The Markdown file
    #[arg(value_name = "FILE.md")]
    pub file: PathBuf,

    /// The roadmap's id [default: from the file name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The roadmap's title [default: the first top-level heading]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Write the roadmap to this file; if it holds an earlier import, its ids are kept [default: stdout]
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT.json",
        conflicts_with = "install"
    )]
    pub output: Option<PathBuf>,

    /// The web address relative links start from, read as a folder (for example the repository's page)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Install the roadmap instead of printing it; an installed earlier import keeps its ids
    #[arg(long)]
    pub install: bool,

    /// With --install: replace an installed roadmap with the same id that differs
    #[arg(long, requires = "install")]
    pub force: bool,
}
