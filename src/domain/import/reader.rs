//! The walk over the Markdown events: which links are under which heading, in which kind
//! of block, with what text after them.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{ImportReport, SkipReason};
use crate::domain::text::strip_invisible;

/// Every heading with the links found under it, in document order.
pub struct Walked {
    pub sections: Vec<SectionDraft>,
    /// The text of the first top-level heading, else the title of a leading HTML block.
    pub first_title: Option<String>,
    pub report: ImportReport,
}

/// Reads `markdown`; relative links resolve against `base_url` when given.
pub fn read(markdown: &str, base_url: Option<&str>) -> Walked {
    let mut reader = Walker {
        base_url: base_url.map(str::to_owned),
        ..Walker::default()
    };
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
            Event::Html(html) => reader.html(&html),
            _ => {}
        }
    }
    // Anything left open (a document that ends mid-block) is closed in order.
    while !reader.blocks.is_empty() {
        reader.close();
    }
    Walked {
        sections: reader.sections,
        first_title: reader.first_title.or(reader.html_title),
        report: reader.report,
    }
}

mod structure;

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
    /// When it opened, for the order of syllabus items.
    opened: usize,
    /// Its own text outside links: a syllabus item's title.
    plain: String,
}

/// A list being read: whether any of its items has a link, and its items without one, which
/// become steps only under a heading that is a link, and only if the list has no link.
#[derive(Debug, Default)]
struct List {
    has_link: bool,
    plain_items: Vec<Found>,
}

#[derive(Debug, Default)]
struct OpenLink {
    url: String,
    text: String,
    has_image: bool,
}

#[derive(Debug)]
pub struct Found {
    /// When its link was read: a nested item closes before its parent, yet comes after it.
    pub order: usize,
    pub title: String,
    /// Empty for a syllabus topic, which has no link.
    pub url: String,
    pub summary: String,
    pub origin: Origin,
}

/// Where a step candidate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A list item, table row or paragraph with a link.
    Link,
    /// A heading that is a link: a module of a course.
    Module,
    /// An item without a link in a list without links under a module: a syllabus topic.
    Topic,
}

/// A heading and the links under it: in list items and table rows, or in paragraphs.
#[derive(Debug, Default)]
pub struct SectionDraft {
    pub title: String,
    pub listed: Vec<Found>,
    pub in_paragraphs: Vec<Found>,
}

#[derive(Default)]
struct Walker {
    sections: Vec<SectionDraft>,
    blocks: Vec<Block>,
    link: Option<OpenLink>,
    heading: Option<(u8, String)>,
    first_title: Option<String>,
    image_depth: usize,
    links_read: usize,
    report: ImportReport,
    base_url: Option<String>,
    /// The link of the heading being read: its text and URL.
    heading_link: Option<(String, String)>,
    /// Under a heading that is itself a link (a course module): a syllabus may follow.
    under_link_heading: bool,
    lists: Vec<List>,
    /// Title of the HTML blocks before any Markdown content.
    html_title: Option<String>,
    html_lead: String,
    seen_content: bool,
}

impl Walker {
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
        } else if let Some(block) = self.blocks.last_mut() {
            block.plain.push_str(text);
            if block.link.is_some() {
                block.after.push_str(text);
            }
        }
    }

    /// Raw HTML: only the blocks before any Markdown content are read, for a title.
    fn html(&mut self, html: &str) {
        if !self.seen_content && self.html_title.is_none() {
            self.html_lead.push_str(html);
            self.html_title = super::course::html_title(&self.html_lead);
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        if !matches!(tag, Tag::HtmlBlock) {
            self.seen_content = true;
        }
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some((level as u8, String::new()));
            }
            Tag::Item => self.open(BlockKind::Item),
            Tag::List(_) => self.lists.push(List::default()),
            Tag::TableHead | Tag::TableRow => self.open(BlockKind::Row),
            // A paragraph inside an item or row is part of it (a loose list).
            Tag::Paragraph if self.blocks.is_empty() => self.open(BlockKind::Paragraph),
            Tag::Link { dest_url, .. } => {
                self.link = Some(OpenLink {
                    url: dest_url.trim().to_owned(),
                    ..OpenLink::default()
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
        self.links_read += 1;
        self.blocks.push(Block {
            kind,
            link: None,
            after: String::new(),
            opened: self.links_read,
            plain: String::new(),
        });
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                if let Some((_, title)) = self.heading.take() {
                    let title = squash(&title);
                    self.under_link_heading = false;
                    // A heading that is one link, not an anchor, is a module; any other
                    // heading link is counted as before.
                    match self.heading_link.take() {
                        Some((text, url)) if squash(&text) == title && !url.starts_with('#') => {
                            self.heading_step(title, &url, &text);
                            return;
                        }
                        Some((_, url)) => self.skip(SkipReason::HeadingLink, url),
                        None => {}
                    }
                    if level == pulldown_cmark::HeadingLevel::H1 && self.first_title.is_none() {
                        self.first_title = Some(title.clone());
                    }
                    self.sections.push(SectionDraft {
                        title,
                        ..SectionDraft::default()
                    });
                }
            }
            TagEnd::List(_) => self.end_list(),
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
            // The first link may be the whole heading (a course module); further ones are not.
            if self.heading_link.is_none() {
                self.heading_link = Some((link.text, link.url));
            } else {
                self.skip(SkipReason::HeadingLink, link.url);
            }
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
                    opened: block.opened,
                    plain: String::new(),
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
}

/// Runs of white space as one space, trimmed, without the characters that would rewrite a
/// terminal (escape sequences, bidi overrides, zero-width characters).
pub fn squash(text: &str) -> String {
    text.split_whitespace()
        .map(strip_invisible)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
