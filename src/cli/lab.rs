//! Arguments of `lab` and `check`: checked labs.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::JsonArgs;

#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// List the checked labs: step id, title, level, tier, status and what each needs
    #[command(after_help = "Examples:\n  mlops-path lab list\n  mlops-path lab list --json")]
    List(JsonArgs),

    /// Write a lab's starter into ./STEP (or --dir), record the start and print the brief
    ///
    /// Refuses a directory that is not empty unless --force; even then, a file that differs
    /// from the starter is kept as it is.
    #[command(
        after_help = "Examples:\n  mlops-path lab start lab-baseline-model\n  mlops-path lab start lab-data-contract --dir ~/labs/contract"
    )]
    Start(StartArgs),

    /// Show the next hint, one at a time; each one shown is recorded as a note
    #[command(
        after_help = "Examples:\n  mlops-path lab hint\n  mlops-path lab hint lab-baseline-model"
    )]
    Hint(LabArgs),

    /// Print the solution: after a pass, or before one with --reveal (which is recorded)
    #[command(
        after_help = "Examples:\n  mlops-path lab solution\n  mlops-path lab solution lab-data-contract --reveal"
    )]
    Solution(SolutionArgs),

    /// Put the starter back, moving your changed files aside into .mlops-path/reset-<time>/
    #[command(
        after_help = "Examples:\n  mlops-path lab reset\n  mlops-path lab reset lab-fastapi-serve --dir ~/labs/serve"
    )]
    Reset(LabArgs),

    /// Remove what a lab started: containers and cluster objects that carry its label
    ///
    /// Lists them first and asks; --yes removes them without asking. Only objects labelled
    /// mlops-path.lab=LAB are touched, in the lab's own namespace; progress is kept.
    #[command(
        after_help = "Examples:\n  mlops-path lab clean\n  mlops-path lab clean lab-k8s-deploy-model --yes"
    )]
    Clean(CleanArgs),

    /// Check a lab pack: its manifest, unique check ids, scripts present, paths inside the pack
    #[command(after_help = "Examples:\n  mlops-path lab validate roadmap/labs/lab-baseline-model")]
    Validate(LabValidateArgs),
}

#[derive(Debug, Args)]
pub struct LabArgs {
    /// The lab's step id [default: the lab of the directory]
    #[arg(value_name = "STEP")]
    pub step: Option<String>,

    /// The lab directory [default: the current directory]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// The lab's step id
    #[arg(value_name = "STEP")]
    pub step: String,

    /// Where to write the starter [default: ./STEP]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Write into a directory that is not empty; changed files are still kept
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SolutionArgs {
    #[command(flatten)]
    pub lab: LabArgs,

    /// Show it before a pass; the reveal is recorded as a note
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct LabValidateArgs {
    /// The pack directory, the one holding lab.json
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub lab: LabArgs,

    /// Run the command and python checks of a pack that is not built in, this once
    #[arg(long)]
    pub trust: bool,

    /// Rerun the checks whenever a file of the lab changes, until they all pass
    /// (ignores .venv, .git and caches; does not follow symlinks)
    #[arg(long, conflicts_with = "json")]
    pub watch: bool,

    #[command(flatten)]
    pub kube: KubeContextArgs,

    #[command(flatten)]
    pub output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct KubeContextArgs {
    /// Allow this one kubectl context for kube checks, though it is not a local cluster
    #[arg(long, value_name = "NAME")]
    pub kube_context: Option<String>,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub lab: LabArgs,

    /// Remove without asking
    #[arg(long)]
    pub yes: bool,

    #[command(flatten)]
    pub kube: KubeContextArgs,
}
