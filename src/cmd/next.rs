use crate::cli::NextArgs;
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &NextArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    let picks = progress.next(&ctx.roadmap, args.count);
    if args.output.json {
        ctx.ui
            .json(&render::next::json(&ctx.roadmap, &progress, &picks))
    } else {
        ctx.ui.data(&render::next::text(
            &ctx.roadmap,
            &progress,
            &picks,
            ctx.ui.theme,
        ))
    }
}
