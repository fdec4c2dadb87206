//! Dates and times as users type them. Pure: the time zone and today come in as arguments.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone};

/// Why a date or time a user gave cannot be used: the words for it are `error.rs`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenError {
    /// Not a form `--at` reads.
    BadDate { input: String },
    /// An instant after now, where only the past makes sense.
    FutureAt {
        input: String,
        at: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
    },
    /// A form that reads, naming a day or span the calendar, the state file or the order of
    /// `--since` and `--until` cannot take.
    OutOfRange { what: String, detail: String },
}

/// Whether `at` survives being written as RFC 3339 and parsed back, as every event must:
/// chrono writes years past 9999 or before 0 in forms its parser refuses.
pub fn storable(at: &DateTime<FixedOffset>) -> bool {
    DateTime::parse_from_rfc3339(&at.to_rfc3339()).is_ok_and(|back| back == *at)
}

/// Noon of `date` in `zone`, with the offset in force then.
pub fn local_noon<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> Option<DateTime<FixedOffset>> {
    let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0)?);
    match zone.from_local_datetime(&noon) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at.fixed_offset()),
        LocalResult::None => None,
    }
}

/// A day as `--since` and `--until` take it, before it is pinned to a calendar date.
///
/// Parsing is syntax only, so clap can reject a typo as a usage error; `resolve` needs today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayWord {
    Today,
    Yesterday,
    DaysBack(u32),
    WeeksBack(u32),
    Date(NaiveDate),
}

/// Why a day word could not be read; the message is what clap prints after the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDayWord;

impl fmt::Display for BadDayWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected YYYY-MM-DD, today, yesterday, Nd (N days back) or Nw (N weeks back)")
    }
}

impl std::error::Error for BadDayWord {}

impl FromStr for DayWord {
    type Err = BadDayWord;

    fn from_str(input: &str) -> Result<Self, BadDayWord> {
        let word = input.trim().to_ascii_lowercase();
        match word.as_str() {
            "today" => return Ok(Self::Today),
            "yesterday" => return Ok(Self::Yesterday),
            _ => {}
        }
        let count = |digits: &str| {
            // Digits only: `parse` would also take a sign.
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BadDayWord);
            }
            digits.parse::<u32>().map_err(|_| BadDayWord)
        };
        if let Some(digits) = word.strip_suffix('d') {
            return count(digits).map(Self::DaysBack);
        }
        if let Some(digits) = word.strip_suffix('w') {
            return count(digits).map(Self::WeeksBack);
        }
        NaiveDate::parse_from_str(&word, "%Y-%m-%d")
            .map(Self::Date)
            .map_err(|_| BadDayWord)
    }
}

impl DayWord {
    /// The calendar date this word names when today is `today`; `None` before the first
    /// date the calendar can hold (`100000000d`).
    pub fn resolve(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Today => Some(today),
            Self::Yesterday => today.checked_sub_days(Days::new(1)),
            Self::DaysBack(n) => today.checked_sub_days(Days::new(u64::from(n))),
            Self::WeeksBack(n) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
            Self::Date(date) => Some(date),
        }
    }
}

/// The first day of a window of `days` days that ends with `last`, if the calendar reaches it.
pub fn checked_window_start(last: NaiveDate, days: u32) -> Option<NaiveDate> {
    last.checked_sub_days(Days::new(u64::from(days.max(1)) - 1))
}

