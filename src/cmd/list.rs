//! `list`: the whole roadmap, or one section, with a mark per step.

use crate::cli::ListArgs;
use crate::config::Context;
use crate::domain::focus::find_section;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &ListArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let only = args
        .section
        .as_deref()
        .map(|query| find_section(roadmap, query))
        .transpose()?;
    let state = ctx.history()?;
    let progress = Progress::derive(roadmap, state.events());
    if args.output.json {
        ctx.ui.json(&render::list::json(roadmap, &progress, only))
    } else {
        ctx.ui.page(&render::list::text(
            roadmap,
            &progress,
            only,
            ctx.ui.theme,
            ctx.ui.width,
        ))
    }
}
