//! The command line. The `///` comments here are the `--help` text.

// They are read as plain text in a terminal, not as Markdown: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod focus;
mod journal;
mod lab;
mod report;
mod roadmap;
mod steps;
mod sync;
mod team;
mod tools;
pub use focus::{ListArgs, NextArgs, SkipArgs};
pub use journal::{LogAddArgs, LogArgs, LogCommand, LogFormat, SpentArgs, UndoArgs};
pub use lab::{
    CheckArgs, CleanArgs, KubeContextArgs, LabArgs, LabCommand, LabValidateArgs, SolutionArgs,
    StartArgs,
};
pub use report::ReportArgs;
pub use roadmap::{
    InstallArgs, RemoveArgs, RoadmapCommand, RoadmapImportArgs, UseArgs, ValidateArgs,
};
pub use steps::{DoneArgs, MarkArgs, NoteArgs, ReopenArgs, ShowArgs};
pub use sync::{MergeDriverArgs, SyncArgs, SyncCommand, SyncInitArgs};
pub use team::{
    TeamCommand, TeamFormat, TeamInitArgs, TeamJoinArgs, TeamLeaveArgs, TeamPublishArgs,
    TeamStatusArgs,
};
pub use tools::{CompletionsArgs, ExportArgs, ExportFormat, ImportArgs, OpenArgs};

/// The daily loop, shown after `--help` and by `mlops-path` alone.
pub const AFTER_HELP: &str = "\
The daily loop:
  mlops-path next              what to learn now
  mlops-path start kubeflow    say you are on it
  mlops-path done kubeflow     record that you finished it
  mlops-path status            see how far you have come

A STEP is a step id, or any unique beginning of one (`mlops-path list` shows them).";

