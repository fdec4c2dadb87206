//! Fields an event carries beyond the ones every version reads: those a newer version wrote,
//! and the optional ones this version reads through an accessor of its own (`spent`,
//! `change`, `link`, `evidence`).
//!
//! Each value is kept as the exact JSON text it was read as, so a rewrite changes none of
//! its bytes: a number serde would round (`1.00000000000000001`) or refuse (`1e400`), the
//! key order of a nested object and every `\u` escape come back as they were. Keys are
//! kept as the text they name and written in sorted order, the layout this program writes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

#[derive(Debug, Clone, Default)]
pub struct Extra(BTreeMap<String, Box<RawValue>>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The keys, in sorted order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The exact JSON text of `key`'s value.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|raw| raw.get())
    }

    /// `key`'s value read as a `T`; `None` when absent or of another shape.
    pub fn get<'a, T: Deserialize<'a>>(&'a self, key: &str) -> Option<T> {
        serde_json::from_str(self.raw(key)?).ok()
    }

    /// `key`'s value when it is a string: borrowed unless it holds escapes.
    pub fn text(&self, key: &str) -> Option<Cow<'_, str>> {
        let raw = self.raw(key)?;
        match serde_json::from_str::<&str>(raw) {
            Ok(text) => Some(Cow::Borrowed(text)),
            Err(_) => serde_json::from_str::<String>(raw).ok().map(Cow::Owned),
        }
    }

    /// Sets `key` to `value`, written as `serde_json` writes it.
    pub fn insert(&mut self, key: &str, value: impl Serialize) {
        let raw = serde_json::value::to_raw_value(&value).expect("field values always serialize");
        self.0.insert(key.to_owned(), raw);
    }

    /// Keeps `raw` as `key`'s value; gives `key` back, changing nothing, when it is set.
    pub fn insert_raw(&mut self, key: String, raw: Box<RawValue>) -> Result<(), String> {
        match self.0.entry(key) {
            std::collections::btree_map::Entry::Occupied(place) => Err(place.key().clone()),
            std::collections::btree_map::Entry::Vacant(place) => {
                place.insert(raw);
                Ok(())
            }
        }
    }

    /// Takes `key` out, with its exact JSON text.
    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        self.0.remove(key)
    }

    /// Every key with its exact JSON text, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(key, raw)| (key.as_str(), raw.get()))
    }
}

/// Equal when the same keys hold the same JSON text.
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

/// A map of the keys to their values, written exactly as they were read.
impl Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn values_are_written_as_they_were_read() {
        let mut extra = Extra::default();
        for (key, text) in [
            ("precise", "1.00000000000000001"),
            ("huge", "1e400"),
            ("nested", r#"{"z":1,"a":{"y":[2E3, 1.10]}}"#),
            ("escaped", r#""caf\u00e9 \/""#),
        ] {
            assert_eq!(extra.insert_raw(key.into(), raw(text)), Ok(()));
        }
        assert_eq!(
            extra.insert_raw("huge".into(), raw("0")),
            Err("huge".into())
        );
        assert_eq!(
            serde_json::to_string(&extra).unwrap(),
            r#"{"escaped":"caf\u00e9 \/","huge":1e400,"nested":{"z":1,"a":{"y":[2E3, 1.10]}},"precise":1.00000000000000001}"#
        );
        assert_eq!(extra.text("escaped").as_deref(), Some("café /"));
        assert!(matches!(extra.text("escaped"), Some(Cow::Owned(_))));
        assert_eq!(extra.get::<f64>("precise"), Some(1.0));
        assert_eq!(extra.get::<u64>("precise"), None);
        assert_eq!(extra.text("nested"), None);
    }

    #[test]
    fn a_set_value_is_written_as_serde_json_writes_it_and_read_back() {
        let mut extra = Extra::default();
        extra.insert("spent", 40);
        extra.insert("change", "00000000000000aa");
        assert_eq!(extra.get::<u64>("spent"), Some(40));
        assert!(matches!(
            extra.text("change"),
            Some(Cow::Borrowed("00000000000000aa"))
        ));
        assert_eq!(extra.raw("change"), Some(r#""00000000000000aa""#));
        let mut same = Extra::default();
        same.insert("change", "00000000000000aa");
        assert_ne!(extra, same);
        same.insert("spent", 40);
        assert_eq!(extra, same);
    }
}
