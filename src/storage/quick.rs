//! The quick path for reading a good `state.json`: events go straight from the bytes into
//! `Event`s, with no `serde_json::Value` tree in between (that tree and the conversion out of
//! it were most of the cost of reading a long history). It only ever accepts what the
//! precise parser accepts, with the same result, and gives up on anything else, so the
//! precise parser alone decides every refusal and its message.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::format::UTF8_BOM;
use super::{FORMAT, State};
use crate::domain::event::Event;

/// A good `state.json`, or `None` for anything unexpected.
pub(super) fn parse(bytes: &[u8]) -> Option<State> {
    if bytes.starts_with(UTF8_BOM) {
        return None;
    }
    let mut top: BTreeMap<String, &RawValue> = serde_json::from_slice(bytes).ok()?;
    let format = serde_json::from_str::<u64>(top.remove("format")?.get()).ok()?;
    if !(1..=FORMAT).contains(&format) {
        return None;
    }
    let events = serde_json::from_str::<Vec<Event>>(top.remove("events")?.get()).ok()?;
    let extra = top
        .into_iter()
        .map(|(key, raw)| serde_json::from_str::<Value>(raw.get()).map(|value| (key, value)))
        .collect::<serde_json::Result<Map<String, Value>>>()
        .ok()?;
    Some(State {
        events,
        extra,
        dirty: false,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::storage::format::parse as parse_precisely;

    #[test]
    fn the_quick_path_reads_a_good_file_as_the_precise_one_does_and_only_that() {
        let good = br#"{"sync":{"peer":"laptop"},"events":[{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","mood":"great"},{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"note","note":"x"}],"format":1}"#;
        let quick = parse(good).expect("a good file takes the quick path");
        assert_eq!(
            quick,
            parse_precisely(Path::new("state.json"), good).unwrap()
        );
        for bad in [
            &br#"{"format":2,"events":[]}"#[..],
            br#"{"format":0,"events":[]}"#,
            br#"{"format":1}"#,
            br#"{"format":1,"events":[{"kind":"done"}]}"#,
            b"\xEF\xBB\xBF{\"format\":1,\"events\":[]}",
        ] {
            assert_eq!(parse(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
