//! The command line. The `///` comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
The daily loop:
  mlops-path next              what to learn now
  mlops-path start kubeflow    say you are on it
  mlops-path done kubeflow     record that you finished it
  mlops-path status            see how far you have come

A STEP is a step id, or any unique beginning of one (`mlops-path list` shows them).";

/// Track your way from `DevOps` to `MLOps`, one step a day.
///
/// `mlops-path` walks you through a curated `MLOps` roadmap: it tells you what to learn next,
/// records what you finished, and shows how far you have come. Progress is a local JSON
/// file of timestamped events.
#[derive(Debug, Parser)]
#[command(name = "mlops-path", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where progress is kept [default: the platform data directory, e.g. ~/.local/share/mlops-path]
    #[arg(long, global = true, value_name = "DIR", env = "MLOPS_PATH_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Roadmap to follow: a built-in id or a path to a roadmap JSON file [default: mlops]
    #[arg(
        long,
        global = true,
        value_name = "ROADMAP",
        env = "MLOPS_PATH_ROADMAP"
    )]
    pub roadmap: Option<String>,

    /// When to colour the output; `auto` honours `NO_COLOR`, `CLICOLOR_FORCE` and whether stdout is a terminal
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print no confirmations (errors, warnings and requested output still appear)
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what to learn now: steps in progress, then the next ready ones
    #[command(after_help = "Examples:\n  mlops-path next\n  mlops-path next -n 1 --json")]
    Next(NextArgs),

    /// Record that you finished one or more steps
    #[command(
        after_help = "Examples:\n  mlops-path done what-is-mlops\n  mlops-path done kubeflow -m \"ran the pipelines tutorial\"\n  mlops-path done mlflow --at 2026-03-01"
    )]
    Done(DoneArgs),

    /// Record that you started a step: it becomes in progress
    #[command(
        after_help = "Examples:\n  mlops-path start kubeflow\n  mlops-path start mlflow -m \"tracking server up locally\""
    )]
    Start(MarkArgs),

    /// Skip a step you already know or do not need: it counts as settled
    #[command(
        after_help = "Examples:\n  mlops-path skip how-ml-works -m \"did a course on this last year\""
    )]
    Skip(MarkArgs),

    /// Put a done, skipped or started step back to pending
    #[command(after_help = "Examples:\n  mlops-path reopen kubeflow")]
    Reopen(ReopenArgs),

    /// Add a timestamped note to a step without changing its status
    #[command(
        after_help = "Examples:\n  mlops-path note kubeflow \"pipelines need a cluster; try kind\""
    )]
    Note(NoteArgs),

    /// Remove the most recently recorded event of this roadmap
    #[command(after_help = "Examples:\n  mlops-path undo")]
    Undo,

    /// Show progress per section, the overall total and the next step
    #[command(after_help = "Examples:\n  mlops-path status\n  mlops-path status --json")]
    Status(JsonArgs),

    /// List the whole roadmap with a mark for each step: [x] done, [~] in progress, [-] skipped, [ ] pending
    #[command(after_help = "Examples:\n  mlops-path list\n  mlops-path list --json")]
    List(JsonArgs),

    /// Show everything about one step: details, status and history
    #[command(after_help = "Examples:\n  mlops-path show kubeflow\n  mlops-path show kube --json")]
    Show(ShowArgs),

    /// Show your learning log, day by day, oldest first
    #[command(after_help = "Examples:\n  mlops-path log\n  mlops-path log --days 30 --json")]
    Log(LogArgs),

    /// Check the data directory, the state file, its backup, the lock and leftover files
    ///
    /// Prints one line per check (ok, warning or problem) and what to do. Exits 0 when there
    /// is no problem, 1 otherwise. Checking changes nothing.
    #[command(
        after_help = "Examples:\n  mlops-path doctor\n  mlops-path doctor --json\n  mlops-path doctor --restore-backup"
    )]
    Doctor(DoctorArgs),
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Move a broken state.json aside as state.json.broken-<timestamp> (nothing is deleted) and put state.json.bak in its place
    #[arg(long)]
    pub restore_backup: bool,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Print JSON for scripts instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    /// How many steps to show
    #[arg(short = 'n', long = "count", value_name = "N", default_value_t = 3)]
    pub count: usize,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct WhenArgs {
    /// When it happened: YYYY-MM-DD (noon local time) or an RFC 3339 timestamp [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// Steps you finished
    #[arg(value_name = "STEP", required = true)]
    pub steps: Vec<String>,

    /// A note to keep with it
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub note: Option<String>,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The step
    #[arg(value_name = "STEP")]
    pub step: String,

    /// A note to keep with it
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub note: Option<String>,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The step
    #[arg(value_name = "STEP")]
    pub step: String,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The step
    #[arg(value_name = "STEP")]
    pub step: String,

    /// What to remember
    #[arg(value_name = "TEXT")]
    pub text: String,

    #[command(flatten)]
    pub when: WhenArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The step
    #[arg(value_name = "STEP")]
    pub step: String,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many days back, today included
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..))]
    pub days: u32,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
