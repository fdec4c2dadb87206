//! The `state.json` format: parsing with precise messages, and the one-event-per-line layout.
//!
//! Parsing never panics, whatever the bytes (a fuzz target and a property test hold it to
//! that), and every refusal says what is wrong and where: a line and column for JSON that
//! does not parse, a key for the wrong shape, an event's index (counting from 0, as
//! `jq '.events[3]'` does) and field for a bad event.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::{State, records, unique_keys};
use crate::domain::event::{Event, EventKind};
use crate::domain::roadmap_json::type_name;
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
    let value: Value = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
    let Value::Object(mut top) = value else {
        return Err(corrupt(format!(
            "expected a JSON object at the top level, found {}",
            type_name(&value)
        )));
    };
    let format = match top.remove("format") {
        None => return Err(corrupt("missing the \"format\" key".into())),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|f| f >= 1) => {
            n.as_u64().unwrap_or_default()
        }
        Some(other) => {
            return Err(corrupt(format!(
                "\"format\" must be a positive integer, found {other}"
            )));
        }
    };
    if format > FORMAT {
        return Err(Error::StateTooNew {
            path: path.to_owned(),
            found: format,
            supported: FORMAT,
        });
    }
    let events = match top.remove("events") {
        None => return Err(corrupt("missing the \"events\" key".into())),
        Some(Value::Array(events)) => events,
        Some(other) => {
            return Err(corrupt(format!(
                "\"events\" must be an array, found {}",
                type_name(&other)
            )));
        }
    };
    if let Some(detail) = unique_keys::duplicate_key(bytes) {
        return Err(corrupt(detail));
    }
    let records = records::read(bytes, format, events).map_err(corrupt)?;
    Ok(State::from_records(records, top, format))
}

/// One event, checked field by field so the message names the field; unknown fields are kept.
pub(super) fn event(mut fields: Map<String, Value>) -> Result<Event, String> {
    let mut text = |field: &str| match fields.remove(field) {
        None => Err(format!("missing the {field:?} key")),
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(format!(
            "{field:?}: expected a string, found {}",
            type_name(&other)
        )),
    };
    let at = text("at")?;
    let roadmap = text("roadmap")?;
    let step = text("step")?;
    let kind = text("kind")?;
    let at = timestamp(&at)?;
    let kind = EventKind::from_name(&kind).ok_or_else(|| {
        let known: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "\"kind\": unknown kind {kind:?}; known kinds are {}",
            known.join(", ")
        )
    })?;
    let note = match fields.remove("note") {
        None | Some(Value::Null) => None,
        Some(Value::String(note)) => Some(note),
        Some(other) => {
            return Err(format!(
                "\"note\": expected a string, found {}",
                type_name(&other)
            ));
        }
    };
    Ok(Event {
        id: String::new(),
        seq: 0,
        at,
        roadmap,
        step,
        kind,
        note,
        extra: fields,
    })
}

pub(super) fn timestamp(at: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(at).map_err(|e| {
        format!(
            "\"at\": {at:?} is not an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00 ({e})"
        )
    })
}

/// One event per line, so the file reads well and diffs cleanly.
pub fn serialize(state: &State) -> Vec<u8> {
    let mut out = format!("{{\n  \"format\": {FORMAT},\n  \"events\": [");
    for (index, record) in state.records.iter().enumerate() {
        out.push_str(if index == 0 { "\n    " } else { ",\n    " });
        out.push_str(&record.to_json());
    }
    out.push_str(if state.records.is_empty() {
        "]"
    } else {
        "\n  ]"
    });
    for (key, value) in &state.extra {
        out.push_str(",\n  ");
        out.push_str(&Value::String(key.clone()).to_string());
        out.push_str(": ");
        out.push_str(&value.to_string());
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
        assert_eq!(state.events()[0].extra["mood"], "great");
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
        assert_eq!(again.extra["sync"]["peer"], "laptop");
        assert_eq!(serialize(&again), written);
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
