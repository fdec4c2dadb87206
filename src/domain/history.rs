//! The history as stored: events, the retractions `undo` appends, and records of kinds this
//! version does not know. Every record has an `id` and a Lamport `seq`, and the history is
//! kept in one order, (`at` as an instant, `seq`, `id`), so that any two machines holding
//! the same records fold and write them identically.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::value::RawValue;

use super::event::{Event, Extra};

mod live;
pub use live::{RecordRef, in_fold_order, split_live};

/// The record `undo` appends: it names the event it undoes, which stays in the history and
/// is ignored by every derivation. `roadmap` and `step` are the undone event's, for reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retraction {
    pub id: String,
    pub seq: u64,
    #[serde(serialize_with = "super::event::serialize_at")]
    pub at: DateTime<FixedOffset>,
    pub roadmap: String,
    pub step: String,
    pub kind: RetractKind,
    pub retracts: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The one spelling of a retraction's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetractKind {
    Retract,
}

/// A record of a kind a newer version wrote: kept byte for byte, ignored by derivations.
#[derive(Debug, Clone)]
pub struct Unknown {
    pub id: String,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
    pub kind: String,
    pub raw: Box<RawValue>,
}

impl PartialEq for Unknown {
    fn eq(&self, other: &Self) -> bool {
        self.raw.get() == other.raw.get()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Event(Event),
    Retract(Retraction),
    Unknown(Unknown),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Self::Event(e) => &e.id,
            Self::Retract(r) => &r.id,
            Self::Unknown(u) => &u.id,
        }
    }

    pub fn seq(&self) -> u64 {
        match self {
            Self::Event(e) => e.seq,
            Self::Retract(r) => r.seq,
            Self::Unknown(u) => u.seq,
        }
    }

    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            Self::Event(e) => e.at,
            Self::Retract(r) => r.at,
            Self::Unknown(u) => u.at,
        }
    }

    /// The record as one line of JSON: an unknown one exactly as it was read.
    pub fn to_json(&self) -> String {
        match self {
            Self::Event(e) => serde_json::to_string(e),
            Self::Retract(r) => serde_json::to_string(r),
            Self::Unknown(u) => Ok(u.raw.get().to_owned()),
        }
        .expect("records always serialize")
    }

    /// The fold order: `at` as an instant, then `seq` (so of two events at the same `at`
    /// the one recorded later applies later), then `id`, which no two records share.
    pub fn fold_order(&self, other: &Self) -> Ordering {
        self.at()
            .cmp(&other.at())
            .then(self.seq().cmp(&other.seq()))
            .then_with(|| self.id().cmp(other.id()))
    }
}

impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Event(e) => e.serialize(serializer),
            Self::Retract(r) => r.serialize(serializer),
            Self::Unknown(u) => u.raw.serialize(serializer),
        }
    }
}

/// Puts `records` in fold order.
pub fn sort(records: &mut [Record]) {
    records.sort_by(Record::fold_order);
}

/// Each undone event with the retraction that undid it, in fold order of the events.
pub fn undone(records: &[Record]) -> Vec<(&Event, &Retraction)> {
    let by_target: BTreeMap<&str, &Retraction> = records
        .iter()
        .filter_map(|record| match record {
            Record::Retract(r) => Some((r.retracts.as_str(), r)),
            _ => None,
        })
        .collect();
    records
        .iter()
        .filter_map(|record| match record {
            Record::Event(e) => by_target.get(e.id.as_str()).map(|r| (e, *r)),
            _ => None,
        })
        .collect()
}

/// The `seq` of the next record: one more than any in the history (a Lamport clock).
pub fn next_seq(live: &[Event], rest: &[Record]) -> u64 {
    let seqs = live
        .iter()
        .map(|e| e.seq)
        .chain(rest.iter().map(Record::seq));
    seqs.max().unwrap_or(0) + 1
}

