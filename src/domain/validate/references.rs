//! The checks across steps: what `requires`, `replaces` and `lab` name, and the cycles `requires` could make.

use std::collections::HashMap;

use super::{Location, Problem, lab_problem};
use crate::domain::roadmap::RoadmapFile;

/// `requires` and `replaces`: what they name must exist, come earlier, or be gone; no cycles.
pub(super) fn check_references(
    file: &RoadmapFile,
    step_ids: &HashMap<&str, (usize, usize, usize)>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report =
        |location, field, message| problems.push(Problem::new(location, field, message));
    let mut replaced_by: HashMap<&str, &str> = HashMap::new();
    let mut position = 0;
    for (section_index, section) in file.sections.iter().enumerate() {
        for (step_index, step) in section.steps.iter().enumerate() {
            let here = || Location::Step {
                section: section_index,
                index: step_index,
                id: step.id.clone(),
            };
            for required in &step.requires {
                match step_ids.get(required.as_str()) {
                    None => report(
                        here(),
                        Some("requires"),
                        format!("requires {required:?}, which is not a step of this roadmap"),
                    ),
                    Some(&(s, i, at)) if at >= position => report(
                        here(),
                        Some("requires"),
                        format!(
                            "requires {required:?} (section {s}, step {i}), which does not come before it; a step may only require earlier steps"
                        ),
                    ),
                    Some(_) => {}
                }
            }
            if let Some(problem) = step.lab.as_deref().and_then(|lab| lab_problem(step, lab)) {
                report(here(), Some("lab"), problem);
            }
            for old in &step.replaces {
                if let Some((s, i, _)) = step_ids.get(old.as_str()) {
                    report(
                        here(),
                        Some("replaces"),
                        format!(
                            "replaces {old:?}, which is still a step (section {s}, step {i}); a replaced id must be gone"
                        ),
                    );
                } else if let Some(first) = replaced_by.insert(old, &step.id) {
                    report(
                        here(),
                        Some("replaces"),
                        format!("replaces {old:?}, which {first:?} already replaces"),
                    );
                }
            }
            position += 1;
        }
    }

    if let Some(cycle) = find_cycle(file, step_ids) {
        report(
            Location::Roadmap,
            Some("requires"),
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
