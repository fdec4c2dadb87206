//! `show`: one step in full, with its history.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::{duration, minute, note_lines, status_words, visible};
use crate::domain::event::{Event, EventKind};
use crate::domain::evidence::is_verified;
use crate::domain::history::Retraction;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::{Roadmap, StepKind};
use crate::domain::spent::spent_of;
use crate::ui::Theme;

#[derive(Debug, Serialize)]
pub struct ShowJson<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub section: &'r str,
    pub kind: StepKind,
    pub url: Option<&'r str>,
    pub minutes: u32,
    /// Minutes spent on it, over every event recorded with `--spent`.
    pub spent: u64,
    pub summary: &'r str,
    pub requires: Vec<Requirement<'r>>,
    pub status: StepStatus,
    pub since: Option<DateTime<FixedOffset>>,
    /// Lab steps only: whether the latest `done` came from a passing `check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    pub history: Vec<HistoryEntry<'r>>,
    /// Events of this step that `undo` took back, and when.
    pub undone: Vec<UndoneEntry<'r>>,
}

#[derive(Debug, Serialize)]
pub struct UndoneEntry<'r> {
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    pub note: Option<&'r str>,
    pub undone_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct Requirement<'r> {
    pub id: &'r str,
    pub status: StepStatus,
}

#[derive(Debug, Serialize)]
pub struct HistoryEntry<'r> {
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    pub note: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub verified: bool,
}

/// The events of step `index`, including those under ids it replaces, in time order (by
/// instant, whatever the offset): a backdated event takes its place among the others.
/// Events at the same instant keep their recorded order.
pub fn history<'e>(roadmap: &Roadmap, events: &'e [Event], index: usize) -> Vec<&'e Event> {
    let mut history: Vec<&Event> = events
        .iter()
        .filter(|e| e.roadmap == roadmap.id() && roadmap.resolve_recorded(&e.step) == Some(index))
        .collect();
    // A stable sort: ties stay in recorded order.
    history.sort_by_key(|e| e.at);
    history
}

/// The history of every step at once, indexed like the roadmap's steps: one pass over the
/// events, where calling `history` per step would cost steps × events.
pub fn histories<'e>(roadmap: &Roadmap, events: &'e [Event]) -> Vec<Vec<&'e Event>> {
    let mut histories = vec![Vec::new(); roadmap.step_count()];
    for event in events.iter().filter(|e| e.roadmap == roadmap.id()) {
        if let Some(index) = roadmap.resolve_recorded(&event.step) {
            histories[index].push(event);
        }
    }
    for history in &mut histories {
        history.sort_by_key(|e| e.at);
    }
    histories
}

pub fn json<'r>(
    roadmap: &'r Roadmap,
    progress: &Progress,
    events: &'r [Event],
    undone: &[(&'r Event, &'r Retraction)],
    index: usize,
) -> ShowJson<'r> {
    let step = roadmap.step_at(index);
    let state = progress.step(index);
    let history = history(roadmap, events, index);
    let verified = (step.kind == StepKind::Lab).then(|| is_verified(history.iter().copied()));
    ShowJson {
        id: &step.id,
        title: &step.title,
        section: &roadmap.section_of(index).id,
        kind: step.kind,
        url: step.url.as_deref(),
        minutes: step.minutes,
        spent: history
            .iter()
            .filter_map(|e| spent_of(e))
            .map(u64::from)
            .sum(),
        summary: &step.summary,
        requires: step
            .requires
            .iter()
            .map(|id| Requirement {
                id,
                status: roadmap
                    .index_of(id)
                    .map_or(StepStatus::Pending, |i| progress.status(i)),
            })
            .collect(),
        status: state.status,
        since: state.since,
        verified,
        history: history
            .into_iter()
            .map(|e| HistoryEntry {
                at: e.at,
                kind: e.kind,
                note: e.note.as_deref(),
                spent: spent_of(e),
                verified: e.kind == EventKind::Done
                    && e.extra.contains_key(crate::domain::evidence::FIELD),
            })
            .collect(),
        undone: undone
            .iter()
            .filter(|(e, _)| {
                e.roadmap == roadmap.id() && roadmap.resolve_recorded(&e.step) == Some(index)
            })
            .map(|(e, r)| UndoneEntry {
                at: e.at,
                kind: e.kind,
                note: e.note.as_deref(),
                undone_at: r.at,
            })
            .collect(),
    }
}

pub fn text(view: &ShowJson, section_title: &str, theme: Theme) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {}",
        theme.paint(Theme::ID, view.id),
        theme.paint(Theme::HEADING, &visible(view.title))
    );
    let _ = writeln!(out, "Section:   {}", visible(section_title));
    let _ = writeln!(out, "Kind:      {}", view.kind);
    let spent = if view.spent > 0 {
        format!(" · spent {}", duration(view.spent))
    } else {
        String::new()
    };
    let _ = writeln!(out, "Estimate:  {} min{spent}", view.minutes);
    if let Some(url) = view.url {
        let _ = writeln!(out, "Link:      {}", visible(url));
    }
    if !view.requires.is_empty() {
        let list: Vec<String> = view
            .requires
            .iter()
            .map(|r| format!("{} ({})", r.id, status_words(r.status)))
            .collect();
        let _ = writeln!(out, "Requires:  {}", list.join(", "));
    }
    let mut status = status_words(view.status).to_owned();
    if let Some(since) = &view.since {
        let _ = write!(status, " since {}", minute(since));
    }
    match view.verified {
        Some(true) => status.push_str(", verified by mlops-path check"),
        Some(false) if view.status == StepStatus::Done => status.push_str(", self-reported"),
        _ => {}
    }
    let _ = writeln!(out, "Status:    {status}");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", visible(view.summary));
    if !view.history.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "History:");
        for entry in &view.history {
            let mut line = format!("  {}  {:<6}", minute(&entry.at), entry.kind.as_str());
            if entry.verified {
                line.push_str("  (verified)");
            }
            if let Some(minutes) = entry.spent {
                let _ = write!(line, "  ({} spent)", duration(u64::from(minutes)));
            }
            line_with_note(&mut out, &line, entry.note);
        }
    }
    if !view.undone.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Undone:");
        for entry in &view.undone {
            let line = format!(
                "  {}  {:<6}  undone {}",
                minute(&entry.at),
                entry.kind.as_str(),
                minute(&entry.undone_at)
            );
            line_with_note(&mut out, &line, entry.note);
        }
    }
    out
}

/// A history line, and the note after it with its continuation lines indented under it.
fn line_with_note(out: &mut String, line: &str, note: Option<&str>) {
    match note {
        Some(note) => {
            let indent = " ".repeat(line.chars().count() + 2);
            let _ = writeln!(
                out,
                "{line}  {}",
                note_lines(note, &indent, Theme { color: false })
            );
        }
        None => {
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
}
