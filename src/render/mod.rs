//! Pure functions from domain values to text and JSON. Nothing here prints or reads.

pub mod calendar;
pub mod checklist;
pub mod doctor;
pub mod export;
pub mod lab;
pub mod list;
pub mod log;
pub mod man;
pub mod next;
pub mod overview;
pub mod recap;
pub mod roadmap;
pub mod show;
pub mod status;

use chrono::{DateTime, FixedOffset};

use crate::domain::event::EventKind;
use crate::domain::progress::StepStatus;
use crate::ui::Theme;

/// The checklist mark of a status: `[x]` done, `[~]` in progress, `[-]` skipped, `[ ]` pending.
pub fn mark(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Done => "[x]",
        StepStatus::InProgress => "[~]",
        StepStatus::Skipped => "[-]",
        StepStatus::Pending => "[ ]",
    }
}

/// A status in words, for people.
pub fn status_words(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Done => "done",
        StepStatus::InProgress => "in progress",
        StepStatus::Skipped => "skipped",
        StepStatus::Pending => "pending",
    }
}

pub fn painted_mark(status: StepStatus, theme: Theme) -> String {
    let style = match status {
        StepStatus::Done => Theme::DONE,
        StepStatus::InProgress => Theme::ACTIVE,
        StepStatus::Skipped | StepStatus::Pending => Theme::DIM,
    };
    theme.paint(style, mark(status))
}

/// What an event did, as a confirmation or a recap says it.
pub fn past_tense(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Start => "Started",
        EventKind::Done => "Done",
        EventKind::Skip => "Skipped",
        EventKind::Reopen => "Reopened",
        EventKind::Note => "Noted",
    }
}

/// `n` and the noun, in the plural unless `n` is 1: `1 day`, `3 days`.
pub fn count_of<N: Copy + std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    if n == N::from(1) {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A timestamp as the learner recorded it, to the minute.
pub fn minute(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// `Next: id  title`, or a word of congratulation once every step is settled; `None` when
/// nothing is ready.
pub fn next_line(
    roadmap: &crate::domain::roadmap::Roadmap,
    totals: &crate::domain::progress::Counts,
    next: Option<usize>,
    theme: Theme,
) -> Option<String> {
    match next {
        Some(index) => {
            let step = roadmap.step_at(index);
            Some(format!(
                "Next: {}  {}",
                theme.paint(Theme::ID, &step.id),
                step.title
            ))
        }
        None if totals.settled() == totals.total => {
            Some("Every step is settled. Well done!".into())
        }
        None => None,
    }
}

/// `settled/total steps settled (percent%)`, the one-line progress summary.
pub fn progress_line(counts: &crate::domain::progress::Counts) -> String {
    format!(
        "{}/{} steps settled ({}%)",
        counts.settled(),
        counts.total,
        counts.percent()
    )
}
