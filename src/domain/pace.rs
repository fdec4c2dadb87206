//! Pace and ETA: how fast steps get done lately, and when the rest would be done at that speed.
//!
//! The pace counts the steps whose current status is *done* and whose done event falls in
//! the window (so done, reopened and done again counts once). Skips are not pace: they are
//! knowledge brought along, not work done here. The ETA spreads the estimated minutes of
//! the steps not yet settled over the minutes done per day in the window; in-progress steps
//! count in full, as nothing says how much of them is left.
//!
//! The window is the last 28 days, or, for a learner who began more recently, the days since
//! the first learning day (today included), never fewer than 7: dividing one evening's work
//! by 28 days would put a new learner's ETA months too late, and fewer than 7 days would
//! extrapolate a single keen evening into a sprint.

use chrono::{Days, NaiveDate};

use super::event::{Event, EventKind};
use super::progress::{Progress, StepStatus};
use super::roadmap::Roadmap;

/// The days looked back on at most, today included.
pub const WINDOW_DAYS: u32 = 28;
/// The days looked back on at least, however recent the first learning day.
pub const MIN_WINDOW_DAYS: u32 = 7;
/// Fewer steps done than this in the window is too little history to extrapolate from.
pub const MIN_DONE_FOR_PACE: u64 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub window_days: u32,
    /// Steps done in the window.
    pub done: u64,
    /// Their estimated minutes.
    pub done_minutes: u64,
    /// Estimated minutes of the steps not yet done or skipped.
    pub remaining_minutes: u64,
    pub today: NaiveDate,
}

impl Pace {
    /// `first_learning_day` is the earliest learning day on this roadmap, if any.
    pub fn measure(
        roadmap: &Roadmap,
        progress: &Progress,
        first_learning_day: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        let window_days = window_days(first_learning_day, today);
        let first = today
            .checked_sub_days(Days::new(u64::from(window_days) - 1))
            .unwrap_or(NaiveDate::MIN);
        let mut pace = Self {
            window_days,
            done: 0,
            done_minutes: 0,
            remaining_minutes: 0,
            today,
        };
        for (index, step) in roadmap.steps() {
            let state = progress.step(index);
            let minutes = u64::from(step.minutes);
            match state.status {
                StepStatus::Done => {
                    let in_window = state
                        .since
                        .is_some_and(|at| (first..=today).contains(&at.date_naive()));
                    if in_window {
                        pace.done += 1;
                        pace.done_minutes += minutes;
                    }
                }
                StepStatus::Skipped => {}
                StepStatus::Pending | StepStatus::InProgress => pace.remaining_minutes += minutes,
            }
        }
        pace
    }

    /// True when the window holds enough done steps to speak of a pace at all.
    pub fn is_known(&self) -> bool {
        self.done >= MIN_DONE_FOR_PACE
    }

    /// Steps done per week, rounded down; `None` while the history is too thin.
    pub fn steps_per_week(&self) -> Option<u64> {
        self.is_known()
            .then(|| self.done * 7 / u64::from(self.window_days))
    }

    /// Estimated minutes done per week, rounded down; `None` while the history is too thin.
    pub fn minutes_per_week(&self) -> Option<u64> {
        self.is_known()
            .then(|| self.done_minutes * 7 / u64::from(self.window_days))
    }

    /// The day the remaining minutes would be done at this pace: today plus the days needed,
    /// rounded up. `None` while the history is too thin, when nothing is left, or when
    /// [`Pace::outlook`] has no day to give.
    pub fn eta(&self) -> Option<NaiveDate> {
        match self.outlook()? {
            Outlook::On(day) => Some(day),
            Outlook::BeyondCalendar => None,
        }
    }

    /// What can be said of the end: `None` while the history is too thin or nothing is left.
    pub fn outlook(&self) -> Option<Outlook> {
        if !self.is_known() || self.remaining_minutes == 0 {
            return None;
        }
        // Every step takes at least a minute, so a known pace has done minutes to divide by.
        let days =
            (self.remaining_minutes * u64::from(self.window_days)).div_ceil(self.done_minutes);
        Some(
            self.today
                .checked_add_days(Days::new(days))
                .map_or(Outlook::BeyondCalendar, Outlook::On),
        )
    }
}

/// The end of a roadmap as the pace sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlook {
    /// The day the remaining minutes would be done.
    On(NaiveDate),
    /// The day lies past the last date the calendar can hold.
    BeyondCalendar,
}

/// The first learning day on `roadmap` that the pace window starts from: a day with work on
/// a step. Learning outside the roadmap (`log add`) counts for the streak, not here, so it
/// never moves the ETA.
pub fn first_step_day(events: &[Event], roadmap: &str) -> Option<NaiveDate> {
    events
        .iter()
        .filter(|e| e.roadmap == roadmap && e.kind.is_learning() && e.kind != EventKind::Learn)
        .map(Event::day)
        .min()
}

