//! `roadmap list`, `roadmap validate --json` and the `roadmap import` report.

use std::fmt::Write;

use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;

use super::fit::{shorten, width_of, wrap};
use super::{visible, visible_lines};
use crate::domain::import::ImportReport;
use crate::domain::validate::{Location, Problem};
use crate::ui::Theme;

/// One row of `roadmap list`.
#[derive(Debug, Serialize)]
pub struct ListedJson {
    pub id: String,
    /// `built-in` or `installed`.
    pub origin: &'static str,
    pub path: Option<String>,
    pub title: Option<String>,
    pub steps: Option<usize>,
    pub percent: Option<usize>,
    /// The roadmap commands follow now (`--roadmap`, `MLOPS_PATH_ROADMAP`, or the default).
    pub active: bool,
    /// The roadmap followed when neither flag nor variable chooses (`roadmap use`).
    pub default: bool,
    /// Why the roadmap cannot be loaded, when it cannot.
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RoadmapsJson {
    pub roadmaps: Vec<ListedJson>,
}

/// The installed roadmaps; with `columns`, titles are shortened with `…` as far as needed to
/// fit. A path stays whole and may run past the width, as a URL may: a shortened path would
/// name nothing, so the fit is measured with each path as the word `installed`.
pub fn list_text(rows: &[ListedJson], theme: Theme, columns: Option<usize>) -> String {
    let mut max_title = None;
    if let Some(columns) = columns {
        let widest = list_table(rows, None, false)
            .iter()
            .map(|l| width_of(l))
            .max()
            .unwrap_or(0);
        if widest > columns {
            let longest = rows
                .iter()
                .filter_map(|r| r.title.as_deref())
                .map(|t| width_of(&visible(t)))
                .max()
                .unwrap_or(0);
            max_title = Some(longest.saturating_sub(widest - columns).max(12));
        }
    }
    list_body(&list_table(rows, max_title, true), rows, theme, columns)
}

fn list_table(rows: &[ListedJson], max_title: Option<usize>, paths: bool) -> Vec<String> {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table.force_no_tty();
    table.set_header(["", "Roadmap", "Title", "Steps", "Settled", "From"]);
    for row in rows {
        table.add_row([
            if row.active { "*" } else { "" }.to_owned(),
            // Painted after layout: comfy-table would count the colour codes as width.
            visible(&row.id).into_owned(),
            row.title.as_deref().map_or_else(
                || "(cannot be loaded, see below)".into(),
                |title| {
                    let title = visible(title);
                    max_title.map_or_else(|| title.to_string(), |m| shorten(&title, m).into_owned())
                },
            ),
            row.steps.map(|n| n.to_string()).unwrap_or_default(),
            row.percent.map(|p| format!("{p}%")).unwrap_or_default(),
            row.path
                .clone()
                .filter(|_| paths)
                .unwrap_or_else(|| row.origin.to_owned()),
        ]);
    }
    for column in [3, 4] {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect()
}

fn list_body(
    lines: &[String],
    rows: &[ListedJson],
    theme: Theme,
    columns: Option<usize>,
) -> String {
    let mut out = String::new();
    let mut lines = lines.iter();
    if let Some(header) = lines.next() {
        let _ = writeln!(out, "{}", header.trim_end());
    }
    // One line per row, no wrapping: the id is the first thing after the marker.
    for (line, row) in lines.zip(rows) {
        let id = visible(&row.id);
        let line = line.replacen(&*id, &theme.paint(Theme::ID, &id), 1);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let mut notes = String::new();
    for row in rows {
        if let Some(error) = &row.error {
            let _ = writeln!(notes, "{}: {}", visible(&row.id), visible_lines(error));
        }
    }
    let default = rows
        .iter()
        .find(|row| row.default)
        .map_or("mlops", |row| &row.id);
    let _ = writeln!(
        notes,
        "* the roadmap in use; {default} is the default (`roadmap use ID` changes it; --roadmap ID overrides it)"
    );
    out.push_str(&wrap(&notes, columns));
    out
}

#[derive(Debug, Serialize)]
pub struct ValidationJson<'a> {
    pub path: String,
    pub valid: bool,
    /// The roadmap's id, title and size, when it is valid.
    pub roadmap: Option<RoadmapSummaryJson<'a>>,
    pub problems: Vec<ProblemJson>,
}

#[derive(Debug, Serialize)]
pub struct RoadmapSummaryJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub sections: usize,
    pub steps: usize,
}

/// A problem with its place as fields, for scripts and editors.
#[derive(Debug, Serialize)]
pub struct ProblemJson {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub section: Option<usize>,
    pub step: Option<usize>,
    pub id: Option<String>,
    pub field: Option<&'static str>,
    pub message: String,
    /// The whole problem as text, as the text output prints it.
    pub text: String,
}

impl From<&Problem> for ProblemJson {
    fn from(problem: &Problem) -> Self {
        let mut json = Self {
            line: None,
            column: None,
            section: None,
            step: None,
            id: None,
            field: problem.field,
            message: problem.message.clone(),
            text: problem.to_string(),
        };
        let named = |id: &String| (!id.is_empty()).then(|| id.clone());
        match &problem.location {
            Location::Text { line, column } => {
                json.line = Some(*line);
                json.column = Some(*column);
            }
            Location::Roadmap => {}
            Location::Section { index, id } => {
                json.section = Some(*index);
                json.id = named(id);
            }
            Location::Step { section, index, id } => {
                json.section = Some(*section);
                json.step = Some(*index);
                json.id = named(id);
            }
        }
        json
    }
}

/// The summary `roadmap import` prints on stderr.
pub fn import_report(report: &ImportReport, source: &str, sections: usize, steps: usize) -> String {
    let source = visible(source);
    let mut out = format!("Imported {sections} section(s) and {steps} step(s) from {source}.\n");
    if report.kept_ids > 0 {
        let _ = writeln!(
            out,
            "Kept the ids of {} step(s) from the earlier import.",
            report.kept_ids
        );
    }
    if report.unwrapped > 0 {
        let _ = writeln!(
            out,
            "Replaced {} tracking redirect(s) by the target they carry.",
            report.unwrapped
        );
    }
    if !report.kept_redirects.is_empty() {
        let _ = writeln!(
            out,
            "Kept {} short redirect(s) as they are; their target is not in the link and nothing is fetched: {}",
            report.kept_redirects.len(),
            visible(&report.kept_redirects.join(", "))
        );
    }
    if !report.skipped.is_empty() {
        out.push_str("Skipped:\n");
    }
    for (reason, what) in &report.skipped {
        let _ = writeln!(out, "  {:>3}  {}", what.len(), reason.describe());
    }
    out
}
