//! Time actually spent: an optional `spent` field of an event, in whole minutes, given with
//! `--spent`. Older versions keep it as an unknown field, so nothing is lost.

use chrono::NaiveDate;

use super::event::{Event, EventKind};
use super::roadmap::Roadmap;

/// The event field.
pub const FIELD: &str = "spent";
/// One sitting is at most a day; more is a typo or several sittings.
pub const MAX_MINUTES: u32 = 24 * 60;

/// A time spent: from 1 minute to 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minutes(u32);

impl Minutes {
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Reads `40m`, `1h30m`, `2h` or a bare number of minutes (`90`).
pub fn parse_spent(text: &str) -> Result<Minutes, String> {
    let text = text.trim();
    let unreadable =
        || format!("cannot read {text:?} as a duration; use 40m, 1h30m, 2h or 90 (minutes)");
    if text.starts_with('-') {
        return Err("a time spent cannot be negative".into());
    }
    let mut rest = text;
    let mut total: u64 = 0;
    let mut parts = 0;
    for (unit, factor) in [('h', 60), ('m', 1)] {
        if let Some(at) = rest.find(unit) {
            let number: u64 = rest[..at].parse().map_err(|_| unreadable())?;
            total = total.saturating_add(number.saturating_mul(factor));
            rest = &rest[at + 1..];
            parts += 1;
        }
    }
    if parts == 0 {
        total = rest.parse().map_err(|_| unreadable())?;
    } else if !rest.is_empty() {
        return Err(unreadable());
    }
    match u32::try_from(total) {
        Ok(0) => Err("a time spent must be more than zero".into()),
        Ok(minutes) if minutes <= MAX_MINUTES => Ok(Minutes(minutes)),
        _ => Err(format!(
            "{text:?} is more than 24 hours; record one sitting at a time"
        )),
    }
}

/// The minutes an event says were spent, if it says.
pub fn spent_of(event: &Event) -> Option<u32> {
    event
        .extra
        .get::<u64>(FIELD)
        .and_then(|minutes| u32::try_from(minutes).ok())
}

/// `event` with `spent` recorded on it.
pub fn with_spent(mut event: Event, spent: Option<Minutes>) -> Event {
    if let Some(Minutes(minutes)) = spent {
        event.extra.insert(FIELD, minutes);
    }
    event
}

/// Minutes spent on each step of `roadmap`, by index, over every event recorded for it.
pub fn by_step(roadmap: &Roadmap, events: &[Event]) -> Vec<u64> {
    let mut spent = vec![0; roadmap.step_count()];
    for event in events.iter().filter(|e| e.roadmap == roadmap.id()) {
        // Most events carry no time: look the step up only for those that do.
        let Some(minutes) = spent_of(event) else {
            continue;
        };
        if let Some(index) = roadmap.resolve_recorded(&event.step) {
            spent[index] += u64::from(minutes);
        }
    }
    spent
}

/// Minutes spent on `roadmap` from `first` to `last` (both included), by the day of each
/// event: on steps and on learning outside them (`log add`).
pub fn between(events: &[Event], roadmap: &str, first: NaiveDate, last: NaiveDate) -> u64 {
    events
        .iter()
        .filter(|e| e.roadmap == roadmap && e.kind != EventKind::Reopen)
        .filter(|e| (first..=last).contains(&e.day()))
        .filter_map(spent_of)
        .map(u64::from)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_minutes_hours_and_both() {
        let ok = |text: &str| parse_spent(text).map(Minutes::get);
        assert_eq!(ok("40m"), Ok(40));
        assert_eq!(ok("1h30m"), Ok(90));
        assert_eq!(ok("2h"), Ok(120));
        assert_eq!(ok("90"), Ok(90));
        assert_eq!(ok("24h"), Ok(1440));
        assert!(ok("1h 30m").is_err());
    }

    #[test]
    fn refuses_zero_negative_too_long_and_unreadable() {
        assert_eq!(
            parse_spent("0"),
            Err("a time spent must be more than zero".into())
        );
        assert_eq!(
            parse_spent("0h0m"),
            Err("a time spent must be more than zero".into())
        );
        assert_eq!(
            parse_spent("-5"),
            Err("a time spent cannot be negative".into())
        );
        assert!(
            parse_spent("24h1m")
                .unwrap_err()
                .contains("more than 24 hours")
        );
        assert!(
            parse_spent("1441")
                .unwrap_err()
                .contains("more than 24 hours")
        );
        assert!(
            parse_spent("99999999999h")
                .unwrap_err()
                .contains("more than 24 hours")
        );
        for bad in ["", "m", "h", "30m1h", "1.5h", "40 min", "1h30", "abc"] {
            assert!(
                parse_spent(bad).unwrap_err().starts_with("cannot read"),
                "{bad}"
            );
        }
    }
}
