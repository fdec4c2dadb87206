//! What `doctor` says about the history itself: kinds and fields it ignores, and a skewed
//! clock.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::{Check, State};
use crate::domain::event::Extra;
use crate::domain::history::RecordRef;
use crate::domain::text::count_of;
use crate::domain::{change, entry, evidence, spent};

/// The optional event fields this version reads; any other is a newer version's.
const READ_FIELDS: [&str; 4] = [change::FIELD, spent::FIELD, entry::LINK, evidence::FIELD];

/// Records this version ignores (kinds a newer version wrote), fields it ignores, and
/// records dated more than ten minutes after `now`, the mark of a machine whose clock is
/// wrong.
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
    if let Some(fields) = unknown_fields(state) {
        checks.push(Check::warning(
            "event fields",
            format!("fields this version does not know: {fields}"),
            "they are kept as they are and ignored; a newer mlops-path reads them",
        ));
    }
    let soon = now + TimeDelta::minutes(10);
    let future: Vec<DateTime<FixedOffset>> = state
        .each_record()
        .map(RecordRef::at)
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

/// `"mood", "score"; at the top level "sync"`: the fields of events and retractions, and
/// the top-level keys, that this version does not read; `None` when there are none.
fn unknown_fields(state: &State) -> Option<String> {
    let in_records: BTreeSet<&str> = state
        .each_record()
        .filter_map(RecordRef::extra)
        .flat_map(Extra::keys)
        .filter(|key| !READ_FIELDS.contains(key))
        .collect();
    let quoted = |keys: &mut dyn Iterator<Item = &str>| -> String {
        keys.map(|key| format!("{key:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !in_records.is_empty() {
        parts.push(quoted(&mut in_records.into_iter()));
    }
    if !state.extra.is_empty() {
        parts.push(format!(
            "at the top level {}",
            quoted(&mut state.extra.keys())
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
