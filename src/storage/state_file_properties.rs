//! Property tests of `state_file`: no bytes make parsing panic, what parses is written
//! back to the same thing, and the quick reader agrees with the precise one wherever it
//! answers.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value;

use super::{parse, serialize};

fn path() -> PathBuf {
    PathBuf::from("state.json")
}

/// A valid file with unknown fields, to damage.
const VALID: &[u8] = br#"{
  "format": 1,
  "events": [
{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"start","mood":[1,{"a":null}]},
{"at":"2026-03-02T23:59:59.5-05:00","roadmap":"mlops","step":"kubeflow","kind":"done","note":"d\u00e9j\u00e0 \"vu\"\n"}
  ],
  "sync": {"peer": "laptop"}
}
"#;

/// A valid format 2 file with an undo and unknown fields, to damage.
const VALID_2: &[u8] = br#"{
  "format": 2,
  "events": [
{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"done","change":"00000000000000aa","mood":[1,{"a":null}]},
{"id":"00000000000000bb","seq":2,"at":"2026-03-01T10:05:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"retract","retracts":"00000000000000aa"},
{"id":"00000000000000cc","seq":3,"at":"2026-03-02T08:00:00Z","roadmap":"mlops","step":"kubeflow","kind":"note","note":"d\u00e9j\u00e0"}
  ]
}
"#;

/// No input panics. If it parses, what we write from it parses to the same thing. The
/// quick reader, where it reads a file, reads what the precise one does.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Some(quick) = crate::storage::typed_read::parse(bytes) {
        prop_assert_eq!(Some(quick), parse(&path(), bytes).ok());
    }
    if let Ok(state) = parse(&path(), bytes) {
        let written = serialize(&state);
        let again = parse(&path(), &written).expect("what we write, we read");
        prop_assert_eq!(again.events(), state.events());
        prop_assert_eq!(serialize(&again), written);
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Damage {
    Cut(usize),
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
}

fn damage(bytes: &[u8], damages: &[Damage]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for d in damages {
        let len = bytes.len().max(1);
        match *d {
            Damage::Cut(at) => bytes.truncate(at % len),
            Damage::Flip(at, b) if !bytes.is_empty() => bytes[at % len] ^= b,
            Damage::Insert(at, b) => bytes.insert(at % (bytes.len() + 1), b),
            Damage::Delete(at) if !bytes.is_empty() => {
                bytes.remove(at % len);
            }
            _ => {}
        }
    }
    bytes
}

fn any_damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), 1..=255u8).prop_map(|(a, b)| Damage::Flip(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Damage::Insert(a, b)),
        any::<usize>().prop_map(Damage::Delete),
    ]
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        prop_oneof![
            Just("2026-03-01T10:00:00+01:00"),
            Just("done"),
            Just("mlops"),
            Just("kubeflow")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("at".to_owned()),
                    Just("roadmap".to_owned()),
                    Just("step".to_owned()),
                    Just("kind".to_owned()),
                    Just("note".to_owned()),
                    any::<String>()
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The same property as the fuzz target `fuzz/fuzz_targets/state_parser.rs`.
    #[test]
    fn no_panic_on_2000_random_byte_strings(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn no_panic_on_2000_damaged_state_files(damages in proptest::collection::vec(any_damage(), 1..8)) {
        check(&damage(VALID, &damages))?;
    }

    #[test]
    fn no_panic_on_2000_damaged_format_2_files(damages in proptest::collection::vec(any_damage(), 1..8)) {
        check(&damage(VALID_2, &damages))?;
    }

    #[test]
    fn no_panic_on_2000_json_documents_of_any_shape(
        format in prop_oneof![Just(Value::from(1)), any_json()],
        events in proptest::collection::vec(any_json(), 0..5),
        extra in any_json(),
    ) {
        let document = serde_json::json!({"format": format, "events": events, "extra": extra});
        check(&serde_json::to_vec(&document).unwrap())?;
        check(&serde_json::to_vec(&events).unwrap())?;
    }
}
