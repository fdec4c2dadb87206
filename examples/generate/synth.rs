//! Synthetic roadmaps and histories of any size, for the benchmarks and the large-roadmap test.
//!
//! Deterministic for a seed: the same spec always gives the same bytes. Built only on the
//! library's own types, so what it writes is what `mlops-path` reads. The history keeps its
//! own tally of step statuses, independent of `Progress::derive`, so tests can check the
//! tracker against it.

// Each user (the example, the benches, the test) needs a different part of this file.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset};
use mlops_path::domain::event::{Event, EventKind};
use mlops_path::domain::roadmap::{BUILT_IN, RoadmapFile, Section, Step, StepKind};
use mlops_path::error::Result;
use mlops_path::storage::{Store, replace_atomically};

/// The end of every synthetic history unless told otherwise: the tests' fixed clock.
pub const DEFAULT_UNTIL: &str = "2026-03-10T09:00:00+01:00";

/// How big a roadmap to make, and how to fill it.
#[derive(Debug, Clone)]
pub struct Spec {
    pub steps: usize,
    pub sections: usize,
    /// Share of steps (0.0 to 1.0) that require one earlier step.
    pub requires_share: f64,
    pub seed: u64,
}

/// What the history left each step in, tallied while generating it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: usize,
    pub skipped: usize,
    pub in_progress: usize,
    pub pending: usize,
}

/// A history and what it should add up to.
#[derive(Debug, Clone)]
pub struct History {
    pub events: Vec<Event>,
    pub tally: Tally,
    /// Events per step, in roadmap order.
    pub events_per_step: Vec<usize>,
    /// The first step not yet done or skipped, if any: `done` on it records an event.
    pub current: Option<String>,
}

/// `SplitMix64`: tiny, fast, and good enough to scatter test data; not for anything secret.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound` > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// Uniform in `0..bound` (`bound` > 0), as an index.
    pub fn index(&mut self, bound: usize) -> usize {
        usize::try_from(self.below(bound as u64)).expect("below a usize bound")
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        // The top 53 bits make an exact f64 in [0, 1).
        #[allow(clippy::cast_precision_loss)]
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit < p
    }
}

const KINDS: [StepKind; 5] = [
    StepKind::Concept,
    StepKind::Article,
    StepKind::Tool,
    StepKind::Course,
    StepKind::Lab,
];

/// A valid roadmap of `spec.steps` steps in `spec.sections` sections of near-equal size.
/// A step that requires another requires one of the 50 before it, as real roadmaps do.
pub fn roadmap(spec: &Spec) -> RoadmapFile {
    let mut rng = Rng::new(spec.seed);
    let sections = spec.sections.clamp(1, spec.steps.max(1));
    // Through serde rather than a struct literal, so optional fields added to the format
    // later take their defaults here too.
    let mut file: RoadmapFile = serde_json::from_value(serde_json::json!({
        "id": "synthetic",
        "title": format!("Synthetic roadmap of {} steps", spec.steps),
        "sections": [],
    }))
    .expect("a roadmap needs only an id, a title and sections");
    file.sections = (0..sections)
        .map(|s| Section {
            id: format!("section-{s}"),
            title: format!("Section {s}"),
            steps: Vec::new(),
        })
        .collect();
    for index in 0..spec.steps {
        let kind = KINDS[index % KINDS.len()];
        let requires = if index > 0 && rng.chance(spec.requires_share) {
            let back = 1 + rng.index(index.min(50));
            vec![step_id(index - back)]
        } else {
            Vec::new()
        };
        let step = Step {
            id: step_id(index),
            title: format!("Step {index} of the synthetic roadmap"),
            kind,
            url: (kind != StepKind::Concept).then(|| format!("https://example.com/steps/{index}")),
            minutes: 5 + u32::try_from(rng.below(115)).unwrap_or(0),
            summary: format!(
                "Synthetic step {index}: a sentence or two of what to learn and why it matters."
            ),
            requires,
            replaces: Vec::new(),
            lab: None,
        };
        // Sections take consecutive runs of steps, so roadmap order is index order.
        file.sections[index * sections / spec.steps]
            .steps
            .push(step);
    }
    file
}

pub fn step_id(index: usize) -> String {
    format!("step-{index}")
}

/// The built-in roadmap's file, to give it a synthetic history.
pub fn built_in(id: &str) -> Option<RoadmapFile> {
    BUILT_IN
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, text)| serde_json::from_str(text).expect("built-in roadmaps are valid"))
}

