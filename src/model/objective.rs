//! Quality, environmental or safety objectives (ISO 9001 6.2 and its siblings) as structured
//! entries of an objectives document: a measure, a target, a due date and measured results.

use super::Date;
use crate::diag::Spanned;
use std::fmt;
use std::ops::Range;

/// One objective with its results.
#[derive(Debug, Clone)]
pub struct Objective {
    pub id: Option<Spanned<String>>,
    pub objective: Option<Spanned<String>>,
    pub measure: Option<Spanned<String>>,
    pub target: Option<Spanned<Target>>,
    pub unit: Option<Spanned<String>>,
    pub due: Option<Spanned<Date>>,
    pub owner: Option<Spanned<String>>,
    /// In the order written; [`Objective::latest`] picks by date.
    pub results: Vec<Measurement>,
    /// The whole entry.
    pub range: Range<usize>,
    /// Fields given but not decoded (already reported).
    pub invalid: std::collections::BTreeSet<String>,
}

impl Objective {
    /// The result with the latest date (the last written among equal dates).
    pub fn latest(&self) -> Option<&Measurement> {
        self.results.iter().enumerate().max_by_key(|(index, m)| (m.date, *index)).map(|(_, m)| m)
    }
}

/// One measured value.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub date: Date,
    pub value: f64,
    pub range: Range<usize>,
}

/// How a result is compared with the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    AtLeast,
    AtMost,
    Equal,
    Above,
    Below,
}

impl Comparison {
    fn as_str(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::AtMost => "<=",
            Comparison::Equal => "=",
            Comparison::Above => ">",
            Comparison::Below => "<",
        }
    }
}

/// `">= 97"`, `"<= 2"`, `"= 0"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub comparison: Comparison,
    pub value: f64,
}

impl Target {
    /// Reads a target; `None` when it is not a comparison and a finite number.
    pub fn parse(text: &str) -> Option<Target> {
        let text = text.trim();
        let (comparison, rest) = [
            (">=", Comparison::AtLeast),
            ("≥", Comparison::AtLeast),
            ("<=", Comparison::AtMost),
            ("≤", Comparison::AtMost),
            ("==", Comparison::Equal),
            ("=", Comparison::Equal),
            (">", Comparison::Above),
            ("<", Comparison::Below),
        ]
        .into_iter()
        .find_map(|(prefix, comparison)| text.strip_prefix(prefix).map(|rest| (comparison, rest)))?;
        let value = parse_number(rest)?;
        Some(Target { comparison, value })
    }

    /// Whether `value` meets the target.
    pub fn is_met_by(self, value: f64) -> bool {
        match self.comparison {
            Comparison::AtLeast => value >= self.value,
            Comparison::AtMost => value <= self.value,
            Comparison::Equal => (value - self.value).abs() < 1e-9,
            Comparison::Above => value > self.value,
            Comparison::Below => value < self.value,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.comparison.as_str(), self.value)
    }
}

/// A finite decimal number (`97`, `2.5`, `-1`); no exponents, infinities or NaN.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    let well_formed = !digits.is_empty()
        && digits.len() <= 24
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    if !well_formed {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_and_compare() {
        let target = Target::parse(">= 97").unwrap();
        assert!(target.is_met_by(97.0) && target.is_met_by(98.5) && !target.is_met_by(96.9));
        assert!(Target::parse("<= 2").unwrap().is_met_by(2.0));
        assert!(!Target::parse("= 0").unwrap().is_met_by(1.0));
        assert!(Target::parse("< 5").unwrap().is_met_by(4.0));
        assert_eq!(Target::parse("97"), None);
        assert_eq!(Target::parse(">= lots"), None);
        assert_eq!(Target::parse(">= 1e400"), None);
        assert_eq!(Target::parse(">= NaN"), None);
    }
}
