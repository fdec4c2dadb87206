//! `next`: the steps to work on now.

use std::fmt::Write;

use serde::Serialize;

use super::minute;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::{Roadmap, StepKind};
use crate::ui::Theme;

#[derive(Debug, Serialize)]
pub struct NextJson<'r> {
    pub steps: Vec<NextStep<'r>>,
}

#[derive(Debug, Serialize)]
pub struct NextStep<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub section: &'r str,
    pub kind: StepKind,
    pub url: Option<&'r str>,
    pub minutes: u32,
    pub status: StepStatus,
}

pub fn json<'r>(roadmap: &'r Roadmap, progress: &Progress, picks: &[usize]) -> NextJson<'r> {
    let steps = picks
        .iter()
        .map(|&index| {
            let step = roadmap.step_at(index);
            NextStep {
                id: &step.id,
                title: &step.title,
                section: &roadmap.section_of(index).id,
                kind: step.kind,
                url: step.url.as_deref(),
                minutes: step.minutes,
                status: progress.status(index),
            }
        })
        .collect();
    NextJson { steps }
}

pub fn text(roadmap: &Roadmap, progress: &Progress, picks: &[usize], theme: Theme) -> String {
    let totals = progress.totals();
    let mut out = String::new();
    let Some(&first) = picks.first() else {
        if totals.settled() == totals.total {
            let _ = writeln!(
                out,
                "Everything on {} is settled: {}/{} steps. Well done!",
                roadmap.title(),
                totals.settled(),
                totals.total
            );
        } else {
            let _ = writeln!(
                out,
                "Nothing is ready: every pending step waits for another. `mlops-path list` shows them."
            );
        }
        return out;
    };
    let left = totals.total - totals.settled();
    let _ = writeln!(
        out,
        "{}",
        theme.paint(
            Theme::HEADING,
            &format!("Next up ({left} of {} steps left):", totals.total)
        )
    );
    for &index in picks {
        let step = roadmap.step_at(index);
        let state = progress.step(index);
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "  {}  {}",
            theme.paint(Theme::ID, &step.id),
            step.title
        );
        let mut details = format!(
            "{} · {} min · {}",
            step.kind,
            step.minutes,
            roadmap.section_of(index).title
        );
        if let (StepStatus::InProgress, Some(since)) = (state.status, state.since) {
            let _ = write!(details, " · in progress since {}", minute(&since));
        }
        let _ = writeln!(out, "    {}", theme.paint(Theme::DIM, &details));
        if let Some(url) = &step.url {
            let _ = writeln!(out, "    {url}");
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Finished it? mlops-path done {}",
        roadmap.step_at(first).id
    );
    out
}
