//! `status`: progress per section and overall.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

mod table;

use super::fit::{shorten, width_of};
use super::{count_of, duration, next_line, visible};
use crate::domain::habit::Habit;
use crate::domain::pace::{MIN_DONE_FOR_PACE, Outlook, Pace};
use crate::domain::progress::{Counts, Progress, UnknownStep};
use crate::domain::roadmap::Roadmap;
use crate::domain::streak::Streak;
use crate::ui::Theme;

const BAR_WIDTH: usize = 20;
/// Section titles keep at least this many columns when the table is fitted.
const MIN_TITLE: usize = 8;

#[derive(Debug, Serialize)]
pub struct StatusJson<'r> {
    pub roadmap: &'r str,
    #[serde(flatten)]
    pub counts: CountsJson,
    pub sections: Vec<SectionJson<'r>>,
    pub unknown_steps: &'r [UnknownStep],
    pub streak: StreakJson,
    pub last_activity: Option<NaiveDate>,
    pub pace: PaceJson,
    pub spent: SpentJson,
}

#[derive(Debug, Serialize)]
pub struct SpentJson {
    /// Minutes spent this week, Monday to today.
    pub this_week: u64,
    /// Minutes spent over estimated minutes, on the timed done steps of the pace window;
    /// `null` with fewer than 3 of them.
    pub ratio: Option<f64>,
    pub timed_steps: u64,
}

#[derive(Debug, Serialize)]
pub struct StreakJson {
    pub current: usize,
    pub longest: usize,
}

#[derive(Debug, Serialize)]
pub struct PaceJson {
    pub window_days: u32,
    pub steps_per_week: Option<u64>,
    pub minutes_per_week: Option<u64>,
    pub eta: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct SectionJson<'r> {
    pub id: &'r str,
    pub title: &'r str,
    #[serde(flatten)]
    pub counts: CountsJson,
}

#[derive(Debug, Serialize)]
pub struct CountsJson {
    pub total: usize,
    pub done: usize,
    pub skipped: usize,
    pub in_progress: usize,
    pub pending: usize,
    pub percent: usize,
}

impl From<Counts> for CountsJson {
    fn from(c: Counts) -> Self {
        Self {
            total: c.total,
            done: c.done,
            skipped: c.skipped,
            in_progress: c.in_progress,
            pending: c.pending,
            percent: c.percent(),
        }
    }
}

pub fn json<'r>(roadmap: &'r Roadmap, progress: &'r Progress, habit: &Habit) -> StatusJson<'r> {
    let sections = roadmap
        .sections()
        .iter()
        .zip(progress.by_section(roadmap))
        .map(|(section, counts)| SectionJson {
            id: &section.id,
            title: &section.title,
            counts: counts.into(),
        })
        .collect();
    StatusJson {
        roadmap: roadmap.id(),
        counts: progress.totals().into(),
        sections,
        unknown_steps: progress.unknown_steps(),
        streak: StreakJson {
            current: habit.streak.current,
            longest: habit.streak.longest,
        },
        last_activity: habit.streak.last_activity,
        pace: PaceJson {
            window_days: habit.pace.window_days,
            steps_per_week: habit.pace.steps_per_week(),
            minutes_per_week: habit.pace.minutes_per_week(),
            eta: habit.pace.eta(),
        },
        spent: SpentJson {
            this_week: habit.spent_this_week,
            #[allow(clippy::cast_precision_loss)]
            ratio: habit.ratio.map(|r| r.tenths() as f64 / 10.0),
            timed_steps: habit.ratio.map_or(0, |r| r.steps),
        },
    }
}

/// A bar of `BAR_WIDTH` cells, filled in proportion (rounded down) to `percent`.
pub fn bar(percent: usize) -> String {
    let filled = percent.min(100) * BAR_WIDTH / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR_WIDTH - filled))
}

/// The progress table's lines, section titles cut to `max_title` columns when given.
fn section_table(roadmap: &Roadmap, progress: &Progress, max_title: Option<usize>) -> Vec<String> {
    let row = |title: &str, counts: &Counts| {
        let title = visible(title);
        [
            max_title.map_or_else(
                || title.to_string(),
                |max| shorten(&title, max).into_owned(),
            ),
            format!("{}/{}", counts.settled(), counts.total),
            format!("{}%", counts.percent()),
            bar(counts.percent()),
        ]
    };
    let mut rows: Vec<[String; 4]> = roadmap
        .sections()
        .iter()
        .zip(progress.by_section(roadmap))
        .map(|(section, counts)| row(&section.title, &counts))
        .collect();
    rows.push(row("Overall", &progress.totals()));
    table::lay_out(
        ["Section", "Settled", "%", "Progress"],
        &rows,
        [false, true, true, false],
    )
}

