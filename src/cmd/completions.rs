//! `completions SHELL`: print the completion script, with step ids where the shell allows.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::completion;
use crate::error::Result;
use crate::ui::Ui;

pub fn run(args: &CompletionsArgs, ui: &Ui) -> Result<()> {
    ui.data(&completion::script(args.shell, &mut Cli::command()))
}
