//! `show STEP`: one step in full, with its history.

use crate::cli::ShowArgs;
use crate::config::Context;
use crate::domain::lookup::find_step;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &ShowArgs, ctx: &Context) -> Result<()> {
    let index = find_step(&ctx.roadmap, &args.step)?;
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    let undone = state.undone();
    let view = render::show::json(&ctx.roadmap, &progress, state.events(), &undone, index);
    if args.output.json {
        ctx.ui.json(&view)
    } else {
        let section = &ctx.roadmap.section_of(index).title;
        ctx.ui
            .page(&render::show::text(&view, section, ctx.ui.theme))
    }
}
