//! Page pieces that show counts: a status's key, label and mark, a stacked progress bar and a
//! table of rows. Nothing here knows about the learner's page, so any page with a row per
//! thing and a bar per group (a team table: a row per member, a bar per stage) can use them.

use maud::{Markup, html};

use crate::domain::progress::{Counts, StepStatus};
use crate::render::{checkbox, status_words};

/// A step's status on a page: the four of the fold, and done by a passing check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStatus {
    Verified,
    Done,
    Skipped,
    InProgress,
    Pending,
}

impl PageStatus {
    pub fn of(status: StepStatus, verified: bool) -> Self {
        match status {
            StepStatus::Done if verified => Self::Verified,
            StepStatus::Done => Self::Done,
            StepStatus::Skipped => Self::Skipped,
            StepStatus::InProgress => Self::InProgress,
            StepStatus::Pending => Self::Pending,
        }
    }

    /// The `data-status` value and CSS class, as `--json` spells statuses.
    pub fn key(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Done => StepStatus::Done.key(),
            Self::Skipped => StepStatus::Skipped.key(),
            Self::InProgress => StepStatus::InProgress.key(),
            Self::Pending => StepStatus::Pending.key(),
        }
    }

    /// The words shown beside the colour, so the status reads without it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "verified by a check",
            Self::Done => status_words(StepStatus::Done),
            Self::Skipped => status_words(StepStatus::Skipped),
            Self::InProgress => status_words(StepStatus::InProgress),
            Self::Pending => status_words(StepStatus::Pending),
        }
    }

    /// The checklist mark `list` prints; a verified step carries a check mark.
    pub fn checkbox(self) -> &'static str {
        match self {
            Self::Verified => "[✓]",
            Self::Done => checkbox(StepStatus::Done),
            Self::Skipped => checkbox(StepStatus::Skipped),
            Self::InProgress => checkbox(StepStatus::InProgress),
            Self::Pending => checkbox(StepStatus::Pending),
        }
    }
}

/// A stacked bar of done, skipped and in-progress steps over the total, with the settled
/// count and percent in words beside it (the figures `status` prints).
pub fn bar(counts: &Counts) -> Markup {
    stacked(counts, &figures(counts))
}

/// [`bar`] with only the percent beside it, for a table with a bar in many columns; the
/// whole figures stay in the bar's label.
pub fn percent_bar(counts: &Counts) -> Markup {
    stacked(counts, &format!("{}%", counts.percent()))
}

fn figures(counts: &Counts) -> String {
    format!(
        "{}/{} settled, {}%",
        counts.settled(),
        counts.total,
        counts.percent()
    )
}

fn stacked(counts: &Counts, shown: &str) -> Markup {
    let total = counts.total.max(1);
    let share = |n: usize| n * 1000 / total;
    let parts = [
        ("done", share(counts.done)),
        ("skipped", share(counts.skipped)),
        ("in_progress", share(counts.in_progress)),
    ];
    html! {
        span.progress {
            svg.bar viewBox="0 0 1000 10" preserveAspectRatio="none" role="img" aria-label=(figures(counts)) {
                rect.track width="1000" height="10" {}
                @for (x, (class, width)) in offsets(&parts) {
                    @if width > 0 {
                        rect class=(class) x=(x) width=(width) height="10" {}
                    }
                }
            }
            span.figures aria-hidden="true" { (shown) }
        }
    }
}

/// What the colours of [`bar`] stand for, each beside its word.
pub fn bar_key() -> Markup {
    html! {
        p.bar-key {
            @for (class, words) in [("done", "done"), ("skipped", "skipped"), ("in_progress", "in progress"), ("track", "pending")] {
                span.key {
                    svg.swatch width="12" height="12" aria-hidden="true" { rect class=(class) width="12" height="12" {} }
                    " " (words)
                }
                " "
            }
        }
    }
}

/// Each part with where it starts.
fn offsets<'p>(parts: &'p [(&'p str, usize)]) -> impl Iterator<Item = (usize, (&'p str, usize))> {
    parts.iter().scan(0, |x, &(class, width)| {
        let at = *x;
        *x += width;
        Some((at, (class, width)))
    })
}

/// One column of a [`table`]: its heading, and whether its cells are figures (right-aligned).
#[derive(Debug, Clone, Copy)]
pub struct Column<'c> {
    pub heading: &'c str,
    pub numeric: bool,
}

