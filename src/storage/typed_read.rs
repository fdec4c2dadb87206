//! The quick path for reading a good `state.json`: events go straight from the bytes into
//! `Event`s, with no `serde_json::Value` tree in between (that tree and the conversion out of
//! it were most of the cost of reading a long history). It only ever accepts what the
//! precise parser accepts, with the same result, and gives up on anything else, so the
//! precise parser alone decides every refusal and its message.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use serde_json::value::RawValue;

use super::state_file::UTF8_BOM;
use super::{FORMAT, State, records, unique_keys};
use crate::domain::event::Event;
use crate::domain::history::{Record, is_id};

/// A good `state.json`, or `None` for anything unexpected. Events of known kinds go
/// straight into `Event`s; the rare others (retractions, unknown kinds) take the precise
/// per-record reader.
pub(super) fn parse(bytes: &[u8]) -> Option<State> {
    if bytes.starts_with(UTF8_BOM) {
        return None;
    }
    let Top {
        members: mut top,
        events,
    } = serde_json::from_slice(bytes).ok()?;
    let format = serde_json::from_str::<u64>(top.remove("format")?.get()).ok()?;
    if !(1..=FORMAT).contains(&format) {
        return None;
    }
    let raw_events = events?;
    let records = if format == 1 {
        let events = raw_events
            .iter()
            .map(|raw| {
                read_event(raw).filter(|e| e.id.is_empty() && e.seq == 0 && !has_format_2_keys(raw))
            })
            .collect::<Option<Vec<Event>>>()?;
        records::migrate(events)
    } else {
        let records = raw_events
            .iter()
            .map(|raw| format_2_record(raw))
            .collect::<Option<Vec<Record>>>()?;
        records::unique_ids(&records).ok()?;
        records
    };
    if top
        .values()
        .any(|raw| unique_keys::duplicate_key(raw.get().as_bytes()).is_some())
    {
        return None;
    }
    Some(State::from_records(records, records::extra(top), format))
}

/// `"id":0` or `"seq":"x"` in a format 1 event: the precise reader says what is wrong.
fn has_format_2_keys(raw: &RawValue) -> bool {
    let text = raw.get();
    text.contains("\"id\"") || text.contains("\"seq\"")
}

fn format_2_record(raw: &RawValue) -> Option<Record> {
    if let Some(event) = read_event(raw)
        && is_id(&event.id)
        && event.seq >= 1
    {
        return Some(Record::Event(event));
    }
    if unique_keys::duplicate_key(raw.get().as_bytes()).is_some() {
        return None;
    }
    records::format_2_record(raw).ok()
}

// Duplicate keys are refused anywhere in the file, and JSON readers keep one of two equal
// keys silently. A separate pass over every byte cost a quarter of a long `status`, so the
// quick path checks where a duplicate could hide: the event reader refuses a field given
// twice, the top level is read by `Top`, which refuses a repeated key, and only values kept
// as raw text that can hold keys (objects and arrays in unknown fields, unknown records,
// top-level extras: rare) are scanned again. The `change` on most events is a string.

/// An event of the known shape, or `None` when it is not one or hides a duplicate key.
fn read_event(raw: &RawValue) -> Option<Event> {
    let event = serde_json::from_str::<Event>(raw.get()).ok()?;
    let clean = event.extra.iter().all(|(_, value)| {
        !value.starts_with(['{', '[']) || unique_keys::duplicate_key(value.as_bytes()).is_none()
    });
    clean.then_some(event)
}

/// The top-level object: `events` split into its elements in the same pass, the other
/// members kept raw; refused when a key appears twice.
struct Top<'a> {
    members: BTreeMap<String, &'a RawValue>,
    events: Option<Vec<&'a RawValue>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Top<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for TopVisitor<'a> {
            type Value = Top<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'a>, A::Error> {
                let mut top = Top {
                    members: BTreeMap::new(),
                    events: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    let repeated = if key == "events" {
                        top.events.replace(map.next_value()?).is_some()
                    } else {
                        top.members.insert(key, map.next_value()?).is_some()
                    };
                    if repeated {
                        return Err(de::Error::custom("duplicate key"));
                    }
                }
                Ok(top)
            }
        }
        deserializer.deserialize_map(TopVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::storage::state_file::parse as parse_precisely;

    #[test]
    fn the_quick_path_reads_a_good_file_as_the_precise_one_does_and_only_that() {
        let good = br#"{"sync":{"peer":"laptop"},"events":[{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":"great"},{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"note","note":"x"}],"format":1}"#;
        let format_2 = br#"{"format":2,"events":[{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":"great"},{"id":"00000000000000bb","seq":2,"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"retract","retracts":"00000000000000aa"},{"id": "00000000000000cc", "seq": 3, "at": "2026-03-01T10:00:00Z", "kind": "lab"}]}"#;
        let awkward = br#"{"format":2,"zz":{"b":1e400,"a":"\u00e9"},"events":[{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":{"z": 1.00000000000000001, "a": "\/"}},{"id":"00000000000000cc","seq":3,"at":"2026-03-01T10:00:00Z","kind":"lab","n":1e400}]}"#;
        for good in [&good[..], format_2, awkward] {
            let quick = parse(good).expect("a good file takes the quick path");
            assert_eq!(
                quick,
                parse_precisely(Path::new("state.json"), good).unwrap()
            );
        }
        for bad in [
            &br#"{"format":3,"events":[]}"#[..],
            br#"{"format":0,"events":[]}"#,
            br#"{"format":1}"#,
            br#"{"format":1,"events":[{"kind":"done"}]}"#,
            br#"{"format":1,"events":[{"id":"00000000000000aa","at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done"}]}"#,
            br#"{"format":2,"events":[{"id":"00000000000000aa","at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done"}]}"#,
            br#"{"format":2,"events":[{"id":"AA","seq":1,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done"}]}"#,
            b"\xEF\xBB\xBF{\"format\":1,\"events\":[]}",
        ] {
            assert_eq!(parse(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_duplicate_key_anywhere_sends_the_file_to_the_precise_parser() {
        let event = r#""id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done""#;
        let retract = r#""id":"00000000000000bb","seq":2,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"retract","retracts":"00000000000000aa""#;
        let files = [
            format!(r#"{{"format":2,"format":2,"events":[{{{event}}}]}}"#),
            format!(r#"{{"format":2,"events":[],"events":[{{{event}}}]}}"#),
            format!(r#"{{"format":2,"events":[{{{event},"step":"b"}}]}}"#),
            format!(r#"{{"format":2,"events":[{{{event},"mood":1,"mood":2}}]}}"#),
            format!(r#"{{"format":2,"events":[{{{event},"mood":{{"x":1,"x":2}}}}]}}"#),
            format!(r#"{{"format":2,"events":[{{{event}}},{{{retract},"why":1,"why":2}}]}}"#),
            format!(r#"{{"format":2,"sync":{{"peer":1,"peer":2}},"events":[{{{event}}}]}}"#),
        ];
        for file in &files {
            assert_eq!(parse(file.as_bytes()), None, "{file}");
            let refused = parse_precisely(Path::new("state.json"), file.as_bytes()).unwrap_err();
            assert!(
                refused.to_string().contains("duplicate"),
                "{file}: {refused}"
            );
        }
        let clean = format!(r#"{{"format":2,"events":[{{{event},"mood":{{"x":1,"y":2}}}}]}}"#);
        assert!(parse(clean.as_bytes()).is_some());
    }
}
