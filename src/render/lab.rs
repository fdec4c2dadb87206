//! `lab` and `check` output. Pack text and check messages come from outside the binary:
//! they pass through `printable` before reaching a terminal.

use std::fmt::Write;

use serde::Serialize;

use crate::lab::manifest::{Level, Tier};
use crate::lab::run::{Outcome, Status};

/// Text without control characters (escape sequences included); newlines and tabs stay.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
        Status::Skip => "skip",
    }
}

/// One line per check, then the first failure's message and hint.
pub fn check_text(outcomes: &[Outcome], hint_count: usize) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let optional = if outcome.required { "" } else { " (optional)" };
        let _ = writeln!(
            out,
            "{:<5}  {}{optional}",
            status_word(outcome.status),
            printable(&outcome.title)
        );
    }
    if let Some(first) = outcomes.iter().find(|o| o.status != Status::Pass) {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}: {}",
            printable(&first.id),
            printable(&first.message)
        );
        // A hint helps with wrong work, not with a tool that is missing or could not answer.
        if let Some(n) = first
            .hint
            .filter(|_| first.status == Status::Fail)
            .filter(|&n| usize::try_from(n).is_ok_and(|n| n <= hint_count))
        {
            let _ = writeln!(out, "hint {n} may help: mlops-path lab hint");
        }
    }
    out
}

#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    pub lab: &'a str,
    pub step: &'a str,
    pub status: Status,
    pub checks: &'a [Outcome],
}

#[derive(Debug, Serialize)]
pub struct LabRow<'a> {
    pub step: &'a str,
    pub title: &'a str,
    pub level: Level,
    pub tier: Tier,
    pub status: &'a str,
    pub verified: bool,
    pub needs: &'a [String],
}

/// One line per lab. The step and level columns grow past their usual widths when a value
/// is longer (`intermediate`, long step ids), so the columns stay aligned.
pub fn list_text(rows: &[LabRow]) -> String {
    let word = |value: serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|row| {
            let mark = if row.verified { "verified" } else { row.status };
            [
                row.step.to_owned(),
                word(serde_json::to_value(row.level).unwrap_or_default()),
                word(serde_json::to_value(row.tier).unwrap_or_default()),
                mark.to_owned(),
            ]
        })
        .collect();
    // Columns as wide as their widest cell, so long step ids and tiers stay aligned.
    let width = |n: usize| {
        cells
            .iter()
            .map(|c| c[n].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2, w3) = (width(0), width(1), width(2), width(3));
    let mut out = String::new();
    for (row, [step, level, tier, mark]) in rows.iter().zip(&cells) {
        let _ = writeln!(
            out,
            "{step:<w0$}  {level:<w1$}  {tier:<w2$}  {mark:<w3$}  {}",
            printable(row.title)
        );
        if !row.needs.is_empty() {
            let _ = writeln!(
                out,
                "{:<w0$}  needs {}",
                "",
                printable(&row.needs.join(", "))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_longest_step_and_level() {
        let row = |step, level| LabRow {
            step,
            title: "T",
            level,
            tier: Tier::Python,
            status: "pending",
            verified: false,
            needs: &[],
        };
        let text = list_text(&[
            row("lab-a", Level::Beginner),
            row("lab-compose-observability", Level::Intermediate),
        ]);
        let starts: Vec<usize> = text.lines().map(|l| l.find("python").unwrap()).collect();
        assert_eq!(starts, [41, 41], "{text}");
    }

    #[test]
    fn escape_sequences_never_pass() {
        assert_eq!(printable("a\u{1b}[2Jb\nc\td"), "a\u{fffd}[2Jb\nc\td");
    }
}
