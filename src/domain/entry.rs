//! Learning outside the roadmap (`log add`): an event of kind `learn` that belongs to no
//! step. Its text is the note; an optional `link` field says where it was. Older versions
//! keep the whole record as one of a kind they do not know.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};

use super::event::{Event, EventKind};
use super::spent::{Minutes, with_spent};

/// The event field holding the address.
pub const LINK: &str = "link";

/// A learning entry on `roadmap`; its `step` is empty, as it belongs to none.
pub fn entry(
    at: DateTime<FixedOffset>,
    roadmap: &str,
    text: &str,
    link: Option<&str>,
    spent: Option<Minutes>,
) -> Event {
    let mut event = Event::new(at, roadmap, "", EventKind::Learn, Some(text.to_owned()));
    if let Some(link) = link {
        event.extra.insert(LINK, link);
    }
    with_spent(event, spent)
}

/// The address an entry names, if any.
pub fn link_of(event: &Event) -> Option<Cow<'_, str>> {
    event.extra.text(LINK)
}

/// Only web addresses: a link is printed in the log and the recap, and opened by people.
pub fn is_web_link(link: &str) -> bool {
    ["http://", "https://"]
        .iter()
        .any(|scheme| link.len() > scheme.len() && link.starts_with(scheme))
}
