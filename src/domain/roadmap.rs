//! The roadmap: ordered sections of ordered steps, and the index that finds a step by id.
//!
//! A `Roadmap` is immutable once built. `Roadmap::new` indexes it, so every lookup by id
//! (including ids a step `replaces`) is a hash-map probe, never a scan.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod compact;

/// The roadmaps compiled into the binary, as (id, JSON text).
pub const BUILT_IN: &[(&str, &str)] = &[("mlops", include_str!("../../roadmap/mlops.json"))];

/// The same roadmaps as the program reads them: generated from the JSON (`roadmap/compact.rs`).
const COMPACT: &[(&str, &str)] = &[("mlops", include_str!("../../roadmap/mlops.compact"))];

/// The id of the roadmap used when none is chosen.
pub const DEFAULT_ROADMAP: &str = "mlops";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapFile {
    /// Where editors find the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub kind: StepKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub minutes: u32,
    pub summary: String,
    #[serde(default)]
    pub requires: Vec<String>,
    /// Ids this step took over from an earlier version of the roadmap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// The lab pack a `lab` step is checked by: a built-in pack's name, or a path relative
    /// to the roadmap file. Without it a lab can only be self-reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Concept,
    Article,
    Tool,
    Course,
    Lab,
    Video,
}

impl StepKind {
    pub const ALL: [Self; 6] = [
        Self::Concept,
        Self::Article,
        Self::Tool,
        Self::Course,
        Self::Lab,
        Self::Video,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Concept => "concept",
            Self::Article => "article",
            Self::Tool => "tool",
            Self::Course => "course",
            Self::Lab => "lab",
            Self::Video => "video",
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Position of a step: its section index and its index within that section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepRef {
    pub section: usize,
    pub step: usize,
}

/// A roadmap with its id index. Steps are also numbered in roadmap order (`order`).
#[derive(Debug, Clone)]
pub struct Roadmap {
    file: RoadmapFile,
    /// Step refs in roadmap order.
    order: Vec<StepRef>,
    /// Current id → position in `order`.
    by_id: HashMap<String, usize>,
    /// Replaced (old) id → current id.
    aliases: HashMap<String, String>,
}

impl Roadmap {
    /// Indexes a roadmap. Duplicate ids keep their first occurrence; validation reports them.
    pub fn new(file: RoadmapFile) -> Self {
        let step_count = file.sections.iter().map(|s| s.steps.len()).sum();
        let mut order = Vec::with_capacity(step_count);
        let mut by_id = HashMap::with_capacity(step_count);
        let mut aliases = HashMap::new();
        for (section_index, section) in file.sections.iter().enumerate() {
            for (step_index, step) in section.steps.iter().enumerate() {
                let at = order.len();
                order.push(StepRef {
                    section: section_index,
                    step: step_index,
                });
                by_id.entry(step.id.clone()).or_insert(at);
                for old in &step.replaces {
                    aliases
                        .entry(old.clone())
                        .or_insert_with(|| step.id.clone());
                }
            }
        }
        Self {
            file,
            order,
            by_id,
            aliases,
        }
    }

    /// Reads and indexes one of the roadmaps compiled into the binary.
    ///
    /// They are checked by the unit tests, so a failure here is a bug, not a user error.
    pub fn built_in(id: &str) -> Option<Self> {
        COMPACT
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(_, text)| Self::new(compact::decode(text)))
    }

    pub fn id(&self) -> &str {
        &self.file.id
    }

    pub fn title(&self) -> &str {
        &self.file.title
    }

    pub fn file(&self) -> &RoadmapFile {
        &self.file
    }

    pub fn sections(&self) -> &[Section] {
        &self.file.sections
    }

    pub fn step_count(&self) -> usize {
        self.order.len()
    }

    /// Steps in roadmap order, with their position.
    pub fn steps(&self) -> impl Iterator<Item = (usize, &Step)> + '_ {
        self.order
            .iter()
            .enumerate()
            .map(|(index, at)| (index, &self.file.sections[at.section].steps[at.step]))
    }

    pub fn step_at(&self, index: usize) -> &Step {
        let at = self.order[index];
        &self.file.sections[at.section].steps[at.step]
    }

    pub fn section_of(&self, index: usize) -> &Section {
        &self.file.sections[self.order[index].section]
    }

    /// The roadmap-order index of a current step id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The index of the step an id names now: itself, or the step that replaced it.
    pub fn resolve_recorded(&self, id: &str) -> Option<usize> {
        self.index_of(id).or_else(|| {
            self.aliases
                .get(id)
                .and_then(|current| self.index_of(current))
        })
    }

    /// All current step ids, in roadmap order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.steps().map(|(_, step)| step.id.as_str())
    }
}

/// True for lowercase kebab-case: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::validate;

    #[test]
    fn every_built_in_roadmap_parses_and_is_valid() {
        for (id, text) in BUILT_IN {
            let file: RoadmapFile =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(file.id, *id);
            let problems = validate(&file);
            assert!(problems.is_empty(), "{id}: {problems:#?}");
        }
    }

    #[test]
    fn built_in_mlops_follows_the_guide() {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        let counts: Vec<(&str, usize)> = roadmap
            .sections()
            .iter()
            .map(|s| (s.id.as_str(), s.steps.len()))
            .collect();
        assert_eq!(
            counts,
            [
                ("foundations", 6),
                ("devops-role", 7),
                ("ml-basics", 8),
                ("ml-code", 6),
                ("data-engineering", 7),
                ("versioning", 5),
                ("tracking", 9),
                ("orchestration", 6),
                ("serving", 9),
                ("cicd", 6),
                ("monitoring", 9),
                ("platform", 9),
                ("real-world", 18),
                ("tools", 1),
                ("courses", 8)
            ]
        );
        for (_, step) in roadmap.steps() {
            match (&step.kind, &step.url) {
                (StepKind::Concept | StepKind::Lab, _) => {}
                (_, Some(url)) => assert!(url.starts_with("https://"), "{url}"),
                (_, None) => panic!("{} has no url", step.id),
            }
        }
        // Tracking redirects are replaced by their real targets.
        let urls: Vec<&str> = roadmap
            .steps()
            .filter_map(|(_, s)| s.url.as_deref())
            .collect();
        assert!(urls.contains(
            &"https://www.oreilly.com/radar/mlops-and-devops-why-data-makes-it-different/"
        ));
        assert!(urls.contains(&"https://www.datacamp.com/courses/mlops-concepts"));
        assert!(
            !urls
                .iter()
                .any(|u| u.contains("kqzyfj") || u.contains("pxf.io"))
        );
    }

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("ml-basics-2"));
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é"] {
            assert!(!is_kebab_case(bad), "{bad:?}");
        }
    }

    #[test]
    fn replaced_ids_resolve_to_their_successor() {
        let mut file = Roadmap::built_in("mlops").unwrap().file().clone();
        file.sections[0].steps[0].replaces.push("intro".into());
        let roadmap = Roadmap::new(file);
        assert_eq!(roadmap.resolve_recorded("intro"), Some(0));
        assert_eq!(roadmap.resolve_recorded("what-is-mlops"), Some(0));
        assert_eq!(roadmap.resolve_recorded("nope"), None);
    }
}
