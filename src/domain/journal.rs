//! The learning log: events grouped by the day they were recorded.

use chrono::NaiveDate;

use super::event::Event;

/// One day of the log, its events in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Day<'e> {
    pub date: NaiveDate,
    pub events: Vec<&'e Event>,
}

/// Days from `first` to `last` (inclusive) that have events of `roadmap`, oldest first.
pub fn days_between<'e>(
    events: &'e [Event],
    roadmap: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Day<'e>> {
    let mut chosen: Vec<&Event> = events
        .iter()
        .filter(|e| e.roadmap == roadmap && (first..=last).contains(&e.day()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;
    use chrono::DateTime;

    fn event(at: &str, step: &str) -> Event {
        Event::new(
            DateTime::parse_from_rfc3339(at).unwrap(),
            "mlops",
            step,
            EventKind::Done,
            None,
        )
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
        let days = days_between(&events, "mlops", first, last);
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
