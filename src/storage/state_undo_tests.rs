//! Undo of whole changes: after any history of commands of one to four events each, saved
//! and loaded between commands as separate processes would, `undo` gives back exactly the
//! progress from before the last command, and undoing again the one before that.

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;

use super::State;
use crate::domain::event::{Event, EventKind};
use crate::domain::progress::Progress;
use crate::domain::roadmap::Roadmap;
use crate::storage::parse;
use crate::storage::state_file::serialize;

fn reload(state: &State) -> State {
    parse(Path::new("state.json"), &serialize(state)).expect("what we write, we read")
}

fn at(minute: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .timestamp_opt(1_772_000_000 + minute * 60, 0)
        .unwrap()
}

type Command = Vec<(EventKind, usize, i64)>;

fn any_command() -> impl Strategy<Value = Command> {
    proptest::collection::vec(
        (
            proptest::sample::select(EventKind::ALL.to_vec()),
            0..4usize,
            0..10i64,
        ),
        1..=4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undo_takes_back_exactly_the_last_command(
        commands in proptest::collection::vec(any_command(), 1..8),
    ) {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        let steps: Vec<String> = roadmap.ids().take(4).map(str::to_owned).collect();
        let mut state = State::default();
        let mut before = Vec::new();
        for command in &commands {
            before.push(Progress::derive(&roadmap, state.events()));
            // One command: one state, as one process holds it.
            let mut one = reload(&state);
            for &(kind, step, minute) in command {
                one.record(Event::new(at(minute), "mlops", &steps[step], kind, None)).unwrap();
            }
            state = reload(&one);
        }
        for (command, expected) in commands.iter().zip(&before).rev() {
            let mut one = reload(&state);
            let undone = one.undo("mlops", at(20)).unwrap();
            prop_assert_eq!(undone.len(), command.len());
            state = reload(&one);
            prop_assert_eq!(&Progress::derive(&roadmap, state.events()), expected);
        }
        prop_assert!(state.events().is_empty());
        prop_assert!(reload(&state).undo("mlops", at(20)).is_err());
    }
}