/// The event `undo` retracts: the most recently recorded live event of `roadmap`.
pub fn last_recorded<'e>(live: &'e [Event], roadmap: &str) -> Option<&'e Event> {
    live.iter()
        .filter(|e| e.roadmap == roadmap)
        .max_by(|a, b| a.seq.cmp(&b.seq).then_with(|| a.id.cmp(&b.id)))
}

/// What a merge brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    pub new: usize,
    /// Of the new records, how many undo something.
    pub undoing: usize,
    pub already: usize,
}

/// The union by `id` of two histories, in fold order. Where both hold a record under one
/// id with different content (two machines that migrated differently ordered format 1
/// files), the smaller by fold order and then by its JSON is kept, so the result does not
/// depend on which side is which: merging is commutative, associative and idempotent.
pub fn union(local: Vec<Record>, incoming: Vec<Record>) -> (Vec<Record>, Merged) {
    let mut by_id: BTreeMap<String, Record> = local
        .into_iter()
        .map(|record| (record.id().to_owned(), record))
        .collect();
    let mut merged = Merged::default();
    for record in incoming {
        if let Some(kept) = by_id.get_mut(record.id()) {
            merged.already += 1;
            if preferred(&record, kept) {
                *kept = record;
            }
        } else {
            merged.new += 1;
            merged.undoing += usize::from(matches!(record, Record::Retract(_)));
            by_id.insert(record.id().to_owned(), record);
        }
    }
    let mut records: Vec<Record> = by_id.into_values().collect();
    sort(&mut records);
    (records, merged)
}

fn preferred(candidate: &Record, kept: &Record) -> bool {
    match candidate.fold_order(kept) {
        Ordering::Less => true,
        Ordering::Greater => false,
        Ordering::Equal => candidate.to_json() < kept.to_json(),
    }
}

/// The id of a format 1 event: FNV-1a (64 bits) of its canonical JSON and its occurrence
/// number among identical events. FNV-1a is written here, not taken from `std`'s hasher,
/// whose output may change between Rust versions: every machine must derive the same id.
pub fn derived_id(canonical_json: &str, occurrence: usize) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let occurrence = occurrence.to_string();
    let bytes = canonical_json
        .as_bytes()
        .iter()
        .chain(b"\n")
        .chain(occurrence.as_bytes());
    let hash = bytes.fold(OFFSET, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    format!("{hash:016x}")
}

/// Whether `id` has the shape ids have: 16 lowercase hex characters.
pub fn is_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;

    #[test]
    fn fnv_1a_matches_its_published_vectors() {
        // The reference values for "" and "a" with our separator appended are checked
        // through the raw function: FNV-1a 64 of "a" is af63dc4c8601ec8c.
        let fnv = |bytes: &[u8]| {
            bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            })
        };
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(derived_id("a", 0), format!("{:016x}", fnv(b"a\n0")));
        assert_ne!(derived_id("a", 0), derived_id("a", 1));
        assert!(is_id(&derived_id("{}", 3)));
    }

    fn event(id: &str, seq: u64, at: &str, kind: EventKind) -> Record {
        let mut e = Event::new(
            DateTime::parse_from_rfc3339(at).unwrap(),
            "mlops",
            "a",
            kind,
            None,
        );
        e.id = id.into();
        e.seq = seq;
        Record::Event(e)
    }

    #[test]
    fn union_is_by_id_and_independent_of_sides() {
        let a = event(
            "000000000000000a",
            1,
            "2026-03-01T10:00:00Z",
            EventKind::Done,
        );
        let b = event(
            "000000000000000b",
            2,
            "2026-03-01T10:00:00Z",
            EventKind::Reopen,
        );
        let a_later = event(
            "000000000000000a",
            5,
            "2026-03-01T10:00:00Z",
            EventKind::Done,
        );
        let (left, merged) = union(vec![a.clone()], vec![b.clone(), a_later.clone()]);
        assert_eq!(
            merged,
            Merged {
                new: 1,
                undoing: 0,
                already: 1
            }
        );
        let (right, _) = union(vec![b, a_later], vec![a.clone()]);
        assert_eq!(left, right);
        assert_eq!(left[0], a);
    }
}
