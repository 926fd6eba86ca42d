//! A history finding accepted on the record (`[[history.accepted]]` in `qms.toml`): history is
//! immutable, so a slip that reached the mainline cannot be undone, only accepted, with the
//! reason, the person and the date, reviewed like any other change.

use super::Date;
use std::ops::Range;

/// One `[[history.accepted]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    /// The code of the finding accepted (`version-not-bumped`).
    pub code: String,
    /// The document's id.
    pub document: String,
    /// The commit the finding names, as written (at least 7 hexadecimal digits, lower case).
    pub commit: String,
    pub reason: String,
    /// Who accepted it (a person or a role).
    pub by: String,
    pub date: Date,
    /// Where the entry's `commit` is in `qms.toml`.
    pub range: Range<usize>,
}

impl Acceptance {
    /// Whether this entry names the finding `code` about `document` in commit `id` (a full id).
    pub fn accepts(&self, code: &str, document: &str, id: &str) -> bool {
        self.code == code && self.document == document && self.names_commit(id)
    }

    /// Whether `commit` is written for the commit `id` (a full id).
    pub fn names_commit(&self, id: &str) -> bool {
        id.starts_with(&self.commit)
    }

    /// `version-not-bumped accepted by Quality Manager on 2026-11-29: reason`.
    pub fn describe(&self) -> String {
        format!("{} accepted by {} on {}: {}", self.code, self.by, self.date, self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acceptance_names_a_commit_by_its_prefix() {
        let acceptance = Acceptance {
            code: "version-not-bumped".into(),
            document: "SOP-1".into(),
            commit: "9e21b07".into(),
            reason: "Typo".into(),
            by: "QM".into(),
            date: Date::constant(2026, 11, 29),
            range: 0..0,
        };
        assert!(acceptance.accepts("version-not-bumped", "SOP-1", "9e21b07aa00"));
        assert!(!acceptance.accepts("version-not-bumped", "SOP-2", "9e21b07aa00"));
        assert!(!acceptance.accepts("version-decreased", "SOP-1", "9e21b07aa00"));
        assert!(!acceptance.accepts("version-not-bumped", "SOP-1", "9e21b08aa00"));
        assert_eq!(acceptance.describe(), "version-not-bumped accepted by QM on 2026-11-29: Typo");
    }
}
