//! `log`: the learning log by day, the Markdown recap, or the activity calendar.

use std::collections::BTreeSet;

use crate::catalog;
use crate::cli::{LogArgs, LogFormat};
use crate::config::Context;
use crate::domain::calendar::Calendar;
use crate::domain::journal::{Day, days_between, learning_by_day, with_undos};
use crate::domain::roadmap::Roadmap;
use crate::domain::when::log_span;
use crate::error::{Error, Result};
use crate::render;

pub fn run(args: &LogArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let state = ctx.history()?;
    let today = ctx.now.date_naive();
    if args.calendar {
        let counts = learning_by_day(state.events(), None);
        let calendar = Calendar::build(&counts, today, args.weeks).ok_or_else(|| Error::Usage {
            what: format!(
                "--weeks {} reaches before the first date the calendar holds",
                args.weeks
            ),
            detail: "choose fewer weeks".into(),
        })?;
        return ctx
            .ui
            .data(&render::calendar::text(&calendar, ctx.ui.theme));
    }
    let span = log_span(args.since, args.until, args.days, today)?;
    let mut days = days_between(state.events(), span.first, span.last);
    let undone = state.undone();
    // The recap is what was learned, for others to read; the log also says what was undone.
    if args.output.json || args.format != LogFormat::Md {
        days = with_undos(days, &undone, span.first, span.last);
    }
    let others = other_roadmaps(&days, roadmap, ctx);
    let log = render::log::json(roadmap, &others, &days);
    if args.output.json {
        ctx.ui.json(&log)
    } else if args.format == LogFormat::Md {
        // Markdown is text for people too: no escape sequence reaches a terminal through it.
        ctx.ui
            .data(&render::visible_lines(&render::recap::markdown(&log, span)))
    } else {
        ctx.ui.page(&render::log::text(
            &log,
            span.first,
            span.last,
            ctx.ui.theme,
        ))
    }
}

/// The other roadmaps the shown events were recorded on, where they can be loaded.
pub(super) fn other_roadmaps(days: &[Day], roadmap: &Roadmap, ctx: &Context) -> Vec<Roadmap> {
    let ids: BTreeSet<&str> = days
        .iter()
        .flat_map(|day| {
            day.events
                .iter()
                .copied()
                .chain(day.undos.iter().map(|u| u.event))
        })
        .map(|e| e.roadmap.as_str())
        .filter(|&id| id != roadmap.id())
        .collect();
    ids.into_iter()
        .filter_map(|id| catalog::load_known(id, ctx.store.dir()))
        .collect()
}
