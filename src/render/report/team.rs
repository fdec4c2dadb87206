//! `team status --format html`: the team table as a page, a row per member with a bar per
//! section, built from the same `TeamTable` as the text, Markdown, CSV and JSON. The
//! figures a lead scans first (overall, doing, last active, streak, published) come before
//! the sections, which a narrow window scrolls to beside the sticky member column.
//!
//! Handles, names, titles and errors come from other people's files: each is escaped by
//! `maud` and made visible by `render::visible`, and none becomes markup or a link.

use chrono::{DateTime, FixedOffset, NaiveDate};
use maud::{Markup, html};

use super::table::{self, Column, bar, bar_key, percent_bar};
use super::{document, written_on};
use crate::domain::team::table::{MemberRow, TeamTable};
use crate::render::{count_of, visible};

pub fn html(table: &TeamTable, now: DateTime<FixedOffset>) -> String {
    let title = format!("{} · team progress", visible(&table.team));
    let members = count_of(table.members.len(), "member");
    document(
        &title,
        &html! {
            header #summary {
                p.muted { "Team progress of " (table.as_of) }
                h1 { (visible(&table.team)) }
                p {
                    "Roadmap " code { (visible(&table.roadmap)) } " · " (table.steps) " steps · " (members)
                }
            }
            main {
                section #members .team {
                    h2 { "Members" }
                    (table::table("Progress by member and section", &columns(table), &rows(table)))
                    (bar_key())
                    p.muted {
                        "Last active and the streak (current, then longest, in days) are as of the day "
                        "each member last published. "
                        span.stale { "stale" }
                        " marks a member who has not published for more than "
                        (count_of(table.stale_after_days, "day")) "."
                    }
                }
            }
            (written_on(now))
        },
    )
}

fn columns(table: &TeamTable) -> Vec<Column<'_>> {
    let text = |heading| Column {
        heading,
        numeric: false,
    };
    let mut columns = vec![
        text("Member"),
        text("Overall"),
        Column {
            heading: "Doing",
            numeric: true,
        },
        text("Last active"),
        text("Streak"),
        text("Published"),
    ];
    columns.extend(table.sections.iter().map(|s| text(&s.title)));
    columns
}

fn rows(table: &TeamTable) -> Vec<Vec<Markup>> {
    table
        .members
        .iter()
        .map(|row| {
            let mut cells = vec![member(table, row)];
            if let Some(problem) = problem(row) {
                // A short row: the message spans the figures' columns.
                cells.push(problem);
                return cells;
            }
            cells.push(bar(&row.totals));
            cells.push(html! { (row.in_progress) });
            cells.push(day(row.last_active));
            cells.push(html! {
                (row.streak.current) " " span.muted { "(longest " (row.streak.longest) ")" }
            });
            cells.push(html! {
                (day(row.published))
                @if row.stale { " " span.stale { "stale" } }
            });
            cells.extend(row.sections.iter().map(|s| {
                html! { span.stage data-section=(visible(&s.id)) { (percent_bar(&s.counts)) } }
            }));
            cells
        })
        .collect()
}

/// The member cell: the handle, the roster's name, and whether the roster lists them.
fn member(table: &TeamTable, row: &MemberRow) -> Markup {
    html! {
        span.member data-member=(visible(&row.handle)) { (visible(&row.handle)) }
        @if let Some(name) = &row.name { span.name { (visible(name)) } }
        @if table.has_roster && !row.on_roster { " " span.flag { "not on the roster" } }
    }
}

/// Why a row has no figures: nothing published yet, or a file that could not be read.
fn problem(row: &MemberRow) -> Option<Markup> {
    if !row.published_file {
        return Some(html! { span.muted { "On the roster, not published yet." } });
    }
    row.error
        .as_deref()
        .map(|error| html! { span.error { "error: " (visible(error)) } })
}

fn day(day: Option<NaiveDate>) -> Markup {
    html! {
        @match day {
            Some(day) => time datetime=(day) { (day) },
            None => span.muted { "never" },
        }
    }
}
