//! Events: the append-only history from which all progress is derived.

mod json;

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One thing the learner did, at the local time and UTC offset at which it was recorded.
///
/// `Deserialize` is written by hand in `event/json.rs`: the derived one buffers every
/// field of every event to fill the flattened `extra`, a third of reading a long history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    #[serde(serialize_with = "json::serialize_at")]
    pub at: DateTime<FixedOffset>,
    pub roadmap: String,
    pub step: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields written by a newer version: kept as they are, so a rewrite never loses them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
            at,
            roadmap: roadmap.to_owned(),
            step: step.to_owned(),
            kind,
            note,
            extra: Map::new(),
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
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Done => "done",
            Self::Skip => "skip",
            Self::Reopen => "reopen",
            Self::Note => "note",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
