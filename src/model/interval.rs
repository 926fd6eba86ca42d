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
    /// Reads `12 months`, `1 year`, `90 days`, `2 weeks`, `90d`, `6mo`, `2y`.
    pub fn parse(text: &str) -> Option<Interval> {
        let text = text.trim();
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (number, unit) = text.split_at(digits);
        let number: u32 = number.parse().ok().filter(|n| *n > 0 && *n <= 100_000)?;
        match unit.trim().to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => Some(Interval::Days(number)),
            "w" | "wk" | "week" | "weeks" => Some(Interval::Weeks(number)),
            "m" | "mo" | "mon" | "month" | "months" => Some(Interval::Months(number)),
            "y" | "yr" | "year" | "years" => Some(Interval::Years(number)),
            _ => None,
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
    fn months_follow_the_calendar() {
        let date = jiff::civil::date(2026, 1, 31);
        assert_eq!(Interval::Months(1).after(date), Some(jiff::civil::date(2026, 2, 28)));
        assert_eq!(Interval::Years(1).after(date), Some(jiff::civil::date(2027, 1, 31)));
        assert_eq!(Interval::Days(30).after(date), Some(jiff::civil::date(2026, 3, 2)));
    }
}
