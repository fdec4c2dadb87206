//! `team init|join|publish|status|leave`: wiring between the team clone, the state, the
//! pure team table and its renderers.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use crate::catalog;
use crate::cli::{TeamCommand, TeamFormat, TeamStatusArgs};
use crate::config::Context;
use crate::domain::roadmap::Roadmap;
use crate::domain::roadmap_json::read_roadmap;
use crate::domain::team::{self, TeamConfig, table};
use crate::error::{Error, Result};
use crate::render;
use crate::storage;
use crate::sync::SyncError;
use crate::sync::team as clone;

pub fn run(command: TeamCommand, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let today = ctx.now.date_naive();
    match command {
        TeamCommand::Init(args) => {
            let mut config = TeamConfig::new(&args.title, roadmap.id());
            config.stale_after_days = args.stale_after_days;
            // A roadmap only this machine has is pinned, so every member counts the same steps.
            let pinned = if Roadmap::built_in(roadmap.id()).is_some() {
                None
            } else {
                config.roadmap_file = Some(format!("roadmaps/{}.json", roadmap.id()));
                let mut bytes =
                    serde_json::to_vec_pretty(roadmap.file()).expect("roadmaps serialize");
                bytes.push(b'\n');
                Some(bytes)
            };
            let team = clone::init(&ctx.store, &args.remote, &config, pinned, today)?;
            ctx.ui.confirm(&format!(
                // Members run it on their own machines: this machine's --data-dir is not theirs.
                "Team {:?} started on roadmap {}. Members join with: mlops-path team join {} --as HANDLE",
                config.title,
                roadmap.id(),
                team.url
            ));
            Ok(())
        }
        TeamCommand::Join(args) => {
            let joining = clone::begin_join(&ctx.store, &args.remote, &args.handle)?;
            let bytes = member_file(ctx, &joining.config.roadmap, false)?;
            ctx.ui.confirm(&format!(
                "Joining {:?} as {} shares this file with everyone who can read {}, now and at every publish:",
                joining.config.title, args.handle, args.remote
            ));
            ctx.ui
                .data(&render::visible_lines(&String::from_utf8_lossy(&bytes)))?;
            if !args.yes && !agreed()? {
                ctx.ui.confirm("Not joined; nothing was shared.");
                return Ok(());
            }
            let team = joining.finish(&ctx.store)?;
            team.publish(bytes, today)?;
            ctx.ui.confirm(&format!(
                "Joined as {}. `{} team publish` shares new progress; `{} team status` shows the team.",
                args.handle, ctx.invocation, ctx.invocation
            ));
            Ok(())
        }
        TeamCommand::Publish(args) => {
            let team = clone::open(&ctx.store)?;
            let config = team.config()?;
            let bytes = member_file(ctx, &config.roadmap, args.with_notes)?;
            if args.dry_run {
                let unchanged = team.published()? == Some(bytes.clone());
                ctx.ui
                    .data(&render::visible_lines(&String::from_utf8_lossy(&bytes)))?;
                ctx.ui.confirm(if unchanged {
                    "Dry run: the team already has exactly this; nothing would be committed."
                } else {
                    "Dry run: this would be published; nothing was committed."
                });
            } else if team.publish(bytes, today)? {
                ctx.ui.confirm("Published your progress to the team.");
            } else {
                ctx.ui.confirm("Nothing new to publish.");
            }
            Ok(())
        }
        TeamCommand::Status(args) => status(&args, ctx),
        TeamCommand::Leave(args) => {
            let team = clone::open(&ctx.store)?;
            let removed = team.leave(args.remove, today)?;
            ctx.ui.confirm(if removed {
                "Left the team and removed your file from its tip. Git history still holds every version pushed; removing those needs the lead to rewrite history (git filter-repo) and every clone to be made again."
            } else {
                "Left the team: nothing more is published. Your file stays at the tip until `team leave --remove`, and in git history for good."
            });
            Ok(())
        }
    }
}

fn status(args: &TeamStatusArgs, ctx: &Context) -> Result<()> {
    let team = clone::open(&ctx.store)?;
    let snapshot = team.snapshot(args.offline)?;
    if let Some(reason) = snapshot.offline.as_deref().filter(|_| !args.offline) {
        ctx.ui.warn(&format!(
            "cannot reach the team repository ({reason}); showing the last fetch"
        ));
    }
    let roadmap = match &snapshot.pinned_roadmap {
        Some(text) => Roadmap::new(read_roadmap(text).map_err(|problems| {
            catalog::invalid(Path::new("roadmaps (pinned by the team)"), &problems)
        })?),
        None => catalog::load(Some(&snapshot.config.roadmap), ctx.store.dir())?,
    };
    let table = table::build(
        &snapshot.config,
        &roadmap,
        snapshot.files,
        ctx.now.date_naive(),
    );
    let out = if args.json {
        crate::ui::json_text(&render::team::json(&table))
    } else {
        match args.format.unwrap_or(TeamFormat::Text) {
            TeamFormat::Text => render::team::text(&table),
            TeamFormat::Md => render::team::markdown(&table),
            TeamFormat::Csv => render::team::csv(&table),
            TeamFormat::Html => render::report::team::html(&table, ctx.now),
        }
    };
    match args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"))
    {
        None => ctx.ui.data(&out),
        Some(path) => {
            ctx.store.write_output(path, out.as_bytes())?;
            ctx.ui.confirm(&format!(
                "Wrote the team table of {} to {}.",
                render::count_of(table.members.len(), "member"),
                path.display()
            ));
            Ok(())
        }
    }
}

/// The member file: the team roadmap's events as `domain::team` allows them out.
fn member_file(ctx: &Context, roadmap: &str, with_notes: bool) -> Result<Vec<u8>> {
    let state = ctx.store.read()?;
    Ok(storage::history_bytes(team::member_events(
        state.events(),
        roadmap,
        with_notes,
    )))
}

/// Asks on the terminal; without one there is nobody to ask, and that is no.
fn agreed() -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Sync(SyncError::NotConfirmed));
    }
    eprint!("Share it? [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("cannot read", "standard input", e))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
