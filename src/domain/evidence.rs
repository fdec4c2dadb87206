//! Evidence of a checked lab: an optional field of a `done` event naming the lab and the
//! checks that passed. A done step is "verified" when its latest `done` carries it.

use serde_json::{Value, json};

use super::event::{Event, EventKind};

/// The event field; older versions keep it as an unknown field, so nothing is lost.
pub const FIELD: &str = "evidence";

pub fn evidence(lab: &str, passed: &[&str]) -> Value {
    json!({"lab": lab, "checks": passed})
}

/// A `done` event recording a pass of `lab`.
pub fn with_evidence(mut event: Event, lab: &str, passed: &[&str]) -> Event {
    event.extra.insert(FIELD, evidence(lab, passed));
    event
}

/// True when the step's latest status event, in `history`, is a done with evidence.
pub fn is_verified<'e>(history: impl IntoIterator<Item = &'e Event>) -> bool {
    history
        .into_iter()
        .filter(|e| e.kind != EventKind::Note)
        .last()
        .is_some_and(|e| e.kind == EventKind::Done && e.extra.contains_key(FIELD))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind) -> Event {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+00:00").unwrap();
        Event::new(at, "mlops", "lab-x", kind, None)
    }

    #[test]
    fn only_a_latest_done_with_evidence_is_verified() {
        let proven = with_evidence(event(EventKind::Done), "lab-x", &["a"]);
        assert!(is_verified([&proven]));
        assert!(is_verified([&proven, &event(EventKind::Note)]));
        assert!(!is_verified([&event(EventKind::Done)]));
        assert!(!is_verified([&proven, &event(EventKind::Reopen)]));
        assert!(!is_verified(std::iter::empty::<&Event>()));
    }
}
