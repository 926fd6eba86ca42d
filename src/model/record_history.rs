//! The versions of the records over git history: what the `record-altered` rule compares.
//! Each version is what one mainline commit (or the working tree) made of a record's file.

use super::{CommitInfo, Date, Line};
use std::sync::Arc;

/// What one version of a record's file says, for the history rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordState {
    /// A closed nonconformity, a held audit or a management review: fixed evidence.
    pub fixed: bool,
    /// The readable dates of its `amendments:` entries, in the order written.
    pub amendments: Vec<Date>,
    /// A fixed-key hash of the whole file (front matter and body).
    pub hash: u64,
}

/// One version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRevision {
    /// `None` for the uncommitted working tree.
    pub commit: Option<Arc<CommitInfo>>,
    pub line: Line,
    /// Made before `[history] since`: judged by no rule.
    pub before_control: bool,
    /// Path relative to the QMS root.
    pub path: String,
    /// `None` when this version deleted the file.
    pub state: Option<RecordState>,
}

impl RecordState {
    /// Whether `self` documents its change from `before` with an amendment: it has more
    /// `amendments:` entries, and one entry not in `before` is dated on or after `since` (the
    /// date of the previous version: the change was made after it).
    pub fn amends(&self, before: &RecordState, since: Date) -> bool {
        if self.amendments.len() <= before.amendments.len() {
            return false;
        }
        let mut earlier = before.amendments.clone();
        self.amendments.iter().any(|date| match earlier.iter().position(|e| e == date) {
            Some(index) => {
                earlier.swap_remove(index);
                false
            }
            None => *date >= since,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(dates: &[Date]) -> RecordState {
        RecordState { fixed: true, amendments: dates.to_vec(), hash: 0 }
    }

    #[test]
    fn an_amendment_is_a_new_entry_dated_after_the_previous_version() {
        let (may1, may2, may3) = (Date::constant(2026, 5, 1), Date::constant(2026, 5, 2), Date::constant(2026, 5, 3));
        assert!(state(&[may2]).amends(&state(&[]), may2));
        assert!(state(&[may3]).amends(&state(&[]), may2));
        assert!(!state(&[may1]).amends(&state(&[]), may2), "dated before the previous version");
        assert!(!state(&[may2]).amends(&state(&[may2]), may2), "no new entry");
        assert!(state(&[may2, may2]).amends(&state(&[may2]), may2), "a second entry on the same day");
        assert!(!state(&[may1, may1]).amends(&state(&[may1]), may2), "the new entry is old");
    }
}
