//! `log --format md`: the learning log as a Markdown recap to paste into a standup or a journal.
//!
//! Titles are escaped so a roadmap's `*` or `[` cannot break the list; notes are kept as the
//! learner wrote them, since they may be Markdown on purpose.

use std::fmt::Write;

use chrono::NaiveDate;

use super::log::{LogEvent, LogJson};
use super::markdown::escape;
use super::{duration, link_target, past_tense};
use crate::domain::when::Span;

pub fn markdown(log: &LogJson, span: Span) -> String {
    let mut out = String::new();
    if span.first == span.last {
        let _ = writeln!(out, "# Learning log: {}", span.first);
    } else {
        let _ = writeln!(out, "# Learning log: {} to {}", span.first, span.last);
    }
    if log.days.is_empty() {
        let _ = writeln!(out, "\nNothing recorded.");
        return out;
    }
    for day in &log.days {
        let _ = writeln!(out, "\n## {}\n", heading(day.date));
        for event in &day.events {
            let _ = writeln!(out, "{}", bullet(event));
        }
    }
    out
}

fn heading(date: NaiveDate) -> String {
    date.format("%Y-%m-%d %A").to_string()
}

fn bullet(event: &LogEvent) -> String {
    // Continuation lines are indented so a multi-line note stays inside its bullet.
    let note = event
        .note
        .map(|note| note.trim().lines().collect::<Vec<_>>().join("\n  "));
    let mut line = if let Some(step) = event.step {
        let name = match event.title {
            Some(title) => escape(title),
            // A step the roadmap no longer has: its recorded id is all there is.
            None => format!("`{step}`"),
        };
        let subject = match event.url.as_deref() {
            Some(url) => format!("[{name}]({})", link_target(url)),
            None => name,
        };
        let mut line = format!("- {}: {subject}", past_tense(event.kind));
        if event.elsewhere {
            let _ = write!(line, " ({})", escape(event.roadmap));
        }
        if let Some(note) = note {
            let _ = write!(line, " — {note}");
        }
        line
    } else {
        // Learning outside the roadmap: the learner's text is the subject, as they wrote it.
        let mut line = format!("- {}: {}", past_tense(event.kind), note.unwrap_or_default());
        if let Some(url) = event.link.as_deref() {
            let _ = write!(line, " ([link]({}))", link_target(url));
        }
        line
    };
    if let Some(minutes) = event.spent {
        let _ = write!(line, " ({} spent)", duration(u64::from(minutes)));
    }
    line
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::domain::event::EventKind;
    use chrono::DateTime;

    fn event<'e>(
        title: Option<&'e str>,
        url: Option<&'e str>,
        note: Option<&'e str>,
    ) -> LogEvent<'e> {
        LogEvent {
            at: DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap(),
            kind: EventKind::Done,
            roadmap: "mlops",
            step: Some("old-step"),
            title,
            note,
            spent: None,
            link: None,
            url: url.map(Cow::Borrowed),
            verified: false,
            elsewhere: false,
        }
    }

    #[test]
    fn bullets_escape_titles_and_keep_notes() {
        assert_eq!(
            bullet(&event(
                Some("A *bold* [guide]"),
                Some("https://x.test/a_(b)"),
                Some("**yes**")
            )),
            r"- Done: [A \*bold\* \[guide\]](https://x.test/a_%28b%29) — **yes**"
        );
        assert_eq!(bullet(&event(None, None, None)), "- Done: `old-step`");
        let mut elsewhere = event(Some("T"), None, None);
        (elsewhere.roadmap, elsewhere.elsewhere) = ("team_2", true);
        assert_eq!(bullet(&elsewhere), r"- Done: T (team\_2)");
        assert_eq!(
            bullet(&event(Some("T"), None, Some("line one\nline two\n"))),
            "- Done: T — line one\n  line two"
        );
        let timed = LogEvent {
            spent: Some(90),
            ..event(Some("T"), None, Some("ok"))
        };
        assert_eq!(bullet(&timed), "- Done: T — ok (1 h 30 min spent)");
        let learned = LogEvent {
            kind: EventKind::Learn,
            step: None,
            link: Some(Cow::Borrowed("https://x.test/talk (1)")),
            spent: Some(45),
            ..event(None, None, Some("a *talk* on drift"))
        };
        assert_eq!(
            bullet(&learned),
            "- Learned: a *talk* on drift ([link](https://x.test/talk%20%281%29)) (45 min spent)"
        );
    }
}
