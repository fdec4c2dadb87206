//! How the learner's time compares with the estimates: the minutes spent on the done steps
//! of the pace window that have a time spent, over their estimated minutes. Known once at
//! least 3 such steps are there: one or two sittings say little about a habit.

use chrono::{Days, NaiveDate};

use super::event::Event;
use super::pace::{Pace, first_step_day};
use super::progress::{Progress, StepStatus};
use super::roadmap::Roadmap;
use super::spent;

/// Fewer timed done steps in the window than this is too little to compare.
pub const MIN_TIMED_STEPS: u64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// Done steps in the window with a time spent.
    pub steps: u64,
    /// The minutes spent on them.
    pub spent: u64,
    /// Their estimated minutes.
    pub estimated: u64,
}

impl Ratio {
    /// `spent` holds the minutes spent per step (see `spent::by_step`); `pace` gives the window.
    pub fn measure(
        roadmap: &Roadmap,
        progress: &Progress,
        spent: &[u64],
        pace: &Pace,
    ) -> Option<Self> {
        let first = pace
            .today
            .checked_sub_days(Days::new(u64::from(pace.window_days) - 1))
            .unwrap_or(NaiveDate::MIN);
        let mut ratio = Self {
            steps: 0,
            spent: 0,
            estimated: 0,
        };
        for (index, step) in roadmap.steps() {
            let state = progress.step(index);
            let in_window = state
                .since
                .is_some_and(|at| (first..=pace.today).contains(&at.date_naive()));
            if state.status == StepStatus::Done && in_window && spent[index] > 0 {
                ratio.steps += 1;
                ratio.spent += spent[index];
                ratio.estimated += u64::from(step.minutes);
            }
        }
        (ratio.steps >= MIN_TIMED_STEPS && ratio.estimated > 0).then_some(ratio)
    }

    /// The ratio over the history of `roadmap` in `events`, in the pace window of `today`.
    pub fn of_history(
        roadmap: &Roadmap,
        progress: &Progress,
        events: &[Event],
        today: NaiveDate,
    ) -> Option<Self> {
        let first = first_step_day(events, roadmap.id());
        let pace = Pace::measure(roadmap, progress, first, today);
        Self::measure(roadmap, progress, &spent::by_step(roadmap, events), &pace)
    }

    /// The ratio in tenths, rounded half up: 18 for 1.8×.
    pub fn tenths(&self) -> u64 {
        (self.spent * 20 + self.estimated) / (self.estimated * 2)
    }

    /// `1.8`, as people write it.
    pub fn factor(&self) -> String {
        let tenths = self.tenths();
        format!("{}.{}", tenths / 10, tenths % 10)
    }

    /// An estimate in the learner's own minutes, rounded up.
    pub fn scale(&self, minutes: u64) -> u64 {
        (minutes * self.spent).div_ceil(self.estimated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_factor_rounds_half_up_and_scaling_rounds_up() {
        let ratio = Ratio {
            steps: 3,
            spent: 100,
            estimated: 55,
        };
        // 100 / 55 = 1.818...
        assert_eq!(ratio.tenths(), 18);
        assert_eq!(ratio.factor(), "1.8");
        // 15 × 100 / 55 = 27.27...
        assert_eq!(ratio.scale(15), 28);
        let half = Ratio {
            steps: 3,
            spent: 25,
            estimated: 20,
        };
        assert_eq!(half.factor(), "1.3");
        assert_eq!(half.scale(20), 25);
    }
}
