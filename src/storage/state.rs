//! The learner's history in memory: the live events every derivation reads, and the other
//! records, each in fold order.

use chrono::{DateTime, FixedOffset};

use crate::domain::change;
use crate::domain::event::{Event, Extra};
use crate::domain::history::{self, Merged, Record, RecordRef, RetractKind, Retraction};
use crate::error::{Error, Result};

/// The learner's history, as read from `state.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The known, not retracted events, in fold order.
    live: Vec<Event>,
    /// Every other record, in fold order: retractions, the events they undid, and kinds
    /// this version does not know. Together with `live`, the whole history.
    rest: Vec<Record>,
    /// Top-level fields written by a newer version, kept as they are.
    pub(super) extra: Extra,
    pub(super) dirty: bool,
    /// The format of the file read (0 with no file): a format 1 file is rewritten in format
    /// 2 by the first write, and only then.
    pub(super) format: u64,
    /// The id of the first event recorded through this state: the later ones join its
    /// change. A state lives for one command, so one command makes one change.
    pub(super) change: Option<String>,
}

impl State {
    pub(super) fn from_records(mut records: Vec<Record>, extra: Extra, format: u64) -> Self {
        history::sort(&mut records);
        let (live, rest) = history::split_live(records);
        Self {
            live,
            rest,
            extra,
            dirty: false,
            format,
            change: None,
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

    /// Every record as stored, in fold order, without copying.
    pub fn each_record(&self) -> impl Iterator<Item = RecordRef<'_>> {
        history::in_fold_order(&self.live, &self.rest)
    }

    /// A copy of every record as stored, in fold order, for `export`, `import` and `sync`.
    pub fn records(&self) -> Vec<Record> {
        self.each_record().map(RecordRef::to_record).collect()
    }

    /// How many records the history holds.
    pub fn record_count(&self) -> usize {
        self.live.len() + self.rest.len()
    }

    /// Each undone event and the retraction that undid it.
    pub fn undone(&self) -> Vec<(&Event, &Retraction)> {
        // Both are in `rest`: an undone event is not live.
        history::undone(&self.rest)
    }

    /// Kinds of records this version does not know, each once.
    pub fn unknown_kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = self
            .rest
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

    /// Records `event` with a fresh random id and the next `seq`, as part of the change
    /// the first event recorded through this state began.
    pub fn record(&mut self, mut event: Event) -> Result<()> {
        event.id = fresh_id()?;
        event.seq = history::next_seq(&self.live, &self.rest);
        match &self.change {
            Some(first) => change::join(&mut event, first),
            None => self.change = Some(event.id.clone()),
        }
        self.insert(Record::Event(event));
        Ok(())
    }

    /// What `undo` would take back on `roadmap`: the events of its last change.
    pub fn last_change(&self, roadmap: &str) -> Vec<&Event> {
        change::last_change(&self.live, roadmap)
    }

    /// Undoes the last change of `roadmap` by appending a retraction recorded `at` for each
    /// of its events; returns the events undone, in fold order.
    pub fn undo(&mut self, roadmap: &str, at: DateTime<FixedOffset>) -> Result<Vec<Event>> {
        let targets: Vec<Event> = self.last_change(roadmap).into_iter().cloned().collect();
        if targets.is_empty() {
            return Err(Error::NothingToUndo {
                roadmap: roadmap.to_owned(),
            });
        }
        let at = Event::new(at, roadmap, "", targets[0].kind, None).at;
        let mut first: Option<String> = None;
        for target in &targets {
            let mut extra = Extra::default();
            let id = fresh_id()?;
            // The retractions of one undo are one change too.
            match &first {
                Some(first) => {
                    extra.insert(change::FIELD, first.as_str());
                }
                None => first = Some(id.clone()),
            }
            let retraction = Retraction {
                id,
                seq: history::next_seq(&self.live, &self.rest),
                at,
                roadmap: target.roadmap.clone(),
                step: target.step.clone(),
                kind: RetractKind::Retract,
                retracts: target.id.clone(),
                extra,
            };
            self.insert(Record::Retract(retraction));
        }
        Ok(targets)
    }

    /// Adds the records of `incoming` this history lacks (the union by id).
    pub fn merge(&mut self, incoming: Vec<Record>) -> Merged {
        let before = self.records();
        let (records, merged) = history::union(before.clone(), incoming);
        self.dirty |= records != before;
        (self.live, self.rest) = history::split_live(records);
        merged
    }

    fn insert(&mut self, record: Record) {
        match record {
            // No retraction names a fresh id, so a new event is live: it goes into its place
            // in `live` (the end, but for `--at` in the past) without a rebuild. Its `seq` is
            // above every other, so `at` and `seq` place it.
            Record::Event(event) => {
                let at = self
                    .live
                    .partition_point(|e| (e.at, e.seq) < (event.at, event.seq));
                self.live.insert(at, event);
            }
            record => {
                let mut records = self.records();
                let at = records.partition_point(|r| r.fold_order(&record).is_lt());
                records.insert(at, record);
                (self.live, self.rest) = history::split_live(records);
            }
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

#[cfg(test)]
#[path = "state_undo_tests.rs"]
mod undo_tests;

#[cfg(test)]
#[path = "state_merge_tests.rs"]
mod merge_tests;
