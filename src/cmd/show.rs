//! `show STEP`: one step in full, with its history.

use crate::cli::ShowArgs;
use crate::config::Context;
use crate::domain::lookup::find_step;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;

pub fn run(args: &ShowArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let index = find_step(roadmap, &args.step)?;
    let state = ctx.history()?;
    let progress = Progress::derive(roadmap, state.events());
    let undone = state.undone();
    let view = render::show::json(roadmap, &progress, state.events(), &undone, index);
    if args.output.json {
        ctx.ui.json(&view)
    } else {
        let section = &roadmap.section_of(index).title;
        ctx.ui
            .page(&render::show::text(&view, section, ctx.ui.theme))
    }
}
