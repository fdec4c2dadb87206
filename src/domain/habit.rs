//! What the daily log adds to a roadmap's progress: the streak, the pace and the time spent,
//! measured once so `status`, `report` and `export` say the same.

use chrono::{Datelike, Days, NaiveDate};

use super::event::Event;
use super::journal::learning_by_day;
use super::pace::{Pace, first_step_day};
use super::progress::Progress;
use super::ratio::Ratio;
use super::roadmap::Roadmap;
use super::spent;
use super::streak::Streak;

/// What the daily log adds to `status`: the streak, the pace and the time spent.
#[derive(Debug, Clone, Copy)]
pub struct Habit {
    pub streak: Streak,
    pub pace: Pace,
    /// Minutes spent this week, Monday to today.
    pub spent_this_week: u64,
    /// The learner's time over the estimates, once known.
    pub ratio: Option<Ratio>,
}

impl Habit {
    pub fn measure(
        roadmap: &Roadmap,
        progress: &Progress,
        events: &[Event],
        today: NaiveDate,
    ) -> Self {
        // The habit counts learning on every roadmap; pace and ETA are this roadmap's own,
        // from its first day of work on a step (a `log add` entry never moves the ETA).
        let pace = Pace::measure(
            roadmap,
            progress,
            first_step_day(events, roadmap.id()),
            today,
        );
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        Self {
            streak: Streak::measure(&learning_by_day(events, None), today),
            pace,
            spent_this_week: spent::between(events, roadmap.id(), monday, today),
            ratio: Ratio::measure(roadmap, progress, &spent::by_step(roadmap, events), &pace),
        }
    }
}
