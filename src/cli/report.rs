//! Arguments of `report`: the progress page.

// The `///` comments are --help text, read in a terminal: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the page to FILE, atomically; - (the default) is standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Open the page in your browser ($BROWSER, then the platform opener); without -o it is
    /// written to a new temporary file, whose path is printed
    #[arg(long)]
    pub open: bool,

    /// Leave the notes out of the log at the end of the page
    #[arg(long)]
    pub no_notes: bool,
}
