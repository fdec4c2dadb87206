//! `report`: the learner's progress as one self-contained HTML page.
//!
//! The page comes from `maud` templates, which escape every spliced value by construction:
//! titles, summaries, notes and URLs are untrusted, and none is ever pasted in as markup.
//! Only http and https URLs become links. The style sheet is inline, the pictures inline
//! SVG; a Content-Security-Policy forbids every fetch and script, so the page needs no
//! network and reads the same with JavaScript off.

pub mod charts;
pub mod style;
pub mod table;
pub mod team;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use self::table::{Column, PageStatus, bar};
use crate::domain::burnup::BurnUp;
use crate::domain::calendar::Calendar;
use crate::domain::event::{Event, EventKind};
use crate::domain::evidence::is_verified;
use crate::domain::habit::Habit;
use crate::domain::journal::Day;
use crate::domain::progress::Progress;
use crate::domain::roadmap::{Roadmap, Step, StepKind};
use crate::domain::validate::is_web_url;
use crate::render::log::{LogEvent, json as log_json};
use crate::render::show::histories;
use crate::render::status::habit_lines;
use crate::render::{visible, visible_lines};

/// Weeks in the calendar: a year and the week of today.
pub const CALENDAR_WEEKS: u32 = 53;
/// Days of the log at the end of the page, today included.
pub const LOG_DAYS: u64 = 14;

/// The first day of the page's log, `today` the last.
pub fn log_start(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(LOG_DAYS - 1))
        .unwrap_or(NaiveDate::MIN)
}

/// Everything the page shows, derived by the caller the way `status` derives it.
pub struct Report<'a> {
    pub roadmap: &'a Roadmap,
    /// The days of the log, from [`log_start`] to today, on every roadmap.
    pub log_days: &'a [Day<'a>],
    /// The other roadmaps the log's events were recorded on, where they could be loaded.
    pub others: &'a [Roadmap],
    pub progress: &'a Progress,
    pub habit: &'a Habit,
    pub events: &'a [Event],
    pub calendar: &'a Calendar,
    pub now: DateTime<FixedOffset>,
    pub notes: bool,
}

pub fn html(report: &Report) -> String {
    let title = format!("{} · progress", visible(report.roadmap.title()));
    document(
        &title,
        &html! {
            (header(report))
            main {
                (map(report))
                section #activity {
                    h2 { "Activity" }
                    (charts::calendar(report.calendar))
                }
                section #settled {
                    h2 { "Settled over time" }
                    (charts::burn_up(&BurnUp::measure(report.roadmap, report.events), report.now.date_naive()))
                }
                (log(report))
            }
            (written_on(report.now))
        },
    )
}

/// A whole page around `body`: the head every page shares, the one style sheet, and a
/// final newline.
fn document(title: &str, body: &Markup) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                // Nothing may be fetched or run: the page stands alone, whatever its text holds.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="mlops-path";
                title { (title) }
                style { (PreEscaped(style::CSS)) }
            }
            body { (body) }
        }
    };
    let mut text = page.into_string();
    text.push('\n');
    text
}

fn written_on(now: DateTime<FixedOffset>) -> Markup {
    html! {
        footer.muted { "Written by mlops-path on " (now.format("%Y-%m-%d %H:%M %:z").to_string()) "." }
    }
}

