//! `note STEP TEXT`: a timestamped note that leaves the status as it is.

use crate::cli::NoteArgs;
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::domain::lookup::find_step;
use crate::error::{Error, Result};

use super::{event_time, waiting_notice};

pub fn run(args: &NoteArgs, ctx: &Context) -> Result<()> {
    let index = find_step(&ctx.roadmap, &args.step)?;
    if args.text.trim().is_empty() {
        return Err(Error::Usage {
            what: "empty note".into(),
            detail: "give the text to remember, e.g. mlops-path note kubeflow \"try kind\"".into(),
        });
    }
    let at = event_time(&args.when, ctx)?;
    let step = ctx.roadmap.step_at(index);
    let event = Event::new(
        at,
        ctx.roadmap.id(),
        &step.id,
        EventKind::Note,
        Some(args.text.clone()),
    );
    ctx.store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            state.record(event)
        })?;
    ctx.ui.confirm(&format!("Noted on {}.", step.id));
    Ok(())
}
