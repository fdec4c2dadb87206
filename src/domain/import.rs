//! Turns a curated Markdown list into a roadmap: text in, roadmap and report out.
//!
//! Headings become sections: a link belongs to the nearest heading above it, and a heading
//! with no links of its own (a parent, a "coming soon") makes no section. List items and
//! table rows with a link become steps: the first link's text is the title, the text after
//! it the summary. Links in paragraphs count only in sections that have no such steps.
//! Table-of-contents anchors, badges and images, links that are not http(s), duplicates of a
//! URL already imported, extra links in one item and raw HTML are skipped and counted.
//!
//! Ids are slugs of the titles, with `-2`, `-3` on a collision, so the same text gives the
//! same ids. Given the previous import, a link with the same URL (or, failing that, the
//! same title) keeps its id, and the ids of links that went away are not given to new ones.

use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::roadmap::{RoadmapFile, Section, Step, StepKind};

/// Query parameters that carry the real target of a tracking redirect.
const TARGET_PARAMETERS: &[&str] = &["url", "u", "target"];
/// Hosts of short and affiliate redirects whose target is not in the link itself.
const REDIRECT_HOSTS: &[&str] = &[
    "pxf.io",
    "sjv.io",
    "kqzyfj.com",
    "anrdoezrs.net",
    "jdoqocy.com",
    "tkqlhce.com",
    "dpbolvw.net",
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "buff.ly",
    "lnkd.in",
    "amzn.to",
];
const COURSE_HOSTS: &[&str] = &[
    "coursera.org",
    "udemy.com",
    "edx.org",
    "datacamp.com",
    "udacity.com",
    "pluralsight.com",
    "deeplearning.ai",
    "course.fast.ai",
    "educative.io",
    "kodekloud.com",
    "khanacademy.org",
    "cloudskillsboost.google",
];
const VIDEO_HOSTS: &[&str] = &["youtube.com", "youtu.be", "vimeo.com"];
const LAB_HOSTS: &[&str] = &[
    "killercoda.com",
    "katacoda.com",
    "qwiklabs.com",
    "labs.iximiuz.com",
];
const REPOSITORY_HOSTS: &[&str] = &["github.com", "gitlab.com", "codeberg.org"];
const MAX_SLUG: usize = 48;

