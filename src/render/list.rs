//! `list`: the whole roadmap with a mark per step.

use std::fmt::Write;

use serde::Serialize;

use super::fit::shorten;
use super::{painted_checkbox, visible};
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::{Roadmap, StepKind};
use crate::ui::Theme;

/// Titles keep at least this many columns; a longer id line wraps instead.
const MIN_TITLE: usize = 12;

#[derive(Debug, Serialize)]
pub struct StepListJson<'r> {
    pub roadmap: RoadmapJson<'r>,
    pub sections: Vec<ListSection<'r>>,
}

#[derive(Debug, Serialize)]
pub struct RoadmapJson<'r> {
    pub id: &'r str,
    pub title: &'r str,
}

#[derive(Debug, Serialize)]
pub struct ListSection<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub steps: Vec<ListStep<'r>>,
}

#[derive(Debug, Serialize)]
pub struct ListStep<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub kind: StepKind,
    pub url: Option<&'r str>,
    pub minutes: u32,
    pub requires: &'r [String],
    pub summary: &'r str,
    pub status: StepStatus,
}

/// The roadmap with every step's status; with `only`, just that section (by position).
pub fn json<'r>(
    roadmap: &'r Roadmap,
    progress: &Progress,
    only: Option<usize>,
) -> StepListJson<'r> {
    let mut sections = Vec::new();
    let mut index = 0;
    for (number, section) in roadmap.sections().iter().enumerate() {
        let first = index;
        index += section.steps.len();
        if only.is_some_and(|only| only != number) {
            continue;
        }
        sections.push(ListSection {
            id: &section.id,
            title: &section.title,
            steps: section
                .steps
                .iter()
                .zip(first..)
                .map(|(step, index)| ListStep {
                    id: &step.id,
                    title: &step.title,
                    kind: step.kind,
                    url: step.url.as_deref(),
                    minutes: step.minutes,
                    requires: &step.requires,
                    summary: &step.summary,
                    status: progress.status(index),
                })
                .collect(),
        });
    }
    StepListJson {
        roadmap: RoadmapJson {
            id: roadmap.id(),
            title: roadmap.title(),
        },
        sections,
    }
}

/// The list; with `columns`, titles are shortened with `…` to fit.
pub fn text(
    roadmap: &Roadmap,
    progress: &Progress,
    only: Option<usize>,
    theme: Theme,
    columns: Option<usize>,
) -> String {
    let width = roadmap.ids().map(str::len).max().unwrap_or(0);
    // "  [x] " before the id, two spaces after it.
    let room = columns.map(|columns| columns.saturating_sub(width + 8).max(MIN_TITLE));
    let mut out = String::new();
    let mut index = 0;
    for (number, section) in roadmap.sections().iter().enumerate() {
        if only.is_some_and(|only| only != number) {
            index += section.steps.len();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}",
            theme.paint(Theme::HEADING, &visible(&section.title))
        );
        for step in &section.steps {
            let id = format!("{:width$}", step.id);
            let _ = writeln!(
                out,
                "  {} {}  {}",
                painted_checkbox(progress.status(index), theme),
                theme.paint(Theme::ID, &id),
                room.map_or_else(
                    || visible(&step.title),
                    |room| shorten(&visible(&step.title), room).into_owned().into()
                )
            );
            index += 1;
        }
    }
    out
}
