//! Changes: the events one command recorded, which `undo` takes back together.
//!
//! The first event of a change carries nothing new; each later one names the first one's
//! id in a `change` field. So an event without the field is a change of its own (all
//! events older versions wrote), and older versions keep the field as an unknown one.

use std::borrow::Cow;

use super::event::Event;

/// The event field naming the first event of the change.
pub const FIELD: &str = "change";

/// The change `event` belongs to: the id of the change's first event.
pub fn change_of(event: &Event) -> Cow<'_, str> {
    event.extra.text(FIELD).unwrap_or(Cow::Borrowed(&event.id))
}

/// Marks `event` as part of the change whose first event has the id `first`.
pub fn join(event: &mut Event, first: &str) {
    event.extra.insert(FIELD, first);
}

/// What `undo` takes back on `roadmap`: every live event of the change of the most
/// recently recorded live event, in fold order. Empty when there is nothing to undo.
pub fn last_change<'e>(live: &'e [Event], roadmap: &str) -> Vec<&'e Event> {
    let Some(last) = super::history::last_recorded(live, roadmap) else {
        return Vec::new();
    };
    let change = change_of(last);
    live.iter()
        .filter(|e| e.roadmap == roadmap && change_of(e) == change)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;

    fn event(id: &str, seq: u64, roadmap: &str, change: Option<&str>) -> Event {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        let mut e = Event::new(at, roadmap, "a", EventKind::Done, None);
        e.id = id.into();
        e.seq = seq;
        if let Some(first) = change {
            join(&mut e, first);
        }
        e
    }

    #[test]
    fn the_last_change_is_every_event_of_the_last_recorded_ones_change() {
        let live = vec![
            event("000000000000000a", 1, "mlops", None),
            event("000000000000000b", 2, "mlops", None),
            event("000000000000000c", 3, "other", None),
            event("000000000000000d", 4, "mlops", Some("000000000000000b")),
        ];
        let ids: Vec<&str> = last_change(&live, "mlops")
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["000000000000000b", "000000000000000d"]);
        let other: Vec<&str> = last_change(&live, "other")
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(other, ["000000000000000c"]);
        assert!(last_change(&live, "none").is_empty());
    }
}