/// A table with a caption, headings and a row of cells each; the first cell of a row is its
/// header. Cells are markup, so a bar or a link can stand in one. A row with fewer cells
/// than columns has its last cell span the rest (a message in place of figures).
pub fn table(caption: &str, columns: &[Column], rows: &[Vec<Markup>]) -> Markup {
    html! {
        div.table-wrap {
            table {
                caption { (caption) }
                thead { tr {
                    @for column in columns {
                        th scope="col" class=[column.numeric.then_some("num")] { (column.heading) }
                    }
                } }
                tbody {
                    @for row in rows {
                        tr {
                            @for (number, cell) in row.iter().enumerate() {
                                @let numeric = columns.get(number).is_some_and(|c| c.numeric);
                                @let last = number + 1 == row.len();
                                @let span = (last && columns.len() > row.len()).then(|| columns.len() - number);
                                @if number == 0 {
                                    th scope="row" { (cell) }
                                } @else {
                                    td class=[numeric.then_some("num")] colspan=[span] { (cell) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_key_is_its_json_spelling() {
        let all = [
            StepStatus::Pending,
            StepStatus::InProgress,
            StepStatus::Done,
            StepStatus::Skipped,
        ];
        for status in all {
            assert_eq!(serde_json::to_value(status).unwrap(), status.key());
            assert_eq!(PageStatus::of(status, false).key(), status.key());
        }
    }

    #[test]
    fn a_bar_stacks_the_parts_and_says_the_figures() {
        let counts = Counts {
            total: 4,
            done: 1,
            skipped: 1,
            in_progress: 1,
            pending: 1,
        };
        assert_eq!(
            bar(&counts).into_string(),
            "<span class=\"progress\"><svg class=\"bar\" viewBox=\"0 0 1000 10\" \
             preserveAspectRatio=\"none\" role=\"img\" aria-label=\"2/4 settled, 50%\">\
             <rect class=\"track\" width=\"1000\" height=\"10\"></rect>\
             <rect class=\"done\" x=\"0\" width=\"250\" height=\"10\"></rect>\
             <rect class=\"skipped\" x=\"250\" width=\"250\" height=\"10\"></rect>\
             <rect class=\"in_progress\" x=\"500\" width=\"250\" height=\"10\"></rect></svg>\
             <span class=\"figures\" aria-hidden=\"true\">2/4 settled, 50%</span></span>"
        );
    }

    #[test]
    fn cells_are_escaped_and_the_first_heads_its_row() {
        let columns = [
            Column {
                heading: "Who",
                numeric: false,
            },
            Column {
                heading: "Steps",
                numeric: true,
            },
        ];
        let rows = vec![vec![html! { "<b>" }, html! { "3" }]];
        let page = table("Team", &columns, &rows).into_string();
        assert!(page.contains("<th scope=\"row\">&lt;b&gt;</th><td class=\"num\">3</td>"));
        assert!(page.contains("<th scope=\"col\" class=\"num\">Steps</th>"));
        assert!(!page.contains("colspan"), "a full row spans nothing");
    }

    #[test]
    fn a_short_row_spans_its_last_cell_over_the_rest() {
        let column = Column {
            heading: "c",
            numeric: false,
        };
        let rows = vec![vec![html! { "bob" }, html! { "error: unreadable" }]];
        let page = table("Team", &[column; 4], &rows).into_string();
        assert!(
            page.contains(
                "<th scope=\"row\">bob</th><td colspan=\"3\">error: unreadable</td></tr>"
            ),
            "{page}"
        );
    }

    #[test]
    fn a_percent_bar_shows_the_percent_and_keeps_the_figures_in_its_label() {
        let counts = Counts {
            total: 3,
            done: 1,
            pending: 2,
            ..Counts::default()
        };
        let bar = percent_bar(&counts).into_string();
        assert!(bar.contains("aria-label=\"1/3 settled, 33%\""), "{bar}");
        assert!(
            bar.contains("<rect class=\"done\" x=\"0\" width=\"333\""),
            "{bar}"
        );
        assert!(
            bar.ends_with("<span class=\"figures\" aria-hidden=\"true\">33%</span></span>"),
            "{bar}"
        );
    }
}
