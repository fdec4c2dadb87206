//! `export --format json|csv`: the state and its derived status, for tools and spreadsheets.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::show::histories;
use super::status::StatusJson;
use crate::domain::event::Event;
use crate::domain::evidence::is_verified;
use crate::domain::history::Record;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::{Roadmap, Section};
use crate::domain::spent::spent_of;

/// The whole state plus what follows from it. It has `format` and `events` like `state.json`,
/// so `import` (and anything that reads a state file) takes it as one.
#[derive(Debug, Serialize)]
pub struct ExportJson<'r> {
    pub format: u64,
    pub exported_at: DateTime<FixedOffset>,
    pub status: StatusJson<'r>,
    pub steps: Vec<StepRow<'r>>,
    /// Every record, of every roadmap, as `state.json` holds them: undone events and the
    /// retractions that undid them too, so `import` carries the undo.
    pub events: &'r [Record],
}

/// One step in an export; `section` is the section id in JSON and its title in CSV.
#[derive(Debug, Serialize)]
pub struct StepRow<'r> {
    pub section: &'r str,
    pub id: &'r str,
    pub title: &'r str,
    pub status: StepStatus,
    pub first_started: Option<DateTime<FixedOffset>>,
    pub done_at: Option<DateTime<FixedOffset>>,
    /// Done by a passing `mlops-path check`, not only the learner's word.
    pub verified: bool,
    pub notes: usize,
    /// Minutes spent on it, over every event recorded with `--spent`.
    pub spent_minutes: u64,
}

/// A row per step, in roadmap order; `section_label` picks the section's id or title.
/// `notes` counts every note: `note` events and those given with `-m`.
pub fn rows<'r>(
    roadmap: &'r Roadmap,
    progress: &Progress,
    events: &[Event],
    section_label: impl Fn(&'r Section) -> &'r str,
) -> Vec<StepRow<'r>> {
    let histories = histories(roadmap, events);
    roadmap
        .steps()
        .map(|(index, step)| {
            let state = progress.step(index);
            StepRow {
                section: section_label(roadmap.section_of(index)),
                id: &step.id,
                title: &step.title,
                status: state.status,
                first_started: state.first_started,
                done_at: state.since.filter(|_| state.status == StepStatus::Done),
                verified: state.status == StepStatus::Done
                    && is_verified(histories[index].iter().copied()),
                notes: histories[index].iter().filter(|e| e.note.is_some()).count(),
                spent_minutes: histories[index]
                    .iter()
                    .filter_map(|e| spent_of(e))
                    .map(u64::from)
                    .sum(),
            }
        })
        .collect()
}

pub fn json<'r>(
    roadmap: &'r Roadmap,
    progress: &'r Progress,
    events: &'r [Event],
    records: &'r [Record],
    format: u64,
    now: DateTime<FixedOffset>,
) -> ExportJson<'r> {
    let habit = crate::domain::habit::Habit::measure(roadmap, progress, events, now.date_naive());
    ExportJson {
        format,
        exported_at: now,
        status: super::status::json(roadmap, progress, &habit),
        steps: rows(roadmap, progress, events, |section| &section.id),
        events: records,
    }
}

/// CSV with a header row; fields are quoted where they need it, per RFC 4180.
pub fn csv(roadmap: &Roadmap, progress: &Progress, events: &[Event]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows(roadmap, progress, events, |section| &section.title) {
        let (section, title) = (formula_safe(row.section), formula_safe(row.title));
        let row = StepRow {
            section: &section,
            title: &title,
            ..row
        };
        writer
            .serialize(row)
            .expect("flat rows always serialize to memory");
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every field is UTF-8")
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading `'`, which spreadsheets show as text.
pub(super) fn formula_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}
