//! `man`: print the man page.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;
use crate::render;
use crate::ui::Ui;

pub fn run(ui: &Ui) -> Result<()> {
    ui.data(&render::man::page(&Cli::command()))
}
