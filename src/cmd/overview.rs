//! `mlops-path` alone: the daily loop, and progress once something is recorded.

use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let state = ctx.history()?;
    let has_history = state.events().iter().any(|e| e.roadmap == roadmap.id());
    let progress = has_history.then(|| Progress::derive(roadmap, state.events()));
    ctx.ui.page(&render::overview::text(
        roadmap,
        progress.as_ref(),
        ctx.ui.theme,
        &ctx.invocation,
    ))
}
