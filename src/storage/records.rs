//! The records of `state.json`: format 2 records read and checked, format 1 events migrated
//! (the same file to the same records on every machine).
//!
//! Records are read from the exact text of each value, never through a `serde_json::Value`
//! tree: a field this version does not know keeps its bytes, whatever number or escape it
//! holds, and the known fields are checked one by one so a message names the field.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use serde_json::value::RawValue;

use crate::domain::event::{Event, EventKind, Extra};
use crate::domain::history::{Record, RetractKind, Retraction, Unknown, derived_id, is_id};

/// An object's members, each value as its exact text. A key given twice keeps the last;
/// the file's duplicate-key check refuses such a file before its records are used.
pub(super) type Members<'a> = BTreeMap<String, &'a RawValue>;

/// What kind of JSON value `raw` is, for messages ("an object", "a number", ...).
pub(super) fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// The members of `raw`, or what it is instead of an object.
pub(super) fn members(raw: &RawValue) -> Result<Members<'_>, String> {
    if !raw.get().starts_with('{') {
        return Err(format!("expected an object, found {}", kind_of(raw)));
    }
    serde_json::from_str(raw.get()).map_err(|e| e.to_string())
}

/// `members` kept as their exact text: fields written by a newer version.
pub(super) fn extra(members: Members) -> Extra {
    let mut extra = Extra::default();
    for (key, raw) in members {
        // The keys of a map are unique: nothing is refused here.
        let _ = extra.insert_raw(key, raw.to_owned());
    }
    extra
}

/// The records of the `events` array of a file of `format`.
pub(super) fn read(format: u64, values: &[&RawValue]) -> Result<Vec<Record>, String> {
    let at_index = |index: usize| move |detail: String| format!("event {index}: {detail}");
    if format == 1 {
        let events = values
            .iter()
            .enumerate()
            .map(|(index, raw)| format_1_event(raw).map_err(at_index(index)))
            .collect::<Result<Vec<_>, String>>()?;
        return Ok(migrate(events));
    }
    let records = values
        .iter()
        .enumerate()
        .map(|(index, raw)| format_2_record(raw).map_err(at_index(index)))
        .collect::<Result<Vec<_>, String>>()?;
    unique_ids(&records)?;
    Ok(records)
}

/// A format 1 event: the fields format 2 added are not expected in it.
fn format_1_event(raw: &RawValue) -> Result<Event, String> {
    let fields = members(raw)?;
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

/// One format 2 record; a kind this version does not know is kept as its exact text.
pub(super) fn format_2_record(raw: &RawValue) -> Result<Record, String> {
    let mut fields = members(raw)?;
    let id = match fields.remove("id") {
        None => return Err("missing the \"id\" key".into()),
        Some(id) => serde_json::from_str::<String>(id.get())
            .ok()
            .filter(|id| is_id(id))
            .ok_or_else(|| {
                format!(
                    "\"id\": expected 16 lowercase hex characters, found {}",
                    id.get()
                )
            })?,
    };
    let seq = match fields.remove("seq") {
        None => return Err("missing the \"seq\" key".into()),
        Some(seq) => serde_json::from_str::<u64>(seq.get())
            .ok()
            .filter(|&seq| seq >= 1)
            .ok_or_else(|| {
                format!(
                    "\"seq\": expected a whole number from 1, found {}",
                    seq.get()
                )
            })?,
    };
    let kind = match fields.get("kind") {
        None => return Err("missing the \"kind\" key".into()),
        Some(kind) => serde_json::from_str::<String>(kind.get())
            .map_err(|_| format!("\"kind\": expected a string, found {}", kind_of(kind)))?,
    };
    if kind == "retract" {
        return retraction(id, seq, fields).map(Record::Retract);
    }
    if EventKind::from_name(&kind).is_none() {
        let at = match fields
            .get("at")
            .map(|at| serde_json::from_str::<String>(at.get()))
        {
            Some(Ok(at)) => timestamp(&at)?,
            _ => return Err("missing the \"at\" key, or not a string".into()),
        };
        return Ok(Record::Unknown(Unknown {
            id,
            seq,
            at,
            kind,
            raw: raw.to_owned(),
        }));
    }
    let mut event = event(fields)?;
    event.id = id;
    event.seq = seq;
    Ok(Record::Event(event))
}

/// Removes `field`, a string, from `fields`.
fn text(fields: &mut Members, field: &str) -> Result<String, String> {
    match fields.remove(field) {
        None => Err(format!("missing the {field:?} key")),
        Some(raw) => serde_json::from_str(raw.get())
            .map_err(|_| format!("{field:?}: expected a string, found {}", kind_of(raw))),
    }
}

/// One event, checked field by field so the message names the field; other fields are kept.
fn event(mut fields: Members) -> Result<Event, String> {
    let at = text(&mut fields, "at")?;
    let roadmap = text(&mut fields, "roadmap")?;
    let step = text(&mut fields, "step")?;
    let kind = text(&mut fields, "kind")?;
    let at = timestamp(&at)?;
    let kind = EventKind::from_name(&kind).ok_or_else(|| {
        let known: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "\"kind\": unknown kind {kind:?}; known kinds are {}",
            known.join(", ")
        )
    })?;
    let note = match fields.remove("note") {
        None => None,
        Some(raw) => serde_json::from_str::<Option<String>>(raw.get())
            .map_err(|_| format!("\"note\": expected a string, found {}", kind_of(raw)))?,
    };
    Ok(Event {
        id: String::new(),
        seq: 0,
        at,
        roadmap,
        step,
        kind,
        note,
        extra: extra(fields),
    })
}

fn timestamp(at: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(at).map_err(|e| {
        format!(
            "\"at\": {at:?} is not an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00 ({e})"
        )
    })
}

fn retraction(id: String, seq: u64, mut fields: Members) -> Result<Retraction, String> {
    fields.remove("kind");
    let at = timestamp(&text(&mut fields, "at")?)?;
    let roadmap = text(&mut fields, "roadmap")?;
    let step = text(&mut fields, "step")?;
    let retracts = text(&mut fields, "retracts")?;
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
        extra: extra(fields),
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
    fn the_first_repeated_id_is_named_with_its_first_record() {
        let events: Vec<String> = ["aa", "bb", "cc", "bb", "aa", "bb"]
            .iter()
            .zip(1..)
            .map(|(id, seq)| {
                format!(
                    r#"{{"id":"00000000000000{id}","seq":{seq},"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done"}}"#
                )
            })
            .collect();
        assert_eq!(
            refusal(&events.join(",")),
            "event 3: id \"00000000000000bb\" is also the id of event 1"
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
