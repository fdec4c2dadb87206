//! `log`: the learning log, day by day.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::{duration, note_lines, visible};
use crate::domain::event::EventKind;
use crate::domain::journal::Day;
use crate::domain::roadmap::Roadmap;
use crate::domain::{entry, spent};
use crate::ui::Theme;

#[derive(Debug, Serialize)]
pub struct LogJson<'e> {
    pub days: Vec<DayJson<'e>>,
}

#[derive(Debug, Serialize)]
pub struct DayJson<'e> {
    pub date: NaiveDate,
    pub events: Vec<LogEvent<'e>>,
}

#[derive(Debug, Serialize)]
pub struct LogEvent<'e> {
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    /// The roadmap the event was recorded on: the log shows learning on every roadmap.
    pub roadmap: &'e str,
    /// The current id of the step (ids a step `replaces` are shown as that step); `None`
    /// for learning outside the roadmap (`log add`).
    pub step: Option<&'e str>,
    /// `None` for a step the roadmap no longer has.
    pub title: Option<&'e str>,
    pub note: Option<&'e str>,
    /// Minutes spent, when recorded with `--spent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<u32>,
    /// The address a `log add` entry names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'e str>,
    /// For the Markdown recap; `log --json` keeps the shape it had.
    #[serde(skip)]
    pub url: Option<&'e str>,
    /// A `done` recorded by a passing `check`, which carries evidence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub verified: bool,
    /// Recorded on a roadmap other than the one in use; the text marks it.
    #[serde(skip)]
    pub elsewhere: bool,
}

/// The log; `roadmap` is the one in use, `others` the other roadmaps that could be loaded,
/// for the titles of their steps.
pub fn json<'e>(roadmap: &'e Roadmap, others: &'e [Roadmap], days: &[Day<'e>]) -> LogJson<'e> {
    LogJson {
        days: days
            .iter()
            .map(|day| DayJson {
                date: day.date,
                events: day
                    .events
                    .iter()
                    .map(|e| {
                        let on = std::iter::once(roadmap)
                            .chain(others)
                            .find(|r| r.id() == e.roadmap);
                        let step =
                            on.and_then(|r| r.resolve_recorded(&e.step).map(|i| r.step_at(i)));
                        let link = entry::link_of(e);
                        LogEvent {
                            at: e.at,
                            kind: e.kind,
                            roadmap: &e.roadmap,
                            step: (e.kind != EventKind::Learn)
                                .then(|| step.map_or(e.step.as_str(), |s| s.id.as_str())),
                            title: step.map(|s| s.title.as_str()),
                            note: e.note.as_deref(),
                            spent: spent::spent_of(e),
                            link,
                            url: step.and_then(|s| s.url.as_deref()).or(link),
                            verified: e.kind == EventKind::Done
                                && e.extra.contains_key(crate::domain::evidence::FIELD),
                            elsewhere: e.roadmap != roadmap.id(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn text(log: &LogJson, first: NaiveDate, last: NaiveDate, theme: Theme) -> String {
    let mut out = String::new();
    if log.days.is_empty() {
        let _ = writeln!(out, "Nothing recorded from {first} to {last}.");
        return out;
    }
    for (number, day) in log.days.iter().enumerate() {
        if number > 0 {
            out.push('\n');
        }
        let heading = day.date.format("%Y-%m-%d %A").to_string();
        let _ = writeln!(out, "{}", theme.paint(Theme::HEADING, &heading));
        for event in &day.events {
            const INDENT: &str = "                 ";
            let spent = event
                .spent
                .map(|m| format!("  ({} spent)", duration(u64::from(m))))
                .unwrap_or_default();
            let time = event.at.format("%H:%M");
            let Some(step) = event.step else {
                // Learning outside the roadmap: its text stands where a step's title would.
                let text = note_lines(event.note.unwrap_or_default(), INDENT, theme);
                let _ = writeln!(out, "  {time}  {:<6}  {text}{spent}", event.kind.as_str());
                if let Some(link) = event.link {
                    let _ = writeln!(out, "{INDENT}{}", visible(link));
                }
                continue;
            };
            let title = visible(event.title.unwrap_or("(unknown step)"));
            let verified = if event.verified { "  (verified)" } else { "" };
            let elsewhere = if event.elsewhere {
                theme.paint(Theme::DIM, &format!("  [{}]", visible(event.roadmap)))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {time}  {:<6}  {}  {title}{verified}{spent}{elsewhere}",
                event.kind.as_str(),
                theme.paint(Theme::ID, &visible(step)),
            );
            if let Some(note) = event.note {
                let _ = writeln!(out, "{INDENT}{}", note_lines(note, INDENT, theme));
            }
        }
    }
    out
}
