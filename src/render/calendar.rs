//! `log --calendar`: the activity heatmap.
//!
//! Each level has its own character, so the calendar reads the same without colour;
//! colour only adds to it.

use std::fmt::Write;

use super::count_of;
use crate::domain::calendar::{Calendar, LEVEL_STARTS, level};
use crate::ui::Theme;

/// One character per level, from no events to the most.
pub const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// Room for the weekday names in front of the cells.
const GUTTER: usize = 4;
/// Each week takes a character and a space.
const COLUMN_WIDTH: usize = 2;

pub fn text(calendar: &Calendar, theme: Theme) -> String {
    let mut out = String::new();
    let weeks = calendar.weeks.len();
    let _ = writeln!(
        out,
        "{}",
        theme.paint(
            Theme::HEADING,
            &format!(
                "Learning activity, {} from {} to {}",
                count_of(weeks, "week"),
                calendar.first,
                calendar.today
            )
        )
    );
    let _ = writeln!(out, "{}", month_labels(calendar).trim_end());
    for (row, name) in WEEKDAYS.iter().enumerate() {
        let mut line = format!("{name:<GUTTER$}");
        for week in &calendar.weeks {
            let cell = match week[row] {
                Some(count) => shade(count, theme),
                None => " ".to_owned(),
            };
            let _ = write!(line, "{cell} ");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "{}", legend(theme));
    let (days, events) = calendar.totals();
    let _ = writeln!(
        out,
        "{} with {}.",
        count_of(days, "learning day"),
        count_of(events, "learning event")
    );
    out
}

fn shade(count: usize, theme: Theme) -> String {
    let level = level(count);
    let style = if level == 0 { Theme::DIM } else { Theme::DONE };
    theme.paint(style, &SHADES[level].to_string())
}

/// The month names above the columns where months begin. A label that would run into the
/// next one is left out; the first column's label gives way to a month that begins right after.
fn month_labels(calendar: &Calendar) -> String {
    let starts = calendar.month_starts();
    let mut line = " ".repeat(GUTTER);
    let mut free_from = GUTTER;
    for (number, &(column, day)) in starts.iter().enumerate() {
        let at = GUTTER + column * COLUMN_WIDTH;
        let label = day.format("%b").to_string();
        let crowds_next = starts
            .get(number + 1)
            .is_some_and(|&(next, _)| at + label.len() >= GUTTER + next * COLUMN_WIDTH);
        if at < free_from || (number == 0 && crowds_next) {
            continue;
        }
        line.push_str(&" ".repeat(at - line.chars().count()));
        line.push_str(&label);
        free_from = at + label.len() + 1;
    }
    line
}

fn legend(theme: Theme) -> String {
    let mut legend = format!("{:GUTTER$}{} none", "", shade(0, theme));
    for (number, &start) in LEVEL_STARTS.iter().enumerate() {
        let range = match LEVEL_STARTS.get(number + 1) {
            Some(&next) if next - 1 == start => start.to_string(),
            Some(&next) => format!("{start}-{}", next - 1),
            None => format!("{start}+"),
        };
        let _ = write!(legend, "  {} {range}", shade(start, theme));
    }
    legend.push_str(" events a day");
    legend
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Days, NaiveDate};
    use std::collections::BTreeMap;

    /// The day a cell stands for.
    fn day_at(calendar: &Calendar, column: usize, row: usize) -> NaiveDate {
        calendar
            .first
            .checked_add_days(Days::new((column * 7 + row) as u64))
            .unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn legend_names_every_level() {
        assert_eq!(
            legend(Theme { color: false }),
            "    · none  ░ 1  ▒ 2-3  ▓ 4-5  █ 6+ events a day"
        );
    }

    #[test]
    fn labels_sit_over_the_week_where_the_month_begins() {
        // Thursday 2 April 2026, five weeks: the first column starts on 2 March.
        let calendar = Calendar::build(&BTreeMap::new(), date("2026-04-02"), 5).unwrap();
        assert_eq!(day_at(&calendar, 0, 0), date("2026-03-02"));
        assert_eq!(month_labels(&calendar), "    Mar     Apr");
        // A month that begins in the second column pushes the first column's label out.
        // Wednesday 4 March 2026, three weeks: 1 March is the Sunday of the second column.
        let crowded = Calendar::build(&BTreeMap::new(), date("2026-03-04"), 3).unwrap();
        assert_eq!(month_labels(&crowded), "      Mar");
    }
}
