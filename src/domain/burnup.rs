//! The burn-up: how many steps were settled (done or skipped) at the end of each day with
//! events, folded exactly as [`Progress`](super::progress::Progress) folds them.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::Event;
use super::progress::StepStatus;
use super::roadmap::Roadmap;

/// Settled steps after the last event of each day, oldest day first, and the step total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BurnUp {
    pub total: usize,
    pub days: Vec<(NaiveDate, usize)>,
}

impl BurnUp {
    /// Events are taken in fold order (the order of `events`), so a day's figure is the
    /// count once everything recorded for it has been applied; reopens bring it down.
    pub fn measure(roadmap: &Roadmap, events: &[Event]) -> Self {
        let mut statuses = vec![StepStatus::Pending; roadmap.step_count()];
        let mut settled = 0_usize;
        let mut days = BTreeMap::new();
        for event in events.iter().filter(|e| e.roadmap == roadmap.id()) {
            let Some(index) = roadmap.resolve_recorded(&event.step) else {
                continue;
            };
            let Some(status) = StepStatus::after(event.kind) else {
                continue;
            };
            let was = statuses[index].is_settled();
            statuses[index] = status;
            match (was, status.is_settled()) {
                (false, true) => settled += 1,
                (true, false) => settled -= 1,
                _ => {}
            }
            days.insert(event.day(), settled);
        }
        Self {
            total: roadmap.step_count(),
            days: days.into_iter().collect(),
        }
    }

    /// The settled count now: the same as `Progress::totals().settled()`.
    pub fn last(&self) -> usize {
        self.days.last().map_or(0, |&(_, n)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;
    use crate::domain::roadmap::RoadmapFile;
    use chrono::DateTime;

    fn roadmap() -> Roadmap {
        let file: RoadmapFile = serde_json::from_str(
            r#"{"id":"r","title":"R","sections":[{"id":"s","title":"S","steps":[
            {"id":"a","title":"A","kind":"concept","minutes":5,"summary":"a"},
            {"id":"b","title":"B","kind":"concept","minutes":5,"summary":"b"}]}]}"#,
        )
        .unwrap();
        Roadmap::new(file)
    }

    fn event(at: &str, step: &str, kind: EventKind) -> Event {
        Event::new(
            DateTime::parse_from_rfc3339(at).unwrap(),
            "r",
            step,
            kind,
            None,
        )
    }

    #[test]
    fn counts_settled_steps_at_the_end_of_each_day() {
        let roadmap = roadmap();
        let events = [
            event("2026-03-01T09:00:00+01:00", "a", EventKind::Start),
            event("2026-03-01T10:00:00+01:00", "a", EventKind::Done),
            event("2026-03-01T11:00:00+01:00", "b", EventKind::Skip),
            event("2026-03-03T09:00:00+01:00", "b", EventKind::Reopen),
            event("2026-03-03T09:30:00+01:00", "a", EventKind::Note),
            event("2026-03-04T09:00:00+01:00", "a", EventKind::Done),
            event("2026-03-04T09:00:00+01:00", "gone", EventKind::Done),
        ];
        let burn = BurnUp::measure(&roadmap, &events);
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        assert_eq!(burn.total, 2);
        assert_eq!(
            burn.days,
            [
                (day("2026-03-01"), 2),
                (day("2026-03-03"), 1),
                (day("2026-03-04"), 1)
            ]
        );
        let progress = crate::domain::progress::Progress::derive(&roadmap, &events);
        assert_eq!(burn.last(), progress.totals().settled());
    }
}
