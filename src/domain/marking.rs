//! What recording `start`, `done`, `skip` or `reopen` for one step would do, decided before
//! anything is written: record it, record nothing because the step is already there, or
//! refuse because it would take back a finished step.

use chrono::{DateTime, FixedOffset};

use super::event::EventKind;
use super::progress::{Progress, StepStatus};
use super::roadmap::Roadmap;

/// What happens to one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The event is recorded; `unmet` are the steps it requires that are not yet settled.
    Recorded { unmet: Vec<String> },
    /// The step is already in the status the event would give it: nothing is recorded.
    Already {
        since: Option<DateTime<FixedOffset>>,
    },
}

/// `start` or `skip` on a done step would silently take back the finished work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakesBackDone {
    pub since: Option<DateTime<FixedOffset>>,
}

pub fn decide(
    roadmap: &Roadmap,
    progress: &Progress,
    index: usize,
    kind: EventKind,
) -> Result<Outcome, TakesBackDone> {
    let current = progress.step(index);
    if current.status == StepStatus::Done && matches!(kind, EventKind::Start | EventKind::Skip) {
        return Err(TakesBackDone {
            since: current.since,
        });
    }
    if current.status.already(kind) {
        return Ok(Outcome::Already {
            since: current.since,
        });
    }
    // Reopening takes a step back to the start: what it requires does not matter yet.
    let unmet = if kind == EventKind::Reopen {
        Vec::new()
    } else {
        progress
            .unmet_requires(roadmap, index)
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    Ok(Outcome::Recorded { unmet })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::Event;
    use crate::domain::roadmap_json::read_roadmap;

    fn roadmap() -> Roadmap {
        let text = r#"{"id": "r", "title": "R", "sections": [{"id": "s", "title": "S", "steps": [
            {"id": "a", "title": "A", "kind": "article", "minutes": 5, "summary": "a"},
            {"id": "b", "title": "B", "kind": "article", "minutes": 5, "summary": "b", "requires": ["a"]}
        ]}]}"#;
        Roadmap::new(read_roadmap(text).unwrap())
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn each_kind_on_each_status_is_recorded_already_there_or_refused() {
        let roadmap = roadmap();
        let done_at = at("2026-03-01T10:00:00+01:00");
        let events = [Event::new(done_at, "r", "a", EventKind::Done, None)];
        let progress = Progress::derive(&roadmap, &events);
        let since = Some(done_at);
        assert_eq!(
            decide(&roadmap, &progress, 0, EventKind::Done),
            Ok(Outcome::Already { since })
        );
        assert_eq!(
            decide(&roadmap, &progress, 0, EventKind::Start),
            Err(TakesBackDone { since })
        );
        assert_eq!(
            decide(&roadmap, &progress, 0, EventKind::Skip),
            Err(TakesBackDone { since })
        );
        assert_eq!(
            decide(&roadmap, &progress, 0, EventKind::Reopen),
            Ok(Outcome::Recorded { unmet: vec![] })
        );
        assert_eq!(
            decide(&roadmap, &progress, 1, EventKind::Done),
            Ok(Outcome::Recorded { unmet: vec![] })
        );
        let fresh = Progress::derive(&roadmap, &[]);
        assert_eq!(
            decide(&roadmap, &fresh, 1, EventKind::Start),
            Ok(Outcome::Recorded {
                unmet: vec!["a".to_owned()]
            })
        );
        assert_eq!(
            decide(&roadmap, &fresh, 1, EventKind::Reopen),
            Ok(Outcome::Already { since: None })
        );
    }
}