/// `count` events spread evenly (with jitter) over the `span_days` days before `until`,
/// in time order. The learner works through the steps in roadmap order: start, perhaps a
/// note, then done (or, one time in ten, skip without starting); now and then a settled
/// step is reopened. Once every step is settled, the rest are notes.
pub fn history(
    file: &RoadmapFile,
    count: usize,
    span_days: u32,
    until: DateTime<FixedOffset>,
    seed: u64,
) -> History {
    #[derive(Clone, Copy, PartialEq)]
    enum Status {
        Pending,
        InProgress,
        Done,
        Skipped,
    }

    let ids: Vec<&str> = file
        .sections
        .iter()
        .flat_map(|s| &s.steps)
        .map(|s| s.id.as_str())
        .collect();
    let mut rng = Rng::new(seed ^ 0x5EED_F00D);
    let mut status = vec![Status::Pending; ids.len()];
    let mut events_per_step = vec![0; ids.len()];
    let mut events = Vec::with_capacity(count);
    let mut cursor = 0;
    let span = i64::from(span_days) * 86_400;
    let start = until - Duration::seconds(span);
    let slot = span / i64::try_from(count.max(1)).unwrap_or(i64::MAX);

    for n in 0..count {
        let offset = slot * i64::try_from(n).unwrap_or(0)
            + i64::try_from(rng.below(slot.max(1).unsigned_abs())).unwrap_or(0);
        let at = start + Duration::seconds(offset.min(span));
        let (index, kind) = if cursor < ids.len() && rng.chance(0.98) {
            let index = cursor;
            let kind = match status[index] {
                Status::Pending if rng.chance(0.1) => EventKind::Skip,
                Status::Pending => EventKind::Start,
                _ if rng.chance(0.35) => EventKind::Note,
                _ => EventKind::Done,
            };
            (index, kind)
        } else if cursor > 0 && rng.chance(0.5) {
            // A settled step the learner goes back to.
            let index = rng.index(cursor);
            let kind = if status[index] == Status::Pending {
                EventKind::Start
            } else {
                EventKind::Reopen
            };
            (index, kind)
        } else if ids.is_empty() {
            break;
        } else {
            let index = rng.index(ids.len());
            (index, EventKind::Note)
        };
        match kind {
            EventKind::Start => status[index] = Status::InProgress,
            EventKind::Done => status[index] = Status::Done,
            EventKind::Skip => status[index] = Status::Skipped,
            EventKind::Reopen => status[index] = Status::Pending,
            EventKind::Note | EventKind::Learn => {}
        }
        if index == cursor && matches!(status[index], Status::Done | Status::Skipped) {
            cursor += 1;
        }
        let note = (kind == EventKind::Note).then(|| format!("note {n}: what I learned today"));
        events.push(Event::new(at, &file.id, ids[index], kind, note));
        events_per_step[index] += 1;
    }

    let mut tally = Tally::default();
    for s in &status {
        match s {
            Status::Pending => tally.pending += 1,
            Status::InProgress => tally.in_progress += 1,
            Status::Done => tally.done += 1,
            Status::Skipped => tally.skipped += 1,
        }
    }
    History {
        events,
        tally,
        events_per_step,
        current: status
            .iter()
            .position(|s| matches!(s, Status::Pending | Status::InProgress))
            .map(|index| ids[index].to_owned()),
    }
}

/// The same roadmap as Taskwarrior tasks, for `task import`: one pending task per step, and
/// a step's `requires` as the task's `depends`, so both tools carry the same dependencies.
pub fn taskwarrior_tasks(file: &RoadmapFile, entry: DateTime<FixedOffset>) -> serde_json::Value {
    let steps: Vec<&Step> = file.sections.iter().flat_map(|s| &s.steps).collect();
    let uuid_of = |index: usize| format!("00000000-0000-4000-8000-{index:012x}");
    let position: std::collections::HashMap<&str, usize> = steps
        .iter()
        .enumerate()
        .map(|(index, step)| (step.id.as_str(), index))
        .collect();
    let entry = entry.to_utc().format("%Y%m%dT%H%M%SZ").to_string();
    let tasks = steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let depends: Vec<String> = step
                .requires
                .iter()
                .filter_map(|id| position.get(id.as_str()).map(|&i| uuid_of(i)))
                .collect();
            let mut task = serde_json::json!({
                "uuid": uuid_of(index),
                "description": step.title,
                "status": "pending",
                "entry": entry,
                "project": file.id,
            });
            if !depends.is_empty() {
                task["depends"] = serde_json::json!(depends.join(","));
            }
            task
        })
        .collect();
    serde_json::Value::Array(tasks)
}

/// Reads `--requires-share`: a number from 0 to 1.
pub fn parse_share(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("expected a number from 0 to 1, got {text:?}")),
    }
}

/// Refuses a directory that already holds a state, so a second run never appends to a
/// history or overwrites one.
pub fn check_out_dir(out: &Path) -> std::result::Result<(), String> {
    let state = out.join("data").join(mlops_path::storage::STATE_FILE);
    if state.exists() {
        return Err(format!(
            "{} already exists; generate into an empty directory",
            state.display()
        ));
    }
    Ok(())
}

/// Writes `roadmap.json` (unless `roadmap` is `None`, for a built-in) and `data/state.json`
/// into `dir`, through the library's own storage, so the state file is exactly what the
/// tracker writes.
pub fn write(dir: &Path, roadmap: Option<&RoadmapFile>, events: Vec<Event>) -> Result<()> {
    if let Some(file) = roadmap {
        let mut text = serde_json::to_vec_pretty(file).expect("roadmaps always serialize");
        text.push(b'\n');
        replace_atomically(&dir.join("roadmap.json"), &text)?;
    }
    let store = Store::new(dir.join("data"), std::time::Duration::from_secs(10));
    store.update(
        |_| {},
        |state| {
            for event in events {
                state.record(event)?;
            }
            Ok(())
        },
    )
}
