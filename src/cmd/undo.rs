//! `undo`: retract the last change of this roadmap, every event the last command recorded.
//! The events stay in the history, marked undone, so the undo travels with `import`.

use std::fmt::Write;

use crate::cli::UndoArgs;
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::error::{Error, Result};
use crate::render::{minute, visible};

use super::waiting_notice;

pub fn run(args: &UndoArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let roadmap = roadmap.id();
    if args.dry_run {
        // Read only: no lock, no file created or changed.
        let state = ctx.store.read()?;
        let events = state.last_change(roadmap);
        if events.is_empty() {
            return Err(Error::NothingToUndo {
                roadmap: roadmap.to_owned(),
            });
        }
        let lines = events.iter().fold(String::new(), |mut out, event| {
            let _ = writeln!(out, "Would undo {}.", describe(event));
            out
        });
        ctx.ui.data(&lines)?;
        ctx.ui.confirm("Nothing changed (--dry-run).");
        return Ok(());
    }
    let removed = ctx
        .store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            // Only this roadmap's events: undo never reaches into another roadmap's progress.
            state.undo(roadmap, ctx.now)
        })?;
    for event in &removed {
        ctx.ui.confirm(&format!("Undid {}.", describe(event)));
    }
    Ok(())
}

/// `done mlflow recorded at 2026-03-10 09:00 ("tracked a run")`, escaped for the terminal.
fn describe(event: &Event) -> String {
    let note = event
        .note
        .as_deref()
        .map(|n| format!(" ({n:?})"))
        .unwrap_or_default();
    let what = match event.kind {
        EventKind::Learn => "log entry".to_owned(),
        kind => format!("{kind} {}", event.step),
    };
    visible(&format!("{what} recorded at {}{note}", minute(&event.at))).into_owned()
}
