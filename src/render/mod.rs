//! Pure functions from domain values to text and JSON. Nothing here prints or reads.

pub mod doctor;
pub mod list;
pub mod log;
pub mod next;
pub mod show;
pub mod status;

use chrono::{DateTime, FixedOffset};

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

/// A timestamp as the learner recorded it, to the minute.
pub fn minute(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
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
