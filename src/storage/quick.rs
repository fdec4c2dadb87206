//! The quick path for reading a good `state.json`: events go straight from the bytes into
//! `Event`s, with no `serde_json::Value` tree in between (that tree and the conversion out of
//! it were most of the cost of reading a long history). It only ever accepts what the
//! precise parser accepts, with the same result, and gives up on anything else, so the
//! precise parser alone decides every refusal and its message.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::format::UTF8_BOM;
use super::{FORMAT, State, records};
use crate::domain::event::Event;
use crate::domain::history::{Record, is_id};

/// A good `state.json`, or `None` for anything unexpected. Events of known kinds go
/// straight into `Event`s; the rare others (retractions, unknown kinds) take the precise
/// per-record reader.
pub(super) fn parse(bytes: &[u8]) -> Option<State> {
    if bytes.starts_with(UTF8_BOM) {
        return None;
    }
    let mut top: BTreeMap<String, &RawValue> = serde_json::from_slice(bytes).ok()?;
    let format = serde_json::from_str::<u64>(top.remove("format")?.get()).ok()?;
    if !(1..=FORMAT).contains(&format) {
        return None;
    }
    let raw_events = serde_json::from_str::<Vec<&RawValue>>(top.remove("events")?.get()).ok()?;
    let records = if format == 1 {
        let events = raw_events
            .iter()
            .map(|raw| {
                serde_json::from_str::<Event>(raw.get())
                    .ok()
                    .filter(|e| e.id.is_empty() && e.seq == 0 && !has_format_2_keys(raw))
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
    let extra = top
        .into_iter()
        .map(|(key, raw)| serde_json::from_str::<Value>(raw.get()).map(|value| (key, value)))
        .collect::<serde_json::Result<Map<String, Value>>>()
        .ok()?;
    Some(State::from_records(records, extra, format))
}

/// `"id":0` or `"seq":"x"` in a format 1 event: the precise reader says what is wrong.
fn has_format_2_keys(raw: &RawValue) -> bool {
    let text = raw.get();
    text.contains("\"id\"") || text.contains("\"seq\"")
}

fn format_2_record(raw: &RawValue) -> Option<Record> {
    if let Ok(event) = serde_json::from_str::<Event>(raw.get())
        && is_id(&event.id)
        && event.seq >= 1
    {
        return Some(Record::Event(event));
    }
    let value: Value = serde_json::from_str(raw.get()).ok()?;
    records::format_2_record(value, || Ok(raw.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::storage::format::parse as parse_precisely;

    #[test]
    fn the_quick_path_reads_a_good_file_as_the_precise_one_does_and_only_that() {
        let good = br#"{"sync":{"peer":"laptop"},"events":[{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":"great"},{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"note","note":"x"}],"format":1}"#;
        let format_2 = br#"{"format":2,"events":[{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":"great"},{"id":"00000000000000bb","seq":2,"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"retract","retracts":"00000000000000aa"},{"id": "00000000000000cc", "seq": 3, "at": "2026-03-01T10:00:00Z", "kind": "lab"}]}"#;
        for good in [&good[..], format_2] {
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
}
