use crate::cli::LogArgs;
use crate::config::Context;
use crate::domain::journal::days_between;
use crate::domain::when::window_start;
use crate::error::Result;
use crate::render;

pub fn run(args: &LogArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let last = ctx.now.date_naive();
    let first = window_start(last, args.days);
    let days = days_between(state.events(), ctx.roadmap.id(), first, last);
    let log = render::log::json(&ctx.roadmap, &days);
    if args.output.json {
        ctx.ui.json(&log)
    } else {
        ctx.ui
            .data(&render::log::text(&log, first, last, ctx.ui.theme))
    }
}
