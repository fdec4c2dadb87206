//! Merging two histories, as a learner with two machines needs: the union of their events,
//! each counted once, in time order.

use std::collections::HashMap;

use super::event::Event;

/// What makes two events the same: every field, as serialized. An event copied from one
/// machine to another keeps all of them, offset included.
fn identity(event: &Event) -> String {
    serde_json::to_string(event).expect("events always serialize")
}

/// `local` with the events of `incoming` it lacks, and how many those were.
///
/// An incoming event counts as present as many times as `local` has it, so importing the
/// same file twice adds nothing. New events are placed by time among the local ones
/// (local first at the same instant); neither side is reordered within itself, so a step
/// marked done with an earlier `--at` after it was started stays done.
pub fn union(local: Vec<Event>, incoming: Vec<Event>) -> (Vec<Event>, usize) {
    let mut present: HashMap<String, usize> = HashMap::new();
    for event in &local {
        *present.entry(identity(event)).or_default() += 1;
    }
    let new: Vec<Event> = incoming
        .into_iter()
        .filter(|event| match present.get_mut(&identity(event)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .collect();
    let added = new.len();
    if added == 0 {
        return (local, 0);
    }
    let mut merged = Vec::with_capacity(local.len() + added);
    let mut local = local.into_iter().peekable();
    let mut new = new.into_iter().peekable();
    loop {
        let take_local = match (local.peek(), new.peek()) {
            (Some(l), Some(n)) => l.at <= n.at,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_local { local.next() } else { new.next() };
        merged.extend(next);
    }
    (merged, added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind::{self, Done, Note, Start};
    use chrono::DateTime;

    fn event(day: u32, step: &str, kind: EventKind) -> Event {
        let at = DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T10:00:00+01:00")).unwrap();
        Event::new(at, "mlops", step, kind, None)
    }

    fn summary(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| format!("{} {} {}", e.day().format("%d"), e.kind, e.step))
            .collect()
    }

    #[test]
    fn keeps_each_event_once_and_places_new_ones_by_time() {
        let shared = event(2, "a", Done);
        let local = vec![event(1, "a", Start), shared.clone(), event(5, "c", Start)];
        let incoming = vec![shared, event(3, "b", Done), event(6, "d", Note)];
        let (merged, added) = union(local.clone(), incoming.clone());
        assert_eq!(added, 2);
        assert_eq!(
            summary(&merged),
            [
                "01 start a",
                "02 done a",
                "03 done b",
                "05 start c",
                "06 note d"
            ]
        );
        let (again, added) = union(merged.clone(), incoming);
        assert_eq!((added, again), (0, merged));
    }

    #[test]
    fn an_event_recorded_twice_on_one_side_is_kept_twice() {
        let twice = vec![event(1, "a", Note), event(1, "a", Note)];
        let (merged, added) = union(vec![event(1, "a", Note)], twice);
        assert_eq!((added, merged.len()), (1, 2));
    }

    #[test]
    fn same_fields_but_a_different_note_or_offset_are_different_events() {
        let mut noted = event(1, "a", Note);
        noted.note = Some("x".into());
        let mut elsewhere = event(1, "a", Note);
        elsewhere.at = DateTime::parse_from_rfc3339("2026-03-01T09:00:00+00:00").unwrap();
        let (_, added) = union(vec![event(1, "a", Note)], vec![noted, elsewhere]);
        assert_eq!(added, 2);
    }

    #[test]
    fn a_backdated_event_keeps_its_place_after_what_it_settles() {
        // Started on the 5th, then recorded as done "on the 1st": the done must stay last.
        let local = vec![event(5, "a", Start), event(1, "a", Done)];
        let (merged, added) = union(local, vec![event(3, "b", Done)]);
        assert_eq!(added, 1);
        assert_eq!(summary(&merged), ["03 done b", "05 start a", "01 done a"]);
    }
}