/// The days since `first_learning_day` (both ends included), between 7 and 28; 28 without one.
pub fn window_days(first_learning_day: Option<NaiveDate>, today: NaiveDate) -> u32 {
    let Some(first) = first_learning_day else {
        return WINDOW_DAYS;
    };
    let since = (today - first).num_days().saturating_add(1);
    let since = u32::try_from(since.max(0)).unwrap_or(WINDOW_DAYS);
    since.clamp(MIN_WINDOW_DAYS, WINDOW_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn history(entries: &[(&str, &str, EventKind)]) -> Vec<Event> {
        entries
            .iter()
            .map(|(day, step, kind)| {
                let at = DateTime::parse_from_rfc3339(&format!("{day}T12:00:00+01:00")).unwrap();
                Event::new(at, "mlops", step, *kind, None)
            })
            .collect()
    }

    fn pace(entries: &[(&str, &str, EventKind)], today: &str) -> Pace {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        let progress = Progress::derive(&roadmap, &history(entries));
        // Long-standing learners: the full window.
        Pace::measure(&roadmap, &progress, Some(date("2025-01-01")), date(today))
    }

    /// The built-in roadmap's estimates add up to 5,345 minutes.
    const TOTAL_MINUTES: u64 = 5_345;

    #[test]
    fn the_window_is_the_days_since_the_first_learning_day_between_7_and_28() {
        let today = date("2026-03-10");
        assert_eq!(window_days(None, today), 28);
        assert_eq!(window_days(Some(today), today), 7);
        assert_eq!(window_days(Some(date("2026-03-04")), today), 7);
        assert_eq!(window_days(Some(date("2026-03-03")), today), 8);
        assert_eq!(window_days(Some(date("2026-02-12")), today), 27);
        assert_eq!(window_days(Some(date("2026-02-11")), today), 28);
        assert_eq!(window_days(Some(date("2025-01-30")), today), 28);
        // A first day after today (a future --at) is as new as today.
        assert_eq!(window_days(Some(date("2026-03-20")), today), 7);
    }

    #[test]
    fn no_history_says_nothing() {
        let pace = pace(&[], "2026-03-10");
        assert_eq!(pace.remaining_minutes, TOTAL_MINUTES);
        assert_eq!(
            (pace.steps_per_week(), pace.minutes_per_week(), pace.eta()),
            (None, None, None)
        );
    }

    #[test]
    fn one_done_step_is_too_little() {
        let pace = pace(
            &[("2026-03-09", "what-is-mlops", EventKind::Done)],
            "2026-03-10",
        );
        assert_eq!(pace.done, 1);
        assert_eq!(pace.eta(), None);
    }

    #[test]
    fn a_known_history_gives_a_known_date() {
        // Four 15-minute steps in the window, the first on its first day (27 days back):
        // 60 minutes per 28 days. The step done 28 days back is outside; the skipped one
        // is not pace, but is no longer remaining either.
        let pace = pace(
            &[
                ("2026-02-10", "data-engineering-concepts", EventKind::Done),
                ("2026-02-11", "what-is-mlops", EventKind::Done),
                ("2026-02-20", "mlops-vs-devops", EventKind::Done),
                ("2026-03-01", "mlops-teams", EventKind::Done),
                ("2026-03-10", "how-ml-works", EventKind::Done),
                ("2026-03-10", "ml-visual-explanation", EventKind::Skip),
            ],
            "2026-03-10",
        );
        assert_eq!((pace.done, pace.done_minutes), (4, 60));
        assert_eq!(pace.remaining_minutes, TOTAL_MINUTES - 45 - 60 - 20);
        assert_eq!(pace.steps_per_week(), Some(1));
        assert_eq!(pace.minutes_per_week(), Some(15));
        // 5,220 minutes at 60 per 28 days: ceil(5220 * 28 / 60) = 2436 days.
        assert_eq!(pace.eta(), Some(date("2032-11-09")));
    }

    #[test]
    fn reopened_steps_do_not_count_and_nothing_left_has_no_eta() {
        let reopened = pace(
            &[
                ("2026-03-08", "what-is-mlops", EventKind::Done),
                ("2026-03-09", "mlops-teams", EventKind::Done),
                ("2026-03-10", "mlops-teams", EventKind::Reopen),
            ],
            "2026-03-10",
        );
        assert_eq!(reopened.done, 1);
        assert_eq!(reopened.eta(), None);

        let roadmap = Roadmap::built_in("mlops").unwrap();
        let all: Vec<(String, &str, EventKind)> = roadmap
            .ids()
            .map(|id| ("2026-03-10".to_owned(), id, EventKind::Done))
            .collect();
        let entries: Vec<(&str, &str, EventKind)> =
            all.iter().map(|(d, id, k)| (d.as_str(), *id, *k)).collect();
        let finished = pace(&entries, "2026-03-10");
        assert_eq!(finished.remaining_minutes, 0);
        assert_eq!(finished.minutes_per_week(), Some(TOTAL_MINUTES * 7 / 28));
        assert_eq!(finished.eta(), None);
    }
}
