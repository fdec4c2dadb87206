//! `next`: what to learn now, optionally within a time budget.

use crate::cli::NextArgs;
use crate::config::Context;
use crate::domain::budget;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

/// Steps shown when neither `-n` nor `--minutes` says otherwise.
const DEFAULT_COUNT: usize = 3;

pub fn run(args: &NextArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    let plan = args.minutes.map(|minutes| {
        let candidates = progress.next(&ctx.roadmap, usize::MAX);
        budget::fit(
            &ctx.roadmap,
            &candidates,
            minutes,
            args.count.unwrap_or(usize::MAX),
        )
    });
    let picks = match &plan {
        Some(plan) => plan.picks.clone(),
        None => progress.next(&ctx.roadmap, args.count.unwrap_or(DEFAULT_COUNT)),
    };
    if args.output.json {
        ctx.ui.json(&render::next::json(
            &ctx.roadmap,
            &progress,
            &picks,
            plan.as_ref(),
        ))
    } else {
        ctx.ui.data(&render::next::text(
            &ctx.roadmap,
            &progress,
            &picks,
            plan.as_ref(),
            ctx.ui.theme,
            &ctx.invocation,
        ))
    }
}