/// The table, its section titles shortened with `…` as far as needed to fit `columns`.
fn fitted_table(roadmap: &Roadmap, progress: &Progress, columns: Option<usize>) -> Vec<String> {
    let lines = section_table(roadmap, progress, None);
    let widest = lines.iter().map(|l| width_of(l)).max().unwrap_or(0);
    match columns {
        Some(columns) if widest > columns => {
            let longest = roadmap
                .sections()
                .iter()
                .map(|s| width_of(&visible(&s.title)))
                .max()
                .unwrap_or(0);
            let max = longest.saturating_sub(widest - columns).max(MIN_TITLE);
            section_table(roadmap, progress, Some(max))
        }
        _ => lines,
    }
}

pub fn text(
    roadmap: &Roadmap,
    progress: &Progress,
    habit: &Habit,
    next: Option<usize>,
    theme: Theme,
    columns: Option<usize>,
) -> String {
    let totals = progress.totals();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        theme.paint(Theme::HEADING, &visible(roadmap.title()))
    );
    for line in fitted_table(roadmap, progress, columns) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "Done: {}  Skipped: {}  In progress: {}  Pending: {}",
        totals.done, totals.skipped, totals.in_progress, totals.pending
    );
    for line in habit_lines(habit) {
        let _ = writeln!(out, "{line}");
    }
    if let Some(line) = spent_line(habit) {
        let _ = writeln!(out, "{line}");
    }
    if let Some(line) = next_line(roadmap, &totals, next, theme) {
        let _ = writeln!(out, "{line}");
    }
    for unknown in progress.unknown_steps() {
        let _ = writeln!(
            out,
            "Unknown step \"{}\": {} event(s) kept; the roadmap no longer has this step (a newer roadmap can list it in `replaces`).",
            visible(&unknown.id),
            unknown.events
        );
    }
    out
}

/// The streak, pace and ETA lines of `status`, for other views to say exactly the same.
pub fn habit_lines(habit: &Habit) -> Vec<String> {
    let mut lines = vec![streak_line(&habit.streak)];
    if let Some(pace) = pace_lines(&habit.pace) {
        lines.extend(pace.lines().map(str::to_owned));
    }
    lines
}

fn streak_line(streak: &Streak) -> String {
    let Some(last) = streak.last_activity else {
        return "Streak: no learning days yet".to_owned();
    };
    format!(
        "Streak: {} (longest {}) · last active {last}",
        count_of(streak.current, "day"),
        streak.longest
    )
}

/// Only for learners who record time: the others never see it.
fn spent_line(habit: &Habit) -> Option<String> {
    let ratio = habit.ratio.map(|ratio| {
        format!(
            " · you take about {}× the estimates ({} timed steps in the last {} days)",
            ratio.factor(),
            ratio.steps,
            habit.pace.window_days
        )
    });
    (habit.spent_this_week > 0 || ratio.is_some()).then(|| {
        format!(
            "Spent: {} this week{}",
            duration(habit.spent_this_week),
            ratio.unwrap_or_default()
        )
    })
}

fn pace_lines(pace: &Pace) -> Option<String> {
    let left = pace.remaining_minutes > 0;
    let Some(minutes) = pace.minutes_per_week() else {
        return left.then(|| {
            format!(
                "Pace: too little history for an ETA ({} done in the last {} days, {MIN_DONE_FOR_PACE} needed)",
                count_of(pace.done, "step"),
                pace.window_days
            )
        });
    };
    // The counts over the window, not the per-week figures rounded down to 0 steps a week.
    let mut line = format!(
        "Pace: {}, {} min in the last {} days ({minutes} min a week)",
        count_of(pace.done, "step"),
        pace.done_minutes,
        pace.window_days,
    );
    match pace.outlook() {
        Some(Outlook::On(eta)) => {
            let _ = write!(line, "\nETA: {eta} at this pace");
        }
        Some(Outlook::BeyondCalendar) => {
            let last = NaiveDate::MAX.year();
            let _ = write!(
                line,
                "\nETA: none, at this pace the end lies past the year {last}"
            );
        }
        None => {}
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(0), "░".repeat(20));
        assert_eq!(bar(42), format!("{}{}", "█".repeat(8), "░".repeat(12)));
        assert_eq!(bar(100), "█".repeat(20));
    }
}
