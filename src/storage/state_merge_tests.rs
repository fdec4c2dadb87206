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
                    recorded.insert(state.records().iter().max_by_key(|r| r.seq()).unwrap().id().to_owned());
                }
                Action::Undo { machine, minute } => {
                    let state = &mut states[machine % machines];
                    if let Ok(events) = state.undo("mlops", at(minute)) {
                        undone.extend(events.into_iter().map(|e| e.id));
                    }
                }
                Action::Import { into, from } => {
                    let incoming = reload(&states[from % machines]).records();
                    states[into % machines].merge(incoming);
                }
            }
            states = states.iter().map(reload).collect();
        }
        // Everyone imports everyone, twice round: a full exchange.
        for _ in 0..2 {
            for into in 0..machines {
                for from in 0..machines {
                    let incoming = states[from].records();
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
        prop_assert!(ids(&states[0].records()).is_superset(&recorded));
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
                    let incoming = states[from].records();
                    states[into].merge(incoming);
                }
            }
        }
        let merged = |a: &State, b: &State| {
            let mut out = a.clone();
            out.merge(b.records());
            out.records()
        };
        let [a, b, c] = [&states[0], &states[1], &states[2]];
        prop_assert_eq!(merged(a, b), merged(b, a));
        prop_assert_eq!(merged(a, a), a.records());
        let ab = State::from_records(merged(a, b), Extra::default(), 2);
        let bc = State::from_records(merged(b, c), Extra::default(), 2);
        prop_assert_eq!(merged(&ab, c), merged(a, &bc));
    }
}
