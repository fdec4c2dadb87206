//! The `state.json` format: parsing with precise messages, and the one-event-per-line layout.
//!
//! Parsing never panics, whatever the bytes (a fuzz target and a property test hold it to
//! that), and every refusal says what is wrong and where: a line and column for JSON that
//! does not parse, a key for the wrong shape, an event's index (counting from 0, as
//! `jq '.events[3]'` does) and field for a bad event.

use std::path::Path;

use serde_json::Value;
use serde_json::value::RawValue;

use super::records::{kind_of, members};
use super::{State, records, unique_keys};
use crate::error::{Error, Result};

/// The newest state format this version reads and the one it writes.
pub const FORMAT: u64 = 2;
/// The largest state file read. A heavy learner writes about 200 bytes an event, so this is
/// some 80,000 events, decades of daily use; anything larger is not a state file we wrote,
/// and refusing it early keeps a stray huge file from being read into memory.
pub const MAX_STATE_BYTES: u64 = 16 * MIB;
/// The largest state file written: a quarter below the read limit, so a file this version
/// wrote stays readable after hand edits or a compact tool's rewrite, and a write that would
/// cross it is refused before anything is touched.
pub const MAX_WRITE_BYTES: u64 = 12 * MIB;
const MIB: u64 = 1024 * 1024;
pub(super) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a file of `len` bytes is refused, for files over `MAX_STATE_BYTES`. Both figures in
/// bytes: rounded to MiB, a file one byte over read "16.0 MiB, more than the 16 MiB".
pub fn too_large(len: u64) -> String {
    format!(
        "it is {len} bytes, more than the {MAX_STATE_BYTES} bytes ({} MiB) a state file may hold",
        MAX_STATE_BYTES / MIB
    )
}

/// Parses `state.json`, naming what is wrong and where.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<State> {
    let corrupt = |detail: String| Error::CorruptState {
        path: path.to_owned(),
        detail,
    };
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_STATE_BYTES {
        return Err(corrupt(too_large(len)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(corrupt("the file is empty".into()));
    }
    if bytes.starts_with(UTF8_BOM) {
        return Err(corrupt(
            "it starts with a UTF-8 byte order mark (line 1, column 1); JSON files must not".into(),
        ));
    }
    let top = document(bytes).map_err(corrupt)?;
    if !top.get().starts_with('{') {
        return Err(corrupt(format!(
            "expected a JSON object at the top level, found {}",
            kind_of(top)
        )));
    }
    let mut top = members(top).map_err(corrupt)?;
    let format = match top.remove("format") {
        None => return Err(corrupt("missing the \"format\" key".into())),
        Some(raw) => serde_json::from_str::<u64>(raw.get())
            .ok()
            .filter(|&format| format >= 1)
            .ok_or_else(|| {
                corrupt(format!(
                    "\"format\" must be a positive integer, found {}",
                    raw.get()
                ))
            })?,
    };
    if format > FORMAT {
        return Err(Error::StateTooNew {
            path: path.to_owned(),
            found: format,
            supported: FORMAT,
        });
    }
    let events: Vec<&RawValue> = match top.remove("events") {
        None => return Err(corrupt("missing the \"events\" key".into())),
        Some(raw) if raw.get().starts_with('[') => {
            serde_json::from_str(raw.get()).map_err(|e| corrupt(e.to_string()))?
        }
        Some(other) => {
            return Err(corrupt(format!(
                "\"events\" must be an array, found {}",
                kind_of(other)
            )));
        }
    };
    if let Some(detail) = unique_keys::duplicate_key(bytes) {
        return Err(corrupt(detail));
    }
    let records = records::read(format, &events).map_err(corrupt)?;
    Ok(State::from_records(records, records::extra(top), format))
}

/// The whole file as one JSON value, its text kept. Bytes that are not UTF-8 are refused
/// with the message `serde_json`'s full parser gives them, which says where.
fn document(bytes: &[u8]) -> std::result::Result<&RawValue, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(serde_json::from_slice::<Value>(bytes)
            .err()
            .map_or_else(|| "it is not UTF-8 text".to_owned(), |e| e.to_string()));
    };
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// One event per line, so the file reads well and diffs cleanly.
pub fn serialize(state: &State) -> Vec<u8> {
    let mut out = format!("{{\n  \"format\": {FORMAT},\n  \"events\": [");
    for (index, record) in state.each_record().enumerate() {
        out.push_str(if index == 0 { "\n    " } else { ",\n    " });
        out.push_str(&record.to_json());
    }
    out.push_str(if state.record_count() == 0 {
        "]"
    } else {
        "\n  ]"
    });
    for (key, raw) in state.extra.iter() {
        out.push_str(",\n  ");
        out.push_str(&Value::String(key.to_owned()).to_string());
        out.push_str(": ");
        out.push_str(raw);
    }
    out.push_str("\n}\n");
    out.into_bytes()
}

