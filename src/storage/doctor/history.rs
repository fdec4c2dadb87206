//! What `doctor` says about the history itself: kinds it ignores, and a skewed clock.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::{Check, State};
use crate::domain::history::Record;
use crate::domain::text::count_of;

/// Records this version ignores (kinds a newer version wrote) and records dated more than
/// ten minutes after `now`, the mark of a machine whose clock is wrong.
pub fn history_checks(state: &State, now: DateTime<FixedOffset>) -> Vec<Check> {
    let mut checks = Vec::new();
    let unknown = state.unknown_kinds();
    if !unknown.is_empty() {
        let kinds: Vec<String> = unknown.iter().map(|k| format!("{k:?}")).collect();
        checks.push(Check::warning(
            "event kinds",
            format!("kinds this version does not know: {}", kinds.join(", ")),
            "they are kept as they are and ignored; a newer mlops-path reads them",
        ));
    }
    let soon = now + TimeDelta::minutes(10);
    let future: Vec<DateTime<FixedOffset>> = state
        .records()
        .iter()
        .map(Record::at)
        .filter(|at| *at > soon)
        .collect();
    if let Some(latest) = future.iter().max() {
        checks.push(Check::warning(
            "event times",
            format!(
                "{} dated more than 10 minutes from now, the latest {}",
                count_of(future.len(), "event"),
                latest.to_rfc3339()
            ),
            "check the clock of the machine that recorded them; they fold in at their time",
        ));
    }
    checks
}
