//! `status`: progress per section, streak, pace and the next step.

use crate::cli::JsonArgs;
use crate::config::Context;
use crate::domain::habit::Habit;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &JsonArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    let habit = Habit::measure(
        &ctx.roadmap,
        &progress,
        state.events(),
        ctx.now.date_naive(),
    );
    if args.json {
        ctx.ui
            .json(&render::status::json(&ctx.roadmap, &progress, &habit))
    } else {
        let next = progress.next(&ctx.roadmap, 1).first().copied();
        ctx.ui.page(&render::status::text(
            &ctx.roadmap,
            &progress,
            &habit,
            next,
            ctx.ui.theme,
            ctx.ui.width,
        ))
    }
}
