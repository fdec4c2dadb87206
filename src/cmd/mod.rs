//! One file per subcommand. Each only wires: load, call the domain, save, render.

mod doctor;
mod list;
mod log;
mod mark;
mod next;
mod note;
mod show;
mod status;
mod undo;

use chrono::Local;

use crate::cli::{Command, WhenArgs};
use crate::config::Context;
use crate::domain::when::parse_at;
use crate::error::Result;

pub fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Next(args) => next::run(&args, ctx),
        Command::Done(args) => mark::done(&args, ctx),
        Command::Start(args) => mark::start(&args, ctx),
        Command::Skip(args) => mark::skip(&args, ctx),
        Command::Reopen(args) => mark::reopen(&args, ctx),
        Command::Note(args) => note::run(&args, ctx),
        Command::Undo => undo::run(ctx),
        Command::Status(args) => status::run(&args, ctx),
        Command::List(args) => list::run(&args, ctx),
        Command::Show(args) => show::run(&args, ctx),
        Command::Log(args) => log::run(&args, ctx),
        Command::Doctor(args) => doctor::run(&args, ctx),
    }
}

/// When an event happened: `--at`, or now.
fn event_time(when: &WhenArgs, ctx: &Context) -> Result<chrono::DateTime<chrono::FixedOffset>> {
    match &when.at {
        Some(text) => parse_at(text, &Local),
        None => Ok(ctx.now),
    }
}

/// Tells the user why a write is taking a while.
fn waiting_notice(ctx: &Context) -> impl FnOnce(&std::path::Path) + '_ {
    move |lock| {
        ctx.ui.confirm(&format!(
            "Waiting for {} held by another mlops-path (giving up after {} s)...",
            lock.display(),
            ctx.store.lock_timeout().as_secs()
        ));
    }
}
