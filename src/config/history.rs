//! The `[history]` section of `qms.toml`: `since` (the commit that put the set under control)
//! and `[[history.accepted]]` (history findings accepted on the record), validated with the
//! line of each mistake.

use crate::diag::{self, Rule};
use crate::error::Result;
use crate::model::{Acceptance, Date};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The validated `[history]` section.
#[derive(Debug, Clone, Default)]
pub struct HistorySettings {
    /// The commit (or tag, or any revision) that put the set under control, with its place.
    pub since: Option<diag::Spanned<String>>,
    pub accepted: Vec<Acceptance>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHistory {
    since: Option<Spanned<String>>,
    #[serde(default)]
    accepted: Vec<RawAccepted>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccepted {
    code: Spanned<String>,
    document: Spanned<String>,
    commit: Spanned<String>,
    reason: Spanned<String>,
    by: Spanned<String>,
    date: Spanned<toml::Value>,
}

/// The history rules a finding can be accepted for.
pub const ACCEPTABLE: &[Rule] = &[
    Rule::VersionNotBumped,
    Rule::VersionDecreased,
    Rule::ApprovalNotRenewed,
    Rule::StatusRegressed,
    Rule::ControlledDocumentDeleted,
    Rule::IdReused,
    Rule::ApproverIsAuthor,
    Rule::RecordAltered,
];

/// Validates the section; `invalid` makes the error for a place in `qms.toml`.
pub(super) fn validate(
    raw: RawHistory,
    invalid: &dyn Fn(Option<Range<usize>>, String) -> crate::error::Error,
) -> Result<HistorySettings> {
    let since = match raw.since {
        Some(since) if since.get_ref().trim().is_empty() => {
            return Err(invalid(
                Some(since.span()),
                "`[history] since` is empty; name the commit that put the set under control, or remove the line"
                    .to_owned(),
            ));
        }
        Some(since) => Some(diag::Spanned::new(since.get_ref().trim().to_owned(), since.span())),
        None => None,
    };
    let mut accepted = Vec::new();
    for entry in raw.accepted {
        let code = entry.code.get_ref();
        if !ACCEPTABLE.iter().any(|rule| rule.code() == code) {
            let codes: Vec<&str> = ACCEPTABLE.iter().map(|rule| rule.code()).collect();
            return Err(invalid(
                Some(entry.code.span()),
                format!(
                    "`[[history.accepted]]` names the code \"{code}\", which is not a history finding; accept one of {}",
                    codes.join(", ")
                ),
            ));
        }
        let commit = entry.commit.get_ref().trim().to_ascii_lowercase();
        if !(7..=40).contains(&commit.len()) || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid(
                Some(entry.commit.span()),
                format!(
                    "`commit = \"{}\"` is not a commit id; copy the 7 or more hexadecimal digits the finding names",
                    entry.commit.get_ref()
                ),
            ));
        }
        for (field, value) in [("document", &entry.document), ("reason", &entry.reason), ("by", &entry.by)] {
            if value.get_ref().trim().is_empty() {
                return Err(invalid(
                    Some(value.span()),
                    format!(
                        "`{field}` of a `[[history.accepted]]` entry is empty; every acceptance says {}",
                        what(field)
                    ),
                ));
            }
        }
        let date = date(entry.date.get_ref()).ok_or_else(|| {
            invalid(
                Some(entry.date.span()),
                "`date` of a `[[history.accepted]]` entry is not a date; write it as 2026-11-29".to_owned(),
            )
        })?;
        accepted.push(Acceptance {
            code: code.clone(),
            document: entry.document.get_ref().trim().to_owned(),
            range: entry.commit.span(),
            commit,
            reason: entry.reason.get_ref().trim().to_owned(),
            by: entry.by.get_ref().trim().to_owned(),
            date,
        });
    }
    Ok(HistorySettings { since, accepted })
}

fn what(field: &str) -> &'static str {
    match field {
        "document" => "which document (its id)",
        "reason" => "why the finding is accepted",
        _ => "who accepted it",
    }
}

/// A TOML date (`2026-11-29`) or a string holding one.
fn date(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
            let day = datetime.date?;
            Date::new(i16::try_from(day.year).ok()?, i8::try_from(day.month).ok()?, i8::try_from(day.day).ok()?).ok()
        }
        toml::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn parse_err(text: &str) -> String {
        crate::config::parse(Path::new("/q"), text).unwrap_err().to_string()
    }

    const ENTRY: &str = "[[history.accepted]]\ncode = \"version-not-bumped\"\ndocument = \"SOP-4\"\ncommit = \"9E21B07\"\nreason = \"Typo\"\nby = \"Quality Manager\"\ndate = 2026-11-29\n";

    #[test]
    fn acceptances_are_read_and_checked_with_their_line() {
        let config =
            crate::config::parse(Path::new("/q"), &format!("[history]\nsince = \"v2026.1\"\n\n{ENTRY}")).unwrap();
        assert_eq!(config.history.since.as_ref().map(|s| s.value.as_str()), Some("v2026.1"));
        let acceptance = &config.history.accepted[0];
        assert_eq!((acceptance.commit.as_str(), acceptance.date.to_string()), ("9e21b07", "2026-11-29".to_owned()));
        let message = parse_err(&ENTRY.replace("version-not-bumped", "review-overdue"));
        assert!(message.contains(":2:8:") && message.contains("not a history finding"), "{message}");
        let message = parse_err(&ENTRY.replace("9E21B07", "9e2"));
        assert!(message.contains(":4:10:") && message.contains("not a commit id"), "{message}");
        let message = parse_err(&ENTRY.replace("\"Typo\"", "\" \""));
        assert!(message.contains(":5:") && message.contains("why the finding is accepted"), "{message}");
        let message = parse_err(&ENTRY.replace("2026-11-29", "\"29/11/2026\""));
        assert!(message.contains(":7:") && message.contains("not a date"), "{message}");
        let message = parse_err(&ENTRY.replace("by =", "who ="));
        assert!(message.contains("unknown field `who`"), "{message}");
    }
}
