//! `major_revisions:` — the revision history an adopted document's header recorded before the
//! set came under control (comply's `majorRevisions`): a list of `{date, comment}`. Dates are
//! read as ISO (`2018-06-01`) or as comply writes them (`Jun 1 2018`, `1 June 2018`,
//! `June 1, 2018`); one that is neither is reported at its line.

use super::record_fields::Reader;
use super::yaml::Node;
use crate::diag::{Diagnostic, FileId, Rule};
use crate::model::{Date, HeaderRevision};

/// The `major_revisions:` entries of a document's front matter.
pub fn major_revisions(file: FileId, node: &Node, out: &mut Vec<Diagnostic>) -> Vec<HeaderRevision> {
    const EXAMPLE: &str = "[{date: 2018-06-01, comment: Initial document}]";
    let mut reader = Reader::new(file, out);
    let mut revisions = Vec::new();
    for (pairs, range) in reader.entries(Some(node), "major_revisions", EXAMPLE) {
        let entry = reader.fields(
            pairs,
            &["date", "comment"],
            &[("date", "date: 2018-06-01")],
            "major_revisions field",
            &range,
        );
        let Some(text) = reader.text(entry.get("date"), "date") else { continue };
        let Some(date) = loose_date(&text.value) else {
            reader.report(
                Rule::InvalidDate,
                &text.range,
                "major_revisions",
                format!("`date: {}` of a revision recorded before control is not a date", text.value),
                "write it as YYYY-MM-DD, e.g. `date: 2018-06-01`",
            );
            continue;
        };
        let comment = reader.text(entry.get("comment"), "comment").map(|c| c.value).unwrap_or_default();
        revisions.push(HeaderRevision { date, comment });
    }
    revisions
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date as ISO `YYYY-MM-DD`, or a month name (or its first three letters), a day and a
/// four-digit year in either order: `Jun 1 2018`, `June 1, 2018`, `1 June 2018`.
pub fn loose_date(text: &str) -> Option<Date> {
    if let Ok(date) = super::fields::parse_date(text.trim()) {
        return Some(date);
    }
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let [a, b, year] = words.as_slice() else { return None };
    // The whole name or its first three letters (`Sept` is not read).
    let month_of = |word: &str| {
        let word = word.trim_end_matches('.').to_lowercase();
        MONTHS.iter().position(|m| *m == word || (word.len() == 3 && m.starts_with(&word)))
    };
    let (month, day) = match (month_of(a), month_of(b)) {
        (Some(month), None) => (month, b),
        (None, Some(month)) => (month, a),
        _ => return None,
    };
    let day: i8 = day.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok()?;
    let year: i16 = year.parse().ok().filter(|_| year.len() == 4)?;
    Date::new(year, i8::try_from(month + 1).ok()?, day).ok()
}

#[cfg(test)]
mod tests {
    use super::loose_date;

    #[test]
    fn comply_dates_are_read() {
        let june = Some(jiff::civil::date(2018, 6, 1));
        for text in ["2018-06-01", "Jun 1 2018", "June 1, 2018", "1 June 2018", "jun 1st 2018", "1 Jun. 2018"] {
            assert_eq!(loose_date(text), june, "{text}");
        }
        for text in ["Jun 31 2018", "Juno 1 2018", "2018", "Jun 1 18", "1 2 2018", ""] {
            assert_eq!(loose_date(text), None, "{text}");
        }
    }
}
