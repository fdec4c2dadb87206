//! Pure functions from domain values to text and JSON. Nothing here prints or reads.

pub mod calendar;
pub mod checklist;
pub mod doctor;
pub mod export;
pub mod fit;
pub mod lab;
pub mod list;
pub mod log;
pub mod man;
pub mod mark;
pub mod markdown;
pub mod next;
pub mod overview;
pub mod recap;
pub mod report;
pub mod roadmap;
pub mod show;
pub mod status;
pub mod sync;
pub mod team;

pub use crate::domain::text::count_of;
use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use crate::domain::event::EventKind;
use crate::domain::progress::StepStatus;
use crate::domain::text::is_invisible;
use crate::ui::Theme;

/// Untrusted text as a terminal may show it: control, bidi and zero-width characters become
/// visible escapes such as `\u{1b}`, so a title cannot move the cursor, hide a link or write
/// to the clipboard. `--json` output keeps the text exact instead.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape_invisible(text, false)
}

/// [`visible`], but newlines stay, for notes written over several lines.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape_invisible(text, true)
}

fn escape_invisible(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let hidden = |c: char| !(keep_newlines && c == '\n') && is_invisible(c);
    if !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A URL as a Markdown link target: spaces, angle brackets and parentheses, which would end
/// the link early or open raw HTML, are percent-encoded; the address stays the same.
pub fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')') {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The checklist mark of a status: `[x]` done, `[~]` in progress, `[-]` skipped, `[ ]` pending.
pub fn checkbox(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Done => "[x]",
        StepStatus::InProgress => "[~]",
        StepStatus::Skipped => "[-]",
        StepStatus::Pending => "[ ]",
    }
}

/// A status in words, for people.
pub fn status_words(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Done => "done",
        StepStatus::InProgress => "in progress",
        StepStatus::Skipped => "skipped",
        StepStatus::Pending => "pending",
    }
}

pub fn painted_checkbox(status: StepStatus, theme: Theme) -> String {
    let style = match status {
        StepStatus::Done => Theme::DONE,
        StepStatus::InProgress => Theme::ACTIVE,
        StepStatus::Skipped | StepStatus::Pending => Theme::DIM,
    };
    theme.paint(style, checkbox(status))
}

/// What an event did, as a confirmation or a recap says it.
pub fn past_tense(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Start => "Started",
        EventKind::Done => "Done",
        EventKind::Skip => "Skipped",
        EventKind::Reopen => "Reopened",
        EventKind::Note => "Noted",
        EventKind::Learn => "Learned",
    }
}

/// A note's lines, each painted, the continuation lines indented by `indent` so they sit under
/// the first; a note of several lines would otherwise break the layout around it.
pub fn note_lines(note: &str, indent: &str, theme: Theme) -> String {
    note.lines()
        .map(|line| theme.paint(Theme::DIM, &visible(line)))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// A timestamp as the learner recorded it, to the minute.
pub fn minute(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// `Next: id  title`, or a word of congratulation once every step is settled; `None` when
/// nothing is ready.
pub fn next_line(
    roadmap: &crate::domain::roadmap::Roadmap,
    totals: &crate::domain::progress::Counts,
    next: Option<usize>,
    theme: Theme,
) -> Option<String> {
    match next {
        Some(index) => {
            let step = roadmap.step_at(index);
            Some(format!(
                "Next: {}  {}",
                theme.paint(Theme::ID, &visible(&step.id)),
                visible(&step.title)
            ))
        }
        None if totals.settled() == totals.total => {
            Some("Every step is settled. Well done!".into())
        }
        None => None,
    }
}

/// `settled/total steps settled (percent%)`, the one-line progress summary.
pub fn progress_line(counts: &crate::domain::progress::Counts) -> String {
    format!(
        "{}/{} steps settled ({}%)",
        counts.settled(),
        counts.total,
        counts.percent()
    )
}

/// Minutes as people say them: `40 min`, `2 h`, `1 h 30 min`.
pub fn duration(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_escapes_controls_bidi_and_zero_width_only() {
        assert_eq!(visible("Kubeflow — café 日本"), "Kubeflow — café 日本");
        assert_eq!(
            visible("a\u{1b}]52;c;x\u{7}b\r\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}\tc\nd"),
            "a\\u{1b}]52;c;x\\u{7}b\\u{d}\\u{9b}\\u{202e}\\u{2066}\\u{200b}\\u{feff}\\u{9}c\\u{a}d"
        );
        assert_eq!(visible_lines("one\ntwo\u{1b}"), "one\ntwo\\u{1b}");
    }

    #[test]
    fn link_targets_cannot_end_the_link_or_open_html() {
        assert_eq!(
            link_target("https://x.test/a b(c)<img src=x>"),
            "https://x.test/a%20b%28c%29%3Cimg%20src=x%3E"
        );
        assert_eq!(
            link_target("https://x.test/é?q=1#f"),
            "https://x.test/é?q=1#f"
        );
    }
}
