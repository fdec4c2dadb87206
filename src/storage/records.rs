//! The records of `state.json`: format 2 records read and checked, format 1 events migrated
//! (the same file to the same records on every machine).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::state_file::{event, timestamp};
use crate::domain::event::Event;
use crate::domain::history::{Record, RetractKind, Retraction, Unknown, derived_id, is_id};
use crate::domain::roadmap_json::type_name;

/// The records of the `events` array of a file of `format`, read from `values`; `bytes` is
/// the whole file, for the exact text of records of unknown kinds.
pub(super) fn read<'b>(
    bytes: &'b [u8],
    format: u64,
    values: Vec<Value>,
) -> Result<Vec<Record>, String> {
    if format == 1 {
        let events = values
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                format_1_event(value).map_err(|detail| format!("event {index}: {detail}"))
            })
            .collect::<Result<Vec<_>, String>>()?;
        return Ok(migrate(events));
    }
    let mut raw: Option<Vec<&'b RawValue>> = None;
    let mut records = Vec::with_capacity(values.len());
    for (index, value) in values.into_iter().enumerate() {
        let raw_of = |raw: &mut Option<Vec<&'b RawValue>>| -> Result<Box<RawValue>, String> {
            if raw.is_none() {
                #[derive(Deserialize)]
                struct Events<'a> {
                    #[serde(borrow)]
                    events: Vec<&'a RawValue>,
                }
                let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
                let events: Events = serde_json::from_str(text).map_err(|e| e.to_string())?;
                *raw = Some(events.events);
            }
            Ok(raw.as_ref().expect("just read")[index].to_owned())
        };
        let record = format_2_record(value, || raw_of(&mut raw))
            .map_err(|detail| format!("event {index}: {detail}"))?;
        records.push(record);
    }
    unique_ids(&records)?;
    Ok(records)
}

/// A format 1 event: the fields format 2 added are not expected in it.
fn format_1_event(value: Value) -> Result<Event, String> {
    let Value::Object(fields) = value else {
        return Err(format!("expected an object, found {}", type_name(&value)));
    };
    if let Some(key) = ["id", "seq"].into_iter().find(|k| fields.contains_key(*k)) {
        return Err(format!(
            "{key:?} is a field of format 2, in a format 1 file"
        ));
    }
    event(fields)
}

/// Format 1 events as format 2 records. Each id is derived from the event's JSON and its
/// occurrence among identical events; `seq` is its place in the file, so events at the same
/// `at` keep the order format 1 folded them in. The same file gives the same records anywhere.
pub(super) fn migrate(events: Vec<Event>) -> Vec<Record> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    events
        .into_iter()
        .zip(1..)
        .map(|(mut event, seq)| {
            let canonical = serde_json::to_string(&event).expect("events always serialize");
            let occurrence = seen.entry(canonical.clone()).or_default();
            event.id = derived_id(&canonical, *occurrence);
            *occurrence += 1;
            event.seq = seq;
            Record::Event(event)
        })
        .collect()
}

/// One format 2 record; `raw` gives its exact text, kept for a kind this version does not know.
pub(super) fn format_2_record(
    value: Value,
    raw: impl FnOnce() -> Result<Box<RawValue>, String>,
) -> Result<Record, String> {
    let Value::Object(mut fields) = value else {
        return Err(format!("expected an object, found {}", type_name(&value)));
    };
    let id = match fields.remove("id") {
        Some(Value::String(id)) if is_id(&id) => id,
        None => return Err("missing the \"id\" key".into()),
        Some(other) => {
            return Err(format!(
                "\"id\": expected 16 lowercase hex characters, found {other}"
            ));
        }
    };
    let seq = match fields.remove("seq") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|seq| seq >= 1) => {
            n.as_u64().unwrap_or_default()
        }
        None => return Err("missing the \"seq\" key".into()),
        Some(other) => {
            return Err(format!(
                "\"seq\": expected a whole number from 1, found {other}"
            ));
        }
    };
    let kind = match fields.get("kind") {
        Some(Value::String(kind)) => kind.clone(),
        None => return Err("missing the \"kind\" key".into()),
        Some(other) => {
            return Err(format!(
                "\"kind\": expected a string, found {}",
                type_name(other)
            ));
        }
    };
    if kind == "retract" {
        return retraction(id, seq, fields).map(Record::Retract);
    }
    if crate::domain::event::EventKind::from_name(&kind).is_none() {
        let at = match fields.get("at") {
            Some(Value::String(at)) => timestamp(at)?,
            _ => return Err("missing the \"at\" key, or not a string".into()),
        };
        return Ok(Record::Unknown(Unknown {
            id,
            seq,
            at,
            kind,
            raw: raw()?,
        }));
    }
    let mut event = event(fields)?;
    event.id = id;
    event.seq = seq;
    Ok(Record::Event(event))
}