fn header(report: &Report) -> Markup {
    let totals = report.progress.totals();
    let columns = [
        Column {
            heading: "Section",
            numeric: false,
        },
        Column {
            heading: "Progress",
            numeric: false,
        },
    ];
    let rows: Vec<Vec<Markup>> = report
        .roadmap
        .sections()
        .iter()
        .zip(report.progress.by_section(report.roadmap))
        .map(|(section, counts)| {
            vec![
                html! { a href=(format!("#section-{}", section.id)) { (visible(&section.title)) } },
                bar(&counts),
            ]
        })
        .collect();
    html! {
        header #summary {
            p.muted { "Progress report of " (report.now.date_naive()) }
            h1 { (visible(report.roadmap.title())) }
            div.overall {
                span.percent { (totals.percent()) "%" }
                span { (totals.settled()) " of " (totals.total) " steps settled" }
                span.muted {
                    "Done: " (totals.done) " · Skipped: " (totals.skipped)
                    " · In progress: " (totals.in_progress) " · Pending: " (totals.pending)
                }
            }
            ul.habit {
                @for line in habit_lines(report.habit) {
                    li { (line) }
                }
            }
            (table::table("Progress by section", &columns, &rows))
            (table::bar_key())
        }
    }
}

fn map(report: &Report) -> Markup {
    let roadmap = report.roadmap;
    let by_section = report.progress.by_section(roadmap);
    let histories = histories(roadmap, report.events);
    let mut statuses = roadmap.steps().map(|(index, _)| {
        PageStatus::of(
            report.progress.status(index),
            is_verified(histories[index].iter().copied()),
        )
    });
    html! {
        section #map {
            h2 { "The roadmap" }
            @for (section, counts) in roadmap.sections().iter().zip(&by_section) {
                section.band id=(format!("section-{}", section.id)) data-section=(section.id) {
                    header {
                        h3 { (visible(&section.title)) }
                        (bar(counts))
                    }
                    ol.steps {
                        @for step in &section.steps {
                            (step_box(step, statuses.next().unwrap_or(PageStatus::Pending)))
                        }
                    }
                }
            }
        }
    }
}

/// One step: its status in a mark and words, a link only to an http(s) address, its
/// summary, minutes and kind, and its id and status as attributes for scripts.
fn step_box(step: &Step, status: PageStatus) -> Markup {
    html! {
        li class=(format!("step {}", status.key())) data-step=(step.id) data-status=(status.key()) {
            span.status { span.mark { (status.checkbox()) } " " (status.label()) }
            @if step.kind == StepKind::Lab { span.lab { "lab" } }
            h3 {
                @match step.url.as_deref().filter(|url| is_web_url(url)) {
                    Some(url) => a href=(url) rel="noopener noreferrer" { (visible(&step.title)) },
                    None => (visible(&step.title)),
                }
            }
            p.summary { (visible(&step.summary)) }
            p.meta { (step.minutes) " min · " (step.kind.as_str()) " · " code { (visible(&step.id)) } }
        }
    }
}

fn log(report: &Report) -> Markup {
    let today = report.now.date_naive();
    let first = log_start(today);
    let log = log_json(report.roadmap, report.others, report.log_days);
    let shown = |event: &&LogEvent| report.notes || event.kind != EventKind::Note;
    html! {
        section #log {
            h2 { "The last " (LOG_DAYS) " days" }
            @if log.days.iter().all(|day| !day.events.iter().any(|e| shown(&e))) {
                p.muted { "Nothing recorded from " (first) " to " (today) "." }
            }
            @for day in &log.days {
                @let events: Vec<&LogEvent> = day.events.iter().filter(shown).collect();
                @if !events.is_empty() {
                    div.day {
                        h3 { (day.date.format("%Y-%m-%d %A").to_string()) }
                        ul.events {
                            @for event in events {
                                li {
                                    time datetime=(event.at.to_rfc3339()) { (event.at.format("%H:%M").to_string()) }
                                    span.kind { (event.kind.as_str()) }
                                    " "
                                    @if let Some(step) = event.step {
                                        code { (visible(step)) }
                                        " "
                                        (visible(event.title.unwrap_or("(unknown step)")))
                                        @if event.verified { " (verified)" }
                                        @if let Some(note) = event.note.filter(|_| report.notes) {
                                            p.note { (visible_lines(note)) }
                                        }
                                    } @else {
                                        // Learning outside the roadmap: its text is the entry.
                                        (visible_lines(event.note.unwrap_or_default()))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
