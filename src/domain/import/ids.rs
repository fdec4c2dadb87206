//! Step ids for imported links: slugs of their titles, unique, and stable across imports.

use std::collections::{HashMap, HashSet};

use super::links::url_key;
use crate::domain::roadmap::{RoadmapFile, Step};

const MAX_SLUG: usize = 48;

/// Lowercase kebab-case of `text`, at most `MAX_SLUG` characters, cut between words;
/// `fallback` when nothing is left (a title of only symbols or non-Latin letters).
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // "Don't" reads better as "dont" than "don-t".
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let kept = out.trim_end_matches('-').len();
    out.truncate(kept);
    if out.len() > MAX_SLUG {
        let cut = out[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        out.truncate(cut);
        let kept = out.trim_end_matches('-').len();
        out.truncate(kept);
    }
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

/// Ids handed out so far; `fresh` gives a slug, suffixed when it is taken.
#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
    /// The next suffix to try per base, so 50,000 links of one title stay linear.
    next_suffix: HashMap<String, usize>,
}

impl Ids {
    pub fn fresh(&mut self, base: &str) -> String {
        let mut candidate = base.to_owned();
        if self.taken.contains(&candidate) {
            let n = self.next_suffix.entry(base.to_owned()).or_insert(2);
            loop {
                candidate = format!("{base}-{n}");
                *n += 1;
                if !self.taken.contains(&candidate) {
                    break;
                }
            }
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

pub struct AssignedIds {
    /// One id per link, in the order given.
    pub steps: Vec<String>,
    /// How many came from the previous import.
    pub kept: usize,
}

/// A link to name: its title and URL.
pub struct NamedLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// Step ids in document order: the previous import's id for the same URL, else for the
/// same title, else a fresh slug that no previous step used.
pub fn assign_ids(found: &[NamedLink<'_>], previous: Option<&RoadmapFile>) -> AssignedIds {
    let mut ids: Vec<Option<String>> = vec![None; found.len()];
    let mut taken = Ids::default();
    let mut kept = 0;
    if let Some(previous) = previous {
        let old: Vec<&Step> = previous.sections.iter().flat_map(|s| &s.steps).collect();
        taken.taken.extend(old.iter().map(|s| s.id.clone()));
        taken
            .taken
            .extend(old.iter().flat_map(|s| s.replaces.iter().cloned()));
        let mut by_url: HashMap<String, &str> = HashMap::new();
        let mut by_title: HashMap<&str, &str> = HashMap::new();
        for step in &old {
            if let Some(url) = &step.url {
                by_url.entry(url_key(url)).or_insert(&step.id);
            }
            by_title.entry(step.title.as_str()).or_insert(&step.id);
        }
        let mut used: HashSet<&str> = HashSet::new();
        for (slot, f) in ids.iter_mut().zip(found) {
            if !f.url.is_empty()
                && let Some(&id) = by_url.get(&url_key(f.url))
                && used.insert(id)
            {
                *slot = Some(id.to_owned());
            }
        }
        for (slot, f) in ids.iter_mut().zip(found) {
            if slot.is_none()
                && let Some(&id) = by_title.get(f.title)
                && used.insert(id)
            {
                *slot = Some(id.to_owned());
            }
        }
        kept = ids.iter().filter(|id| id.is_some()).count();
    }
    let steps = ids
        .into_iter()
        .zip(found)
        .map(|(id, f)| id.unwrap_or_else(|| taken.fresh(&slug(f.title, "step"))))
        .collect();
    AssignedIds { steps, kept }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_and_bounded() {
        assert_eq!(
            slug("Understanding ML Algorithm & Model", "s"),
            "understanding-ml-algorithm-model"
        );
        assert_eq!(slug("Don't panic!", "s"), "dont-panic");
        assert_eq!(slug("日本語", "step"), "step");
        let long = slug(&"word ".repeat(30), "s");
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }
}
