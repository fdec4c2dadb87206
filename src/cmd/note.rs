//! `note STEP TEXT`: a timestamped note that leaves the status as it is.

use crate::cli::NoteArgs;
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::domain::lookup::find_step;
use crate::domain::spent::with_spent;
use crate::error::Result;

use super::{event_time, refuse_blank_note, waiting_notice};

pub fn run(args: &NoteArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let index = find_step(roadmap, &args.step)?;
    refuse_blank_note(&args.text)?;
    let at = event_time(&args.when, ctx)?;
    let step = roadmap.step_at(index);
    let event = with_spent(
        Event::new(
            at,
            roadmap.id(),
            &step.id,
            EventKind::Note,
            Some(args.text.clone()),
        ),
        args.spent.spent,
    );
    ctx.store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            state.record(event)
        })?;
    ctx.ui.confirm(&format!("Noted on {}.", step.id));
    Ok(())
}
