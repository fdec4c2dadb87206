//! `report`: the progress page, to stdout, to a file, or to a temporary file opened in a
//! browser. It reads the state only; the page goes through the storage module's output
//! writer, which refuses the data directory.

use std::path::{Path, PathBuf};

use crate::cli::ReportArgs;
use crate::config::Context;
use crate::domain::calendar::Calendar;
use crate::domain::habit::Habit;
use crate::domain::journal::{days_between, learning_by_day};
use crate::domain::progress::Progress;
use crate::error::{Error, Result};
use crate::render::report::{self, CALENDAR_WEEKS, Report};

use super::open::open_in_browser;

pub fn run(args: &ReportArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let output = args.output.as_deref();
    let to_stdout = output.is_none_or(|path| path == Path::new("-"));
    if args.open && output == Some(Path::new("-")) {
        return Err(Error::Usage {
            what: "--open with --output -".into(),
            detail: "a browser cannot open standard output; give a file, e.g. mlops-path report -o progress.html --open, or leave -o out".into(),
        });
    }
    let state = ctx.history()?;
    // The same derivations `status` makes, so the page says what `status` says.
    let progress = Progress::derive(roadmap, state.events());
    let today = ctx.now.date_naive();
    let habit = Habit::measure(roadmap, &progress, state.events(), today);
    // The calendar and the log count learning on every roadmap, as `log` does.
    let counts = learning_by_day(state.events(), None);
    let log_days = days_between(state.events(), report::log_start(today), today);
    let others = super::log::other_roadmaps(&log_days, roadmap, ctx);
    // A year before any RFC 3339 date (year 0 at the earliest) is far inside chrono's range.
    let calendar = Calendar::build(&counts, today, CALENDAR_WEEKS)
        .expect("a year before the clock is a date chrono holds");
    let page = report::html(&Report {
        roadmap,
        log_days: &log_days,
        others: &others,
        progress: &progress,
        habit: &habit,
        events: state.events(),
        calendar: &calendar,
        now: ctx.now,
        notes: !args.no_notes,
    });

    if to_stdout && !args.open {
        return ctx.ui.data(&page);
    }
    let path = match output.filter(|_| !to_stdout) {
        Some(path) => path.to_owned(),
        None => temporary_page()?,
    };
    ctx.store.write_output(&path, page.as_bytes())?;
    if args.open {
        // The path is data: the page is found there, even when no browser opens.
        ctx.ui.data(&format!("{}\n", path.display()))?;
        open_in_browser(ctx, &path.to_string_lossy(), "the path");
    } else {
        ctx.ui.confirm(&format!(
            "Wrote the report of {} steps to {}.",
            roadmap.step_count(),
            path.display()
        ));
    }
    Ok(())
}

/// A new file in the temporary directory that outlives this process, for the browser.
fn temporary_page() -> Result<PathBuf> {
    let dir = std::env::temp_dir();
    let file = tempfile::Builder::new()
        .prefix("mlops-path-report-")
        .suffix(".html")
        .tempfile_in(&dir)
        .map_err(|e| Error::io("cannot create a file in", &dir, e))?;
    let (_, path) = file
        .keep()
        .map_err(|e| Error::io("cannot keep", dir, e.error))?;
    Ok(path)
}
