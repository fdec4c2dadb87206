//! The quick path for reading a good `state.json`: events go straight from the bytes into
//! `Event`s, with no `serde_json::Value` tree in between (that tree and the conversion out of
//! it were most of the cost of reading a long history). It only ever accepts what the
//! precise parser accepts, with the same result, and gives up on anything else, so the
//! precise parser alone decides every refusal and its message.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use serde_json::value::RawValue;

use super::state_file::UTF8_BOM;
use super::{FORMAT, State, records, unique_keys};
use crate::domain::event::{Event, Fields, RecordKind};
use crate::domain::history::{Record, RetractKind, Retraction, is_id};

/// A good `state.json`, or `None` for anything unexpected. Events and retractions go
/// straight from the bytes into records in one pass; a file holding anything else (a kind
/// a newer version wrote, a retraction with a note) takes the precise reader.
pub(super) fn parse(bytes: &[u8]) -> Option<State> {
    if bytes.starts_with(UTF8_BOM) {
        return None;
    }
    // One check of the whole text: reading from bytes checks every string on its own,
    // which was an eighth of reading a year of history.
    let text = std::str::from_utf8(bytes).ok()?;
    let Top {
        members: mut top,
        events,
    } = Top::read(text)?;
    let format = serde_json::from_str::<u64>(top.remove("format")?.get()).ok()?;
    if !(1..=FORMAT).contains(&format) {
        return None;
    }
    let fields = events?;
    if fields.iter().any(hides_duplicate_key) {
        return None;
    }
    let records = if format == 1 {
        let events = fields
            .into_iter()
            .map(format_1_event)
            .collect::<Option<Vec<Event>>>()?;
        records::migrate(events)
    } else {
        let mut records = Vec::with_capacity(fields.len());
        for fields in fields {
            records.push(format_2_record(fields)?);
        }
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

/// A format 1 event: it has neither of the fields format 2 added.
fn format_1_event(fields: Fields) -> Option<Event> {
    match (&fields.id, fields.seq, fields.kind) {
        (None, None, RecordKind::Event(kind)) => Some(fields.into_event(kind, String::new(), 0)),
        _ => None,
    }
}

fn format_2_record(mut fields: Fields) -> Option<Record> {
    let id = fields.id.take().filter(|id| is_id(id))?;
    let seq = fields.seq.filter(|&seq| seq >= 1)?;
    match fields.kind {
        RecordKind::Event(kind) => Some(Record::Event(fields.into_event(kind, id, seq))),
        // A retraction's note is an unknown field, kept as text: the precise reader's part.
        RecordKind::Retract if fields.note.is_some() => None,
        RecordKind::Retract => {
            let retracts = fields.extra.remove("retracts")?;
            let retracts = serde_json::from_str::<String>(retracts.get())
                .ok()
                .filter(|retracts| is_id(retracts))?;
            Some(Record::Retract(Retraction {
                id,
                seq,
                at: fields.at,
                roadmap: fields.roadmap,
                step: fields.step,
                kind: RetractKind::Retract,
                retracts,
                extra: fields.extra,
            }))
        }
    }
}

// Duplicate keys are refused anywhere in the file, and JSON readers keep one of two equal
// keys silently. A separate pass over every byte cost a quarter of a long `status`, so the
// quick path checks where a duplicate could hide: the record reader refuses a field given
// twice, the top level is read by `Top`, which refuses a repeated key, and only values kept
// as raw text that can hold keys (objects and arrays in unknown fields, top-level extras:
// rare) are scanned again. The `change` on most events is a string.

/// A field kept as text that holds a key twice.
fn hides_duplicate_key(fields: &Fields) -> bool {
    fields.extra.iter().any(|(_, value)| {
        value.starts_with(['{', '[']) && unique_keys::duplicate_key(value.as_bytes()).is_some()
    })
}

/// The top-level object: `events` read into records' fields in the same pass, the other
/// members kept raw; refused when a key appears twice.
struct Top<'a> {
    members: BTreeMap<String, &'a RawValue>,
    events: Option<Vec<Fields>>,
}

/// The smallest record this program writes takes more bytes than this.
const MIN_RECORD_BYTES: usize = 90;

impl<'a> Top<'a> {
    /// Reads `text`, with room for one record per line (the layout this program writes,
    /// so the events are never copied to a larger vector), bounded by the text's length.
    fn read(text: &'a str) -> Option<Self> {
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let capacity = lines.min(text.len() / MIN_RECORD_BYTES);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let top = deserializer
            .deserialize_map(TopVisitor {
                capacity,
                text: PhantomData,
            })
            .ok()?;
        deserializer.end().ok()?;
        Some(top)
    }
}

struct TopVisitor<'a> {
    capacity: usize,
    text: PhantomData<&'a ()>,
}

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
                let events = map.next_value_seed(Events(self.capacity))?;
                top.events.replace(events).is_some()
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

/// The `events` array, read into a vector of a given capacity.
struct Events(usize);

impl<'de> DeserializeSeed<'de> for Events {
    type Value = Vec<Fields>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Fields>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events {
    type Value = Vec<Fields>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Fields>, A::Error> {
        let mut events = Vec::with_capacity(self.0);
        while let Some(fields) = seq.next_element()? {
            events.push(fields);
        }
        Ok(events)
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
        let format_2 = br#"{"format":2,"events":[{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":"great"},{"id": "00000000000000bb", "seq": 2, "at": "2026-03-01T10:00:00Z", "roadmap": "mlops", "step": "a", "kind": "retract", "retracts": "00000000000000aa", "why": [1]}]}"#;
        let awkward = br#"{"format":2,"zz":{"b":1e400,"a":"\u00e9"},"events":[{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":{"z": 1.00000000000000001, "a": "\/"},"n":1e400}]}"#;
        for good in [&good[..], format_2, awkward] {
            let quick = parse(good).expect("a good file takes the quick path");
            assert_eq!(
                quick,
                parse_precisely(Path::new("state.json"), good).unwrap()
            );
        }
        // Read correctly, but by the precise reader: kinds a newer version wrote, and a
        // retraction's note, which only it keeps as text.
        for rare in [
            &br#"{"format":2,"events":[{"id":"00000000000000cc","seq":3,"at":"2026-03-01T10:00:00Z","kind":"lab","n":1e400}]}"#[..],
            br#"{"format":2,"events":[{"id":"00000000000000bb","seq":2,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"retract","retracts":"00000000000000aa","note":"x"}]}"#,
        ] {
            assert_eq!(parse(rare), None, "{}", String::from_utf8_lossy(rare));
            assert!(parse_precisely(Path::new("state.json"), rare).is_ok());
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
            br#"{"format":1,"events":[{"seq":1,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"done"}]}"#,
            br#"{"format":1,"events":[{"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"retract","retracts":"00000000000000aa"}]}"#,
            br#"{"format":2,"events":[{"id":"00000000000000bb","seq":2,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"retract"}]}"#,
            br#"{"format":2,"events":[{"id":"00000000000000bb","seq":2,"at":"2026-03-01T10:00:00Z","roadmap":"m","step":"a","kind":"retract","retracts":"AA"}]}"#,
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
