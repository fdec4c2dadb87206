//! Turns a curated Markdown list into a roadmap: text in, roadmap and report out.
//!
//! Headings become sections: a link belongs to the nearest heading above it, and a heading
//! with no links of its own (a parent, a "coming soon") makes no section. List items and
//! table rows with a link become steps: the first link's text is the title, the text after
//! it the summary. Links in paragraphs count only in sections that have no such steps.
//! Table-of-contents anchors, badges and images, links that are not http(s), duplicates of a
//! URL already imported, extra links in one item and raw HTML are skipped and counted.
//!
//! Courses and syllabi read too: a heading that is a link is a step (a module) in the
//! section above it, and the items of a list without links under it are steps (topics).
//! Relative links resolve against a base URL, or are counted; housekeeping links (sign-up,
//! chat, social, licence, sponsors, FAQ) are skipped and counted; a leading HTML block
//! gives the title when no `# heading` does.
//!
//! Ids are slugs of the titles, with `-2`, `-3` on a collision, so the same text gives the
//! same ids. Given the previous import, a link with the same URL (or, failing that, the
//! same title) keeps its id, and the ids of links that went away are not given to new ones.

mod course;
mod ids;
mod links;
mod reader;
mod sections;

use std::collections::BTreeMap;

use super::roadmap::{RoadmapFile, Section, Step, StepKind};
pub use ids::slug;
use ids::{Ids, assign_ids};
pub use links::{default_minutes, redirect_target};
use links::{guess_kind, module_kind};
use reader::Origin;
use sections::settle_sections;

/// Headings of the sections a list has about itself rather than its subject.
const HOUSEKEEPING: &[&str] = &[
    "contributing",
    "contribute",
    "contributors",
    "contribution guidelines",
    "license",
    "licence",
    "code of conduct",
    "sponsors",
    "acknowledgements",
    "acknowledgments",
    "table of contents",
    "contents",
];

fn is_housekeeping(heading: &str) -> bool {
    let words = heading
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    HOUSEKEEPING.contains(&words.as_str())
}

/// File names that say nothing about the list, so the id comes from its title instead.
const GENERIC_NAMES: &[&str] = &["readme", "index", "list", "awesome"];

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions<'a> {
    /// The roadmap id; else a slug of `name`, or of the title when `name` is generic.
    pub id: Option<&'a str>,
    /// The roadmap title; else the first top-level heading, else `name`.
    pub title: Option<&'a str>,
    /// What the list is called when it says nothing itself, e.g. its file name.
    pub name: &'a str,
    /// An earlier import of the same list, whose ids are kept.
    pub previous: Option<&'a RoadmapFile>,
    /// What relative links resolve against, read as a folder; without it they are skipped.
    pub base_url: Option<&'a str>,
}

/// Why a link or heading did not become a step or section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    TableOfContents,
    Image,
    NotWeb,
    Duplicate,
    ExtraLink,
    Paragraph,
    HeadingLink,
    Html,
    EmptyHeading,
    Housekeeping,
    Relative,
    HousekeepingLink,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            Self::TableOfContents => "table-of-contents links (#anchors)",
            Self::Image => "badges and images",
            Self::NotWeb => "links that are not http(s) (mail, other schemes)",
            Self::Duplicate => "duplicates of a URL already imported",
            Self::ExtraLink => "further links in an item that already has one",
            Self::Paragraph => "links in paragraphs of a section that has a list",
            Self::HeadingLink => "links in headings",
            Self::Html => "HTML blocks (links in raw HTML are not read)",
            Self::EmptyHeading => "headings with no links under them",
            Self::Housekeeping => "sections about the list itself (contributing, license, ...)",
            Self::Relative => {
                "relative links (keep them with --base-url URL, such as the repository's web address)"
            }
            Self::HousekeepingLink => {
                "housekeeping links (sign-up forms, chats, social profiles, licence, contributing, sponsors, FAQ)"
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Per reason: how many, and what (titles or URLs), in document order.
    pub skipped: BTreeMap<SkipReason, Vec<String>>,
    /// Tracking redirects replaced by the target they carry.
    pub unwrapped: usize,
    /// Short redirects kept as they are: their target is not in the link.
    pub kept_redirects: Vec<String>,
    /// Steps whose id came from the previous import.
    pub kept_ids: usize,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub file: RoadmapFile,
    pub report: ImportReport,
}

