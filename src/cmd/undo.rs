//! `undo`: retract the most recently recorded event of this roadmap. The event stays in
//! the history, marked undone, so the undo travels with `import`.

use crate::config::Context;
use crate::error::Result;
use crate::render::minute;

use super::waiting_notice;

pub fn run(ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap.id();
    let removed = ctx
        .store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            // Only this roadmap's events: undo never reaches into another roadmap's progress.
            state.undo(roadmap, ctx.now)
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
