//! `--at`: when an event happened, as users type it. Pure: now and the time zone come in.
//!
//! It takes an RFC 3339 timestamp, `YYYY-MM-DD` (noon local time that day), `today`,
//! `yesterday`, `HH:MM` (today at that time) and `yesterday HH:MM`. An instant after now is
//! refused: a step would show done before it was. A day word for today means noon, or now
//! while noon is still ahead, so `--at today` in the morning is not refused.

use chrono::{DateTime, Days, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone};

use super::when::{WhenError, local_noon, storable};

/// Reads `--at` against `now`, in `zone`.
pub fn parse_at<Tz: TimeZone>(
    input: &str,
    now: DateTime<FixedOffset>,
    zone: &Tz,
) -> Result<DateTime<FixedOffset>, WhenError> {
    let bad = || WhenError::BadDate {
        input: input.to_owned(),
    };
    let trimmed = input.trim();
    let at = match read(trimmed, now, zone) {
        Some(at) => at,
        None if names_missing_day(trimmed, zone) => {
            return Err(WhenError::OutOfRange {
                what: format!("--at {input:?}"),
                detail: "that day does not exist in the local time zone (its clocks skipped it); give a time with its offset, such as 2011-12-30T12:00:00+14:00".into(),
            });
        }
        None => return Err(bad()),
    };
    if !storable(&at) {
        return Err(WhenError::OutOfRange {
            what: format!("--at {input:?}"),
            detail: "that instant cannot be written to the state file and read back; give one well within the years 0001 to 9999".into(),
        });
    }
    if at > now {
        return Err(WhenError::FutureAt {
            input: input.to_owned(),
            at: at.with_timezone(&now.timezone()),
            now,
        });
    }
    Ok(at)
}

fn read<Tz: TimeZone>(
    input: &str,
    now: DateTime<FixedOffset>,
    zone: &Tz,
) -> Option<DateTime<FixedOffset>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(input) {
        return Some(at);
    }
    let today = now.with_timezone(zone).date_naive();
    let yesterday = today.checked_sub_days(Days::new(1))?;
    let (day, time) = match input.split_once(' ') {
        Some(("yesterday", time)) => (yesterday, Some(time.trim())),
        Some(_) => return None,
        None if input == "today" => (today, None),
        None if input == "yesterday" => (yesterday, None),
        None if input.contains(':') => (today, Some(input)),
        None => (NaiveDate::parse_from_str(input, "%Y-%m-%d").ok()?, None),
    };
    match time {
        Some(time) => at_local(day, NaiveTime::parse_from_str(time, "%H:%M").ok()?, zone),
        // Today's noon while it is still ahead would be refused: it means now.
        None if day == today => local_noon(day, zone).map(|noon| noon.min(now)),
        None => local_noon(day, zone),
    }
}

/// Whether `input` is a well-formed `YYYY-MM-DD` whose noon does not exist in `zone`.
fn names_missing_day<Tz: TimeZone>(input: &str, zone: &Tz) -> bool {
    NaiveDate::parse_from_str(input, "%Y-%m-%d").is_ok_and(|date| local_noon(date, zone).is_none())
}

/// `day` at `time` in `zone`; the earlier instant when the clock goes back, none in a gap.
fn at_local<Tz: TimeZone>(
    day: NaiveDate,
    time: NaiveTime,
    zone: &Tz,
) -> Option<DateTime<FixedOffset>> {
    match zone.from_local_datetime(&day.and_time(time)) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at.fixed_offset()),
        LocalResult::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    /// Tuesday 10 March 2026, 09:00 at +01:00.
    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-10T09:00:00+01:00").unwrap()
    }

    fn at(input: &str) -> Result<String, WhenError> {
        parse_at(input, now(), &zone()).map(|at| at.to_rfc3339())
    }

    #[test]
    fn a_date_is_local_noon_and_today_is_now_until_noon() {
        assert_eq!(at("2026-03-01").unwrap(), "2026-03-01T12:00:00+01:00");
        assert_eq!(at("yesterday").unwrap(), "2026-03-09T12:00:00+01:00");
        assert_eq!(at("2026-03-10").unwrap(), "2026-03-10T09:00:00+01:00");
        assert_eq!(at("today").unwrap(), "2026-03-10T09:00:00+01:00");
        let afternoon = DateTime::parse_from_rfc3339("2026-03-10T15:00:00+01:00").unwrap();
        let today = parse_at("today", afternoon, &zone()).unwrap();
        assert_eq!(today.to_rfc3339(), "2026-03-10T12:00:00+01:00");
    }

    #[test]
    fn a_time_is_today_or_yesterday_at_that_time() {
        assert_eq!(at("08:15").unwrap(), "2026-03-10T08:15:00+01:00");
        assert_eq!(at("09:00").unwrap(), "2026-03-10T09:00:00+01:00");
        assert_eq!(at("yesterday 21:30").unwrap(), "2026-03-09T21:30:00+01:00");
        assert_eq!(
            at(" yesterday  07:05 ").unwrap(),
            "2026-03-09T07:05:00+01:00"
        );
    }

    #[test]
    fn a_timestamp_keeps_its_offset() {
        assert_eq!(
            at("2026-03-01T23:30:00-05:00").unwrap(),
            "2026-03-01T23:30:00-05:00"
        );
    }

    #[test]
    fn an_instant_after_now_is_refused() {
        for input in ["09:01", "2026-03-11", "2026-03-10T08:01:00Z", "2027-01-01"] {
            assert!(
                matches!(at(input), Err(WhenError::FutureAt { .. })),
                "{input}: {:?}",
                at(input)
            );
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for input in [
            "",
            "tomorrow",
            "2026-13-01",
            "2026-02-30",
            "01/03/2026",
            "2026-03-01 10:00",
            "today 10:00",
            "25:00",
            "9.30",
            "yesterday noon",
        ] {
            assert!(
                matches!(at(input), Err(WhenError::BadDate { .. })),
                "{input}: {:?}",
                at(input)
            );
        }
    }
}
