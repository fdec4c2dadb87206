//! One file per subcommand. Each only wires: load, call the domain, save, render.

mod check;
mod completions;
mod doctor;
mod export;
mod import;
mod lab;
mod lab_clean;
mod learn;
mod list;
mod log;
mod man;
mod mark;
mod merge_driver;
mod next;
mod note;
mod open;
mod overview;
mod report;
mod roadmap;
mod show;
mod status;
mod sync;
mod team;
mod undo;

use chrono::Local;

use crate::cli::{Command, GlobalArgs, WhenArgs};
use crate::config::{self, Context};
use crate::domain::at::parse_at;
use crate::error::Result;
use crate::storage::Store;
use crate::ui::Ui;

/// Runs `command`; `None` (no arguments) prints the overview.
pub fn run(command: Option<Command>, global: &GlobalArgs) -> Result<()> {
    let ctx = || Context::resolve(global);
    let Some(command) = command else {
        return overview::run(&ctx()?);
    };
    match command {
        // These describe the program itself: they work without a home or a valid roadmap.
        Command::Completions(args) => completions::run(&args, &config::ui(global)),
        Command::Man => man::run(&config::ui(global)),
        // git runs it with three file names: no data directory or roadmap is involved.
        Command::MergeDriver(args) => merge_driver::run(&args),
        Command::Roadmap(command) => roadmap::run(command, &ctx()?),
        Command::Doctor(args) => doctor::run(&args, &ctx()?),
        Command::Next(args) => next::run(&args, &ctx()?),
        Command::Done(args) => mark::done(&args, &ctx()?),
        Command::Start(args) => mark::start(&args, &ctx()?),
        Command::Skip(args) => mark::skip(&args, &ctx()?),
        Command::Reopen(args) => mark::reopen(&args, &ctx()?),
        Command::Note(args) => note::run(&args, &ctx()?),
        Command::Undo(args) => undo::run(&args, &ctx()?),
        Command::Status(args) => status::run(&args, &ctx()?),
        Command::List(args) => list::run(&args, &ctx()?),
        Command::Show(args) => show::run(&args, &ctx()?),
        Command::Log(args) => match &args.command {
            Some(crate::cli::LogCommand::Add(add)) => learn::add(add, &ctx()?),
            None => log::run(&args, &ctx()?),
        },
        Command::Open(args) => open::run(&args, &ctx()?),
        Command::Export(args) => export::run(&args, &ctx()?),
        Command::Report(args) => report::run(&args, &ctx()?),
        Command::Import(args) => import::run(&args, &ctx()?),
        Command::Lab(command) => lab::run(command, &ctx()?),
        Command::Check(args) => check::run(&args, &ctx()?),
        Command::Sync(args) => sync::run(&args, &ctx()?),
        Command::Team(command) => team::run(command, &ctx()?),
    }
}

/// When an event happened: `--at`, or now.
fn event_time(when: &WhenArgs, ctx: &Context) -> Result<chrono::DateTime<chrono::FixedOffset>> {
    match &when.at {
        Some(text) => Ok(parse_at(text, ctx.now, &Local)?),
        None => Ok(ctx.now),
    }
}

/// Tells the user why a write is taking a while.
fn waiting_notice<'a>(ui: &'a Ui, store: &'a Store) -> impl FnOnce(&std::path::Path) + 'a {
    move |lock| {
        ui.confirm(&format!(
            "Waiting for {} held by another mlops-path (giving up after {} s)...",
            lock.display(),
            store.lock_timeout().as_secs()
        ));
    }
}

/// A note of only blank space says nothing: `note` and every `-m` refuse it alike.
fn refuse_blank_note(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(crate::error::Error::Usage {
            what: "empty note".into(),
            detail: "give the text to remember, e.g. mlops-path note kubeflow \"try kind\"".into(),
        });
    }
    Ok(())
}
