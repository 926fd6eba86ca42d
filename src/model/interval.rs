//! Review intervals and other calendar durations written as `12 months`, `2 years`, `90 days`.

use super::Date;
use std::fmt;

/// A calendar duration. Months and years follow the calendar (a 1-month interval from
/// 31 January ends on the last day of February), as people mean them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Interval {
    /// The longest interval read: a century, in whatever unit it is written.
    pub const MAX_YEARS: u32 = 100;

    /// Reads `12 months`, `1 year`, `90 days`, `2 weeks`, `90d`, `6mo`, `2y`.
    pub fn parse(text: &str) -> Option<Interval> {
        Interval::read(text).ok()
    }

    /// Reads an interval as [`Interval::parse`] does, or says what is wrong with it: it cannot
    /// be read, it is zero, or it is longer than [`Interval::MAX_YEARS`] (a review that far
    /// ahead is no review, and its date could fall past the end of the calendar).
    pub fn read(text: &str) -> Result<Interval, &'static str> {
        const UNREADABLE: &str = "cannot be read";
        let text = text.trim();
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (number, unit) = text.split_at(digits);
        if number.is_empty() {
            return Err(UNREADABLE);
        }
        // All digits: a number too large for u64 is only too long.
        let number = number.parse::<u64>().unwrap_or(u64::MAX);
        // A century in each unit.
        let (interval, limit): (fn(u32) -> Interval, u32) = match unit.trim().to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => (Interval::Days, Interval::MAX_YEARS * 36_525 / 100),
            "w" | "wk" | "week" | "weeks" => (Interval::Weeks, (Interval::MAX_YEARS * 36_525 / 100).div_ceil(7)),
            "m" | "mo" | "mon" | "month" | "months" => (Interval::Months, Interval::MAX_YEARS * 12),
            "y" | "yr" | "year" | "years" => (Interval::Years, Interval::MAX_YEARS),
            _ => return Err(UNREADABLE),
        };
        if number == 0 {
            return Err("is zero; an interval is at least one day");
        }
        match u32::try_from(number) {
            Ok(number) if number <= limit => Ok(interval(number)),
            _ => Err("is longer than 100 years"),
        }
    }

    /// `date` plus this interval; `None` past the end of the calendar.
    pub fn after(self, date: Date) -> Option<Date> {
        let span = match self {
            Interval::Days(n) => jiff::Span::new().try_days(i64::from(n)).ok()?,
            Interval::Weeks(n) => jiff::Span::new().try_weeks(i64::from(n)).ok()?,
            Interval::Months(n) => jiff::Span::new().try_months(i64::from(n)).ok()?,
            Interval::Years(n) => jiff::Span::new().try_years(i64::from(n)).ok()?,
        };
        date.checked_add(span).ok()
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = match *self {
            Interval::Days(n) => (n, "day"),
            Interval::Weeks(n) => (n, "week"),
            Interval::Months(n) => (n, "month"),
            Interval::Years(n) => (n, "year"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_write() {
        assert_eq!(Interval::parse("12 months"), Some(Interval::Months(12)));
        assert_eq!(Interval::parse("1 year"), Some(Interval::Years(1)));
        assert_eq!(Interval::parse("90d"), Some(Interval::Days(90)));
        assert_eq!(Interval::parse(" 2 Weeks "), Some(Interval::Weeks(2)));
        assert_eq!(Interval::parse("0 days"), None);
        assert_eq!(Interval::parse("twelve months"), None);
        assert_eq!(Interval::parse("12"), None);
    }

    #[test]
    fn zero_and_absurd_lengths_are_refused_with_the_reason() {
        assert_eq!(Interval::read("0 months"), Err("is zero; an interval is at least one day"));
        assert_eq!(Interval::read("7974 years"), Err("is longer than 100 years"));
        assert_eq!(Interval::read("99999999999999999999999 days"), Err("is longer than 100 years"));
        assert_eq!(Interval::read("months"), Err("cannot be read"));
        assert_eq!(Interval::read("100 years"), Ok(Interval::Years(100)));
        assert_eq!(Interval::read("1200 months"), Ok(Interval::Months(1200)));
        assert_eq!(Interval::read("1201 months"), Err("is longer than 100 years"));
        assert_eq!(Interval::read("5218 weeks"), Ok(Interval::Weeks(5218)));
        assert_eq!(Interval::read("36525 days"), Ok(Interval::Days(36_525)));
        assert_eq!(Interval::read("36526 days"), Err("is longer than 100 years"));
        assert_eq!(Interval::read("101 years"), Err("is longer than 100 years"));
    }

    #[test]
    fn months_follow_the_calendar() {
        let date = jiff::civil::date(2026, 1, 31);
        assert_eq!(Interval::Months(1).after(date), Some(jiff::civil::date(2026, 2, 28)));
        assert_eq!(Interval::Years(1).after(date), Some(jiff::civil::date(2027, 1, 31)));
        assert_eq!(Interval::Days(30).after(date), Some(jiff::civil::date(2026, 3, 2)));
    }
}
