//! The confirmations and warnings of `start`, `done`, `skip` and `reopen`.

use chrono::{DateTime, FixedOffset};

use super::{minute, past_tense, status_words, visible};
use crate::domain::event::EventKind;
use crate::domain::progress::StepStatus;
use crate::domain::roadmap::{Section, Step};

/// `Done: kubeflow  Kubeflow Pipelines`.
pub fn recorded(kind: EventKind, step: &Step) -> String {
    format!(
        "{}: {}  {}",
        past_tense(kind),
        step.id,
        visible(&step.title)
    )
}

/// The warning for a step recorded before what it requires.
pub fn unmet(step: &Step, unmet: &[String]) -> String {
    format!(
        "{} requires {}, not yet done or skipped",
        step.id,
        unmet.join(", ")
    )
}

/// `kubeflow is already done since 2026-03-01 10:00; nothing recorded.`
pub fn already(step: &Step, status: StepStatus, since: Option<&DateTime<FixedOffset>>) -> String {
    let when = since
        .map(|at| format!(" since {}", minute(at)))
        .unwrap_or_default();
    format!(
        "{} is already {}{when}; nothing recorded.",
        step.id,
        status_words(status)
    )
}

/// When nothing was recorded, what of the note and time spent was lost and the command that
/// keeps it; `None` when neither was given. `invocation` is how to call this program again.
pub fn lost_extra(
    step: &Step,
    note: bool,
    spent: Option<u32>,
    invocation: &impl std::fmt::Display,
) -> Option<String> {
    let lost = match (note, spent.is_some()) {
        (true, false) => "the note was not kept; add it",
        (false, true) => "the time spent was not kept; add it",
        (true, true) => "the note and time spent were not kept; add them",
        (false, false) => return None,
    };
    let spent = spent
        .map(|minutes| format!(" --spent {minutes}"))
        .unwrap_or_default();
    Some(format!(
        "{lost} with: {invocation} note {} \"...\"{spent}",
        step.id
    ))
}

/// `skip --section` on a stage with nothing left to settle.
pub fn section_settled(section: &Section) -> String {
    format!(
        "Every step of {} ({}) is already done or skipped; nothing recorded.",
        section.id, section.title
    )
}
