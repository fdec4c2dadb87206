//! How an event's timestamp reads and writes as JSON: strict RFC 3339 in, and the shape
//! chrono writes out, formatted directly because saving a long history writes thousands.
//! The rest of an event is written by serde's derive and read in `event/read.rs`.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// An `at` value. The shape this program writes, `2026-03-01T10:00:00+01:00`, is read
/// directly; anything else goes through chrono's strict RFC 3339 parser, with its errors.
/// (The derived version used chrono's relaxed `FromStr`, which also took a space before
/// the offset; RFC 3339 is what the format promises.)
pub(super) struct Timestamp(pub(super) DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 formatted date and time string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
                match parse_canonical(text) {
                    Some(at) => Ok(Timestamp(at)),
                    None => DateTime::parse_from_rfc3339(text)
                        .map(Timestamp)
                        .map_err(E::custom),
                }
            }
        }
        deserializer.deserialize_str(TimestampVisitor)
    }
}

/// Writes `at` as chrono does, with the common shape (whole seconds, an offset in whole
/// minutes, a four-digit year) formatted directly: chrono's `Display` goes character by
/// character through serde's string escaping, about half of what saving a long history
/// cost (`done` at 10,000 events went from 175 M to 159 M instructions, BENCHMARKS.md).
pub(crate) fn serialize_at<S: serde::Serializer>(
    at: &DateTime<FixedOffset>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match format_canonical(at) {
        Some((bytes, len)) => {
            serializer.serialize_str(std::str::from_utf8(&bytes[..len]).expect("ASCII"))
        }
        None => at.serialize(serializer),
    }
}

