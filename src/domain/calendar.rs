//! The activity calendar: learning events per day laid out as weeks (columns, Monday first,
//! as ISO 8601 has it) by weekdays (rows), ending with the week of today.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

/// Events in a day at which each shade starts: level 1 from 1 event, 2 from 2, 3 from 4, 4 from 6.
/// Fixed steps rather than a share of the busiest day, so a shade means the same every week.
pub const LEVEL_STARTS: [usize; 4] = [1, 2, 4, 6];

/// The shade of a day with `count` learning events: 0 (none) to 4 (6 or more).
pub fn level(count: usize) -> usize {
    LEVEL_STARTS
        .iter()
        .take_while(|&&start| count >= start)
        .count()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The Monday of the first column.
    pub first: NaiveDate,
    pub today: NaiveDate,
    /// One column per week; a row per weekday from Monday. `None` for days after today.
    pub weeks: Vec<[Option<usize>; 7]>,
}

impl Calendar {
    /// `weeks` weeks (at least 1) ending with the week of `today`, from per-day counts.
    /// `None` when that reaches before the first date the calendar can hold.
    pub fn build(
        counts: &BTreeMap<NaiveDate, usize>,
        today: NaiveDate,
        weeks: u32,
    ) -> Option<Self> {
        let monday =
            today.checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())))?;
        let first = monday.checked_sub_days(Days::new(u64::from(weeks.max(1) - 1) * 7))?;
        let mut columns = Vec::new();
        let mut week_start = first;
        while week_start <= today {
            let mut column = [None; 7];
            for (row, cell) in column.iter_mut().enumerate() {
                let day = week_start.checked_add_days(Days::new(row as u64))?;
                if day <= today {
                    *cell = Some(counts.get(&day).copied().unwrap_or(0));
                }
            }
            columns.push(column);
            week_start = week_start.checked_add_days(Days::new(7))?;
        }
        Some(Self {
            first,
            today,
            weeks: columns,
        })
    }

    /// Where months begin: the column of each 1st of a month, and column 0 with the month it
    /// starts in, as (column, a day of that month). In column order.
    pub fn month_starts(&self) -> Vec<(usize, NaiveDate)> {
        let mut starts = vec![(0, self.first)];
        for (column, week_start) in self.week_starts().enumerate() {
            for offset in 0..7 {
                let Some(day) = week_start.checked_add_days(Days::new(offset)) else {
                    break;
                };
                if day.day() == 1 && day <= self.today && (column, offset) != (0, 0) {
                    starts.push((column, day));
                }
            }
        }
        starts
    }

    /// Days with at least one learning event, and their events, over the whole calendar.
    pub fn totals(&self) -> (usize, usize) {
        let counts = self.weeks.iter().flatten().flatten();
        (counts.clone().filter(|&&n| n > 0).count(), counts.sum())
    }

    fn week_starts(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..self.weeks.len())
            .filter_map(|column| self.first.checked_add_days(Days::new(column as u64 * 7)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn levels_step_at_fixed_counts() {
        let levels: Vec<usize> = (0..8).map(level).collect();
        assert_eq!(levels, [0, 1, 2, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn weeks_end_with_the_week_of_today() {
        let counts = [(date("2026-03-02"), 3), (date("2026-02-22"), 1)]
            .into_iter()
            .collect();
        // Tuesday 10 March 2026.
        let calendar = Calendar::build(&counts, date("2026-03-10"), 3).unwrap();
        assert_eq!(calendar.first, date("2026-02-23"));
        assert_eq!(calendar.weeks.len(), 3);
        // 22 February is a Sunday, the week before the first column: not shown.
        assert_eq!(calendar.totals(), (1, 3));
        assert_eq!(calendar.weeks[1][0], Some(3));
        assert_eq!(calendar.weeks[2][1], Some(0));
        assert_eq!(calendar.weeks[2][2], None);
        // 1 March is the Sunday of the first column.
        assert_eq!(
            calendar.month_starts(),
            [(0, date("2026-02-23")), (0, date("2026-03-01"))]
        );
    }

    #[test]
    fn one_week_on_a_sunday_is_full() {
        let calendar = Calendar::build(&BTreeMap::new(), date("2026-03-08"), 1).unwrap();
        assert_eq!(calendar.weeks, [[Some(0); 7]]);
        assert_eq!(calendar.month_starts(), [(0, date("2026-03-02"))]);
        // A first of the month on the first Monday is not listed twice.
        let june = Calendar::build(&BTreeMap::new(), date("2026-06-03"), 1).unwrap();
        assert_eq!(june.month_starts(), [(0, date("2026-06-01"))]);
    }

    #[test]
    fn before_the_calendar_begins_is_none() {
        assert_eq!(Calendar::build(&BTreeMap::new(), NaiveDate::MIN, 2), None);
    }
}
