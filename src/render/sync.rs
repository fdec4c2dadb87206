//! The text of `sync` and `sync status`.

use std::fmt::Write as _;

use super::{status_words, visible};
use crate::sync::{Report, Status};

/// "sent 2 events, received 3 (1 an undo)", then a line per step whose status changed.
pub fn report(report: &Report) -> String {
    let undos = match report.undoing {
        0 => String::new(),
        1 => " (1 an undo)".to_owned(),
        n => format!(" ({n} undos)"),
    };
    let mut out = format!(
        "sent {}, received {}{undos}",
        super::count_of(report.sent, "event"),
        report.received
    );
    for change in &report.changed {
        let _ = write!(
            out,
            "\n  {}: {} -> {} ({})",
            visible(&change.step),
            status_words(change.before),
            status_words(change.after),
            visible(&change.title)
        );
    }
    out
}

/// The four lines of `sync status`.
pub fn status(status: &Status) -> String {
    let last = match (&status.last_sync, &status.last_sync_commit) {
        (Some(at), Some(commit)) => format!("{at} (commit {})", short(commit)),
        (Some(at), None) => at.clone(),
        _ => "never".to_owned(),
    };
    format!(
        "remote      {}\nbranch      {}\nlast sync   {last}\nnot synced  {}\n",
        visible(&status.remote),
        visible(&status.branch),
        super::count_of(status.pending, "event")
    )
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::StepStatus;
    use crate::sync::StepChange;

    #[test]
    fn a_report_names_counts_and_changed_steps() {
        let report = Report {
            sent: 1,
            received: 2,
            undoing: 1,
            changed: vec![StepChange {
                step: "kubeflow".into(),
                title: "Kube\u{1b}flow".into(),
                before: StepStatus::Pending,
                after: StepStatus::Done,
            }],
            pushed: true,
        };
        assert_eq!(
            super::report(&report),
            "sent 1 event, received 2 (1 an undo)\n  kubeflow: pending -> done (Kube\\u{1b}flow)"
        );
    }
}
