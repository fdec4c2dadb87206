//! `list`: the whole roadmap with a mark per step.

use std::fmt::Write;

use serde::Serialize;

use super::{painted_mark, visible};
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::{Roadmap, StepKind};
use crate::ui::Theme;

#[derive(Debug, Serialize)]
pub struct ListJson<'r> {
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

pub fn json<'r>(roadmap: &'r Roadmap, progress: &Progress) -> ListJson<'r> {
    let mut index = 0;
    let sections = roadmap
        .sections()
        .iter()
        .map(|section| ListSection {
            id: &section.id,
            title: &section.title,
            steps: section
                .steps
                .iter()
                .map(|step| {
                    let status = progress.status(index);
                    index += 1;
                    ListStep {
                        id: &step.id,
                        title: &step.title,
                        kind: step.kind,
                        url: step.url.as_deref(),
                        minutes: step.minutes,
                        requires: &step.requires,
                        summary: &step.summary,
                        status,
                    }
                })
                .collect(),
        })
        .collect();
    ListJson {
        roadmap: RoadmapJson {
            id: roadmap.id(),
            title: roadmap.title(),
        },
        sections,
    }
}

pub fn text(roadmap: &Roadmap, progress: &Progress, theme: Theme) -> String {
    let width = roadmap.ids().map(str::len).max().unwrap_or(0);
    let mut out = String::new();
    let mut index = 0;
    for (number, section) in roadmap.sections().iter().enumerate() {
        if number > 0 {
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
                painted_mark(progress.status(index), theme),
                theme.paint(Theme::ID, &id),
                visible(&step.title)
            );
            index += 1;
        }
    }
    out
}
