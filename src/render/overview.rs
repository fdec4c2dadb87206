//! What `mlops-path` alone prints: what the program is for, the daily loop, and where you are.

use std::fmt::Write;

use super::{next_line, progress_line, visible};
use crate::cli::AFTER_HELP;
use crate::config::Invocation;
use crate::domain::focus::head_start;
use crate::domain::progress::Progress;
use crate::domain::roadmap::Roadmap;
use crate::ui::Theme;

/// `progress` is `None` before anything was recorded on this roadmap.
pub fn text(
    roadmap: &Roadmap,
    progress: Option<&Progress>,
    theme: Theme,
    mlops: &Invocation,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: track your way from DevOps to MLOps, one step a day.\n",
        theme.paint(Theme::HEADING, "mlops-path")
    );
    let _ = writeln!(out, "{AFTER_HELP}\n");
    match progress {
        None => {
            let _ = writeln!(
                out,
                "Nothing recorded yet on {}. Start with: {mlops} next",
                visible(roadmap.title())
            );
        }
        Some(progress) => {
            let totals = progress.totals();
            let title = visible(roadmap.title());
            let _ = writeln!(out, "{title}: {}", progress_line(&totals));
            let next = progress.next(roadmap, 1).first().copied();
            if let Some(line) = next_line(roadmap, &totals, next, theme) {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    let skippable = head_start(roadmap, progress);
    if !skippable.is_empty() {
        let _ = writeln!(
            out,
            "\nHead start: a DevOps engineer may skip these stages:"
        );
        for (number, why) in skippable {
            let section = &roadmap.sections()[number];
            let _ = writeln!(out, "  {mlops} skip --section {}", section.id);
            let _ = writeln!(out, "    {}: {why}", section.title);
        }
    }
    let _ = writeln!(
        out,
        "\nMore: mlops-path --help (every command), mlops-path help COMMAND, man mlops-path"
    );
    out
}
