//! Finding the step a user means: an exact id or a unique prefix of one.

use super::roadmap::Roadmap;

/// Why a step or section a user named is not one: the words for it are `error.rs`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    UnknownStep {
        query: String,
        /// The closest ids, nearest first; empty when none is close.
        suggestions: Vec<String>,
    },
    AmbiguousStep {
        query: String,
        candidates: Vec<String>,
    },
    UnknownSection {
        query: String,
        suggestions: Vec<String>,
        /// Every section id, for a hint when nothing is close.
        sections: Vec<String>,
    },
}

/// How many near misses an unknown-step error suggests.
const MAX_SUGGESTIONS: usize = 3;

/// The roadmap-order index of the step `query` names.
pub fn find_step(roadmap: &Roadmap, query: &str) -> Result<usize, LookupError> {
    if let Some(index) = roadmap.index_of(query) {
        return Ok(index);
    }
    if query.is_empty() {
        return Err(LookupError::UnknownStep {
            query: String::new(),
            suggestions: Vec::new(),
        });
    }
    let matches: Vec<usize> = roadmap
        .steps()
        .filter(|(_, step)| step.id.starts_with(query))
        .map(|(index, _)| index)
        .collect();
    match matches.as_slice() {
        [index] => Ok(*index),
        [] => Err(LookupError::UnknownStep {
            query: query.to_owned(),
            suggestions: closest_ids(roadmap, query),
        }),
        _ => Err(LookupError::AmbiguousStep {
            query: query.to_owned(),
            candidates: matches
                .iter()
                .map(|&i| roadmap.step_at(i).id.clone())
                .collect(),
        }),
    }
}

/// Ids within a small edit distance of `query`, closest first.
fn closest_ids(roadmap: &Roadmap, query: &str) -> Vec<String> {
    let limit = (query.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = roadmap
        .ids()
        .map(|id| (strsim::levenshtein(query, id), id))
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    scored.sort_unstable();
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, id)| id.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_prefix_unknown_and_ambiguous() {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        assert_eq!(
            find_step(&roadmap, "kubeflow").unwrap(),
            roadmap.index_of("kubeflow").unwrap()
        );
        assert_eq!(
            find_step(&roadmap, "kube").unwrap(),
            roadmap.index_of("kubeflow").unwrap()
        );
        match find_step(&roadmap, "kubeflw") {
            Err(LookupError::UnknownStep { suggestions, .. }) => {
                assert_eq!(suggestions, ["kubeflow"]);
            }
            other => panic!("{other:?}"),
        }
        match find_step(&roadmap, "ml") {
            Err(LookupError::AmbiguousStep { candidates, .. }) => {
                assert_eq!(
                    candidates,
                    [
                        "mlops-vs-devops",
                        "mlops-teams",
                        "mlops-principles",
                        "mlops-definition-paper",
                        "mlops-and-devops-data",
                        "mlops-maturity-model",
                        "ml-visual-explanation",
                        "ml-algorithm-vs-model",
                        "ml-test-score",
                        "mlflow",
                        "mlflow-tracking-docs",
                        "mlflow-tracking-quickstart",
                        "mlflow-model-registry",
                        "mlops-concepts-course",
                        "mlops-zoomcamp"
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            find_step(&roadmap, ""),
            Err(LookupError::UnknownStep { .. })
        ));
    }
}
