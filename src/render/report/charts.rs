//! The page's two pictures, as inline SVG with their words beside them: the activity
//! calendar (the levels and characters of `log --calendar`) and the burn-up of settled steps.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};

use crate::domain::burnup::BurnUp;
use crate::domain::calendar::{Calendar, LEVEL_STARTS, level};
use crate::render::calendar::SHADES;
use crate::render::count_of;

const CELL: usize = 11;
const PITCH: usize = 13;
const GUTTER: usize = 30;
const TOP: usize = 14;
const WEEKDAYS: [(usize, &str); 3] = [(0, "Mon"), (2, "Wed"), (4, "Fri")];

pub fn calendar(calendar: &Calendar) -> Markup {
    let (days, events) = calendar.totals();
    let summary = format!(
        "{} with {} from {} to {}.",
        count_of(days, "learning day"),
        count_of(events, "learning event"),
        calendar.first,
        calendar.today
    );
    let width = GUTTER + calendar.weeks.len() * PITCH;
    let height = TOP + 7 * PITCH;
    html! {
        figure #calendar.chart {
            div.scroll {
                svg.calendar viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height)
                    role="img" aria-labelledby="calendar-title" {
                    title #calendar-title { "Learning activity: " (summary) }
                    @for (column, day) in month_labels(calendar) {
                        text.axis x=(GUTTER + column * PITCH) y="10" { (day.format("%b").to_string()) }
                    }
                    @for (row, name) in WEEKDAYS {
                        text.axis x="0" y=(TOP + row * PITCH + 9) { (name) }
                    }
                    @for (column, week) in calendar.weeks.iter().enumerate() {
                        @for (row, cell) in week.iter().enumerate() {
                            @if let Some(count) = cell {
                                rect class=(format!("l{}", level(*count)))
                                    x=(GUTTER + column * PITCH) y=(TOP + row * PITCH)
                                    width=(CELL) height=(CELL) {
                                    title { (cell_words(calendar, column, row, *count)) }
                                }
                            }
                        }
                    }
                }
            }
            figcaption {
                (summary)
                " "
                span.legend {
                    @for (start, range) in legend() {
                        span.key {
                            svg width="11" height="11" aria-hidden="true" {
                                rect class=(format!("l{}", level(start))) width="11" height="11" {}
                            }
                            " " (SHADES[level(start)]) " " (range)
                        }
                        " "
                    }
                    "events a day"
                }
            }
        }
    }
}

fn cell_words(calendar: &Calendar, column: usize, row: usize, count: usize) -> String {
    let day = calendar
        .first
        .checked_add_days(chrono::Days::new((column * 7 + row) as u64))
        .unwrap_or(calendar.first);
    format!(
        "{day} {}: {}",
        day.format("%a"),
        count_of(count, "learning event")
    )
}

/// Month names where months begin, leaving out one that would run into the next.
fn month_labels(calendar: &Calendar) -> Vec<(usize, NaiveDate)> {
    let starts = calendar.month_starts();
    let mut labels: Vec<(usize, NaiveDate)> = Vec::new();
    for (number, &(column, day)) in starts.iter().enumerate() {
        let crowds_next = starts
            .get(number + 1)
            .is_some_and(|&(next, _)| next < column + 3);
        let crowds_last = labels.last().is_some_and(|&(last, _)| column < last + 3);
        if !(crowds_last || (number == 0 && crowds_next)) {
            labels.push((column, day));
        }
    }
    labels
}

/// Each level's first count and its range in words, as the terminal legend has them.
fn legend() -> Vec<(usize, String)> {
    let mut keys = vec![(0, "none".to_owned())];
    for (number, &start) in LEVEL_STARTS.iter().enumerate() {
        let range = match LEVEL_STARTS.get(number + 1) {
            Some(&next) if next - 1 == start => start.to_string(),
            Some(&next) => format!("{start}-{}", next - 1),
            None => format!("{start}+"),
        };
        keys.push((start, range));
    }
    keys
}

const CHART_W: f64 = 720.0;
const CHART_H: f64 = 220.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 24.0;

/// Settled steps over time from the first day with events to `today`, as a stepped line
/// under the total; the days the count changed follow as a table.
pub fn burn_up(burn: &BurnUp, today: NaiveDate) -> Markup {
    let changes = changes(burn);
    let first = burn.days.first().map_or(today, |&(day, _)| day.min(today));
    let span = float((today - first).num_days().max(1));
    let total = float(burn.total.max(1));
    let x =
        |day: NaiveDate| LEFT + (float((day - first).num_days()) / span) * (CHART_W - LEFT - 4.0);
    let y = |n: usize| (CHART_H - BOTTOM) - (float(n) / total) * (CHART_H - BOTTOM - 8.0);
    let mut path = format!("M{:.1} {:.1}", x(first), y(0));
    for &(day, settled) in &changes {
        let _ = write!(path, " H{:.1} V{:.1}", x(day), y(settled));
    }
    let _ = write!(path, " H{:.1}", x(today));
    let summary = format!(
        "Settled steps: {} of {} on {today}, from 0 on {first}.",
        burn.last(),
        burn.total
    );
    html! {
        figure #burn-up.chart {
            div.scroll {
                svg.burnup viewBox=(format!("0 0 {CHART_W} {CHART_H}")) role="img"
                    aria-labelledby="burn-up-title" {
                    title #burn-up-title { (summary) }
                    line.total x1=(LEFT) x2=(CHART_W - 4.0) y1=(y(burn.total)) y2=(y(burn.total)) {}
                    line.axis-line x1=(LEFT) x2=(CHART_W - 4.0) y1=(y(0)) y2=(y(0)) {}
                    text.axis x="0" y=(y(burn.total) + 4.0) { (burn.total) }
                    text.axis x="0" y=(y(0)) { "0" }
                    text.axis x=(LEFT) y=(CHART_H - 6.0) { (first) }
                    text.axis.end x=(CHART_W - 4.0) y=(CHART_H - 6.0) { (today) }
                    path.settled d=(path) {}
                }
            }
            figcaption {
                (summary) " The dashed line is the roadmap's " (count_of(burn.total, "step")) "."
                @if !changes.is_empty() {
                    details {
                        summary { "The days the count changed" }
                        div.table-wrap { table {
                            thead { tr { th scope="col" { "Day" } th.num scope="col" { "Settled" } } }
                            tbody {
                                @for (day, settled) in &changes {
                                    tr { th scope="row" { (day) " " (day.weekday().to_string()) } td.num { (settled) } }
                                }
                            }
                        } }
                    }
                }
            }
        }
    }
}

/// A count or a number of days as a coordinate; past `u32` (never, for steps or days of a
/// chart) it saturates rather than wrapping.
fn float<N: TryInto<u32>>(n: N) -> f64 {
    f64::from(n.try_into().unwrap_or(u32::MAX))
}

/// The days whose count differs from the day before (the first from 0).
fn changes(burn: &BurnUp) -> Vec<(NaiveDate, usize)> {
    let mut last = 0;
    burn.days
        .iter()
        .copied()
        .filter(|&(_, settled)| std::mem::replace(&mut last, settled) != settled)
        .collect()
}
