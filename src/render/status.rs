//! `status`: progress per section and overall.

use std::fmt::Write;

use comfy_table::{CellAlignment, Table, TableComponent, presets};
use serde::Serialize;

use crate::domain::progress::{Counts, Progress, UnknownStep};
use crate::domain::roadmap::Roadmap;
use crate::ui::Theme;

const BAR_WIDTH: usize = 20;

#[derive(Debug, Serialize)]
pub struct StatusJson<'r> {
    pub roadmap: &'r str,
    #[serde(flatten)]
    pub counts: CountsJson,
    pub sections: Vec<SectionJson<'r>>,
    pub unknown_steps: &'r [UnknownStep],
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

pub fn json<'r>(roadmap: &'r Roadmap, progress: &'r Progress) -> StatusJson<'r> {
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
    }
}

/// A bar of `BAR_WIDTH` cells, filled in proportion (rounded down) to `percent`.
pub fn bar(percent: usize) -> String {
    let filled = percent.min(100) * BAR_WIDTH / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR_WIDTH - filled))
}

pub fn text(roadmap: &Roadmap, progress: &Progress, next: Option<usize>, theme: Theme) -> String {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_HORIZONTAL_ONLY);
    table.remove_style(TableComponent::HorizontalLines);
    table.remove_style(TableComponent::MiddleIntersections);
    table.remove_style(TableComponent::LeftBorderIntersections);
    table.remove_style(TableComponent::RightBorderIntersections);
    // Colour is decided once for the whole program; comfy-table would decide by tty alone.
    table.force_no_tty();
    table.set_header(["Section", "Settled", "%", "Progress"]);
    let row = |title: &str, counts: &Counts| {
        vec![
            title.to_owned(),
            format!("{}/{}", counts.settled(), counts.total),
            format!("{}%", counts.percent()),
            bar(counts.percent()),
        ]
    };
    for (section, counts) in roadmap.sections().iter().zip(progress.by_section(roadmap)) {
        table.add_row(row(&section.title, &counts));
    }
    let totals = progress.totals();
    table.add_row(row("Overall", &totals));
    for column in [1, 2] {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }

    let mut out = String::new();
    let _ = writeln!(out, "{}", theme.paint(Theme::HEADING, roadmap.title()));
    for line in table.lines() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "Done: {}  Skipped: {}  In progress: {}  Pending: {}",
        totals.done, totals.skipped, totals.in_progress, totals.pending
    );
    match next {
        Some(index) => {
            let step = roadmap.step_at(index);
            let _ = writeln!(
                out,
                "Next: {}  {}",
                theme.paint(Theme::ID, &step.id),
                step.title
            );
        }
        None if totals.settled() == totals.total => {
            let _ = writeln!(out, "Every step is settled. Well done!");
        }
        None => {}
    }
    for unknown in progress.unknown_steps() {
        let _ = writeln!(
            out,
            "Unknown step {:?}: {} event(s) kept; the roadmap no longer has this step (a newer roadmap can list it in `replaces`).",
            unknown.id, unknown.events
        );
    }
    out
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
