//! `doctor`: one line per check, what to do under each warning or problem, and a verdict.

use std::fmt::Write;
use std::path::Path;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::count_of;
use super::visible;
use crate::storage::doctor::{Check, Level, Restored};
use crate::ui::Theme;

#[derive(Debug, Serialize)]
pub struct DoctorJson<'c> {
    pub healthy: bool,
    pub problems: usize,
    pub warnings: usize,
    pub checks: Vec<CheckJson<'c>>,
    /// Set when `--restore-backup` restored the backup.
    pub restored: Option<RestoredJson<'c>>,
}

#[derive(Debug, Serialize)]
pub struct CheckJson<'c> {
    pub subject: &'c str,
    pub level: &'static str,
    pub detail: &'c str,
    pub fix: Option<&'c str>,
}

#[derive(Debug, Serialize)]
pub struct RestoredJson<'c> {
    /// Where the broken state file was moved; `null` when there was none.
    pub aside: Option<&'c Path>,
    pub events: usize,
}

pub fn level_word(level: Level) -> &'static str {
    match level {
        Level::Ok => "ok",
        Level::Warning => "warning",
        Level::Problem => "problem",
    }
}

pub fn count(checks: &[Check], level: Level) -> usize {
    checks.iter().filter(|c| c.level == level).count()
}

pub fn json<'c>(checks: &'c [Check], restored: Option<&'c Restored>) -> DoctorJson<'c> {
    let problems = count(checks, Level::Problem);
    DoctorJson {
        healthy: problems == 0,
        problems,
        warnings: count(checks, Level::Warning),
        checks: checks
            .iter()
            .map(|c| CheckJson {
                subject: &c.subject,
                level: level_word(c.level),
                detail: &c.detail,
                fix: c.fix.as_deref(),
            })
            .collect(),
        restored: restored.map(|r| RestoredJson {
            aside: r.aside.as_deref(),
            events: r.events,
        }),
    }
}

/// What `--restore-backup` did, for the confirmation on stderr.
pub fn restored_line(restored: &Restored) -> String {
    let events = count_of(restored.events, "event");
    match &restored.aside {
        Some(aside) => format!(
            "Moved the broken state.json aside to {}; restored state.json.bak ({events}).",
            visible(&aside.display().to_string())
        ),
        None => format!("There was no state.json; restored state.json.bak ({events})."),
    }
}

pub fn text(checks: &[Check], theme: Theme) -> String {
    const LEVEL_WIDTH: usize = 8;
    let subject_width = checks.iter().map(|c| c.subject.len()).max().unwrap_or(0);
    let mut out = String::new();
    for check in checks {
        let word = level_word(check.level);
        let style = match check.level {
            Level::Ok => Theme::DONE,
            Level::Warning => AnsiColor::Yellow.on_default(),
            Level::Problem => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        };
        let padding = " ".repeat(LEVEL_WIDTH - word.len());
        let _ = writeln!(
            out,
            "{}{padding}{:subject_width$}  {}",
            theme.paint(style, word),
            check.subject,
            visible(&check.detail)
        );
        if let Some(fix) = &check.fix {
            let _ = writeln!(
                out,
                "{}{:subject_width$}  fix: {}",
                " ".repeat(LEVEL_WIDTH),
                "",
                visible(fix)
            );
        }
    }
    let problems = count(checks, Level::Problem);
    let warnings = count(checks, Level::Warning);
    let verdict = match (problems, warnings) {
        (0, 0) => "Healthy: nothing to do.".to_owned(),
        (0, w) => format!("Healthy, with {w} warning(s)."),
        (p, w) => format!("{p} problem(s), {w} warning(s): see the fixes above."),
    };
    let _ = writeln!(out, "{verdict}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_align_and_fixes_follow_their_check() {
        let checks = [
            Check::ok("state.json", "2 events, format 1"),
            Check::problem("state.lock", "cannot open", "check it"),
        ];
        assert_eq!(
            text(&checks, Theme { color: false }),
            "ok      state.json  2 events, format 1\n\
             problem state.lock  cannot open\n\
             \x20                   fix: check it\n\
             1 problem(s), 0 warning(s): see the fixes above.\n"
        );
    }
}
