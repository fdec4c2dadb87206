//! Checks a roadmap and reports every problem, each with where it is.

use std::collections::HashMap;
use std::fmt;

use super::roadmap::{RoadmapFile, is_kebab_case};

/// Where a problem is: the roadmap itself, a section, or a step (indexes count from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
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
            Self::Roadmap => f.write_str("roadmap"),
            Self::Section { index, id } => write!(f, "section {index} ({id:?})"),
            Self::Step { section, index, id } => {
                write!(f, "section {section}, step {index} ({id:?})")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub message: String,
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
        |location: Location, message: String| problems.push(Problem { location, message });

    if !is_kebab_case(&file.id) {
        report(
            Location::Roadmap,
            format!("id {:?} is not lowercase kebab-case", file.id),
        );
    }
    if file.title.trim().is_empty() {
        report(Location::Roadmap, "title is empty".into());
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
                format!("id {:?} is not lowercase kebab-case", section.id),
            );
        }
        if section.title.trim().is_empty() {
            report(here.clone(), "title is empty".into());
        }
        if let Some(first) = section_ids.insert(&section.id, section_index) {
            report(
                here.clone(),
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
                    format!("id {:?} is not lowercase kebab-case", step.id),
                );
            }
            if step.title.trim().is_empty() {
                report(here(), "title is empty".into());
            }
            if step.minutes == 0 {
                report(here(), "minutes must be a positive integer".into());
            }
            if let Some((s, i, _)) = step_ids.get(step.id.as_str()) {
                report(
                    here(),
                    format!("duplicate step id; first used by section {s}, step {i}"),
                );
            } else {
                step_ids.insert(&step.id, (section_index, step_index, position));
            }
            position += 1;
        }
    }

    for (section_index, section) in file.sections.iter().enumerate() {
        for (step_index, step) in section.steps.iter().enumerate() {
            for required in &step.requires {
                if !step_ids.contains_key(required.as_str()) {
                    report(
                        Location::Step {
                            section: section_index,
                            index: step_index,
                            id: step.id.clone(),
                        },
                        format!("requires {required:?}, which is not a step of this roadmap"),
                    );
                }
            }
        }
    }

    if let Some(cycle) = find_cycle(file, &step_ids) {
        report(
            Location::Roadmap,
            format!("dependency cycle: {}", cycle.join(" -> ")),
        );
    }
    problems
}

/// One dependency cycle, as ids with the first repeated at the end, if there is any.
///
/// Iterative depth-first search, so a long chain of `requires` cannot overflow the stack.
fn find_cycle(
    file: &RoadmapFile,
    step_ids: &HashMap<&str, (usize, usize, usize)>,
) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Finished,
    }

    let steps: Vec<_> = file.sections.iter().flat_map(|s| &s.steps).collect();
    let edges: Vec<Vec<usize>> = steps
        .iter()
        .map(|step| {
            step.requires
                .iter()
                .filter_map(|r| step_ids.get(r.as_str()).map(|&(_, _, first)| first))
                .collect()
        })
        .collect();
    let mut mark = vec![Mark::New; steps.len()];
    for root in 0..steps.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // Each frame: (node, next edge to follow).
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::OnPath;
        while let Some(&mut (node, ref mut next_edge)) = path.last_mut() {
            if let Some(&target) = edges[node].get(*next_edge) {
                *next_edge += 1;
                match mark[target] {
                    Mark::New => {
                        mark[target] = Mark::OnPath;
                        path.push((target, 0));
                    }
                    Mark::OnPath => {
                        let start = path.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        let mut cycle: Vec<String> = path[start..]
                            .iter()
                            .map(|&(n, _)| steps[n].id.clone())
                            .collect();
                        cycle.push(steps[target].id.clone());
                        return Some(cycle);
                    }
                    Mark::Finished => {}
                }
            } else {
                mark[node] = Mark::Finished;
                path.pop();
            }
        }
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
                "section 2, step 1 (\"ml-visual-explanation\"): requires \"missing\", which is not a step of this roadmap",
            ]
        );
    }

    #[test]
    fn finds_a_cycle_and_prints_it() {
        let mut file = mlops();
        // what-is-mlops -> mlops-teams -> what-is-mlops
        file.sections[0].steps[0]
            .requires
            .push("mlops-teams".into());
        let problems = validate(&file);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            "dependency cycle: what-is-mlops -> mlops-teams -> what-is-mlops"
        );
    }
}
