//! `team status` as a terminal table, Markdown, CSV and JSON, all from one `TeamTable`.
//! Handles, titles and errors come from other people's files: escaped everywhere.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::{export, markdown, visible};
use crate::domain::team::table::{MemberRow, StreakCounts, TeamTable};

/// The `--json` shape: `{"team", "roadmap", "members": [...]}`.
#[derive(Serialize)]
pub struct TeamJson<'t> {
    team: &'t str,
    roadmap: &'t str,
    members: Vec<MemberJson<'t>>,
}

#[derive(Serialize)]
struct MemberJson<'t> {
    handle: &'t str,
    percent: usize,
    sections: &'t [crate::domain::team::table::SectionPercent],
    in_progress: usize,
    last_active: Option<NaiveDate>,
    streak: StreakCounts,
    published: Option<NaiveDate>,
    stale: bool,
    error: Option<String>,
}

pub fn json(table: &TeamTable) -> TeamJson<'_> {
    TeamJson {
        team: &table.team,
        roadmap: &table.roadmap,
        members: table
            .members
            .iter()
            .map(|row| MemberJson {
                handle: &row.handle,
                percent: row.percent,
                sections: &row.sections,
                in_progress: row.in_progress,
                last_active: row.last_active,
                streak: row.streak,
                published: row.published,
                stale: row.stale,
                error: row_error(row),
            })
            .collect(),
    }
}

/// A roster member without a file is an error of sorts: nothing to show yet.
fn row_error(row: &MemberRow) -> Option<String> {
    if row.published_file {
        row.error.clone()
    } else {
        Some("on the roster, not published yet".into())
    }
}

/// The cells of one row after the handle, or the error that replaces them.
fn cells(row: &MemberRow) -> Result<Vec<String>, String> {
    if let Some(error) = row_error(row) {
        return Err(error);
    }
    let date = |day: Option<NaiveDate>| day.map_or_else(|| "-".to_owned(), |d| d.to_string());
    let mut cells = vec![format!("{}%", row.percent)];
    cells.extend(row.sections.iter().map(|s| format!("{}%", s.percent)));
    cells.push(row.in_progress.to_string());
    cells.push(date(row.last_active));
    cells.push(format!("{} ({})", row.streak.current, row.streak.longest));
    let stale = if row.stale { " stale" } else { "" };
    cells.push(format!("{}{stale}", date(row.published)));
    Ok(cells)
}

fn headers(table: &TeamTable) -> Vec<String> {
    let mut headers = vec!["Member".to_owned(), "Overall".to_owned()];
    headers.extend(table.sections.iter().map(|s| s.id.clone()));
    headers.extend(["Doing", "Last active", "Streak", "Published"].map(String::from));
    headers
}

fn handle_cell(table: &TeamTable, row: &MemberRow) -> String {
    if table.has_roster && !row.on_roster {
        format!("{} (not on the roster)", row.handle)
    } else {
        row.handle.clone()
    }
}

/// The title line, then an aligned table; an error row spans the table.
pub fn text(table: &TeamTable) -> String {
    let mut out = format!(
        "{} · roadmap {} ({} steps) · {} · as of {}\n",
        visible(&table.team),
        visible(&table.roadmap),
        table.steps,
        super::count_of(table.members.len(), "member"),
        table.as_of
    );
    let headers: Vec<String> = headers(table)
        .iter()
        .map(|h| visible(h).into_owned())
        .collect();
    let rows: Vec<(String, Result<Vec<String>, String>)> = table
        .members
        .iter()
        .map(|row| (visible(&handle_cell(table, row)).into_owned(), cells(row)))
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for (handle, cells) in &rows {
        widths[0] = widths[0].max(handle.chars().count());
        if let Ok(cells) = cells {
            for (width, cell) in widths[1..].iter_mut().zip(cells) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", line(&headers));
    for (handle, cells) in rows {
        match cells {
            Ok(cells) => {
                let mut all = vec![handle];
                all.extend(cells);
                let _ = writeln!(out, "{}", line(&all));
            }
            Err(error) => {
                let _ = writeln!(out, "{handle:<0$}  error: {1}", widths[0], visible(&error));
            }
        }
    }
    out
}

/// A Markdown table for a `TEAM.md` a CI job can render.
pub fn markdown(table: &TeamTable) -> String {
    let md = |text: &str| markdown::escape(&text.replace(['\n', '\r'], " "));
    let mut out = format!(
        "# {}\n\nRoadmap {} ({} steps), as of {}.\n\n",
        md(&table.team),
        md(&table.roadmap),
        table.steps,
        table.as_of
    );
    let headers = headers(table);
    let _ = writeln!(
        out,
        "| {} |",
        headers
            .iter()
            .map(|h| md(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
    for row in &table.members {
        let cells = match cells(row) {
            Ok(cells) => cells,
            Err(error) => {
                let mut cells = vec![format!("error: {error}")];
                cells.resize(headers.len() - 1, String::new());
                cells
            }
        };
        let mut all = vec![md(&handle_cell(table, row))];
        all.extend(cells.iter().map(|c| md(c)));
        let _ = writeln!(out, "| {} |", all.join(" | "));
    }
    out
}

/// CSV with a header row; the error column is empty for readable files.
pub fn csv(table: &TeamTable) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["handle".to_owned(), "percent".to_owned()];
    header.extend(table.sections.iter().map(|s| s.id.clone()));
    header.extend(
        [
            "in_progress",
            "last_active",
            "streak_current",
            "streak_longest",
            "published",
            "stale",
            "error",
        ]
        .map(String::from),
    );
    let date = |day: Option<NaiveDate>| day.map(|d| d.to_string()).unwrap_or_default();
    let _ = writer.write_record(&header);
    for row in &table.members {
        let mut record = vec![
            export::formula_safe(&row.handle).into_owned(),
            row.percent.to_string(),
        ];
        record.extend(row.sections.iter().map(|s| s.percent.to_string()));
        record.extend([
            row.in_progress.to_string(),
            date(row.last_active),
            row.streak.current.to_string(),
            row.streak.longest.to_string(),
            date(row.published),
            row.stale.to_string(),
            row_error(row)
                .map(|e| export::formula_safe(&e).into_owned())
                .unwrap_or_default(),
        ]);
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every field is UTF-8")
}
