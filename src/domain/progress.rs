//! Progress derived from events: each step's status, counts, and what to do next.
//!
//! Nothing here is stored. Events are folded in the order they were recorded, so the
//! latest recording wins even when `--at` dated it earlier.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::event::{Event, EventKind};
use super::roadmap::Roadmap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Pending,
    InProgress,
    Done,
    Skipped,
}

impl StepStatus {
    /// The name `--json` and the page's `data-status` give the status (serde's spelling).
    pub fn key(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Skipped => "skipped",
        }
    }

    /// Done or skipped: nothing more to do for this step.
    pub fn is_settled(self) -> bool {
        matches!(self, Self::Done | Self::Skipped)
    }

    /// True when recording `kind` would not change a step in this status,
    /// so the command has nothing to record (`done` twice, `reopen` on a pending step).
    pub fn already(self, kind: EventKind) -> bool {
        Self::after(kind) == Some(self)
    }

    /// The status an event leaves a step in; `None` for events that keep it (notes).
    pub(super) fn after(kind: EventKind) -> Option<Self> {
        match kind {
            EventKind::Start => Some(Self::InProgress),
            EventKind::Done => Some(Self::Done),
            EventKind::Skip => Some(Self::Skipped),
            EventKind::Reopen => Some(Self::Pending),
            EventKind::Note | EventKind::Learn => None,
        }
    }
}

/// What the events say about one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepProgress {
    pub status: StepStatus,
    /// When the current status was recorded; `None` while pending and untouched.
    pub since: Option<DateTime<FixedOffset>>,
    pub first_started: Option<DateTime<FixedOffset>>,
    pub notes: usize,
    pub events: usize,
}

impl Default for StepProgress {
    fn default() -> Self {
        Self {
            status: StepStatus::Pending,
            since: None,
            first_started: None,
            notes: 0,
            events: 0,
        }
    }
}

/// Totals over a set of steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub skipped: usize,
    pub in_progress: usize,
    pub pending: usize,
}

impl Counts {
    fn add(&mut self, status: StepStatus) {
        self.total += 1;
        match status {
            StepStatus::Pending => self.pending += 1,
            StepStatus::InProgress => self.in_progress += 1,
            StepStatus::Done => self.done += 1,
            StepStatus::Skipped => self.skipped += 1,
        }
    }

    pub fn settled(&self) -> usize {
        self.done + self.skipped
    }

    /// Integer floor of settled * 100 / total; 100 for an empty set, as nothing is left.
    pub fn percent(&self) -> usize {
        (self.settled() * 100)
            .checked_div(self.total)
            .unwrap_or(100)
    }
}

/// A step id found in the events of this roadmap that the roadmap no longer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownStep {
    pub id: String,
    pub events: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    steps: Vec<StepProgress>,
    unknown: Vec<UnknownStep>,
}

impl Progress {
    /// Folds the events of `roadmap` (others are ignored, never lost) in recorded order.
    pub fn derive(roadmap: &Roadmap, events: &[Event]) -> Self {
        let mut steps = vec![StepProgress::default(); roadmap.step_count()];
        let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
        // Learning outside the roadmap has no step: it never touches progress.
        let on_steps = events
            .iter()
            .filter(|e| e.roadmap == roadmap.id() && e.kind != EventKind::Learn);
        for event in on_steps {
            let Some(index) = roadmap.resolve_recorded(&event.step) else {
                *unknown.entry(event.step.as_str()).or_default() += 1;
                continue;
            };
            let step = &mut steps[index];
            step.events += 1;
            if event.kind == EventKind::Note {
                step.notes += 1;
            }
            if event.kind == EventKind::Start && step.first_started.is_none() {
                step.first_started = Some(event.at);
            }
            if let Some(status) = StepStatus::after(event.kind) {
                step.status = status;
                step.since = Some(event.at);
            }
        }
        let unknown = unknown
            .into_iter()
            .map(|(id, events)| UnknownStep {
                id: id.to_owned(),
                events,
            })
            .collect();
        Self { steps, unknown }
    }

    pub fn step(&self, index: usize) -> &StepProgress {
        &self.steps[index]
    }

    pub fn status(&self, index: usize) -> StepStatus {
        self.steps[index].status
    }

    pub fn unknown_steps(&self) -> &[UnknownStep] {
        &self.unknown
    }

    pub fn totals(&self) -> Counts {
        let mut counts = Counts::default();
        for step in &self.steps {
            counts.add(step.status);
        }
        counts
    }

    /// Counts per section, in roadmap order.
    pub fn by_section(&self, roadmap: &Roadmap) -> Vec<Counts> {
        let mut counts = vec![Counts::default(); roadmap.sections().len()];
        let mut index = 0;
        for (section, section_counts) in roadmap.sections().iter().zip(&mut counts) {
            for _ in &section.steps {
                section_counts.add(self.steps[index].status);
                index += 1;
            }
        }
        counts
    }

