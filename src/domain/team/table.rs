//! The team table: one row per member, built from each member's published events alone.
//! Renderers (text, Markdown, CSV, JSON) read the struct; none computes anything.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::TeamConfig;
use crate::domain::event::Event;
use crate::domain::journal::learning_by_day;
use crate::domain::progress::{Counts, Progress, StepStatus};
use crate::domain::roadmap::Roadmap;
use crate::domain::streak::Streak;

/// What `team status` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamTable {
    pub team: String,
    pub roadmap: String,
    pub steps: usize,
    /// Section ids and titles, in roadmap order: the columns.
    pub sections: Vec<SectionColumn>,
    pub as_of: NaiveDate,
    /// Days without a publish after which a row is `stale`.
    pub stale_after_days: u32,
    /// Whether `team.json` lists members; without a roster nobody is "not on it".
    pub has_roster: bool,
    pub members: Vec<MemberRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionColumn {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    pub handle: String,
    /// The roster's name for the handle, if it has one.
    pub name: Option<String>,
    pub on_roster: bool,
    /// False for a roster member who has not published.
    pub published_file: bool,
    pub percent: usize,
    /// The counts behind `percent`, for a page's bar; `--json` keeps to the percent.
    #[serde(skip)]
    pub totals: Counts,
    pub sections: Vec<SectionPercent>,
    pub in_progress: usize,
    pub last_active: Option<NaiveDate>,
    pub streak: StreakCounts,
    pub published: Option<NaiveDate>,
    pub stale: bool,
    /// Why the member's file could not be read; the numbers are then zero.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionPercent {
    pub id: String,
    pub percent: usize,
    /// The counts behind `percent`, for a page's bar; `--json` keeps to the percent.
    #[serde(skip)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StreakCounts {
    pub current: usize,
    pub longest: usize,
}

/// One member file as read from the team repository.
#[derive(Debug, Clone)]
pub struct Published {
    pub handle: String,
    /// The day of the commit that last changed the file.
    pub published: Option<NaiveDate>,
    /// The file's live events, or why it could not be read.
    pub events: Result<Vec<Event>, String>,
}

/// Builds the table: a row per member file, sorted by handle, then a row for each roster
/// member without one. Streaks and last activity are as of the day the member published,
/// so a member who stopped publishing does not look idle; `stale` says so instead.
pub fn build(
    team: &TeamConfig,
    roadmap: &Roadmap,
    files: Vec<Published>,
    today: NaiveDate,
) -> TeamTable {
    let mut rows: Vec<MemberRow> = files
        .into_iter()
        .map(|file| row(team, roadmap, file, today))
        .collect();
    rows.sort_by(|a, b| a.handle.cmp(&b.handle));
    let seen: BTreeSet<String> = rows.iter().map(|r| r.handle.clone()).collect();
    for (handle, entry) in &team.members {
        if !seen.contains(handle) {
            let mut missing = empty_row(roadmap, handle);
            missing.name.clone_from(&entry.name);
            missing.on_roster = true;
            missing.published_file = false;
            rows.push(missing);
        }
    }
    TeamTable {
        team: team.title.clone(),
        roadmap: roadmap.id().to_owned(),
        steps: roadmap.step_count(),
        sections: roadmap
            .sections()
            .iter()
            .map(|s| SectionColumn {
                id: s.id.clone(),
                title: s.title.clone(),
            })
            .collect(),
        as_of: today,
        stale_after_days: team.stale_after_days,
        has_roster: !team.members.is_empty(),
        members: rows,
    }
}

