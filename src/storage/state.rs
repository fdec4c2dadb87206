//! The learner's history in memory: every record in fold order, and the live events that
//! every derivation reads.

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use crate::domain::event::Event;
use crate::domain::history::{self, Merged, Record, RetractKind, Retraction};
use crate::error::{Error, Result};

/// The learner's history, as read from `state.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Every record, in fold order: events, retractions, kinds this version does not know.
    pub(super) records: Vec<Record>,
    /// The known, not retracted events, in fold order; rebuilt after every change.
    pub(super) live: Vec<Event>,
    /// Top-level fields written by a newer version, kept as they are.
    pub(super) extra: Map<String, Value>,
    pub(super) dirty: bool,
    /// The format of the file read (0 with no file): a format 1 file is rewritten in format
    /// 2 by the first write, and only then.
    pub(super) format: u64,
}

impl State {
    pub(super) fn from_records(
        mut records: Vec<Record>,
        extra: Map<String, Value>,
        format: u64,
    ) -> Self {
        history::sort(&mut records);
        let live = history::live(&records);
        Self {
            records,
            live,
            extra,
            dirty: false,
            format,
        }
    }

    /// The format of the file this state was read from; 0 when there was none.
    pub fn format(&self) -> u64 {
        self.format
    }

    /// The events derivations fold, in fold order; retracted ones and unknown kinds left out.
    pub fn events(&self) -> &[Event] {
        &self.live
    }

    /// Every record as stored, for `export` and `import`.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Each undone event and the retraction that undid it.
    pub fn undone(&self) -> Vec<(&Event, &Retraction)> {
        history::undone(&self.records)
    }

    /// Kinds of records this version does not know, each once.
    pub fn unknown_kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = self
            .records
            .iter()
            .filter_map(|record| match record {
                Record::Unknown(u) => Some(u.kind.as_str()),
                _ => None,
            })
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }

    /// Records `event` with a fresh random id and the next `seq`.
    pub fn record(&mut self, mut event: Event) -> Result<()> {
        event.id = fresh_id()?;
        event.seq = history::next_seq(&self.records);
        self.insert(Record::Event(event));
        Ok(())
    }

    /// Undoes the most recently recorded live event of `roadmap` by appending a retraction
    /// recorded `at`; returns the event undone.
    pub fn undo(&mut self, roadmap: &str, at: DateTime<FixedOffset>) -> Result<Event> {
        let target = history::last_recorded(&self.live, roadmap)
            .ok_or_else(|| Error::NothingToUndo {
                roadmap: roadmap.to_owned(),
            })?
            .clone();
        let retraction = Retraction {
            id: fresh_id()?,
            seq: history::next_seq(&self.records),
            at: Event::new(at, roadmap, "", target.kind, None).at,
            roadmap: target.roadmap.clone(),
            step: target.step.clone(),
            kind: RetractKind::Retract,
            retracts: target.id.clone(),
            extra: Map::new(),
        };
        self.insert(Record::Retract(retraction));
        Ok(target)
    }

    /// Adds the records of `incoming` this history lacks (the union by id).
    pub fn merge(&mut self, incoming: Vec<Record>) -> Merged {
        let before = std::mem::take(&mut self.records);
        let (records, merged) = history::union(before.clone(), incoming);
        self.dirty |= records != before;
        self.records = records;
        self.live = history::live(&self.records);
        merged
    }

    fn insert(&mut self, record: Record) {
        let at = self
            .records
            .partition_point(|r| r.fold_order(&record).is_lt());
        // The common case, a record that sorts last, appends without rebuilding: no
        // retraction names a fresh id, so a new last event is live and last.
        if let (true, Record::Event(event)) = (at == self.records.len(), &record) {
            self.live.push(event.clone());
            self.records.push(record);
        } else {
            self.records.insert(at, record);
            self.live = history::live(&self.records);
        }
        self.dirty = true;
    }
}

/// 64 random bits from the operating system, as 16 hex characters. `getrandom` is already
/// built for `tempfile`; reading the OS source through it needs no new code of our own.
fn fresh_id() -> Result<String> {
    getrandom::u64()
        .map(|bits| format!("{bits:016x}"))
        .map_err(|e| {
            Error::io(
                "cannot get random bytes for an event id from",
                "the system",
                std::io::Error::other(e.to_string()),
            )
        })
}
