//! Streaks: runs of consecutive learning days.
//!
//! A learning day is a local calendar day with at least one learning event (see
//! `EventKind::is_learning`), dated where it was recorded (`Event::day`). Days after today
//! (an `--at` in the future) count for nothing here until they arrive.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

/// The current and longest runs of learning days, and the last learning day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Days in the run that ends today, or yesterday while today has nothing yet.
    pub current: usize,
    pub longest: usize,
    pub last_activity: Option<NaiveDate>,
}

impl Streak {
    /// Measures the streaks in `learning_days` (a day with a count of 0 is not a learning day).
    pub fn measure(learning_days: &BTreeMap<NaiveDate, usize>, today: NaiveDate) -> Self {
        let days: Vec<NaiveDate> = learning_days
            .iter()
            .filter(|&(&day, &count)| count > 0 && day <= today)
            .map(|(&day, _)| day)
            .collect();
        let mut longest = 0;
        let mut run = 0;
        let mut previous: Option<NaiveDate> = None;
        for &day in &days {
            run = if previous.and_then(next_day) == Some(day) {
                run + 1
            } else {
                1
            };
            longest = longest.max(run);
            previous = Some(day);
        }
        let last_activity = days.last().copied();
        // `run` is now the run that ends on the last learning day.
        let alive =
            last_activity.is_some_and(|last| last == today || next_day(last) == Some(today));
        Self {
            current: if alive { run } else { 0 },
            longest,
            last_activity,
        }
    }
}

fn next_day(day: NaiveDate) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn measure(days: &[&str], today: &str) -> Streak {
        let map = days.iter().map(|d| (date(d), 1)).collect();
        Streak::measure(&map, date(today))
    }

    #[test]
    fn nothing_recorded() {
        assert_eq!(measure(&[], "2026-03-10"), Streak::default());
    }

    #[test]
    fn a_run_across_a_month_and_a_year_end() {
        let streak = measure(
            &["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"],
            "2026-01-02",
        );
        assert_eq!((streak.current, streak.longest), (4, 4));
        let february = measure(&["2028-02-28", "2028-02-29", "2028-03-01"], "2028-03-01");
        assert_eq!(february.current, 3);
    }

    #[test]
    fn today_empty_keeps_yesterdays_streak_alive() {
        let streak = measure(&["2026-03-08", "2026-03-09"], "2026-03-10");
        assert_eq!(
            streak,
            Streak {
                current: 2,
                longest: 2,
                last_activity: Some(date("2026-03-09"))
            }
        );
    }

    #[test]
    fn a_gap_of_one_day_breaks_it() {
        let streak = measure(
            &[
                "2026-03-01",
                "2026-03-02",
                "2026-03-03",
                "2026-03-07",
                "2026-03-08",
            ],
            "2026-03-10",
        );
        assert_eq!((streak.current, streak.longest), (0, 3));
        assert_eq!(streak.last_activity, Some(date("2026-03-08")));
    }

    #[test]
    fn future_days_and_empty_counts_are_ignored() {
        let mut map: BTreeMap<NaiveDate, usize> = [("2026-03-10", 1), ("2026-03-11", 1)]
            .iter()
            .map(|(d, n)| (date(d), *n))
            .collect();
        map.insert(date("2026-03-09"), 0);
        let streak = Streak::measure(&map, date("2026-03-10"));
        assert_eq!(
            streak,
            Streak {
                current: 1,
                longest: 1,
                last_activity: Some(date("2026-03-10"))
            }
        );
    }
}
