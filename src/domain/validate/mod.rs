//! Checks a roadmap's meaning and reports every problem, each with where it is.
//!
//! The JSON shape (types, missing and unknown fields) is checked first by `roadmap_json`; this
//! module checks what a well-shaped roadmap says: ids, titles, links, `requires`, `replaces`.
//!
//! A step may only require steps that come before it in roadmap order (earlier sections,
//! or earlier in its own section). `next` offers steps in roadmap order, so a forward
//! requirement would make the list read in an order that cannot be followed; it also rules
//! out cycles, which are still reported on their own so they are easy to see.

mod references;

use std::collections::HashMap;
use std::fmt;

use super::roadmap::{RoadmapFile, Step, StepKind, is_kebab_case};
use super::text::{first_invisible, is_invisible};

use references::check_references;
/// Where a problem is: a place in the text, the roadmap itself, a section, or a step
/// (indexes count from 0, as in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Text {
        line: usize,
        column: usize,
    },
    Roadmap,
    Section {
        index: usize,
        id: String,
    },
    Step {
        section: usize,
        index: usize,
        id: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text { line, column } => write!(f, "line {line}, column {column}"),
            Self::Roadmap => f.write_str("roadmap"),
            Self::Section { index, id } if id.is_empty() => write!(f, "section {index}"),
            Self::Section { index, id } => write!(f, "section {index} ({id:?})"),
            Self::Step { section, index, id } if id.is_empty() => {
                write!(f, "section {section}, step {index}")
            }
            Self::Step { section, index, id } => {
                write!(f, "section {section}, step {index} ({id:?})")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    /// The field the problem is about, when it is about one.
    pub field: Option<&'static str>,
    pub message: String,
}

impl Problem {
    pub fn new(location: Location, field: Option<&'static str>, message: String) -> Self {
        Self {
            location,
            field,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Every problem in a roadmap, in document order; empty when it is valid.
pub fn validate(file: &RoadmapFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report =
        |location, field, message| problems.push(Problem::new(location, field, message));

    if !is_kebab_case(&file.id) {
        report(
            Location::Roadmap,
            Some("id"),
            format!("id {:?} is not lowercase kebab-case", file.id),
        );
    }
    if let Some(message) = title_problem(&file.title) {
        report(Location::Roadmap, Some("title"), message);
    }
    if file.sections.iter().all(|s| s.steps.is_empty()) {
        report(Location::Roadmap, Some("sections"), "has no steps".into());
    }

    let step_count = file.sections.iter().map(|s| s.steps.len()).sum();
    let mut section_ids: HashMap<&str, usize> = HashMap::with_capacity(file.sections.len());
    // Id → (section, index in section, index in roadmap order) of its first use.
    let mut step_ids: HashMap<&str, (usize, usize, usize)> = HashMap::with_capacity(step_count);
    let mut position = 0;
    for (section_index, section) in file.sections.iter().enumerate() {
        let here = Location::Section {
            index: section_index,
            id: section.id.clone(),
        };
        if !is_kebab_case(&section.id) {
            report(
                here.clone(),
                Some("id"),
                format!("id {:?} is not lowercase kebab-case", section.id),
            );
        }
        if let Some(message) = title_problem(&section.title) {
            report(here.clone(), Some("title"), message);
        }
        if section.steps.is_empty() {
            report(here.clone(), Some("steps"), "has no steps".into());
        }
        if let Some(first) = section_ids.insert(&section.id, section_index) {
            report(
                here.clone(),
                Some("id"),
                format!("duplicate section id; first used by section {first}"),
            );
        }
        for (step_index, step) in section.steps.iter().enumerate() {
            // Built only when there is a problem: most steps have none.
            let here = || Location::Step {
                section: section_index,
                index: step_index,
                id: step.id.clone(),
            };
            if !is_kebab_case(&step.id) {
                report(
                    here(),
                    Some("id"),
                    format!("id {:?} is not lowercase kebab-case", step.id),
                );
            }
            if let Some(message) = title_problem(&step.title) {
                report(here(), Some("title"), message);
            }
            if step.minutes == 0 {
                report(
                    here(),
                    Some("minutes"),
                    "minutes must be a positive integer".into(),
                );
            }
            if let Some(url) = &step.url
                && !is_web_url(url)
            {
                report(
                    here(),
                    Some("url"),
                    format!("url {url:?} is not an http(s) URL"),
                );
            }
            if let Some((s, i, _)) = step_ids.get(step.id.as_str()) {
                report(
                    here(),
                    Some("id"),
                    format!("duplicate step id; first used by section {s}, step {i}"),
                );
            } else {
                step_ids.insert(&step.id, (section_index, step_index, position));
            }
            position += 1;
        }
    }

    problems.extend(check_references(file, &step_ids));
    problems
}

/// An empty title, or one holding characters that would rewrite the terminal.
fn title_problem(title: &str) -> Option<String> {
    if title.trim().is_empty() {
        return Some("title is empty".into());
    }
    first_invisible(title)
        .map(|c| format!("title holds the control, bidi or zero-width character {c}; remove it"))
}

/// `http://` or `https://`, then a host, and no white space or invisible character anywhere:
/// the only links a roadmap may hold and `open` hands to a browser, never `file:` or
/// `javascript:`.
pub fn is_web_url(url: &str) -> bool {
    let rest = strip_prefix_ignoring_case(url, "https://")
        .or_else(|| strip_prefix_ignoring_case(url, "http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        // Printable ASCII, what nearly every link is, holds nothing to look for char by char.
        let printable = url.bytes().all(|b| b.is_ascii_graphic());
        !host.is_empty()
            && (printable || !url.chars().any(|c| c.is_whitespace() || is_invisible(c)))
    })
}

/// `text` without `prefix`, compared case-insensitively in ASCII; no allocation, as a
/// roadmap of 10,000 links checks every one at each start.
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// What is wrong with a step's `lab` field: only lab steps name a pack, by a relative
/// path that stays inside the roadmap's directory.
fn lab_problem(step: &Step, lab: &str) -> Option<String> {
    if step.kind != StepKind::Lab {
        return Some(format!(
            "names the lab pack {lab:?}, but only steps of kind \"lab\" may have one"
        ));
    }
    let path = std::path::Path::new(lab);
    let escapes = path
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if lab.is_empty() || escapes || lab.contains('\\') {
        return Some(format!(
            "lab {lab:?} must be a relative path inside the roadmap's directory, without \"..\""
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roadmap::Roadmap;

    fn mlops() -> RoadmapFile {
        Roadmap::built_in("mlops").unwrap().file().clone()
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let mut file = mlops();
        file.sections[1].steps[0].id = "Bad_Id".into();
        file.sections[1].steps[1].id = "what-is-mlops".into();
        file.sections[2].steps[0].minutes = 0;
        file.sections[2].steps[1].requires.push("missing".into());
        let messages: Vec<String> = validate(&file).iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "section 1, step 0 (\"Bad_Id\"): id \"Bad_Id\" is not lowercase kebab-case",
                "section 1, step 1 (\"what-is-mlops\"): duplicate step id; first used by section 0, step 0",
                "section 2, step 0 (\"how-ml-works\"): minutes must be a positive integer",
                "section 1, step 4 (\"google-mlops-levels\"): requires \"devops-for-ml-different\", which is not a step of this roadmap",
                "section 2, step 1 (\"ml-visual-explanation\"): requires \"missing\", which is not a step of this roadmap",
            ]
        );
    }

    #[test]
    fn checks_links_and_replaced_ids() {
        let mut file = mlops();
        file.sections[1].steps[0].url = Some("javascript:alert(1)".into());
        file.sections[1].steps[1].url = Some("https://".into());
        file.sections[1].steps[2].url = Some("HTTP://Example.com/a b".into());
        file.sections[2].steps[0].replaces = vec!["old".into()];
        file.sections[2].steps[1].replaces = vec!["old".into()];
        let messages: Vec<String> = validate(&file).iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "section 1, step 0 (\"devops-for-ml-different\"): url \"javascript:alert(1)\" is not an http(s) URL",
                "section 1, step 1 (\"devops-for-ml-data\"): url \"https://\" is not an http(s) URL",
                "section 1, step 2 (\"mlops-and-devops-data\"): url \"HTTP://Example.com/a b\" is not an http(s) URL",
                "section 2, step 1 (\"ml-visual-explanation\"): replaces \"old\", which \"how-ml-works\" already replaces",
            ]
        );
        for good in [
            "https://mlflow.org/docs",
            "http://example.com",
            "HTTPS://A.B/c?d=e",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "ftp://example.com",
            "mlflow.org",
            "https://a.b/c d",
            "https://a.b/\n",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
        assert!(is_web_url("HTTP://example.com"));
        assert!(is_web_url("https://example.com/?q=1#x"));
    }

    #[test]
    fn finds_a_cycle_and_prints_it() {
        let mut file = mlops();
        // what-is-mlops -> mlops-teams -> what-is-mlops
        file.sections[0].steps[0]
            .requires
            .push("mlops-teams".into());
        let messages: Vec<String> = validate(&file).iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "section 0, step 0 (\"what-is-mlops\"): requires \"mlops-teams\" (section 0, step 2), which does not come before it; a step may only require earlier steps",
                "roadmap: dependency cycle: what-is-mlops -> mlops-teams -> what-is-mlops",
            ]
        );
    }
}
