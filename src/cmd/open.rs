//! `open STEP`: print the step's link, start the step, and open the link in a browser.

use crate::browser;
use crate::cli::OpenArgs;
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::domain::lookup::find_step;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::validate::is_web_url;
use crate::error::{Error, Result};
use crate::render::visible;

use super::waiting_notice;

pub fn run(args: &OpenArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let index = find_step(roadmap, &args.step)?;
    let step = roadmap.step_at(index);
    let url = match step.url.as_deref() {
        None => {
            return Err(Error::NoLink {
                step: step.id.clone(),
            });
        }
        Some(url) if !is_web_url(url) => {
            return Err(Error::NotAWebLink {
                step: step.id.clone(),
                url: url.to_owned(),
            });
        }
        Some(url) => url,
    };
    ctx.ui.data(&format!("{url}\n"))?;

    // `--print` only prints: it changes nothing, as its help says.
    if !args.no_start && !args.print {
        let started = ctx
            .store
            .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
                let pending =
                    Progress::derive(roadmap, state.events()).status(index) == StepStatus::Pending;
                if pending {
                    state.record(Event::new(
                        ctx.now,
                        roadmap.id(),
                        &step.id,
                        EventKind::Start,
                        None,
                    ))?;
                }
                Ok(pending)
            })?;
        if started {
            ctx.ui
                .confirm(&format!("Started: {}  {}", step.id, visible(&step.title)));
        }
    }

    if !args.print {
        open_in_browser(ctx, url, "the link");
    }
    Ok(())
}

/// Hands `target` (a link or a file path) to `$BROWSER`, then the platform opener; says
/// which opened it, or warns with every failure. Not opening is no error: the target was
/// printed already, and the warning says so in the words of `printed` ("the link").
pub(super) fn open_in_browser(ctx: &Context, target: &str, printed: &str) {
    let browser_var = std::env::var("BROWSER").ok();
    match browser::open(&browser::candidates(browser_var.as_deref(), target)) {
        Ok(program) => ctx.ui.confirm(&format!("Opened with {program}.")),
        Err(failures) => {
            let tried: Vec<String> = failures
                .iter()
                .map(|f| format!("{}: {}", f.program, f.reason))
                .collect();
            ctx.ui.warn(&format!(
                "could not open a browser ({}); copy {printed} above, or set BROWSER",
                tried.join("; ")
            ));
        }
    }
}
