//! The reader's decisions about one link and about course structure: which URL a link
//! keeps (anchors, redirects, relative links, housekeeping), the step a block with a link
//! makes, headings that are links (modules), and syllabus topics (items without links under
//! a module).

use super::{Block, BlockKind, Found, Origin, SectionDraft, Walker, squash};
use crate::domain::import::SkipReason;
use crate::domain::import::course::{is_housekeeping_link, is_relative, resolve, trim_summary};
use crate::domain::import::links::{REDIRECT_HOSTS, host, host_matches, redirect_target};

impl Walker {
    /// The URL a step keeps, or `None` with the reason counted: anchors, links that are not
    /// http(s), relative links without a base URL, housekeeping.
    pub(super) fn accept(&mut self, url: String, title: &str) -> Option<String> {
        if url.starts_with('#') {
            self.skip(SkipReason::TableOfContents, url);
            return None;
        }
        let url = match (&self.base_url, is_relative(&url)) {
            (Some(base), true) => resolve(base, &url),
            (None, true) => {
                self.skip(SkipReason::Relative, url);
                return None;
            }
            _ => url,
        };
        let url = self.unwrap_redirect(url);
        if !crate::domain::validate::is_web_url(&url) {
            self.skip(SkipReason::NotWeb, url);
            return None;
        }
        if is_housekeeping_link(&url, title) {
            self.skip(SkipReason::HousekeepingLink, format!("{title} ({url})"));
            return None;
        }
        Some(url)
    }

    /// A heading that is a link: a step in the section of the heading above it, after which
    /// a list without links is its syllabus.
    pub(super) fn heading_step(&mut self, title: String, url: &str, text: &str) {
        self.under_link_heading = true;
        let Some(url) = self.accept(url.trim().to_owned(), &squash(text)) else {
            return;
        };
        self.links_read += 1;
        let found = Found {
            order: self.links_read,
            title,
            url,
            summary: String::new(),
            origin: Origin::Module,
        };
        self.section().listed.push(found);
    }

    /// An item without a link: kept by its list, as a topic, while under a module.
    pub(super) fn plain_item(&mut self, block: &Block) {
        if block.kind != BlockKind::Item || !self.under_link_heading {
            return;
        }
        let title = trim_summary(&squash(&block.plain));
        if title.is_empty() {
            return;
        }
        if let Some(list) = self.lists.last_mut() {
            list.plain_items.push(Found {
                order: block.opened,
                title,
                url: String::new(),
                summary: String::new(),
                origin: Origin::Topic,
            });
        }
    }

    /// The end of a list: a list without links under a module hands its items to the list
    /// around it, or, at the top, to the section as topics; a list with links drops them.
    pub(super) fn end_list(&mut self) {
        let Some(list) = self.lists.pop() else {
            return;
        };
        if list.has_link {
            return;
        }
        match self.lists.last_mut() {
            Some(parent) => parent.plain_items.extend(list.plain_items),
            None if !list.plain_items.is_empty() => {
                let section: &mut SectionDraft = self.section();
                section.listed.extend(list.plain_items);
            }
            None => {}
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

    /// Turns a block with a link into a step candidate of the current section; an item
    /// without one is kept for a syllabus.
    pub(super) fn finish(&mut self, block: Block) {
        let Some((order, title, url)) = block.link else {
            self.plain_item(&block);
            return;
        };
        if block.kind == BlockKind::Item {
            for list in &mut self.lists {
                list.has_link = true;
            }
        }
        let Some(url) = self.accept(url, &title) else {
            return;
        };
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
        let summary = trim_summary(&summary);
        let found = Found {
            order,
            title,
            url,
            summary,
            origin: Origin::Link,
        };
        if block.kind == BlockKind::Paragraph {
            self.section().in_paragraphs.push(found);
        } else {
            self.section().listed.push(found);
        }
    }

    /// The section steps go to now, made untitled when there is no heading yet.
    fn section(&mut self) -> &mut SectionDraft {
        if self.sections.is_empty() {
            self.sections.push(SectionDraft::default());
        }
        self.sections
            .last_mut()
            .expect("a section was just ensured")
    }
}
