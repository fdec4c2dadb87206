use crate::cli::LogArgs;
use crate::config::Context;
use crate::domain::journal::days_between;
use crate::domain::when::log_span;
use crate::error::Result;
use crate::render;

pub fn run(args: &LogArgs, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let span = log_span(None, None, args.days, ctx.now.date_naive())?;
    let days = days_between(state.events(), ctx.roadmap.id(), span.first, span.last);
    let log = render::log::json(&ctx.roadmap, &days);
    if args.output.json {
        ctx.ui.json(&log)
    } else {
        ctx.ui.data(&render::log::text(
            &log,
            span.first,
            span.last,
            ctx.ui.theme,
        ))
    }
}
