//! A team: its settings (`team.json`), what one member publishes, and the table of
//! everyone's progress. Pure: the git side lives in `sync::team`.

pub mod table;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveTime};
use serde::{Deserialize, Serialize};

use super::event::Event;

/// The format of `team.json` this version writes and reads.
pub const TEAM_FORMAT: u64 = 1;
const DEFAULT_STALE_AFTER_DAYS: u32 = 14;

/// `team.json`, written by the lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamConfig {
    pub format: u64,
    pub title: String,
    pub roadmap: String,
    /// A pinned roadmap in the team repository (`roadmaps/<id>.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap_file: Option<String>,
    #[serde(default = "default_stale")]
    pub stale_after_days: u32,
    /// The roster: handles the lead expects, with a display name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members: BTreeMap<String, RosterEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

fn default_stale() -> u32 {
    DEFAULT_STALE_AFTER_DAYS
}

impl TeamConfig {
    pub fn new(title: &str, roadmap: &str) -> Self {
        Self {
            format: TEAM_FORMAT,
            title: title.to_owned(),
            roadmap: roadmap.to_owned(),
            roadmap_file: None,
            stale_after_days: DEFAULT_STALE_AFTER_DAYS,
            members: BTreeMap::new(),
        }
    }

    /// Reads `team.json`, refusing a newer format and saying what is wrong.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| format!("team.json: {e}"))?;
        if let Some(format) = value.get("format").and_then(serde_json::Value::as_u64)
            && format > TEAM_FORMAT
        {
            return Err(format!(
                "team.json has format {format}, newer than this mlops-path reads ({TEAM_FORMAT}); update mlops-path"
            ));
        }
        serde_json::from_value(value).map_err(|e| format!("team.json: {e}"))
    }

    /// The bytes of `team.json`: pretty JSON with a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("team settings serialize");
        bytes.push(b'\n');
        bytes
    }
}

/// A handle becomes a file name and a commit author: lower-case letters, digits, `-` and
/// `_`, starting with a letter or digit, at most 39 characters.
pub fn valid_handle(handle: &str) -> bool {
    let bytes = handle.as_bytes();
    (1..=39).contains(&bytes.len())
        && bytes[0].is_ascii_lowercase() | bytes[0].is_ascii_digit()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'_')
}

/// What a member publishes: the live events of the team roadmap, in fold order, each with
/// only its id, a `seq` renumbered 1..n in that order (the original counter would tell how
/// many private events came between), the local day at noon UTC (no time of day, no
/// offset), roadmap, step and kind. Notes keep their day but lose their text unless
/// `with_notes`; every other field stays home.
pub fn member_events(live: &[Event], roadmap: &str, with_notes: bool) -> Vec<Event> {
    let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists");
    let utc = FixedOffset::east_opt(0).expect("UTC is an offset");
    live.iter()
        .filter(|event| event.roadmap == roadmap)
        .enumerate()
        .map(|(index, event)| {
            let day: DateTime<FixedOffset> =
                event.day().and_time(noon).and_utc().with_timezone(&utc);
            Event {
                id: event.id.clone(),
                seq: u64::try_from(index).unwrap_or(u64::MAX) + 1,
                at: day,
                roadmap: event.roadmap.clone(),
                step: event.step.clone(),
                kind: event.kind,
                note: event.note.clone().filter(|_| with_notes),
                extra: crate::domain::event::Extra::default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_member_file_keeps_the_day_and_the_order_and_nothing_private() {
        let mut late = Event::new(
            at("2026-03-09T23:30:00-05:00"),
            "mlops",
            "a",
            EventKind::Done,
            Some("secret".into()),
        );
        late.id = "aaaa".into();
        late.seq = 7;
        late.extra
            .insert("evidence", serde_json::json!({"check": "x"}));
        let mut note = Event::new(
            at("2026-03-09T08:00:00-05:00"),
            "mlops",
            "a",
            EventKind::Note,
            Some("private".into()),
        );
        note.id = "bbbb".into();
        note.seq = 9;
        let mut other = Event::new(
            at("2026-03-09T08:00:00-05:00"),
            "mine",
            "b",
            EventKind::Done,
            None,
        );
        other.id = "cccc".into();
        let published = member_events(&[note.clone(), late.clone(), other], "mlops", false);
        assert_eq!(published.len(), 2);
        assert_eq!(published[0].id, "bbbb");
        assert_eq!(published[0].seq, 1);
        assert_eq!(published[1].seq, 2);
        // 23:30 at -05:00 is still the 9th where it was recorded.
        assert_eq!(published[1].at, at("2026-03-09T12:00:00Z"));
        assert!(
            published
                .iter()
                .all(|e| e.note.is_none() && e.extra.is_empty())
        );
        let with_notes = member_events(&[note, late], "mlops", true);
        assert_eq!(with_notes[0].note.as_deref(), Some("private"));
    }

    #[test]
    fn handles_are_file_names() {
        assert!(valid_handle("alice"));
        assert!(valid_handle("bob-2_x"));
        for bad in ["", "Alice", "-a", "../x", "a b", &"a".repeat(40)] {
            assert!(!valid_handle(bad), "{bad:?}");
        }
    }

    #[test]
    fn team_settings_round_trip_and_a_newer_format_is_refused() {
        let team = TeamConfig::new("MLOps onboarding", "mlops");
        assert_eq!(TeamConfig::parse(&team.to_bytes()).unwrap(), team);
        assert!(
            TeamConfig::parse(b"{\"format\": 2, \"title\": \"t\", \"roadmap\": \"r\"}")
                .unwrap_err()
                .contains("newer")
        );
        assert!(TeamConfig::parse(b"{").is_err());
    }
}
