//! The learning log: events grouped by the day they were recorded.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::Event;

/// One day of the log, its events in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Day<'e> {
    pub date: NaiveDate,
    pub events: Vec<&'e Event>,
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
            }),
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
}
