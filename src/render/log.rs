//! `log`: the learning log, day by day.

use std::borrow::Cow;
use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::{duration, minute, note_lines, visible};
use crate::domain::event::{Event, EventKind};
use crate::domain::journal::{Day, Undo};
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
    /// The events `undo` took back this day; left out on a day without undos.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undone: Vec<UndoneEvent<'e>>,
}

/// An event `undo` took back: when it was undone, and the event as it was recorded.
#[derive(Debug, Serialize)]
pub struct UndoneEvent<'e> {
    pub undone_at: DateTime<FixedOffset>,
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    pub roadmap: &'e str,
    /// As in [`LogEvent`]: the current id, `None` for learning outside the roadmap.
    pub step: Option<&'e str>,
    pub title: Option<&'e str>,
    pub note: Option<&'e str>,
    #[serde(skip)]
    pub elsewhere: bool,
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
    pub link: Option<Cow<'e, str>>,
    /// For the Markdown recap; `log --json` keeps the shape it had.
    #[serde(skip)]
    pub url: Option<Cow<'e, str>>,
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
    let find = Lookup { roadmap, others };
    LogJson {
        days: days
            .iter()
            .map(|day| DayJson {
                date: day.date,
                events: day.events.iter().map(|e| find.event(e)).collect(),
                undone: day.undos.iter().map(|undo| find.undone(undo)).collect(),
            })
            .collect(),
    }
}

/// The roadmaps an event's step is looked up in: the one in use first.
struct Lookup<'e> {
    roadmap: &'e Roadmap,
    others: &'e [Roadmap],
}

impl<'e> Lookup<'e> {
    /// The step `e` names as the roadmap it was recorded on has it now.
    fn step(&self, e: &Event) -> Option<&'e crate::domain::roadmap::Step> {
        let on = std::iter::once(self.roadmap)
            .chain(self.others)
            .find(|r| r.id() == e.roadmap)?;
        on.resolve_recorded(&e.step).map(|i| on.step_at(i))
    }

    /// The step id shown: the current one, the recorded one for a step the roadmap lost,
    /// `None` for learning outside the roadmap.
    fn step_id(e: &'e Event, step: Option<&'e crate::domain::roadmap::Step>) -> Option<&'e str> {
        (e.kind != EventKind::Learn).then(|| step.map_or(e.step.as_str(), |s| s.id.as_str()))
    }

    fn event(&self, e: &'e Event) -> LogEvent<'e> {
        let step = self.step(e);
        let link = entry::link_of(e);
        LogEvent {
            at: e.at,
            kind: e.kind,
            roadmap: &e.roadmap,
            step: Self::step_id(e, step),
            title: step.map(|s| s.title.as_str()),
            note: e.note.as_deref(),
            spent: spent::spent_of(e),
            url: step
                .and_then(|s| s.url.as_deref().map(Cow::Borrowed))
                .or_else(|| link.clone()),
            link,
            verified: e.kind == EventKind::Done
                && e.extra.contains_key(crate::domain::evidence::FIELD),
            elsewhere: e.roadmap != self.roadmap.id(),
        }
    }

    fn undone(&self, undo: &Undo<'e>) -> UndoneEvent<'e> {
        let e = undo.event;
        let step = self.step(e);
        UndoneEvent {
            undone_at: undo.at(),
            at: e.at,
            kind: e.kind,
            roadmap: &e.roadmap,
            step: Self::step_id(e, step),
            title: step.map(|s| s.title.as_str()),
            note: e.note.as_deref(),
            elsewhere: e.roadmap != self.roadmap.id(),
        }
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
        // Events and undos in one time line; of the same minute, the event first.
        let mut undos = day.undone.iter().peekable();
        for event in &day.events {
            while let Some(undo) = undos.next_if(|undo| undo.undone_at < event.at) {
                undo_lines(&mut out, undo, day.date, theme);
            }
            event_lines(&mut out, event, theme);
        }
        for undo in undos {
            undo_lines(&mut out, undo, day.date, theme);
        }
    }
    out
}

/// Under the time and kind columns: the indent of a note's lines and an entry's link.
const INDENT: &str = "                 ";

fn event_lines(out: &mut String, event: &LogEvent, theme: Theme) {
    let spent = event
        .spent
        .map(|m| format!("  ({} spent)", duration(u64::from(m))))
        .unwrap_or_default();
    let time = event.at.format("%H:%M");
    let Some(step) = event.step else {
        // Learning outside the roadmap: its text stands where a step's title would.
        let text = note_lines(event.note.unwrap_or_default(), INDENT, theme);
        let _ = writeln!(out, "  {time}  {:<6}  {text}{spent}", event.kind.as_str());
        if let Some(link) = &event.link {
            let _ = writeln!(out, "{INDENT}{}", visible(link));
        }
        return;
    };
    let title = visible(event.title.unwrap_or("(unknown step)"));
    let verified = if event.verified { "  (verified)" } else { "" };
    let elsewhere = elsewhere(event.elsewhere, event.roadmap, theme);
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

/// `09:05  undo    kubeflow  Kubeflow  (the done of 09:00)`: what was taken back, and
/// when it had been recorded (with its date when that was another day).
fn undo_lines(out: &mut String, undo: &UndoneEvent, date: NaiveDate, theme: Theme) {
    let time = undo.undone_at.format("%H:%M");
    let recorded = if undo.at.date_naive() == date {
        undo.at.format("%H:%M").to_string()
    } else {
        minute(&undo.at)
    };
    let what = theme.paint(
        Theme::DIM,
        &format!("(the {} of {recorded})", undo.kind.as_str()),
    );
    let Some(step) = undo.step else {
        let text = note_lines(undo.note.unwrap_or_default(), INDENT, theme);
        let _ = writeln!(out, "  {time}  undo    {text}  {what}");
        return;
    };
    let title = visible(undo.title.unwrap_or("(unknown step)"));
    let elsewhere = elsewhere(undo.elsewhere, undo.roadmap, theme);
    let _ = writeln!(
        out,
        "  {time}  undo    {}  {title}  {what}{elsewhere}",
        theme.paint(Theme::ID, &visible(step)),
    );
    if let Some(note) = undo.note {
        let _ = writeln!(out, "{INDENT}{}", note_lines(note, INDENT, theme));
    }
}

/// `  [roadmap]` after an entry recorded on a roadmap other than the one in use.
fn elsewhere(elsewhere: bool, roadmap: &str, theme: Theme) -> String {
    if elsewhere {
        theme.paint(Theme::DIM, &format!("  [{}]", visible(roadmap)))
    } else {
        String::new()
    }
}