fn row(team: &TeamConfig, roadmap: &Roadmap, file: Published, today: NaiveDate) -> MemberRow {
    let mut row = empty_row(roadmap, &file.handle);
    row.on_roster = team.members.contains_key(&file.handle);
    row.name = team.members.get(&file.handle).and_then(|e| e.name.clone());
    row.published = file.published;
    row.stale = file.published.is_none_or(|day| {
        day.checked_add_days(Days::new(team.stale_after_days.into()))
            .is_none_or(|fresh_until| fresh_until < today)
    });
    let events = match file.events {
        Ok(events) => events,
        Err(error) => {
            row.error = Some(error);
            return row;
        }
    };
    let progress = Progress::derive(roadmap, &events);
    row.totals = progress.totals();
    row.percent = row.totals.percent();
    for (cell, counts) in row.sections.iter_mut().zip(progress.by_section(roadmap)) {
        cell.percent = counts.percent();
        cell.counts = counts;
    }
    row.in_progress = (0..roadmap.step_count())
        .filter(|&index| progress.status(index) == StepStatus::InProgress)
        .count();
    let as_of = file.published.unwrap_or(today);
    let streak = Streak::measure(&learning_by_day(&events, Some(roadmap.id())), as_of);
    row.last_active = streak.last_activity;
    row.streak = StreakCounts {
        current: streak.current,
        longest: streak.longest,
    };
    row
}

fn empty_row(roadmap: &Roadmap, handle: &str) -> MemberRow {
    MemberRow {
        handle: handle.to_owned(),
        name: None,
        on_roster: false,
        published_file: true,
        percent: 0,
        totals: unread(roadmap.step_count()),
        sections: roadmap
            .sections()
            .iter()
            .map(|s| SectionPercent {
                id: s.id.clone(),
                percent: 0,
                counts: unread(s.steps.len()),
            })
            .collect(),
        in_progress: 0,
        last_active: None,
        streak: StreakCounts::default(),
        published: None,
        stale: false,
        error: None,
    }
}

/// The counts of steps nothing was read about: all pending.
fn unread(steps: usize) -> Counts {
    Counts {
        total: steps,
        pending: steps,
        ..Counts::default()
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::event::EventKind;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn done(step: &str, on: &str) -> Event {
        let at = DateTime::parse_from_rfc3339(&format!("{on}T12:00:00Z")).unwrap();
        Event::new(at, "mlops", step, EventKind::Done, None)
    }

    #[test]
    fn rows_per_file_and_roster_with_errors_and_staleness() {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        let mut team = TeamConfig::new("Onboarding", "mlops");
        team.members.insert(
            "dave".into(),
            super::super::RosterEntry {
                name: Some("Dave D.".into()),
            },
        );
        let first = roadmap.ids().next().unwrap().to_owned();
        let files = vec![
            Published {
                handle: "bob".into(),
                published: Some(day("2026-02-01")),
                events: Ok(vec![done(&first, "2026-01-31"), done(&first, "2026-02-01")]),
            },
            Published {
                handle: "alice".into(),
                published: Some(day("2026-03-09")),
                events: Ok(vec![done(&first, "2026-03-08"), done(&first, "2026-03-09")]),
            },
            Published {
                handle: "carol".into(),
                published: Some(day("2026-03-09")),
                events: Err("members/carol.json line 1 column 2: bad".into()),
            },
        ];
        let table = build(&team, &roadmap, files, day("2026-03-10"));
        let handles: Vec<&str> = table.members.iter().map(|r| r.handle.as_str()).collect();
        assert_eq!(handles, ["alice", "bob", "carol", "dave"]);
        let alice = &table.members[0];
        assert_eq!(
            alice.streak,
            StreakCounts {
                current: 2,
                longest: 2
            }
        );
        assert_eq!(alice.last_active, Some(day("2026-03-09")));
        assert!(!alice.stale && alice.error.is_none() && !alice.on_roster);
        // Bob's streak is as of his last publish; his row is stale instead.
        assert_eq!(table.members[1].streak.current, 2);
        assert!(table.members[1].stale);
        assert!(
            table.members[2]
                .error
                .as_deref()
                .unwrap()
                .contains("carol.json")
        );
        let dave = &table.members[3];
        assert!(dave.on_roster && !dave.published_file && dave.published.is_none());
        assert_eq!(dave.name.as_deref(), Some("Dave D."));
        assert_eq!(alice.sections.len(), table.sections.len());
        // The counts behind the percents, for a page's bars; an unread row is all pending.
        assert_eq!(
            (alice.totals.done, alice.totals.total),
            (1, roadmap.step_count())
        );
        assert_eq!(alice.sections[0].counts.done, 1);
        assert_eq!(
            alice.sections[0].counts.total,
            roadmap.sections()[0].steps.len()
        );
        assert_eq!(table.members[2].totals.pending, roadmap.step_count());
    }
}
