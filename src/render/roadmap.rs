//! `roadmap list`, `roadmap validate --json` and the `roadmap import` report.

use std::fmt::Write;

use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;

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
pub struct ListJson {
    pub roadmaps: Vec<ListedJson>,
}

pub fn list_text(rows: &[ListedJson], theme: Theme) -> String {
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
                |title| visible(title).into_owned(),
            ),
            row.steps.map(|n| n.to_string()).unwrap_or_default(),
            row.percent.map(|p| format!("{p}%")).unwrap_or_default(),
            row.path.clone().unwrap_or_else(|| row.origin.to_owned()),
        ]);
    }
    for column in [3, 4] {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = String::new();
    let mut lines = table.lines();
    if let Some(header) = lines.next() {
        let _ = writeln!(out, "{}", header.trim_end());
    }
    // One line per row, no wrapping: the id is the first thing after the marker.
    for (line, row) in lines.zip(rows) {
        let id = visible(&row.id);
        let line = line.replacen(&*id, &theme.paint(Theme::ID, &id), 1);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for row in rows {
        if let Some(error) = &row.error {
            let _ = writeln!(out, "{}: {}", visible(&row.id), visible_lines(error));
        }
    }
    let default = rows
        .iter()
        .find(|row| row.default)
        .map_or("mlops", |row| &row.id);
    let _ = writeln!(
        out,
        "* the roadmap in use; {default} is the default (choose it with `roadmap use ID`), --roadmap ID chooses another"
    );
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