#[cfg(test)]
#[path = "state_file_properties.rs"]
mod properties;

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::domain::event::{Event, EventKind};

    fn path() -> PathBuf {
        PathBuf::from("state.json")
    }

    fn detail(bytes: &[u8]) -> String {
        match parse(&path(), bytes) {
            Err(Error::CorruptState { detail, .. }) => detail,
            other => panic!("expected a corrupt-state error, got {other:?}"),
        }
    }

    fn with_event(event: &str) -> Vec<u8> {
        format!(r#"{{"format":1,"events":[{GOOD},{event}]}}"#).into_bytes()
    }

    const GOOD: &str =
        r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"kubeflow","kind":"done"}"#;

    #[test]
    fn round_trips_and_keeps_unknown_fields() {
        let text = br#"{"format":1,"events":[{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"done","mood":"great"}],"sync":{"peer":"laptop"}}"#;
        let mut state = parse(&path(), text).unwrap();
        assert_eq!(state.events()[0].extra.raw("mood"), Some(r#""great""#));
        state
            .record(Event::new(
                state.events()[0].at,
                "mlops",
                "mlflow",
                EventKind::Note,
                Some("line \"one\"\nline two".into()),
            ))
            .unwrap();
        let written = serialize(&state);
        let again = parse(&path(), &written).unwrap();
        assert_eq!(again.events(), state.events());
        assert_eq!(again.extra.raw("sync"), Some(r#"{"peer":"laptop"}"#));
        assert_eq!(serialize(&again), written);
    }

    #[test]
    fn values_no_float_could_hold_keep_their_text_in_every_kind_of_place() {
        let awkward = r#"{"z": [1.00000000000000001, 1e400, 2E3], "a": "caf\u00e9 \/"}"#;
        let text = format!(
            r#"{{"format":2,"events":[{{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":{awkward}}},{{"id":"00000000000000bb","seq":2,"at":"2026-03-01T11:00:00+01:00","roadmap":"mlops","step":"a","kind":"retract","retracts":"00000000000000aa","why":{awkward}}},{{"id":"00000000000000cc","seq":3,"at":"2026-03-01T12:00:00+01:00","kind":"lab","x":{awkward}}}],"sync":{awkward}}}"#
        );
        let state = parse(&path(), text.as_bytes()).unwrap();
        let written = String::from_utf8(serialize(&state)).unwrap();
        assert_eq!(
            written.matches(&format!(":{awkward}")).count(),
            3,
            "{written}"
        );
        assert!(
            written.contains(&format!("\"sync\": {awkward}\n")),
            "{written}"
        );
        assert_eq!(
            serialize(&parse(&path(), written.as_bytes()).unwrap()),
            written.as_bytes()
        );
    }

    #[test]
    fn names_what_is_wrong_and_where() {
        assert_eq!(
            detail(br#"{"format":1,"events":["#),
            "EOF while parsing a list at line 1 column 22"
        );
        assert_eq!(detail(b""), "the file is empty");
        assert_eq!(detail(b" \n"), "the file is empty");
        assert_eq!(
            detail(b"[]"),
            "expected a JSON object at the top level, found an array"
        );
        assert_eq!(detail(br#"{"events":[]}"#), "missing the \"format\" key");
        assert_eq!(detail(br#"{"format":1}"#), "missing the \"events\" key");
        assert_eq!(
            detail(br#"{"format":"1","events":[]}"#),
            "\"format\" must be a positive integer, found \"1\""
        );
        assert!(detail(b"\xEF\xBB\xBF{}").contains("byte order mark"));
    }

    #[test]
    fn a_bad_event_is_named_by_its_index_and_field() {
        assert_eq!(
            detail(&with_event(
                r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"finish"}"#
            )),
            "event 1: \"kind\": unknown kind \"finish\"; known kinds are start, done, skip, reopen, note, learn"
        );
        assert_eq!(
            detail(&with_event(
                r#"{"at":"2026-13-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"done"}"#
            )),
            "event 1: \"at\": \"2026-13-01T10:00:00Z\" is not an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00 (input is out of range)"
        );
        assert_eq!(
            detail(&with_event(
                r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","kind":"done"}"#
            )),
            "event 1: missing the \"step\" key"
        );
        assert_eq!(
            detail(&with_event(
                r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":7,"kind":"done"}"#
            )),
            "event 1: \"step\": expected a string, found a number"
        );
        assert_eq!(
            detail(&with_event(
                r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"done","note":[]}"#
            )),
            "event 1: \"note\": expected a string, found an array"
        );
        assert_eq!(
            detail(&with_event("\"done\"")),
            "event 1: expected an object, found a string"
        );
    }

    #[test]
    fn a_null_note_reads_as_no_note() {
        let state = parse(
            &path(),
            &with_event(
                r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"note","note":null}"#,
            ),
        )
        .unwrap();
        assert_eq!(state.events()[1].note, None);
        assert!(state.events()[1].extra.is_empty());
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size() {
        let big = vec![b' '; usize::try_from(MAX_STATE_BYTES).unwrap() + 1];
        assert_eq!(
            detail(&big),
            "it is 16777217 bytes, more than the 16777216 bytes (16 MiB) a state file may hold"
        );
        assert_eq!(
            too_large(50 * MIB),
            "it is 52428800 bytes, more than the 16777216 bytes (16 MiB) a state file may hold"
        );
    }

    #[test]
    fn a_newer_format_is_refused_naming_both_versions() {
        match parse(&path(), br#"{"format":7,"events":[]}"#) {
            Err(Error::StateTooNew {
                found: 7,
                supported: FORMAT,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }
}
