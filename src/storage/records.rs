//! The records of `state.json`: format 2 records read and checked, format 1 events migrated
//! (the same file to the same records on every machine), and duplicate keys refused.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::format::{event, timestamp};
use crate::domain::event::Event;
use crate::domain::history::{Record, RetractKind, Retraction, Unknown, derived_id, is_id};
use crate::domain::shape::type_name;

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

/// A key that appears twice in one object, anywhere in `bytes`, with its line and column:
/// JSON readers would silently keep one of the two, and a rewrite would drop the other.
pub(super) fn duplicate_key(bytes: &[u8]) -> Option<String> {
    serde_json::from_slice::<NoDuplicates>(bytes)
        .err()
        .map(|e| e.to_string())
}

struct NoDuplicates;

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NoDuplicatesVisitor)
    }
}

struct NoDuplicatesVisitor;

impl<'de> Visitor<'de> for NoDuplicatesVisitor {
    type Value = NoDuplicates;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_unit<E>(self) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NoDuplicates, A::Error> {
        while seq.next_element::<NoDuplicates>()?.is_some() {}
        Ok(NoDuplicates)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicates, A::Error> {
        let mut seen: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if seen.contains(&key) {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
            seen.insert(key);
            map.next_value::<NoDuplicates>()?;
        }
        Ok(NoDuplicates)
    }
}

/// An object key, borrowed from the text unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_is_named_with_its_line_and_column_at_any_depth() {
        assert_eq!(
            duplicate_key(b"{\"format\":2,\n\"events\":[],\"events\":[]}").as_deref(),
            Some("duplicate key \"events\" at line 2 column 20")
        );
        assert_eq!(
            duplicate_key(br#"{"a":[{"x":{"k":1,"k\u0041":2,"kA":3}}]}"#).as_deref(),
            Some("duplicate key \"kA\" at line 1 column 34")
        );
        assert_eq!(
            duplicate_key(br#"{"a":{"k":1},"b":{"k":[1,{"k":2}]}}"#),
            None
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
