//! How an event is read from JSON: what serde's derive would do, except that fields this
//! version does not read keep their exact text (see `Extra`). The derive's `flatten` fills
//! such a map through serde's own buffer of values, which loses the text and refuses
//! numbers such as `1e400`. At 10,000 events the visitor read them in 49.0 M instructions
//! where the derive took 53.2 M (BENCHMARKS.md).
//!
//! The visitor reads `Fields`, the members every record of known kind has, so that the
//! quick path of `state.json` reads events and retractions in one pass over the file.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::json::Timestamp;
use super::{Event, EventKind, Extra};

/// The kind of a record whose other fields an event's reader can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Event(EventKind),
    /// A retraction: its `retracts` is kept in `extra`, as any field an event lacks.
    Retract,
}

const RETRACT: &str = "retract";

impl<'de> Deserialize<'de> for RecordKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = RecordKind;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a record kind")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<RecordKind, E> {
                match EventKind::from_name(name) {
                    Some(kind) => Ok(RecordKind::Event(kind)),
                    None if name == RETRACT => Ok(RecordKind::Retract),
                    None => Err(E::unknown_variant(name, KIND_NAMES)),
                }
            }
        }
        deserializer.deserialize_str(KindVisitor)
    }
}

const KIND_NAMES: &[&str] = &["start", "done", "skip", "reopen", "note", "learn", RETRACT];

/// The fields of an event or a retraction, as read; `id` and `seq` are `None` when absent
/// (format 1) and `note` is `Some` whenever the key is there, even as `null`.
#[derive(Debug)]
pub struct Fields {
    pub id: Option<String>,
    pub seq: Option<u64>,
    pub at: DateTime<FixedOffset>,
    pub roadmap: String,
    pub step: String,
    pub kind: RecordKind,
    pub note: Option<Option<String>>,
    pub extra: Extra,
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut fields = Fields::deserialize(deserializer)?;
        let RecordKind::Event(kind) = fields.kind else {
            return Err(de::Error::unknown_variant(RETRACT, &KIND_NAMES[..6]));
        };
        let (id, seq) = (
            fields.id.take().unwrap_or_default(),
            fields.seq.unwrap_or_default(),
        );
        Ok(fields.into_event(kind, id, seq))
    }
}

impl Fields {
    /// The event these fields are, of `kind`, under `id` and `seq`.
    pub fn into_event(self, kind: EventKind, id: String, seq: u64) -> Event {
        Event {
            id,
            seq,
            at: self.at,
            roadmap: self.roadmap,
            step: self.step,
            kind,
            note: self.note.flatten(),
            extra: self.extra,
        }
    }
}

/// An event's key: one of the fields every version reads, or another, kept in `extra`.
enum Key {
    Id,
    Seq,
    At,
    Roadmap,
    Step,
    Kind,
    Note,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "id" => Key::Id,
                    "seq" => Key::Seq,
                    "at" => Key::At,
                    "roadmap" => Key::Roadmap,
                    "step" => Key::Step,
                    "kind" => Key::Kind,
                    "note" => Key::Note,
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct Event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        /// Fills `slot` from the next value, refusing a field given twice as the derive does.
        fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
            map: &mut A,
            slot: &mut Option<T>,
            name: &'static str,
        ) -> Result<(), A::Error> {
            if slot.is_some() {
                return Err(de::Error::duplicate_field(name));
            }
            *slot = Some(map.next_value()?);
            Ok(())
        }
        let (mut id, mut seq, mut at, mut roadmap, mut step, mut kind, mut note) = (
            None,
            None,
            None::<Timestamp>,
            None,
            None,
            None,
            None::<Option<String>>,
        );
        let mut extra = Extra::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => once(&mut map, &mut id, "id")?,
                Key::Seq => once(&mut map, &mut seq, "seq")?,
                Key::At => once(&mut map, &mut at, "at")?,
                Key::Roadmap => once(&mut map, &mut roadmap, "roadmap")?,
                Key::Step => once(&mut map, &mut step, "step")?,
                Key::Kind => once(&mut map, &mut kind, "kind")?,
                Key::Note => once(&mut map, &mut note, "note")?,
                Key::Other(key) => {
                    let value: Box<RawValue> = map.next_value()?;
                    if let Err(key) = extra.insert_raw(key, value) {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                }
            }
        }
        Ok(Fields {
            id,
            seq,
            at: at.ok_or_else(|| de::Error::missing_field("at"))?.0,
            roadmap: roadmap.ok_or_else(|| de::Error::missing_field("roadmap"))?,
            step: step.ok_or_else(|| de::Error::missing_field("step"))?,
            kind: kind.ok_or_else(|| <A::Error as de::Error>::missing_field("kind"))?,
            note,
            extra,
        })
    }
}
