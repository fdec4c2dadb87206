//! The history split as `State` holds it: the live events every derivation reads, and the
//! other records, each in fold order, walked together in fold order when written.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use super::Record;
use crate::domain::event::{Event, Extra};

/// `records`, in fold order, split into the events every derivation sees (known kinds, not
/// retracted) and the rest, each in fold order. Moved, not copied: copying a year of
/// events was a tenth of `next`.
pub fn split_live(records: Vec<Record>) -> (Vec<Event>, Vec<Record>) {
    let retracted: HashSet<String> = records
        .iter()
        .filter_map(|record| match record {
            Record::Retract(r) => Some(r.retracts.clone()),
            _ => None,
        })
        .collect();
    let mut live = Vec::with_capacity(records.len());
    let mut rest = Vec::new();
    for record in records {
        match record {
            Record::Event(e) if !retracted.contains(e.id.as_str()) => live.push(e),
            other => rest.push(other),
        }
    }
    (live, rest)
}

/// A record of a history held as `split_live` leaves it.
#[derive(Debug, Clone, Copy)]
pub enum RecordRef<'a> {
    Live(&'a Event),
    Other(&'a Record),
}

impl<'a> RecordRef<'a> {
    pub fn id(self) -> &'a str {
        match self {
            Self::Live(e) => &e.id,
            Self::Other(r) => r.id(),
        }
    }

    pub fn at(self) -> DateTime<FixedOffset> {
        match self {
            Self::Live(e) => e.at,
            Self::Other(r) => r.at(),
        }
    }

    /// The fields this version does not read, for an event or a retraction.
    pub fn extra(self) -> Option<&'a Extra> {
        match self {
            Self::Live(e) | Self::Other(Record::Event(e)) => Some(&e.extra),
            Self::Other(Record::Retract(r)) => Some(&r.extra),
            Self::Other(Record::Unknown(_)) => None,
        }
    }

    pub fn to_record(self) -> Record {
        match self {
            Self::Live(e) => Record::Event(e.clone()),
            Self::Other(r) => r.clone(),
        }
    }

    pub fn to_json(self) -> String {
        match self {
            Self::Live(e) => serde_json::to_string(e).expect("events always serialize"),
            Self::Other(r) => r.to_json(),
        }
    }
}

/// The records of `live` and `rest` (each in fold order) together, in fold order.
pub fn in_fold_order<'a>(
    live: &'a [Event],
    rest: &'a [Record],
) -> impl Iterator<Item = RecordRef<'a>> + 'a {
    let (mut live, mut rest) = (live.iter().peekable(), rest.iter().peekable());
    std::iter::from_fn(move || {
        let live_first = match (live.peek(), rest.peek()) {
            (Some(e), Some(r)) => (e.at, e.seq, e.id.as_str()) < (r.at(), r.seq(), r.id()),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if live_first {
            live.next().map(RecordRef::Live)
        } else {
            rest.next().map(RecordRef::Other)
        }
    })
}
