//! Events: the append-only history from which all progress is derived.

mod extra;
mod json;
mod read;

pub use extra::Extra;
pub(crate) use json::serialize_at;
pub use read::{Fields, RecordKind};

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One thing the learner did, at the local time and UTC offset at which it was recorded.
///
/// Written through serde's derive, with a helper for the timestamp (`event/json.rs`). Read
/// by a visitor (`event/read.rs`) that does what the derive does and keeps unknown fields
/// as their exact text: the derive's `flatten` buffers them as serde values first, which
/// loses that text and refuses numbers such as `1e400`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// 16 lowercase hex characters, unique in every history: what merge and undo name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// A Lamport counter: one more than any `seq` in the history when it was recorded, so of
    /// two events at the same `at` the later recorded applies later.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub seq: u64,
    #[serde(serialize_with = "json::serialize_at")]
    pub at: DateTime<FixedOffset>,
    pub roadmap: String,
    pub step: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields written by a newer version, and the optional ones read through accessors:
    /// kept as their exact text, so a rewrite never changes them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Event {
    pub fn new(
        at: DateTime<FixedOffset>,
        roadmap: &str,
        step: &str,
        kind: EventKind,
        note: Option<String>,
    ) -> Self {
        Self {
            id: String::new(),
            seq: 0,
            at: whole_minute_offset(at),
            roadmap: roadmap.to_owned(),
            step: step.to_owned(),
            kind,
            note,
            extra: Extra::default(),
        }
    }

    /// The calendar day of the event at the offset where it was recorded,
    /// so travelling never moves yesterday's work to another day.
    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Start,
    Done,
    Skip,
    Reopen,
    Note,
    /// Learning outside the roadmap (`log add`): no step, so it counts for the day only.
    Learn,
}

impl EventKind {
    /// True for the kinds that make a day a learning day. A `reopen` alone is bookkeeping.
    pub fn is_learning(self) -> bool {
        !matches!(self, Self::Reopen)
    }

    pub const ALL: [Self; 6] = [
        Self::Start,
        Self::Done,
        Self::Skip,
        Self::Reopen,
        Self::Note,
        Self::Learn,
    ];

    /// The kind a state file names, as `as_str` spells it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Done => "done",
            Self::Skip => "skip",
            Self::Reopen => "reopen",
            Self::Note => "note",
            Self::Learn => "learn",
        }
    }
}

/// Unset `id` and `seq` are left out, so a format 1 event's JSON, which migration hashes,
/// is what format 1 wrote.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(seq: &u64) -> bool {
    *seq == 0
}

/// The same instant at the nearest whole-minute offset. RFC 3339, the file's format, has
/// no seconds in offsets, but local mean time before about 1900 does (Amsterdam was
/// +00:19:32): written as it is, the event would read back up to 30 s off.
fn whole_minute_offset(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let seconds = at.offset().local_minus_utc();
    if seconds % 60 == 0 {
        return at;
    }
    // Offsets stay within a day: -23:59:31 becomes -23:59, not the invalid -24:00.
    let rounded = ((seconds + 30).div_euclid(60) * 60).clamp(-86_340, 86_340);
    FixedOffset::east_opt(rounded).map_or(at, |offset| at.with_timezone(&offset))
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_with_seconds_is_rounded_keeping_the_instant() {
        let lmt = FixedOffset::east_opt(19 * 60 + 32).unwrap();
        let at = chrono::TimeZone::with_ymd_and_hms(&lmt, 1920, 1, 1, 12, 0, 0).unwrap();
        let event = Event::new(at, "mlops", "a", EventKind::Done, None);
        assert_eq!(event.at, at);
        assert_eq!(event.at.offset().local_minus_utc(), 20 * 60);
        assert_eq!(event.at.to_rfc3339(), "1920-01-01T12:00:28+00:20");
    }

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(EventKind::from_name("finish"), None);
        assert_eq!(EventKind::from_name("Done"), None);
    }
}
