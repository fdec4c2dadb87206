//! The learner's history in memory: every record in fold order, and the live events that
//! every derivation reads.

use chrono::{DateTime, FixedOffset};

use crate::domain::change;
use crate::domain::event::{Event, Extra};
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
        let live = history::live(&records);
        Self {
            records,
            live,
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

    /// Records `event` with a fresh random id and the next `seq`, as part of the change
    /// the first event recorded through this state began.
    pub fn record(&mut self, mut event: Event) -> Result<()> {
        event.id = fresh_id()?;
        event.seq = history::next_seq(&self.records);
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
                seq: history::next_seq(&self.records),
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

#[cfg(test)]
#[path = "state_undo_tests.rs"]
mod undo_tests;

#[cfg(test)]
mod tests {
    //! Random histories on two or three machines, with backdated events, undo and imports
    //! in any interleaving, each command saved and loaded as its own process would.

    use std::collections::HashSet;
    use std::path::Path;

    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::event::EventKind;
    use crate::domain::progress::Progress;
    use crate::domain::roadmap::Roadmap;
    use crate::storage::parse;
    use crate::storage::state_file::serialize;

    #[derive(Debug, Clone)]
    enum Action {
        Record {
            machine: usize,
            kind: EventKind,
            step: usize,
            minute: i64,
        },
        Undo {
            machine: usize,
            minute: i64,
        },
        Import {
            into: usize,
            from: usize,
        },
    }

    fn any_action(machines: usize) -> impl Strategy<Value = Action> {
        let record = (
            0..machines,
            proptest::sample::select(EventKind::ALL.to_vec()),
            0..4usize,
            0..20i64,
        )
            .prop_map(|(machine, kind, step, minute)| Action::Record {
                machine,
                kind,
                step,
                minute,
            });
        prop_oneof![
            5 => record,
            1 => (0..machines, 0..20i64).prop_map(|(machine, minute)| Action::Undo { machine, minute }),
            2 => (0..machines, 0..machines).prop_map(|(into, from)| Action::Import { into, from }),
        ]
    }

    /// Few minutes, so that many events share an `at`; `--at` may date them anywhere in it.
    fn at(minute: i64) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(if minute % 2 == 0 { 3600 } else { -5 * 3600 }).unwrap();
        offset
            .timestamp_opt(1_772_000_000 + minute * 60, 0)
            .unwrap()
    }

    fn reload(state: &State) -> State {
        parse(Path::new("state.json"), &serialize(state)).expect("what we write, we read")
    }

    fn ids(records: &[Record]) -> HashSet<String> {
        records.iter().map(|r| r.id().to_owned()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn machines_that_exchange_everything_agree_byte_for_byte(
            machines in 2..=3usize,
            actions in (2..=3usize).prop_flat_map(|m| proptest::collection::vec(any_action(m), 0..40)),
        ) {
            let roadmap = Roadmap::built_in("mlops").unwrap();
            let steps: Vec<String> = roadmap.ids().take(4).map(str::to_owned).collect();
            let mut states = vec![State::default(); machines];
            let mut recorded: HashSet<String> = HashSet::new();
            let mut undone: HashSet<String> = HashSet::new();
            for action in &actions {
                match *action {
                    Action::Record { machine, kind, step, minute } => {
                        let machine = machine % machines;
                        let state = &mut states[machine];
                        state.record(Event::new(at(minute), "mlops", &steps[step], kind, None)).unwrap();
                        recorded.insert(state.records.iter().max_by_key(|r| r.seq()).unwrap().id().to_owned());
                    }
                    Action::Undo { machine, minute } => {
                        let state = &mut states[machine % machines];
                        if let Ok(events) = state.undo("mlops", at(minute)) {
                            undone.extend(events.into_iter().map(|e| e.id));
                        }
                    }
                    Action::Import { into, from } => {
                        let incoming = reload(&states[from % machines]).records;
                        states[into % machines].merge(incoming);
                    }
                }
                states = states.iter().map(reload).collect();
            }
            // Everyone imports everyone, twice round: a full exchange.
            for _ in 0..2 {
                for into in 0..machines {
                    for from in 0..machines {
                        let incoming = states[from].records.clone();
                        states[into].merge(incoming);
                    }
                }
            }
            let bytes = serialize(&states[0]);
            let progress = Progress::derive(&roadmap, states[0].events());
            for state in &states[1..] {
                prop_assert_eq!(&serialize(state), &bytes);
                prop_assert_eq!(&Progress::derive(&roadmap, state.events()), &progress);
            }
            let live: HashSet<String> = states[0].events().iter().map(|e| e.id.clone()).collect();
            // Nothing lost but what was undone; nothing undone comes back.
            let expected: HashSet<String> = recorded.difference(&undone).cloned().collect();
            prop_assert_eq!(live, expected);
            prop_assert!(ids(&states[0].records).is_superset(&recorded));
        }

        #[test]
        fn merge_is_commutative_associative_and_idempotent(
            actions in proptest::collection::vec(any_action(3), 0..30),
        ) {
            let mut states = vec![State::default(); 3];
            for action in &actions {
                match *action {
                    Action::Record { machine, kind, step, minute } => states[machine]
                        .record(Event::new(at(minute), "mlops", &format!("s{step}"), kind, None))
                        .unwrap(),
                    Action::Undo { machine, minute } => {
                        let _ = states[machine].undo("mlops", at(minute));
                    }
                    Action::Import { into, from } => {
                        let incoming = states[from].records.clone();
                        states[into].merge(incoming);
                    }
                }
            }
            let merged = |a: &State, b: &State| {
                let mut out = a.clone();
                out.merge(b.records.clone());
                out.records
            };
            let [a, b, c] = [&states[0], &states[1], &states[2]];
            prop_assert_eq!(merged(a, b), merged(b, a));
            prop_assert_eq!(merged(a, a), a.records.clone());
            let ab = State::from_records(merged(a, b), Extra::default(), 2);
            let bc = State::from_records(merged(b, c), Extra::default(), 2);
            prop_assert_eq!(merged(&ab, c), merged(a, &bc));
        }
    }
}