/// `YYYY-MM-DDTHH:MM:SS+HH:MM` (`Z` for UTC, as chrono writes it) and its length, or `None`
/// where chrono would write something else.
fn format_canonical(at: &DateTime<FixedOffset>) -> Option<([u8; 25], usize)> {
    use chrono::{Datelike, Timelike};

    let offset = at.offset().local_minus_utc();
    let year = u32::try_from(at.year()).ok().filter(|&y| y <= 9999)?;
    if at.nanosecond() != 0 || offset % 60 != 0 {
        return None;
    }
    let minutes = offset.unsigned_abs() / 60;
    let mut out = *b"0000-00-00T00:00:00+00:00";
    let mut put = |at: usize, width: usize, mut value: u32| {
        for digit in out[at..at + width].iter_mut().rev() {
            *digit = b'0' + u8::try_from(value % 10).expect("a digit");
            value /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, at.month());
    put(8, 2, at.day());
    put(11, 2, at.hour());
    put(14, 2, at.minute());
    put(17, 2, at.second());
    put(20, 2, minutes / 60);
    put(23, 2, minutes % 60);
    match offset {
        0 => {
            out[19] = b'Z';
            Some((out, 20))
        }
        ..0 => {
            out[19] = b'-';
            Some((out, 25))
        }
        _ => Some((out, 25)),
    }
}

/// `YYYY-MM-DDTHH:MM:SS+HH:MM` (or `-HH:MM`) exactly; `None` for any other shape or an
/// impossible date, which chrono then reads or refuses.
fn parse_canonical(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    if b.len() != 25
        || !matches!(
            (b[4], b[7], b[10], b[13], b[16], b[22]),
            (b'-', b'-', b'T', b':', b':', b':')
        )
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0, |n, &digit| {
            digit
                .is_ascii_digit()
                .then(|| n * 10 + u32::from(digit - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)?;
    let time = chrono::NaiveTime::from_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?)?;
    let seconds = i32::try_from(number(20..22)? * 3600 + number(23..25)? * 60).ok()?;
    let offset = match b[19] {
        b'+' => FixedOffset::east_opt(seconds)?,
        b'-' => FixedOffset::west_opt(seconds)?,
        _ => return None,
    };
    date.and_time(time).and_local_timezone(offset).single()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::Event;

    #[test]
    fn the_canonical_shape_reads_as_chrono_reads_it_and_the_rest_falls_back() {
        for text in [
            "2026-03-01T10:00:00+01:00",
            "2026-03-01T23:59:59-05:30",
            "2024-02-29T00:00:00+00:00",
            "0001-01-01T00:00:00-23:59",
        ] {
            assert_eq!(
                parse_canonical(text),
                Some(DateTime::parse_from_rfc3339(text).unwrap()),
                "{text}"
            );
        }
        for text in [
            "2026-03-01T10:00:00Z",
            "2026-03-01T10:00:00.5+01:00",
            "2026-03-01t10:00:00+01:00",
            "2026-03-01 10:00:00+01:00",
            "2026-02-30T10:00:00+01:00",
            "2026-03-01T24:00:00+01:00",
            "2026-03-01T10:00:60+01:00",
            "2026-03-01T10:00:00+24:00",
            "2026-03-01T10:00:00*01:00",
            "2026-3-01T10:00:00+01:00x",
            "+026-03-01T10:00:00+01:00",
        ] {
            assert_eq!(parse_canonical(text), None, "{text}");
        }
    }

    #[test]
    fn writes_timestamps_exactly_as_chrono_does() {
        for text in [
            "2026-03-01T10:00:00+01:00",
            "2026-03-01T10:00:00-05:30",
            "2026-03-01T10:00:00Z",
            "2026-03-01T10:00:00.250+01:00",
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-23:59",
        ] {
            let at = DateTime::parse_from_rfc3339(text).unwrap();
            let event = Event::new(
                at,
                "mlops",
                "a",
                crate::domain::event::EventKind::Done,
                None,
            );
            let ours = serde_json::to_value(&event).unwrap()["at"].clone();
            assert_eq!(ours, serde_json::to_value(at).unwrap(), "{text}");
        }
        let odd_offset = FixedOffset::east_opt(3630).unwrap();
        let at = DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&odd_offset);
        assert_eq!(format_canonical(&at), None);
    }

    fn read(json: &str) -> Result<Event, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_it_writes_and_keeps_unknown_fields() {
        let json = r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"note","note":"hi","mood":{"x":[1]}}"#;
        let event = read(json).unwrap();
        assert_eq!(event.at.to_rfc3339(), "2026-03-01T10:00:00+00:00");
        assert_eq!(event.note.as_deref(), Some("hi"));
        assert_eq!(event.extra.raw("mood"), Some(r#"{"x":[1]}"#));
        assert_eq!(
            read(&serde_json::to_string(&event).unwrap()).unwrap(),
            event
        );
        let without_note = r#"{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"a","kind":"done","note":null}"#;
        assert_eq!(read(without_note).unwrap().note, None);
    }

    #[test]
    fn only_rfc_3339_is_read() {
        let spaced =
            r#"{"at":"2026-03-01T10:00:00 +01:00","roadmap":"mlops","step":"a","kind":"done"}"#;
        assert!(
            "2026-03-01T10:00:00 +01:00"
                .parse::<DateTime<FixedOffset>>()
                .is_ok()
        );
        assert!(read(spaced).is_err());
    }

    #[test]
    fn names_a_missing_repeated_or_bad_field() {
        // serde's derive names these; the precise state reader adds where the event sits.
        let missing = r#"{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a"}"#;
        assert_eq!(
            read(missing).unwrap_err(),
            "missing field `kind` at line 1 column 58"
        );
        let unknown_twice = r#"{"mood":1,"at":"2026-03-01T10:00:00Z","mood":2}"#;
        assert_eq!(
            read(unknown_twice).unwrap_err(),
            "duplicate field `mood` at line 1 column 47"
        );
        let twice = r#"{"step":"a","step":"b"}"#;
        assert_eq!(
            read(twice).unwrap_err(),
            "duplicate field `step` at line 1 column 18"
        );
        let bad_time = r#"{"at":"yesterday","roadmap":"mlops","step":"a","kind":"done"}"#;
        assert_eq!(
            read(bad_time).unwrap_err(),
            "premature end of input at line 1 column 17"
        );
        assert_eq!(
            read("[]").unwrap_err(),
            "invalid type: sequence, expected struct Event at line 1 column 0"
        );
    }
}
