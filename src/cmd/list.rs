//! `list`: the whole roadmap with a mark per step.

use crate::cli::JsonArgs;
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &JsonArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    if args.json {
        ctx.ui.json(&render::list::json(&ctx.roadmap, &progress))
    } else {
        ctx.ui
            .data(&render::list::text(&ctx.roadmap, &progress, ctx.ui.theme))
    }
}