/// Track your way from DevOps to MLOps, one step a day.
///
/// mlops-path walks you through a curated MLOps roadmap: it tells you what to learn next,
/// records what you finished, and shows how far you have come. Progress is a local JSON
/// file of timestamped events.
#[derive(Debug, Parser)]
#[command(name = "mlops-path", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub global: GlobalArgs,

    /// None: `mlops-path` alone prints an overview instead of a usage error.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where progress is kept [default: the platform data directory, e.g. ~/.local/share/mlops-path]
    #[arg(long, global = true, value_name = "DIR", env = "MLOPS_PATH_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Roadmap to follow: a built-in or installed id, or a path to a roadmap JSON file [default: the one roadmap use chose, else mlops]
    #[arg(
        long,
        global = true,
        value_name = "ROADMAP",
        env = "MLOPS_PATH_ROADMAP"
    )]
    pub roadmap: Option<String>,

    /// When to colour the output; auto honours NO_COLOR, CLICOLOR_FORCE and whether stdout is a terminal
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
    #[command(
        after_help = "Examples:\n  mlops-path next\n  mlops-path next --minutes 30\n  mlops-path next --section serving --json"
    )]
    Next(NextArgs),

    /// Record that you finished one or more steps
    #[command(
        after_help = "Examples:\n  mlops-path done what-is-mlops --spent 25m\n  mlops-path done kubeflow -m \"ran the tutorial\" --spent 1h30m\n  mlops-path done mlflow --at 2026-03-01"
    )]
    Done(DoneArgs),

    /// Record that you started one or more steps: they become in progress
    #[command(
        after_help = "Examples:\n  mlops-path start kubeflow\n  mlops-path start mlflow -m \"tracking server up locally\"\n  mlops-path start mlflow kubeflow"
    )]
    Start(MarkArgs),

    /// Skip steps or a whole section you already know or do not need: they count as settled
    #[command(
        after_help = "Examples:\n  mlops-path skip how-ml-works -m \"did a course on this last year\"\n  mlops-path skip what-is-mlops mlops-vs-devops\n  mlops-path skip --section devops-role -m \"ran CI/CD for a data team\""
    )]
    Skip(SkipArgs),

    /// Put a done, skipped or started step back to pending
    #[command(
        after_help = "Examples:\n  mlops-path reopen kubeflow\n  mlops-path reopen mlflow -m \"forgot the model registry\""
    )]
    Reopen(ReopenArgs),

    /// Add a timestamped note to a step without changing its status
    #[command(
        after_help = "Examples:\n  mlops-path note kubeflow \"pipelines need a cluster; try kind\""
    )]
    Note(NoteArgs),

    /// Take back the last change of this roadmap: every event the last command recorded
    #[command(after_help = "Examples:\n  mlops-path undo --dry-run\n  mlops-path undo")]
    Undo(UndoArgs),

    /// Show progress per section, the next step, your streak, pace and finish date
    #[command(after_help = "Examples:\n  mlops-path status\n  mlops-path status --json")]
    Status(JsonArgs),

    /// List the whole roadmap with a mark for each step: [x] done, [~] in progress, [-] skipped, [ ] pending
    #[command(
        after_help = "Examples:\n  mlops-path list\n  mlops-path list --section tracking\n  mlops-path list --json"
    )]
    List(ListArgs),

    /// Show everything about one step: details, status and history
    #[command(after_help = "Examples:\n  mlops-path show kubeflow\n  mlops-path show kube --json")]
    Show(ShowArgs),

    /// Show your learning log day by day, a recap to paste, or an activity calendar; add to it
    #[command(
        args_conflicts_with_subcommands = true,
        disable_help_subcommand = true,
        after_help = "Examples:\n  mlops-path log --since 1w --format md\n  mlops-path log --calendar\n  mlops-path log add \"watched a talk on drift\" --spent 45m"
    )]
    Log(LogArgs),

    /// Open a step's link in your browser and mark a pending step in progress
    ///
    /// Tries $BROWSER first (a colon-separated list of commands; %s stands for the link),
    /// then the platform opener (xdg-open, or open on macOS). Only http and https links
    /// are opened. The link is always printed, so it can be copied when no browser is around.
    #[command(
        after_help = "Examples:\n  mlops-path open kubeflow\n  mlops-path open mlflow --print --no-start"
    )]
    Open(OpenArgs),

    /// Write your progress as JSON (for tools and backups), CSV or a Markdown checklist
    #[command(
        after_help = "Examples:\n  mlops-path export -o mlops-path.json\n  mlops-path export --format md -o progress.md\n  mlops-path export --format csv > progress.csv"
    )]
    Export(ExportArgs),

    /// Write your progress as one self-contained HTML page to share
    ///
    /// The page holds the map of the roadmap, your streak, pace and ETA, the activity calendar,
    /// a chart of settled steps and the last 14 days. It stands alone (inline style and
    /// pictures, no scripts, nothing fetched), so it can be attached anywhere and opened in
    /// any browser.
    #[command(
        after_help = "Examples:\n  mlops-path report -o progress.html\n  mlops-path report --open\n  mlops-path report --no-notes > progress.html"
    )]
    Report(ReportArgs),

    /// Merge the history of another machine: a mlops-path export JSON or a state.json
    ///
    /// Keeps the union of both histories: an event recorded on both sides counts once, new
    /// events are placed by time among yours. Prints how many events were new.
    #[command(
        after_help = "Examples:\n  mlops-path import laptop.json\n  ssh laptop mlops-path export | mlops-path import -"
    )]
    Import(ImportArgs),

    /// Print the completion script for a shell
    ///
    /// The script completes commands and options; in bash, zsh and fish also the step ids of
    /// the built-in roadmap.
    #[command(
        after_help = "Examples:\n  mlops-path completions bash > ~/.local/share/bash-completion/completions/mlops-path\n  mlops-path completions zsh > ~/.zfunc/_mlops-path\n  mlops-path completions fish > ~/.config/fish/completions/mlops-path.fish"
    )]
    Completions(CompletionsArgs),

    /// Print the man page, which covers every command
    #[command(
        after_help = "Examples:\n  mlops-path man > ~/.local/share/man/man1/mlops-path.1\n  mlops-path man | man -l -"
    )]
    Man,
    /// Check the data directory, the state file, its backup, the lock and leftover files
    ///
    /// Prints one line per check (ok, warning or problem) and what to do. Exits 0 when there
    /// is no problem, 1 otherwise. Checking changes nothing.
    #[command(
        after_help = "Examples:\n  mlops-path doctor\n  mlops-path doctor --json\n  mlops-path doctor --restore-backup"
    )]
    Doctor(DoctorArgs),

    /// Manage roadmaps: list, install, remove, validate, import a Markdown list, print the schema
    #[command(
        subcommand,
        after_help = "Examples:\n  mlops-path roadmap import awesome-list.md --install\n  mlops-path roadmap list\n  mlops-path --roadmap awesome-list next"
    )]
    Roadmap(RoadmapCommand),

    /// Checked labs: list, start, hint, solution, reset, validate a pack
    #[command(
        subcommand,
        after_help = "Examples:\n  mlops-path lab list\n  mlops-path lab start lab-baseline-model\n  mlops-path lab hint"
    )]
    Lab(LabCommand),

    /// Run a lab's checks; when all pass, record the step done, verified
    ///
    /// Inside a lab directory no STEP is needed. Prints one line per check and, for the
    /// first failure, its message and hint. Exits 0 when every required check passes, 1 when
    /// one fails, 2 when one could not be run (Python missing, a timeout, untrusted checks).
    #[command(
        after_help = "Examples:\n  mlops-path check\n  mlops-path check --watch\n  mlops-path check lab-data-contract --dir ~/labs/contract"
    )]
    Check(CheckArgs),

    /// Sync your history with a git repository you own: fetch, merge, push
    ///
    /// Runs your git (SSH keys, credential helpers, proxies work as for git). Prints how many
    /// events were sent and received and the steps whose status changed. Offline, it exits 1
    /// and changes nothing. No other command ever uses the network.
    #[command(after_help = "Examples:
  mlops-path sync init git@github.com:me/mlops-history.git
  mlops-path sync
  mlops-path sync --best-effort")]
    Sync(SyncArgs),

    /// Merge two state.json files for git (a merge driver): the union of both histories
    ///
    /// For a state.json kept in a dotfiles repository; see the README for the two lines of
    /// git configuration. Exits 1, leaving %A untouched, when a side cannot be read.
    #[command(after_help = "Examples:
  mlops-path merge-driver base.json ours.json theirs.json")]
    MergeDriver(MergeDriverArgs),

    /// A team's progress in one table, through a shared git repository: init, join, publish, status, leave
    #[command(
        subcommand,
        after_help = "Examples:\n  mlops-path team join git@github.com:acme/mlops-team.git --as alice\n  mlops-path team publish\n  mlops-path team status"
    )]
    Team(TeamCommand),
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
pub struct WhenArgs {
    /// When it happened, not after now: today, yesterday, HH:MM (today), yesterday HH:MM, YYYY-MM-DD (noon local time, or now while today's noon is ahead) or an RFC 3339 timestamp [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

/// A count of 0 would print "nothing is ready", which is not true; refuse it instead.
pub(crate) fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    /// Every command, however deep, ends its help with 1 to 3 examples.
    #[test]
    fn every_subcommand_ends_its_help_with_examples() {
        use clap::CommandFactory;
        fn check(command: &clap::Command, path: &str) {
            for sub in command.get_subcommands() {
                let path = format!("{path} {}", sub.get_name());
                let after = sub
                    .get_after_help()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let examples: Vec<&str> = after
                    .strip_prefix("Examples:\n")
                    .unwrap_or_else(|| panic!("{path}: after_help does not start with Examples:"))
                    .lines()
                    .collect();
                assert!((1..=3).contains(&examples.len()), "{path}: {examples:?}");
                for line in examples {
                    let command = line.strip_prefix("  ").unwrap_or_default();
                    assert!(command.contains("mlops-path "), "{path}: {line:?}");
                }
                check(sub, &path);
            }
        }
        check(&Cli::command(), "mlops-path");
    }
}
