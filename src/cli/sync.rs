//! Arguments of `sync` and `merge-driver`: one history on every machine, through git.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::JsonArgs;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,

    /// When the remote cannot be reached, warn and exit 0 (for cron jobs and shell hooks)
    #[arg(long)]
    pub best_effort: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Set up sync with a git repository: a URL, or the path of a bare repository
    ///
    /// Clones it into the data directory (sync/). An empty repository gets history.json
    /// (your history, one event per line) and a README; one with history is merged in.
    /// Keep the repository private: it holds your notes and full times.
    #[command(
        after_help = "Examples:\n  mlops-path sync init git@github.com:me/mlops-history.git\n  mlops-path sync init ~/backup/history.git"
    )]
    Init(SyncInitArgs),

    /// Show the remote, the branch, the last sync and the events not yet pushed (no network)
    #[command(after_help = "Examples:\n  mlops-path sync status\n  mlops-path sync status --json")]
    Status(JsonArgs),
}

#[derive(Debug, Args)]
pub struct SyncInitArgs {
    /// The repository: a git URL (ssh, https, file) or a path
    #[arg(value_name = "REMOTE")]
    pub remote: String,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (%O); ignored, and may be empty
    #[arg(value_name = "BASE")]
    pub base: PathBuf,

    /// This side (%A); the union is written over it
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,

    /// The other side (%B)
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
}
