//! `next`: the steps to work on now.

use std::fmt::Write;

use serde::Serialize;

use super::{minute, visible};
use crate::config::Invocation;
use crate::domain::budget::Plan;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::{Roadmap, StepKind};
use crate::ui::Theme;

#[derive(Debug, Serialize)]
pub struct NextJson<'r> {
    pub steps: Vec<NextStep<'r>>,
    /// Only with `--minutes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetJson>,
    /// Only with `--section`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub focus: Option<FocusJson<'r>>,
}

#[derive(Debug, Serialize)]
pub struct FocusJson<'r> {
    /// The section's id.
    pub section: &'r str,
    /// When none of its steps is ready: the steps they wait for, in roadmap order.
    pub waiting_for: Vec<&'r str>,
}

#[derive(Debug, Serialize)]
pub struct BudgetJson {
    pub minutes: u32,
    /// Minutes of the steps shown: their estimates, scaled by `ratio` when it is known.
    pub planned: u64,
    /// False when no step fits and the first is shown anyway.
    pub fits: bool,
    /// Minutes spent over estimated minutes on recent timed steps, when known (see `status`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
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

pub fn json<'r>(
    roadmap: &'r Roadmap,
    progress: &Progress,
    picks: &[usize],
    plan: Option<&Plan>,
) -> NextJson<'r> {
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
    NextJson {
        steps,
        budget: plan.map(|plan| BudgetJson {
            minutes: plan.budget,
            planned: plan.minutes,
            fits: plan.fits,
            #[allow(clippy::cast_precision_loss)]
            ratio: plan.ratio.map(|r| r.tenths() as f64 / 10.0),
        }),
        focus: None,
    }
}

/// What `next --section` says when none of the section's steps is ready: that all are
/// settled, or which steps they wait for.
pub fn idle_section_text(
    roadmap: &Roadmap,
    number: usize,
    waits: &[usize],
    theme: Theme,
) -> String {
    let section = &roadmap.sections()[number];
    let mut out = String::new();
    if waits.is_empty() {
        let _ = writeln!(
            out,
            "Everything in {} ({}) is settled. `mlops-path next` shows what comes next.",
            section.title, section.id
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Nothing in {} ({}) is ready yet; it waits for:",
        section.title, section.id
    );
    let _ = writeln!(out);
    for &index in waits {
        let step = roadmap.step_at(index);
        let _ = writeln!(
            out,
            "  {}  {}",
            theme.paint(Theme::ID, &step.id),
            step.title
        );
        let _ = writeln!(
            out,
            "    {}",
            theme.paint(Theme::DIM, &roadmap.section_of(index).title)
        );
    }
    out
}

pub fn text(
    roadmap: &Roadmap,
    progress: &Progress,
    picks: &[usize],
    plan: Option<&Plan>,
    theme: Theme,
    mlops: &Invocation,
) -> String {
    let totals = progress.totals();
    let mut out = String::new();
    let Some(&first) = picks.first() else {
        if totals.settled() == totals.total {
            let _ = writeln!(
                out,
                "Everything on {} is settled: {}/{} steps. Well done!",
                visible(roadmap.title()),
                totals.settled(),
                totals.total
            );
        } else {
            let _ = writeln!(
                out,
                "Nothing is ready: every pending step waits for another. `{mlops} list` shows them."
            );
        }
        return out;
    };
    let left = totals.total - totals.settled();
    let heading = match plan {
        None => format!("Next up ({left} of {} steps left):", totals.total),
        Some(plan) if plan.fits => format!(
            "Next up in {} min ({left} of {} steps left):",
            plan.budget, totals.total
        ),
        Some(plan) => format!(
            "Nothing fits in {} min; the smallest next piece is this step of {} min:",
            plan.budget, plan.minutes
        ),
    };
    let _ = writeln!(out, "{}", theme.paint(Theme::HEADING, &heading));
    for &index in picks {
        let step = roadmap.step_at(index);
        let state = progress.step(index);
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "  {}  {}",
            theme.paint(Theme::ID, &step.id),
            visible(&step.title)
        );
        // With a known ratio, the learner's own minutes beside the estimate.
        let yours = plan
            .and_then(|plan| plan.ratio)
            .map(|ratio| format!(" (about {} for you)", ratio.scale(u64::from(step.minutes))))
            .unwrap_or_default();
        let mut details = format!(
            "{} · {} min{yours} · {}",
            step.kind,
            step.minutes,
            visible(&roadmap.section_of(index).title)
        );
        if let (StepStatus::InProgress, Some(since)) = (state.status, state.since) {
            let _ = write!(details, " · in progress since {}", minute(&since));
        }
        let _ = writeln!(out, "    {}", theme.paint(Theme::DIM, &details));
        if let Some(url) = &step.url {
            let _ = writeln!(out, "    {}", visible(url));
        }
    }
    let _ = writeln!(out);
    if let Some(plan) = plan.filter(|plan| plan.fits) {
        let _ = writeln!(out, "Together: {} of {} min.", plan.minutes, plan.budget);
    }
    if let Some(ratio) = plan.and_then(|plan| plan.ratio) {
        let _ = writeln!(
            out,
            "Estimates scaled by {}×: you take about that long on recent steps (see `{mlops} status`).",
            ratio.factor()
        );
    }
    let _ = writeln!(
        out,
        "Finished it? {mlops} done {}",
        roadmap.step_at(first).id
    );
    out
}
