//! `undo`: remove the most recently recorded event of this roadmap.

use crate::config::Context;
use crate::domain::event::last_of_roadmap;
use crate::error::{Error, Result};
use crate::render::minute;

use super::waiting_notice;

pub fn run(ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap.id();
    let removed = ctx
        .store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            // Only this roadmap's events: undo never reaches into another roadmap's progress.
            let last =
                last_of_roadmap(state.events(), roadmap).ok_or_else(|| Error::NothingToUndo {
                    roadmap: roadmap.to_owned(),
                })?;
            Ok(state.remove(last))
        })?;
    let note = removed
        .note
        .as_deref()
        .map(|n| format!(" ({n:?})"))
        .unwrap_or_default();
    ctx.ui.confirm(&format!(
        "Undid {} {} recorded at {}{note}.",
        removed.kind,
        removed.step,
        minute(&removed.at)
    ));
    Ok(())
}