/// The estimate a step of each kind gets, in minutes: an article is a sitting, a video a
/// talk, a tool an afternoon's first try, a lab a guided exercise, a course several evenings.
pub fn default_minutes(kind: StepKind) -> u32 {
    match kind {
        StepKind::Concept | StepKind::Article => 15,
        StepKind::Video => 20,
        StepKind::Tool => 60,
        StepKind::Lab => 90,
        StepKind::Course => 240,
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions<'a> {
    /// The roadmap id; else a slug of `name`.
    pub id: Option<&'a str>,
    /// The roadmap title; else the first top-level heading, else `name`.
    pub title: Option<&'a str>,
    /// What the list is called when it says nothing itself, e.g. its file name.
    pub name: &'a str,
    /// An earlier import of the same list, whose ids are kept.
    pub previous: Option<&'a RoadmapFile>,
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
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            Self::TableOfContents => "table-of-contents links (#anchors)",
            Self::Image => "badges and images",
            Self::NotWeb => "links that are not http(s) (relative files, mail)",
            Self::Duplicate => "duplicates of a URL already imported",
            Self::ExtraLink => "further links in an item that already has one",
            Self::Paragraph => "links in paragraphs of a section that has a list",
            Self::HeadingLink => "links in headings",
            Self::Html => "HTML blocks (links in raw HTML are not read)",
            Self::EmptyHeading => "headings with no links under them",
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Item,
    Row,
    Paragraph,
}

/// A list item, table row or paragraph being read.
#[derive(Debug)]
struct Block {
    kind: BlockKind,
    /// The step link: (order, title, URL).
    link: Option<(usize, String, String)>,
    after: String,
}

#[derive(Debug, Default)]
struct Link {
    url: String,
    text: String,
    has_image: bool,
}

#[derive(Debug)]
struct Found {
    /// When its link was read: a nested item closes before its parent, yet comes after it.
    order: usize,
    title: String,
    url: String,
    summary: String,
}

#[derive(Debug, Default)]
struct SectionDraft {
    title: String,
    listed: Vec<Found>,
    in_paragraphs: Vec<Found>,
}

#[derive(Default)]
struct Reader {
    sections: Vec<SectionDraft>,
    blocks: Vec<Block>,
    link: Option<Link>,
    heading: Option<(u8, String)>,
    first_title: Option<String>,
    image_depth: usize,
    links_read: usize,
    report: ImportReport,
}

impl Reader {
    fn skip(&mut self, reason: SkipReason, what: String) {
        self.report.skipped.entry(reason).or_default().push(what);
    }

    fn text(&mut self, text: &str) {
        if self.image_depth > 0 {
            return;
        }
        if let Some(link) = &mut self.link {
            link.text.push_str(text);
        } else if let Some((_, heading)) = &mut self.heading {
            heading.push_str(text);
        } else if let Some(block) = self.blocks.last_mut()
            && block.link.is_some()
        {
            block.after.push_str(text);
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some((level as u8, String::new()));
            }
            Tag::Item => self.open(BlockKind::Item),
            Tag::TableHead | Tag::TableRow => self.open(BlockKind::Row),
            // A paragraph inside an item or row is part of it (a loose list).
            Tag::Paragraph if self.blocks.is_empty() => self.open(BlockKind::Paragraph),
            Tag::Link { dest_url, .. } => {
                self.link = Some(Link {
                    url: dest_url.trim().to_owned(),
                    ..Link::default()
                });
            }
            Tag::Image { dest_url, .. } => {
                self.image_depth += 1;
                match &mut self.link {
                    Some(link) => link.has_image = true,
                    None => self.skip(SkipReason::Image, dest_url.into_string()),
                }
            }
            Tag::HtmlBlock => self.skip(SkipReason::Html, "HTML block".into()),
            _ => {}
        }
    }

    fn open(&mut self, kind: BlockKind) {
        self.blocks.push(Block {
            kind,
            link: None,
            after: String::new(),
        });
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                if let Some((_, title)) = self.heading.take() {
                    let title = squash(&title);
                    if level == pulldown_cmark::HeadingLevel::H1 && self.first_title.is_none() {
                        self.first_title = Some(title.clone());
                    }
                    self.sections.push(SectionDraft {
                        title,
                        ..SectionDraft::default()
                    });
                }
            }
            TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow => self.close(),
            TagEnd::Paragraph
                if self
                    .blocks
                    .last()
                    .is_some_and(|b| b.kind == BlockKind::Paragraph) =>
            {
                self.close();
            }
            TagEnd::TableCell => {
                if let Some(block) = self.blocks.last_mut()
                    && block.link.is_some()
                {
                    block.after.push_str(" | ");
                }
            }
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        let text = squash(&link.text);
        if text.is_empty() && link.has_image {
            self.skip(SkipReason::Image, link.url);
            return;
        }
        if let Some((_, heading)) = &mut self.heading {
            heading.push_str(&link.text);
            self.skip(SkipReason::HeadingLink, link.url);
            return;
        }
        let title = if text.is_empty() {
            link.url.clone()
        } else {
            text
        };
        self.links_read += 1;
        let order = self.links_read;
        match self.blocks.last_mut() {
            Some(block) if block.link.is_none() => block.link = Some((order, title, link.url)),
            // In a paragraph every link counts: the text up to the next one is its summary.
            Some(block) if block.kind == BlockKind::Paragraph => {
                let done = Block {
                    kind: BlockKind::Paragraph,
                    link: block.link.replace((order, title, link.url)),
                    after: std::mem::take(&mut block.after),
                };
                self.finish(done);
            }
            Some(block) => {
                // Its text stays in the summary, where it reads as before.
                block.after.push_str(&link.text);
                self.skip(SkipReason::ExtraLink, link.url);
            }
            None => self.skip(SkipReason::Paragraph, link.url),
        }
    }

    fn close(&mut self) {
        if let Some(block) = self.blocks.pop() {
            self.finish(block);
        }
    }

    /// Turns a block with a link into a step candidate of the current section.
    fn finish(&mut self, block: Block) {
        let Some((order, title, url)) = block.link else {
            return;
        };
        if url.starts_with('#') {
            self.skip(SkipReason::TableOfContents, url);
            return;
        }
        let url = self.unwrap_redirect(url);
        if !super::validate::is_web_url(&url) {
            self.skip(SkipReason::NotWeb, url);
            return;
        }
        let summary = if block.kind == BlockKind::Row {
            block
                .after
                .split(" | ")
                .map(squash)
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join(" - ")
        } else {
            squash(&block.after)
        };
        let summary = summary
            .trim_start_matches(|c: char| " -–—:|·,.;".contains(c))
            .to_owned();
        let found = Found {
            order,
            title,
            url,
            summary,
        };
        if self.sections.is_empty() {
            self.sections.push(SectionDraft::default());
        }
        let section = self
            .sections
            .last_mut()
            .expect("a section was just ensured");
        if block.kind == BlockKind::Paragraph {
            section.in_paragraphs.push(found);
        } else {
            section.listed.push(found);
        }
    }

    fn unwrap_redirect(&mut self, url: String) -> String {
        let mut current = url;
        let mut unwrapped = false;
        // A redirect can wrap another; five levels is more than any real link has.
        for _ in 0..5 {
            match redirect_target(&current) {
                Some(target) => {
                    current = target;
                    unwrapped = true;
                }
                None => break,
            }
        }
        if unwrapped {
            self.report.unwrapped += 1;
        } else if host_matches(&host(&current), REDIRECT_HOSTS) {
            self.report.kept_redirects.push(current.clone());
        }
        current
    }
}