    /// Ids a step requires that are not yet done or skipped.
    pub fn unmet_requires<'r>(&self, roadmap: &'r Roadmap, index: usize) -> Vec<&'r str> {
        roadmap
            .step_at(index)
            .requires
            .iter()
            .filter(|id| {
                roadmap
                    .index_of(id)
                    .is_none_or(|required| !self.steps[required].status.is_settled())
            })
            .map(String::as_str)
            .collect()
    }

    /// Up to `limit` steps to work on: those in progress first, then pending steps whose
    /// requirements are settled, each group in roadmap order.
    pub fn next(&self, roadmap: &Roadmap, limit: usize) -> Vec<usize> {
        let in_progress =
            (0..self.steps.len()).filter(|&i| self.steps[i].status == StepStatus::InProgress);
        let ready = (0..self.steps.len()).filter(|&i| {
            self.steps[i].status == StepStatus::Pending
                && self.unmet_requires(roadmap, i).is_empty()
        });
        in_progress.chain(ready).take(limit).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind::{Done, Note, Reopen, Skip, Start};

    fn at(minute: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-03-01T10:{minute:02}:00+01:00")).unwrap()
    }

    fn history(entries: &[(&str, EventKind)]) -> Vec<Event> {
        entries
            .iter()
            .zip(0..)
            .map(|((step, kind), minute)| Event::new(at(minute), "mlops", step, *kind, None))
            .collect()
    }

    fn mlops() -> Roadmap {
        Roadmap::built_in("mlops").unwrap()
    }

    #[test]
    fn status_follows_the_latest_recorded_event() {
        let roadmap = mlops();
        let events = history(&[
            ("what-is-mlops", Start),
            ("what-is-mlops", Note),
            ("what-is-mlops", Done),
            ("how-ml-works", Skip),
            ("kubeflow", Done),
            ("kubeflow", Reopen),
        ]);
        let progress = Progress::derive(&roadmap, &events);
        let status = |id| progress.status(roadmap.index_of(id).unwrap());
        assert_eq!(status("what-is-mlops"), StepStatus::Done);
        assert_eq!(status("how-ml-works"), StepStatus::Skipped);
        assert_eq!(status("kubeflow"), StepStatus::Pending);
        let first = progress.step(0);
        assert_eq!(
            (first.notes, first.events, first.first_started),
            (1, 3, Some(at(0)))
        );
        assert_eq!(first.since, Some(at(2)));
        let totals = progress.totals();
        assert_eq!(
            (totals.total, totals.done, totals.skipped, totals.pending),
            (114, 1, 1, 112)
        );
        assert_eq!(totals.percent(), 1); // floor(2 * 100 / 114)
    }

    #[test]
    fn events_of_other_roadmaps_are_ignored_and_unknown_steps_reported() {
        let roadmap = mlops();
        let mut events = history(&[
            ("gone-step", Done),
            ("gone-step", Note),
            ("what-is-mlops", Done),
        ]);
        events[2].roadmap = "other".into();
        let progress = Progress::derive(&roadmap, &events);
        assert_eq!(progress.totals().done, 0);
        assert_eq!(
            progress.unknown_steps(),
            [UnknownStep {
                id: "gone-step".into(),
                events: 2
            }]
        );
    }

    #[test]
    fn next_puts_in_progress_first_then_ready_steps_in_order() {
        let roadmap = mlops();
        let progress = Progress::derive(&roadmap, &history(&[("kubeflow", Start)]));
        let ids: Vec<&str> = progress
            .next(&roadmap, 4)
            .into_iter()
            .map(|i| roadmap.step_at(i).id.as_str())
            .collect();
        // mlops-vs-devops waits for what-is-mlops; how-ml-works requires nothing.
        assert_eq!(
            ids,
            [
                "kubeflow",
                "what-is-mlops",
                "how-ml-works",
                "data-engineering-concepts"
            ]
        );
    }

    #[test]
    fn skipped_requirements_count_as_settled() {
        let roadmap = mlops();
        let progress = Progress::derive(&roadmap, &history(&[("what-is-mlops", Skip)]));
        let index = roadmap.index_of("mlops-vs-devops").unwrap();
        assert!(progress.unmet_requires(&roadmap, index).is_empty());
        let kubeflow = roadmap.index_of("kubeflow").unwrap();
        assert_eq!(
            progress.unmet_requires(&roadmap, kubeflow),
            ["ml-algorithm-vs-model"]
        );
    }

    #[test]
    fn percent_floors_and_handles_empty() {
        let counts = Counts {
            total: 3,
            done: 2,
            ..Counts::default()
        };
        assert_eq!(counts.percent(), 66);
        assert_eq!(Counts::default().percent(), 100);
    }
}
