//! The learning log: events grouped by the day they were recorded, and the undos of each day.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::event::Event;
use super::history::Retraction;

/// One day of the log: its events and the undos done that day, each in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Day<'e> {
    pub date: NaiveDate,
    pub events: Vec<&'e Event>,
    pub undos: Vec<Undo<'e>>,
}

/// An event `undo` took back, and the retraction that took it back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Undo<'e> {
    pub event: &'e Event,
    pub retraction: &'e Retraction,
}

impl Undo<'_> {
    /// When the undo was done.
    pub fn at(&self) -> DateTime<FixedOffset> {
        self.retraction.at
    }
}

/// Days from `first` to `last` (inclusive) that have events, of any roadmap, oldest first:
/// the log is the habit, wherever the learning happened.
pub fn days_between(events: &[Event], first: NaiveDate, last: NaiveDate) -> Vec<Day<'_>> {
    let mut chosen: Vec<&Event> = events
        .iter()
        .filter(|e| (first..=last).contains(&e.day()))
        .collect();
    // Stable: events recorded at the same instant keep their recorded order.
    chosen.sort_by_key(|e| (e.day(), e.at));
    let mut days: Vec<Day> = Vec::new();
    for event in chosen {
        match days.last_mut() {
            Some(day) if day.date == event.day() => day.events.push(event),
            _ => days.push(Day {
                date: event.day(),
                events: vec![event],
                undos: Vec::new(),
            }),
        }
    }
    days
}

/// `days` with the undos done from `first` to `last` (inclusive), each on the day of the
/// undo at the offset it was done at: the log says what happened when, and taking something
/// back happened then. A day with only undos joins the log.
pub fn with_undos<'e>(
    mut days: Vec<Day<'e>>,
    undone: &[(&'e Event, &'e Retraction)],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Day<'e>> {
    let mut undos: Vec<Undo> = undone
        .iter()
        .map(|&(event, retraction)| Undo { event, retraction })
        .filter(|undo| (first..=last).contains(&undo.at().date_naive()))
        .collect();
    // In the order they were done: of one instant, by `seq`.
    undos.sort_by_key(|undo| (undo.at().date_naive(), undo.at(), undo.retraction.seq));
    for undo in undos {
        let date = undo.at().date_naive();
        match days.binary_search_by_key(&date, |day| day.date) {
            Ok(found) => days[found].undos.push(undo),
            Err(place) => days.insert(
                place,
                Day {
                    date,
                    events: Vec::new(),
                    undos: vec![undo],
                },
            ),
        }
    }
    days
}

/// Learning events per day, every day with at least one: of `roadmap`, or of every roadmap
/// with `None` (streaks and the calendar count learning anywhere; pace stays per roadmap).
pub fn learning_by_day(events: &[Event], roadmap: Option<&str>) -> BTreeMap<NaiveDate, usize> {
    let mut counts = BTreeMap::new();
    for event in events
        .iter()
        .filter(|e| roadmap.is_none_or(|id| e.roadmap == id) && e.kind.is_learning())
    {
        *counts.entry(event.day()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;
    use chrono::DateTime;

    fn event(at: &str, step: &str) -> Event {
        event_of(at, step, EventKind::Done)
    }

    fn event_of(at: &str, step: &str, kind: EventKind) -> Event {
        Event::new(
            DateTime::parse_from_rfc3339(at).unwrap(),
            "mlops",
            step,
            kind,
            None,
        )
    }

    #[test]
    fn learning_days_count_everything_but_reopen_per_roadmap_or_across_all() {
        let mut events = vec![
            event_of("2026-03-01T09:00:00+01:00", "a", EventKind::Start),
            event_of("2026-03-01T23:59:00+01:00", "a", EventKind::Note),
            event_of("2026-03-02T00:01:00+01:00", "a", EventKind::Reopen),
            event_of("2026-03-03T10:00:00+01:00", "a", EventKind::Skip),
            event_of("2026-03-04T10:00:00+01:00", "a", EventKind::Done),
        ];
        events[4].roadmap = "other".into();
        let counts = |roadmap| -> Vec<(String, usize)> {
            learning_by_day(&events, roadmap)
                .into_iter()
                .map(|(day, n)| (day.to_string(), n))
                .collect()
        };
        assert_eq!(
            counts(Some("mlops")),
            [("2026-03-01".to_owned(), 2), ("2026-03-03".to_owned(), 1)]
        );
        assert_eq!(
            counts(None),
            [
                ("2026-03-01".to_owned(), 2),
                ("2026-03-03".to_owned(), 1),
                ("2026-03-04".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn groups_by_the_day_at_the_recorded_offset() {
        let events = vec![
            event("2026-03-02T09:00:00+01:00", "b"),
            // 23:30 in New York is already March 2 in UTC, but it was March 1 for the learner.
            event("2026-03-01T23:30:00-05:00", "a"),
            event("2026-02-01T10:00:00+01:00", "too-old"),
        ];
        let first = NaiveDate::from_ymd_opt(2026, 2, 24).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let days = days_between(&events, first, last);
        let summary: Vec<(String, Vec<&str>)> = days
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    d.events.iter().map(|e| e.step.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("2026-03-01".to_string(), vec!["a"]),
                ("2026-03-02".to_string(), vec!["b"])
            ]
        );
    }

    fn retraction(at: &str, undone: &Event) -> Retraction {
        Retraction {
            id: "00000000000000ff".into(),
            seq: 9,
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            roadmap: undone.roadmap.clone(),
            step: undone.step.clone(),
            kind: crate::domain::history::RetractKind::Retract,
            retracts: undone.id.clone(),
            extra: crate::domain::event::Extra::default(),
        }
    }

    #[test]
    fn an_undo_is_on_the_day_it_was_done_also_a_day_without_events() {
        let kept = event("2026-03-01T09:00:00+01:00", "a");
        let undone_same_day = event("2026-03-01T10:00:00+01:00", "b");
        let undone_later = event("2026-03-01T11:00:00+01:00", "c");
        let out_of_span = event("2026-03-01T12:00:00+01:00", "d");
        let undos = [
            // 23:30 in New York on the 2nd is the 3rd in UTC, but the 2nd where it was done.
            retraction("2026-03-02T23:30:00-05:00", &undone_later),
            retraction("2026-03-01T10:05:00+01:00", &undone_same_day),
            retraction("2026-03-09T10:00:00+01:00", &out_of_span),
        ];
        let undone: Vec<(&Event, &Retraction)> = vec![
            (&undone_later, &undos[0]),
            (&undone_same_day, &undos[1]),
            (&out_of_span, &undos[2]),
        ];
        let events = [kept];
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let days = with_undos(days_between(&events, first, last), &undone, first, last);
        let summary: Vec<(String, Vec<&str>, Vec<&str>)> = days
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    d.events.iter().map(|e| e.step.as_str()).collect(),
                    d.undos.iter().map(|u| u.event.step.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("2026-03-01".to_string(), vec!["a"], vec!["b"]),
                ("2026-03-02".to_string(), vec![], vec!["c"]),
            ]
        );
        assert_eq!(days[0].undos[0].at(), undos[1].at);
    }
}
