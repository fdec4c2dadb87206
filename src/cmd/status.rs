use crate::cli::JsonArgs;
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &JsonArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    if args.json {
        ctx.ui.json(&render::status::json(&ctx.roadmap, &progress))
    } else {
        let next = progress.next(&ctx.roadmap, 1).first().copied();
        ctx.ui.data(&render::status::text(
            &ctx.roadmap,
            &progress,
            next,
            ctx.ui.theme,
        ))
    }
}
