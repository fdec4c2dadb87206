//! One section in focus: finding it by id, its steps, and what keeps them waiting.
//!
//! `skip --section`, `next --section` and `list --section` work on one stage of the
//! roadmap; this module says which steps that is, without touching any file.

use std::ops::Range;

use crate::domain::lookup::LookupError;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::Roadmap;

/// Sections of the built-in roadmap a DevOps engineer may skip, with why: what they cover
/// is the DevOps half, or is done again by the labs.
pub const DEVOPS_HEAD_START: &[(&str, &str)] = &[
    (
        "devops-role",
        "the case for DevOps in ML, if you have worked beside a data team",
    ),
    (
        "tools",
        "a hosted notebook; the labs run on your own machine",
    ),
];

/// The head-start sections `roadmap` has that still have unsettled steps, as (position,
/// why). Without `progress` nothing is settled yet.
pub fn head_start(roadmap: &Roadmap, progress: Option<&Progress>) -> Vec<(usize, &'static str)> {
    if roadmap.id() != crate::domain::roadmap::DEFAULT_ROADMAP {
        return Vec::new();
    }
    DEVOPS_HEAD_START
        .iter()
        .filter_map(|&(id, why)| {
            let number = roadmap.sections().iter().position(|s| s.id == id)?;
            let open = progress.is_none_or(|progress| {
                steps_of(roadmap, number).any(|index| !progress.status(index).is_settled())
            });
            open.then_some((number, why))
        })
        .collect()
}

/// The section whose id is `query`, or the only one it begins; its position among the
/// sections. Anything else is an error that names the closest ids, or all of them.
pub fn find_section(roadmap: &Roadmap, query: &str) -> Result<usize, LookupError> {
    let sections = roadmap.sections();
    if let Some(number) = sections.iter().position(|s| s.id == query) {
        return Ok(number);
    }
    let starting: Vec<usize> = (0..sections.len())
        .filter(|&n| !query.is_empty() && sections[n].id.starts_with(query))
        .collect();
    if let [only] = starting[..] {
        return Ok(only);
    }
    let suggestions = if starting.is_empty() {
        let limit = (query.chars().count() / 3).max(2);
        let mut scored: Vec<(usize, &str)> = sections
            .iter()
            .map(|s| (strsim::levenshtein(query, &s.id), s.id.as_str()))
            .filter(|(distance, _)| *distance <= limit)
            .collect();
        scored.sort_unstable();
        scored
            .into_iter()
            .take(3)
            .map(|(_, id)| id.to_owned())
            .collect()
    } else {
        starting.iter().map(|&n| sections[n].id.clone()).collect()
    };
    Err(LookupError::UnknownSection {
        query: query.to_owned(),
        suggestions,
        sections: sections.iter().map(|s| s.id.clone()).collect(),
    })
}

/// The indexes of the steps of section `number`, in roadmap order.
pub fn steps_of(roadmap: &Roadmap, number: usize) -> Range<usize> {
    let sections = roadmap.sections();
    let start: usize = sections[..number].iter().map(|s| s.steps.len()).sum();
    start..start + sections[number].steps.len()
}

/// What the pending steps of `range` wait for outside it: their unmet requirements in
/// other sections, each once, in roadmap order. Settling those is what opens the section.
pub fn waiting_for(roadmap: &Roadmap, progress: &Progress, range: Range<usize>) -> Vec<usize> {
    let mut waits: Vec<usize> = range
        .clone()
        .filter(|&index| progress.status(index) == StepStatus::Pending)
        .flat_map(|index| progress.unmet_requires(roadmap, index))
        .filter_map(|id| roadmap.index_of(id))
        .filter(|index| !range.contains(index))
        .collect();
    waits.sort_unstable();
    waits.dedup();
    waits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{Event, EventKind};

    fn mlops() -> Roadmap {
        Roadmap::built_in("mlops").unwrap()
    }

    #[test]
    fn the_head_start_names_built_in_sections_until_they_are_settled() {
        let roadmap = mlops();
        let ids = |found: Vec<(usize, &str)>| -> Vec<String> {
            found
                .into_iter()
                .map(|(n, _)| roadmap.sections()[n].id.clone())
                .collect()
        };
        assert_eq!(ids(head_start(&roadmap, None)), ["devops-role", "tools"]);
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        let events = [Event::new(
            at,
            "mlops",
            "sagemaker-studio-lab",
            EventKind::Skip,
            None,
        )];
        let progress = Progress::derive(&roadmap, &events);
        assert_eq!(ids(head_start(&roadmap, Some(&progress))), ["devops-role"]);
    }

    #[test]
    fn a_section_is_found_by_id_or_unique_beginning() {
        let roadmap = mlops();
        assert_eq!(find_section(&roadmap, "devops-role").unwrap(), 1);
        assert_eq!(find_section(&roadmap, "ver").unwrap(), 5);
        match find_section(&roadmap, "devops-rol3") {
            Err(LookupError::UnknownSection { suggestions, .. }) => {
                assert_eq!(suggestions, ["devops-role"]);
            }
            other => panic!("{other:?}"),
        }
        match find_section(&roadmap, "c") {
            Err(LookupError::UnknownSection { suggestions, .. }) => {
                assert_eq!(suggestions, ["cicd", "courses"]);
            }
            other => panic!("{other:?}"),
        }
        match find_section(&roadmap, "") {
            Err(LookupError::UnknownSection {
                suggestions,
                sections,
                ..
            }) => {
                assert!(suggestions.is_empty());
                assert_eq!(sections.len(), 15);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_section_has_its_steps_and_what_they_wait_for() {
        let roadmap = mlops();
        let range = steps_of(&roadmap, 1);
        assert_eq!(roadmap.step_at(range.start).id, "devops-for-ml-different");
        assert_eq!(range.len(), roadmap.sections()[1].steps.len());
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        let events = [Event::new(
            at,
            "mlops",
            "devops-for-ml-data",
            EventKind::Skip,
            None,
        )];
        let progress = Progress::derive(&roadmap, &events);
        let waits: Vec<&str> = waiting_for(&roadmap, &progress, range)
            .into_iter()
            .map(|index| roadmap.step_at(index).id.as_str())
            .collect();
        // The stage's own chains are not listed: only what opens it from outside.
        assert_eq!(waits, ["mlops-vs-devops"]);
        let events = [Event::new(
            at,
            "mlops",
            "mlops-vs-devops",
            EventKind::Done,
            None,
        )];
        let progress = Progress::derive(&roadmap, &events);
        assert!(waiting_for(&roadmap, &progress, steps_of(&roadmap, 1)).is_empty());
    }
}