/// Reads `markdown` into a roadmap and says what was skipped and why.
pub fn import(markdown: &str, options: &ImportOptions<'_>) -> Imported {
    let mut reader = Reader::default();
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS,
    );
    for event in parser {
        match event {
            Event::Start(tag) => reader.start(tag),
            Event::End(tag) => reader.end(tag),
            Event::Text(text) | Event::Code(text) => reader.text(&text),
            Event::SoftBreak | Event::HardBreak => reader.text(" "),
            _ => {}
        }
    }
    // Anything left open (a document that ends mid-block) is closed in order.
    while !reader.blocks.is_empty() {
        reader.close();
    }

    let title = options
        .title
        .map(str::to_owned)
        .or_else(|| reader.first_title.clone())
        .unwrap_or_else(|| options.name.to_owned());
    let mut report = std::mem::take(&mut reader.report);
    let drafts = settle_sections(reader.sections, &title, &mut report);
    let ids = assign_ids(&drafts, options.previous);
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
                    let kind = guess_kind(&found.url, &found.title, &section_title);
                    Step {
                        id: next_id.next().expect("one id per step"),
                        title: found.title,
                        kind,
                        url: Some(found.url),
                        minutes: default_minutes(kind),
                        summary: found.summary,
                        requires: Vec::new(),
                        replaces: Vec::new(),
                    }
                })
                .collect(),
            title: section_title,
        })
        .collect();
    let id = options
        .id
        .map_or_else(|| slug(options.name, "imported"), str::to_owned);
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

/// Each heading's steps: list items and rows, or its paragraph links when it has none;
/// duplicates across the whole list dropped; headings left with nothing skipped.
fn settle_sections(
    sections: Vec<SectionDraft>,
    title: &str,
    report: &mut ImportReport,
) -> Vec<(String, Vec<Found>)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut drafts: Vec<(String, Vec<Found>)> = Vec::new();
    for mut draft in sections {
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
            if seen.insert(url_key(&found.url)) {
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

/// Ids handed out so far; `fresh` gives a slug, suffixed when it is taken.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    fn fresh(&mut self, base: &str) -> String {
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

struct AssignedIds {
    steps: Vec<String>,
    kept: usize,
}

/// Step ids in document order: the previous import's id for the same URL, else for the
/// same title, else a fresh slug that no previous step used.
fn assign_ids(drafts: &[(String, Vec<Found>)], previous: Option<&RoadmapFile>) -> AssignedIds {
    let found: Vec<&Found> = drafts.iter().flat_map(|(_, f)| f).collect();
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
        for (slot, f) in ids.iter_mut().zip(&found) {
            if let Some(&id) = by_url.get(&url_key(&f.url))
                && used.insert(id)
            {
                *slot = Some(id.to_owned());
            }
        }
        for (slot, f) in ids.iter_mut().zip(&found) {
            if slot.is_none()
                && let Some(&id) = by_title.get(f.title.as_str())
                && used.insert(id)
            {
                *slot = Some(id.to_owned());
            }
        }
        kept = ids.iter().filter(|id| id.is_some()).count();
    }
    let steps = ids
        .into_iter()
        .zip(&found)
        .map(|(id, f)| id.unwrap_or_else(|| taken.fresh(&slug(&f.title, "step"))))
        .collect();
    AssignedIds { steps, kept }
}

/// The target of a tracking redirect that carries it in `url=`, `u=` or `target=`.
pub fn redirect_target(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        if !TARGET_PARAMETERS.contains(&key.to_ascii_lowercase().as_str()) {
            return None;
        }
        let target = percent_decode(value)?;
        super::validate::is_web_url(&target).then_some(target)
    })
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The lowercase host of an http(s) URL, without `www.` or a port.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