/// The days a log covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Pins `--since`, `--until` and `--days` to dates: `since..=until` when `since` is given
/// (`until` defaults to today); otherwise the `days` days that end with `until` (or today).
pub fn log_span(
    since: Option<DayWord>,
    until: Option<DayWord>,
    days: u32,
    today: NaiveDate,
) -> Result<Span, WhenError> {
    let out_of_range = |flag: &str| WhenError::OutOfRange {
        what: format!("--{flag} reaches before the first date the calendar holds"),
        detail: "choose a later day".into(),
    };
    let last = match until {
        Some(word) => word.resolve(today).ok_or_else(|| out_of_range("until"))?,
        None => today,
    };
    let first = match since {
        Some(word) => word.resolve(today).ok_or_else(|| out_of_range("since"))?,
        None => checked_window_start(last, days).ok_or_else(|| out_of_range("days"))?,
    };
    if last < first && until.is_none() {
        return Err(WhenError::OutOfRange {
            what: format!("--since {first} is after today, {today}"),
            detail: "to look at days ahead, give --until as well".into(),
        });
    }
    if last < first {
        return Err(WhenError::OutOfRange {
            what: format!("--until {last} is before --since {first}"),
            detail: "give the earlier day to --since and the later one to --until".into(),
        });
    }
    Ok(Span { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_includes_its_last_day() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            checked_window_start(today, 7).unwrap().to_string(),
            "2026-02-23"
        );
        assert_eq!(checked_window_start(today, 1), Some(today));
        assert_eq!(checked_window_start(today, 0), Some(today));
    }

    #[test]
    fn log_spans() {
        let today = date("2026-03-10");
        let span = |since: Option<&str>, until: Option<&str>, days| {
            let word = |w: &str| w.parse::<DayWord>().unwrap();
            log_span(since.map(word), until.map(word), days, today)
                .map(|s| (s.first.to_string(), s.last.to_string()))
        };
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            span(None, None, 7).unwrap(),
            pair("2026-03-04", "2026-03-10")
        );
        assert_eq!(
            span(Some("1w"), None, 7).unwrap(),
            pair("2026-03-03", "2026-03-10")
        );
        assert_eq!(
            span(Some("2026-02-27"), Some("2026-03-01"), 7).unwrap(),
            pair("2026-02-27", "2026-03-01")
        );
        assert_eq!(
            span(None, Some("2026-03-01"), 3).unwrap(),
            pair("2026-02-27", "2026-03-01")
        );
        assert_eq!(
            span(Some("today"), Some("today"), 7).unwrap(),
            pair("2026-03-10", "2026-03-10")
        );
        match span(Some("today"), Some("yesterday"), 7) {
            Err(WhenError::OutOfRange { what, .. }) => {
                assert_eq!(what, "--until 2026-03-09 is before --since 2026-03-10");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            span(None, None, u32::MAX),
            Err(WhenError::OutOfRange { .. })
        ));
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn day_words_resolve_against_today() {
        let today = date("2026-03-01");
        let resolve = |input: &str| input.parse::<DayWord>().unwrap().resolve(today).unwrap();
        assert_eq!(resolve("today"), today);
        assert_eq!(resolve("Yesterday"), date("2026-02-28"));
        assert_eq!(resolve("0d"), today);
        // Back across the end of February, into a leap-free year.
        assert_eq!(resolve("3d"), date("2026-02-26"));
        assert_eq!(resolve("2w"), date("2026-02-15"));
        assert_eq!(resolve("2025-12-31"), date("2025-12-31"));
        assert_eq!(resolve(" 1d "), date("2026-02-28"));
    }

    #[test]
    fn leap_days_and_year_ends_are_counted() {
        let today = date("2024-03-01");
        let back = |n| DayWord::DaysBack(n).resolve(today).unwrap();
        assert_eq!(back(1), date("2024-02-29"));
        assert_eq!(back(61), date("2023-12-31"));
        assert_eq!(
            DayWord::WeeksBack(52).resolve(today),
            Some(date("2023-03-03"))
        );
    }

    #[test]
    fn bad_day_words_are_refused() {
        for input in [
            "",
            "d",
            "w",
            "-3d",
            "+3d",
            "3",
            "3x",
            "3 d",
            "1.5w",
            "tomorrow",
            "2026-02-30",
            "2026-3-1x",
            "99999999999d",
        ] {
            assert_eq!(input.parse::<DayWord>(), Err(BadDayWord), "{input:?}");
        }
    }

    #[test]
    fn words_past_the_calendar_resolve_to_none() {
        let today = date("2026-03-01");
        assert_eq!(DayWord::WeeksBack(u32::MAX).resolve(today), None);
        assert_eq!(checked_window_start(today, u32::MAX), None);
        assert_eq!(checked_window_start(today, 7), Some(date("2026-02-23")));
    }
}
