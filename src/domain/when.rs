//! Dates and times as users type them. Pure: the time zone comes in as an argument.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone};

use crate::error::{Error, Result};

/// Reads `--at`: `YYYY-MM-DD` means noon local time that day (noon never falls in a DST gap);
/// an RFC 3339 timestamp keeps the offset it was given with.
pub fn parse_at<Tz: TimeZone>(input: &str, zone: &Tz) -> Result<DateTime<FixedOffset>> {
    let bad = || Error::BadDate {
        input: input.to_owned(),
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(input) {
        return Ok(at);
    }
    let date = NaiveDate::parse_from_str(input, "%Y-%m-%d").map_err(|_| bad())?;
    local_noon(date, zone).ok_or_else(bad)
}

/// Noon of `date` in `zone`, with the offset in force then.
pub fn local_noon<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> Option<DateTime<FixedOffset>> {
    let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0)?);
    match zone.from_local_datetime(&noon) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at.fixed_offset()),
        LocalResult::None => None,
    }
}

/// The first day of a window of `days` days that ends with `today`.
pub fn window_start(today: NaiveDate, days: u32) -> NaiveDate {
    today - chrono::Days::new(u64::from(days.max(1)) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    #[test]
    fn a_date_is_local_noon() {
        let at = parse_at("2026-03-01", &zone()).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-01T12:00:00+01:00");
    }

    #[test]
    fn a_timestamp_keeps_its_offset() {
        let at = parse_at("2026-03-01T23:30:00-05:00", &zone()).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-01T23:30:00-05:00");
        assert_eq!(at.date_naive().to_string(), "2026-03-01");
    }

    #[test]
    fn anything_else_is_refused() {
        for input in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "01/03/2026",
            "2026-03-01 10:00",
        ] {
            assert!(
                matches!(parse_at(input, &zone()), Err(Error::BadDate { .. })),
                "{input}"
            );
        }
    }

    #[test]
    fn window_includes_today() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(window_start(today, 7).to_string(), "2026-02-23");
        assert_eq!(window_start(today, 1), today);
        assert_eq!(window_start(today, 0), today);
    }
}
