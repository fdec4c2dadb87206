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
use crate::config::{self, Context, Setup};
use crate::domain::at::parse_at;
use crate::error::Result;
use crate::storage::Store;
use crate::ui::Ui;

/// Runs `command`; `None` (no arguments) prints the overview.
pub fn run(command: Option<Command>, global: &GlobalArgs) -> Result<()> {
    // These describe the program itself: they work without a home or a valid roadmap.
    let command = match command {
        Some(Command::Completions(args)) => return completions::run(&args, &config::ui(global)),
        Some(Command::Man) => return man::run(&config::ui(global)),
        // git runs it with three file names: no data directory or roadmap is involved.
        Some(Command::MergeDriver(args)) => return merge_driver::run(&args),
        // These manage roadmaps, so they must work when the chosen one is missing or broken.
        Some(Command::Roadmap(command)) => return roadmap::run(command, &Setup::resolve(global)?),
        // It examines what may be broken, the chosen roadmap included.
        Some(Command::Doctor(args)) => return doctor::run(&args, &Setup::resolve(global)?),
        other => other,
    };
    let ctx = Context::resolve(global)?;
    let result = match command {
        None => overview::run(&ctx),
        Some(command) => run_with_roadmap(command, &ctx),
    };
    // The process ends next, and the OS reclaims its memory at once: freeing a large
    // roadmap piece by piece took longer than the command itself.
    std::mem::forget(ctx);
    result
}

fn run_with_roadmap(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Next(args) => next::run(&args, ctx),
        Command::Done(args) => mark::done(&args, ctx),
        Command::Start(args) => mark::start(&args, ctx),
        Command::Skip(args) => mark::skip(&args, ctx),
        Command::Reopen(args) => mark::reopen(&args, ctx),
        Command::Note(args) => note::run(&args, ctx),
        Command::Undo(args) => undo::run(&args, ctx),
        Command::Status(args) => status::run(&args, ctx),
        Command::List(args) => list::run(&args, ctx),
        Command::Show(args) => show::run(&args, ctx),
        Command::Log(args) => match &args.command {
            Some(crate::cli::LogCommand::Add(add)) => learn::add(add, ctx),
            None => log::run(&args, ctx),
        },
        Command::Open(args) => open::run(&args, ctx),
        Command::Export(args) => export::run(&args, ctx),
        Command::Report(args) => report::run(&args, ctx),
        Command::Import(args) => import::run(&args, ctx),
        Command::Lab(command) => lab::run(command, ctx),
        Command::Check(args) => check::run(&args, ctx),
        Command::Sync(args) => sync::run(&args, ctx),
        Command::Team(command) => team::run(command, ctx),
        Command::Completions(_)
        | Command::Man
        | Command::Roadmap(_)
        | Command::Doctor(_)
        | Command::MergeDriver(_) => {
            unreachable!("handled before resolving")
        }
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
