//! The walk over the Markdown events: which links are under which heading, in which kind
//! of block, with what text after them.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::links::{REDIRECT_HOSTS, host, host_matches, redirect_target};
use super::{ImportReport, SkipReason};
use crate::domain::text::strip_invisible;

/// Every heading with the links found under it, in document order.
pub struct Read {
    pub sections: Vec<SectionDraft>,
    /// The text of the first top-level heading.
    pub first_title: Option<String>,
    pub report: ImportReport,
}

pub fn read(markdown: &str) -> Read {
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
    Read {
        sections: reader.sections,
        first_title: reader.first_title,
        report: reader.report,
    }
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
pub struct Found {
    /// When its link was read: a nested item closes before its parent, yet comes after it.
    pub order: usize,
    pub title: String,
    pub url: String,
    pub summary: String,
}

/// A heading and the links under it: in list items and table rows, or in paragraphs.
#[derive(Debug, Default)]
pub struct SectionDraft {
    pub title: String,
    pub listed: Vec<Found>,
    pub in_paragraphs: Vec<Found>,
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
        if !crate::domain::validate::is_web_url(&url) {
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

/// Runs of white space as one space, trimmed, without the characters that would rewrite a
/// terminal (escape sequences, bidi overrides, zero-width characters).
pub fn squash(text: &str) -> String {
    text.split_whitespace()
        .map(strip_invisible)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