fn retraction(id: String, seq: u64, mut fields: Map<String, Value>) -> Result<Retraction, String> {
    fields.remove("kind");
    let mut text = |field: &str| match fields.remove(field) {
        Some(Value::String(text)) => Ok(text),
        None => Err(format!("missing the {field:?} key")),
        Some(other) => Err(format!(
            "{field:?}: expected a string, found {}",
            type_name(&other)
        )),
    };
    let at = timestamp(&text("at")?)?;
    let roadmap = text("roadmap")?;
    let step = text("step")?;
    let retracts = text("retracts")?;
    if !is_id(&retracts) {
        return Err(format!(
            "\"retracts\": {retracts:?} is not an id (16 lowercase hex characters)"
        ));
    }
    Ok(Retraction {
        id,
        seq,
        at,
        roadmap,
        step,
        kind: RetractKind::Retract,
        retracts,
        extra: fields,
    })
}

/// Two records under one id would make merge and undo ambiguous.
pub(super) fn unique_ids(records: &[Record]) -> Result<(), String> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        if let Some(earlier) = first.insert(record.id(), index) {
            return Err(format!(
                "event {index}: id {:?} is also the id of event {earlier}",
                record.id()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(events: &str) -> String {
        let text = format!(r#"{{"format":2,"events":[{events}]}}"#);
        match super::super::state_file::parse(std::path::Path::new("state.json"), text.as_bytes()) {
            Err(crate::error::Error::CorruptState { detail, .. }) => detail,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_bad_format_2_record_is_named_by_its_index_and_field() {
        const DONE: &str = r#""at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done""#;
        assert_eq!(
            refusal(&format!("{{{DONE}}}")),
            "event 0: missing the \"id\" key"
        );
        assert_eq!(
            refusal(&format!(r#"{{"id":"00000000000000aa",{DONE}}}"#)),
            "event 0: missing the \"seq\" key"
        );
        assert_eq!(
            refusal(&format!(r#"{{"id":"00000000000000aa","seq":0,{DONE}}}"#)),
            "event 0: \"seq\": expected a whole number from 1, found 0"
        );
        assert_eq!(
            refusal(&format!(r#"{{"id":"00AA","seq":1,{DONE}}}"#)),
            "event 0: \"id\": expected 16 lowercase hex characters, found \"00AA\""
        );
        assert_eq!(
            refusal(&format!(
                r#"{{"id":"00000000000000aa","seq":1,{DONE}}},{{"id":"00000000000000aa","seq":2,{DONE}}}"#
            )),
            "event 1: id \"00000000000000aa\" is also the id of event 0"
        );
        assert_eq!(
            refusal(
                r#"{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"retract","retracts":"x"}"#
            ),
            "event 0: \"retracts\": \"x\" is not an id (16 lowercase hex characters)"
        );
        assert_eq!(
            refusal(r#"{"id":"00000000000000aa","seq":1,"kind":"lab"}"#),
            "event 0: missing the \"at\" key, or not a string"
        );
    }

    #[test]
    fn the_same_format_1_events_migrate_to_the_same_ids_and_twins_differ() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        let note = Event::new(
            at,
            "mlops",
            "a",
            crate::domain::event::EventKind::Note,
            None,
        );
        let once = migrate(vec![note.clone(), note.clone()]);
        let again = migrate(vec![note.clone(), note]);
        assert_eq!(once, again);
        assert_ne!(once[0].id(), once[1].id());
        assert_eq!((once[0].seq(), once[1].seq()), (1, 2));
    }
}