/// Reads `markdown` into a roadmap and says what was skipped and why.
pub fn import(markdown: &str, options: &ImportOptions<'_>) -> Imported {
    let mut reader = reader::read(markdown, options.base_url);
    let title = options
        .title
        .map(str::to_owned)
        .or_else(|| reader.first_title.clone())
        .unwrap_or_else(|| reader::squash(options.name));
    let mut report = std::mem::take(&mut reader.report);
    let drafts = settle_sections(reader.sections, &title, &mut report);
    let links: Vec<ids::NamedLink<'_>> = drafts
        .iter()
        .flat_map(|(_, found)| found)
        .map(|f| ids::NamedLink {
            title: &f.title,
            url: &f.url,
        })
        .collect();
    let ids = assign_ids(&links, options.previous);
    report.kept_ids = ids.kept;
    let mut section_ids = Ids::default();
    let mut next_id = ids.steps.into_iter();
    let sections = drafts
        .into_iter()
        .map(|(section_title, found)| Section {
            id: section_ids.fresh(&slug(&section_title, "section")),
            steps: found
                .into_iter()
                .map(|found| {
                    let kind = match found.origin {
                        Origin::Link => guess_kind(&found.url, &found.title, &section_title),
                        Origin::Module => module_kind(&found.url, &found.title, &section_title),
                        Origin::Topic => StepKind::Concept,
                    };
                    Step {
                        id: next_id.next().expect("one id per step"),
                        title: found.title,
                        kind,
                        url: (!found.url.is_empty()).then_some(found.url),
                        minutes: default_minutes(kind),
                        summary: found.summary,
                        requires: Vec::new(),
                        replaces: Vec::new(),
                        lab: None,
                    }
                })
                .collect(),
            title: section_title,
        })
        .collect();
    let id = match options.id {
        Some(id) => id.to_owned(),
        // A repository's README names nothing; its title does.
        None if GENERIC_NAMES.contains(&options.name.to_ascii_lowercase().as_str()) => {
            slug(&title, "imported")
        }
        None => slug(options.name, "imported"),
    };
    Imported {
        file: RoadmapFile {
            schema: None,
            id,
            title,
            sections,
        },
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::validate;

    fn run(markdown: &str) -> Imported {
        import(
            markdown,
            &ImportOptions {
                name: "list",
                ..ImportOptions::default()
            },
        )
    }

    #[test]
    fn nested_headings_toc_badges_duplicates_and_paragraphs() {
        let markdown = "\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

Contents: [Tools](#tools)

- [Tools](#tools)

## Tools

### Serving

- [Seldon](https://github.com/SeldonIO/seldon-core) - Deploy models on Kubernetes.
- [Seldon again](https://github.com/SeldonIO/seldon-core/) - Same link.
- [Docs](./docs.md)

## Reading

Start with [this post](https://example.com/post) and enjoy.

## Coming soon
";
        let imported = run(markdown);
        let file = &imported.file;
        assert_eq!(file.title, "Awesome Things");
        let shape: Vec<(&str, Vec<&str>)> = file
            .sections
            .iter()
            .map(|s| {
                (
                    s.id.as_str(),
                    s.steps.iter().map(|st| st.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [("serving", vec!["seldon"]), ("reading", vec!["this-post"])]
        );
        let seldon = &file.sections[0].steps[0];
        assert_eq!(seldon.summary, "Deploy models on Kubernetes.");
        assert_eq!(seldon.kind, StepKind::Tool);
        assert_eq!(seldon.minutes, 60);
        let skipped = &imported.report.skipped;
        assert_eq!(skipped[&SkipReason::Image], ["https://awesome.re"]);
        assert_eq!(skipped[&SkipReason::TableOfContents], ["#tools", "#tools"]);
        assert_eq!(
            skipped[&SkipReason::Duplicate],
            ["https://github.com/SeldonIO/seldon-core/"]
        );
        assert_eq!(skipped[&SkipReason::Relative], ["./docs.md"]);
        assert_eq!(
            skipped[&SkipReason::EmptyHeading],
            ["Awesome Things", "Tools", "Coming soon"]
        );
        assert!(validate(file).is_empty(), "{:?}", validate(file));
    }

    #[test]
    fn an_anchor_heading_is_no_module_and_its_plain_list_no_syllabus() {
        let imported =
            run("# List\n## [Tools](#tools)\n- Not a topic\n- [A](https://a.example/)\n");
        let sections: Vec<(&str, usize)> = imported
            .file
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.steps.len()))
            .collect();
        assert_eq!(sections, [("Tools", 1)]);
        assert_eq!(
            imported.report.skipped[&SkipReason::HeadingLink],
            ["#tools"]
        );
    }

    #[test]
    fn a_generic_file_name_takes_the_id_from_the_title() {
        let markdown = "# Awesome MLOps\n- [A](https://a.example/)\n";
        let id = |name| {
            import(
                markdown,
                &ImportOptions {
                    name,
                    ..ImportOptions::default()
                },
            )
            .file
            .id
        };
        assert_eq!(id("README"), "awesome-mlops");
        assert_eq!(id("team-onboarding"), "team-onboarding");
    }

    #[test]
    fn ids_are_unique_and_survive_a_newer_version() {
        let first = run("## A\n- [Intro](https://a.example/1)\n- [Intro](https://a.example/2)\n");
        let ids: Vec<&str> = first.file.sections[0]
            .steps
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["intro", "intro-2"]);
        let newer = "## A\n- [Intro](https://a.example/0)\n- [Intro](https://a.example/2)\n- [Intro, renamed](https://a.example/1)\n";
        let second = import(
            newer,
            &ImportOptions {
                name: "list",
                previous: Some(&first.file),
                ..ImportOptions::default()
            },
        );
        let ids: Vec<&str> = second.file.sections[0]
            .steps
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["intro-3", "intro-2", "intro"]);
        assert_eq!(second.report.kept_ids, 2);
    }
}
