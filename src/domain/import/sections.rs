//! Which headings keep which steps: list items over paragraph links, duplicates dropped
//! across the whole list, sections about the list itself and empty headings skipped.

use std::collections::HashSet;

use super::links::url_key;
use super::reader::{Found, SectionDraft};
use super::{ImportReport, SkipReason, is_housekeeping};

/// Each heading's steps: list items and rows, or its paragraph links when it has none;
/// duplicates across the whole list dropped; headings left with nothing skipped.
pub fn settle_sections(
    sections: Vec<SectionDraft>,
    title: &str,
    report: &mut ImportReport,
) -> Vec<(String, Vec<Found>)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut drafts: Vec<(String, Vec<Found>)> = Vec::new();
    for mut draft in sections {
        if is_housekeeping(&draft.title) {
            let links = draft.listed.len() + draft.in_paragraphs.len();
            report
                .skipped
                .entry(SkipReason::Housekeeping)
                .or_default()
                .push(format!("{} ({links} links)", draft.title));
            continue;
        }
        draft.listed.sort_by_key(|f| f.order);
        let (steps, paragraphs) = if draft.listed.is_empty() {
            (draft.in_paragraphs, Vec::new())
        } else {
            (draft.listed, draft.in_paragraphs)
        };
        for found in paragraphs {
            report
                .skipped
                .entry(SkipReason::Paragraph)
                .or_default()
                .push(found.url);
        }
        let mut kept = Vec::new();
        for found in steps {
            // A syllabus topic has no link to repeat.
            if found.url.is_empty() || seen.insert(url_key(&found.url)) {
                kept.push(found);
            } else {
                report
                    .skipped
                    .entry(SkipReason::Duplicate)
                    .or_default()
                    .push(found.url);
            }
        }
        let section_title = if draft.title.is_empty() {
            title.to_owned()
        } else {
            draft.title
        };
        if kept.is_empty() {
            report
                .skipped
                .entry(SkipReason::EmptyHeading)
                .or_default()
                .push(section_title);
        } else {
            drafts.push((section_title, kept));
        }
    }
    drafts
}