fn host_matches(host: &str, known: &[&str]) -> bool {
    known
        .iter()
        .any(|k| host == *k || host.ends_with(&format!(".{k}")))
}

/// Two links are the same when they differ only in case of scheme and host, `www.`, a
/// trailing slash or a fragment.
fn url_key(url: &str) -> String {
    let without_fragment = url.split('#').next().unwrap_or_default();
    let rest = without_fragment
        .split_once("://")
        .map_or(without_fragment, |(_, rest)| rest);
    let (_, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    format!("{}{}", host(url), path.trim_end_matches('/'))
}

/// The kind evident from the link, else from words in the title, else in the section title.
pub fn guess_kind(url: &str, title: &str, section: &str) -> StepKind {
    let host = host(url);
    let path = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split_once('/')
        .map_or("", |(_, path)| path);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if host_matches(&host, VIDEO_HOSTS) {
        return StepKind::Video;
    }
    if host_matches(&host, COURSE_HOSTS)
        || (host == "linkedin.com" && path.starts_with("learning/"))
    {
        return StepKind::Course;
    }
    if host_matches(&host, LAB_HOSTS) {
        return StepKind::Lab;
    }
    let segments = path
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .count();
    if host_matches(&host, REPOSITORY_HOSTS) && segments == 2 {
        return StepKind::Tool;
    }
    for words in [title, section] {
        if let Some(kind) = kind_from_words(words) {
            return kind;
        }
    }
    StepKind::Article
}

fn kind_from_words(text: &str) -> Option<StepKind> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |options: &[&str]| words.iter().any(|w| options.contains(w));
    if has(&["course", "courses", "bootcamp", "specialization"]) {
        Some(StepKind::Course)
    } else if has(&["video", "videos", "talk", "talks", "webinar", "youtube"]) {
        Some(StepKind::Video)
    } else if has(&["lab", "labs", "workshop", "workshops", "hands"]) {
        Some(StepKind::Lab)
    } else if has(&[
        "tool",
        "tools",
        "services",
        "platforms",
        "frameworks",
        "libraries",
    ]) {
        Some(StepKind::Tool)
    } else {
        None
    }
}

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

/// Runs of white space as one space, trimmed.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

    #[test]
    fn unwraps_tracking_redirects() {
        assert_eq!(
            redirect_target(
                "https://www.kqzyfj.com/click-1?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1"
            )
            .as_deref(),
            Some("https://example.com/a?b=1")
        );
        assert_eq!(
            redirect_target("https://t.example/r?U=https://example.org/").as_deref(),
            Some("https://example.org/")
        );
        assert_eq!(
            redirect_target("https://example.com/?url=javascript:x"),
            None
        );
        assert_eq!(redirect_target("https://datacamp.pxf.io/vNk1Dv"), None);
    }

    #[test]
    fn guesses_kinds_from_evident_signs() {
        let cases = [
            (
                "https://www.youtube.com/watch?v=1",
                "Intro",
                "",
                StepKind::Video,
            ),
            (
                "https://www.coursera.org/learn/mlops",
                "MLOps",
                "",
                StepKind::Course,
            ),
            (
                "https://github.com/kubeflow/kubeflow",
                "Kubeflow",
                "",
                StepKind::Tool,
            ),
            (
                "https://github.com/a/b/blob/main/README.md",
                "Notes",
                "",
                StepKind::Article,
            ),
            ("https://example.com/x", "A hands-on lab", "", StepKind::Lab),
            (
                "https://example.com/x",
                "Concepts",
                "MLOps Courses",
                StepKind::Course,
            ),
            (
                "https://kubeflow.org/",
                "Kubeflow",
                "Free Tools & Services",
                StepKind::Tool,
            ),
            (
                "https://example.com/x",
                "Why data matters",
                "Reading",
                StepKind::Article,
            ),
        ];
        for (url, title, section, kind) in cases {
            assert_eq!(guess_kind(url, title, section), kind, "{url} {title}");
        }
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
        assert_eq!(skipped[&SkipReason::NotWeb], ["./docs.md"]);
        assert_eq!(
            skipped[&SkipReason::EmptyHeading],
            ["Awesome Things", "Tools", "Coming soon"]
        );
        assert!(validate(file).is_empty(), "{:?}", validate(file));
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
