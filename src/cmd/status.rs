//! `status`: progress per section, streak, pace and the next step.

use crate::cli::JsonArgs;
use crate::config::Context;
use crate::domain::habit::Habit;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &JsonArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let state = ctx.history()?;
    let progress = Progress::derive(roadmap, state.events());
    let habit = Habit::measure(roadmap, &progress, state.events(), ctx.now.date_naive());
    if args.json {
        ctx.ui
            .json(&render::status::json(roadmap, &progress, &habit))
    } else {
        let next = progress.next(roadmap, 1).first().copied();
        ctx.ui.page(&render::status::text(
            roadmap,
            &progress,
            &habit,
            next,
            ctx.ui.theme,
            ctx.ui.width,
        ))
    }
}
