//! `log add TEXT`: learning outside the roadmap, recorded as an entry of no step.

use crate::cli::LogAddArgs;
use crate::config::Context;
use crate::domain::entry::{entry, is_web_link};
use crate::error::{Error, Result};

use super::{event_time, refuse_blank_note, waiting_notice};

pub fn add(args: &LogAddArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    refuse_blank_note(&args.text)?;
    if let Some(link) = args.link.as_deref().filter(|link| !is_web_link(link)) {
        return Err(Error::Usage {
            what: format!("--link {link:?} is not an http or https address"),
            detail: "give the address as the browser shows it, e.g. https://example.com/talk"
                .into(),
        });
    }
    let at = event_time(&args.when, ctx)?;
    let event = entry(
        at,
        roadmap.id(),
        &args.text,
        args.link.as_deref(),
        args.spent.spent,
    );
    ctx.store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            state.record(event)
        })?;
    let spent = args
        .spent
        .spent
        .map(|m| format!(" ({} min)", m.get()))
        .unwrap_or_default();
    ctx.ui.confirm(&format!(
        "Logged on {}{spent}; it counts for your streak, not for a step.",
        crate::render::minute(&at)
    ));
    Ok(())
}
