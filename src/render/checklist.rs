//! `export --format md`: the roadmap as a Markdown checklist to share, with dates and notes.
//!
//! Text from the roadmap and from notes is escaped, so a `*` or `[` in a note stays a
//! character and a note line starting with `- ` does not become a list item.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};

use super::markdown::escape;
use super::{link_target, minute, progress_line, show::histories};
use crate::domain::event::Event;
use crate::domain::evidence::is_verified;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::Roadmap;
use crate::domain::validate::is_web_url;

/// `[x]` done or skipped (settled, so it renders as a ticked box), `[~]` in progress,
/// `[ ]` pending.
fn checklist_box(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Done | StepStatus::Skipped => "[x]",
        StepStatus::InProgress => "[~]",
        StepStatus::Pending => "[ ]",
    }
}

pub fn markdown(
    roadmap: &Roadmap,
    progress: &Progress,
    events: &[Event],
    now: DateTime<FixedOffset>,
) -> String {
    let totals = progress.totals();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(roadmap.title()));
    let _ = writeln!(
        out,
        "{} on {}: done {}, skipped {}, in progress {}, pending {}.\n",
        progress_line(&totals),
        now.format("%Y-%m-%d"),
        totals.done,
        totals.skipped,
        totals.in_progress,
        totals.pending
    );
    let _ = writeln!(
        out,
        "`[x]` done or skipped, `[~]` in progress, `[ ]` to do."
    );
    let histories = histories(roadmap, events);
    let mut index = 0;
    for section in roadmap.sections() {
        let _ = writeln!(out, "\n## {}\n", escape(&section.title));
        for step in &section.steps {
            let state = progress.step(index);
            let title = match step.url.as_deref() {
                Some(url) if is_web_url(url) => {
                    format!("[{}]({})", escape(&step.title), link_target(url))
                }
                _ => escape(&step.title),
            };
            let _ = write!(
                out,
                "- {} {title} (`{}`)",
                checklist_box(state.status),
                step.id
            );
            let dated = |word: &str, at: Option<DateTime<FixedOffset>>| {
                at.map(|at| format!(", {word} {}", at.format("%Y-%m-%d")))
                    .unwrap_or_default()
            };
            let _ = writeln!(
                out,
                "{}",
                match state.status {
                    StepStatus::Done if is_verified(histories[index].iter().copied()) => {
                        dated("done", state.since) + ", verified by mlops-path check"
                    }
                    StepStatus::Done => dated("done", state.since),
                    StepStatus::Skipped => dated("skipped", state.since),
                    StepStatus::InProgress => dated("started", state.since),
                    StepStatus::Pending => String::new(),
                }
            );
            for event in &histories[index] {
                if let Some(note) = event.note.as_deref() {
                    let _ = writeln!(out, "  - {}: {}", minute(&event.at), note_text(note));
                }
            }
            index += 1;
        }
    }
    out
}

/// A note as one list item: each line escaped, later lines indented to stay in the item.
fn note_text(note: &str) -> String {
    note.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .map(|line| escape_line_start(&escape(line.trim_start())))
        .collect::<Vec<_>>()
        .join("  \n    ")
}

/// Keeps a line from starting a list: `- x`, `+ x`, `1. x`, `1) x`.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['-', '+']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_cannot_format_or_start_lists() {
        assert_eq!(
            escape("a *b* [c](d) <e> `f`"),
            r"a \*b\* \[c\](d) \<e\> \`f\`"
        );
        assert_eq!(
            note_text("first\n- not a list\n\n2. nor this\n  # nor a heading"),
            "first  \n    \\- not a list  \n    2\\. nor this  \n    \\# nor a heading"
        );
        assert_eq!(escape_line_start("2026 was good"), "2026 was good");
    }
}
