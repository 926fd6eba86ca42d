//! What a reader may rely on, decided once for every output: a document's state on a given day
//! (its status, with an approved document whose effective date is still ahead *pending*), and
//! the one order of document ids (natural: `SOP-9` before `SOP-10`).

use super::{Date, Document, Status};
use std::cmp::Ordering;

/// A document's state on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocumentState {
    Effective,
    /// Approved, and in force (no effective date ahead).
    Approved,
    /// Approved, its effective date still ahead.
    Pending,
    Draft,
    InReview,
    Obsolete,
    /// No readable status.
    Unknown,
}

impl DocumentState {
    /// The state of a document with `status` and `effective` date, on `today`.
    pub fn of(status: Option<Status>, effective: Option<Date>, today: Date) -> DocumentState {
        match status {
            Some(Status::Effective) => DocumentState::Effective,
            Some(Status::Approved) if effective.is_some_and(|date| date > today) => DocumentState::Pending,
            Some(Status::Approved) => DocumentState::Approved,
            Some(Status::Draft) => DocumentState::Draft,
            Some(Status::InReview) => DocumentState::InReview,
            Some(Status::Obsolete) => DocumentState::Obsolete,
            None => DocumentState::Unknown,
        }
    }

    /// `effective`, `approved`, `pending`, `draft`, `in-review`, `obsolete` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentState::Effective => "effective",
            DocumentState::Approved => "approved",
            DocumentState::Pending => "pending",
            DocumentState::Draft => "draft",
            DocumentState::InReview => "in-review",
            DocumentState::Obsolete => "obsolete",
            DocumentState::Unknown => "unknown",
        }
    }

    /// One word for it: "Effective", "Pending", "In review", …
    pub fn label(self) -> &'static str {
        match self {
            DocumentState::Effective => "Effective",
            DocumentState::Approved => "Approved",
            DocumentState::Pending => "Pending",
            DocumentState::Draft => "Draft",
            DocumentState::InReview => "In review",
            DocumentState::Obsolete => "Obsolete",
            DocumentState::Unknown => "Unknown",
        }
    }

    /// Whether a reader may work to it.
    pub fn in_force(self) -> bool {
        matches!(self, DocumentState::Effective | DocumentState::Approved)
    }
}

impl Document {
    /// Its state on `today`.
    pub fn state(&self, today: Date) -> DocumentState {
        DocumentState::of(self.status(), self.meta.effective.as_ref().map(|e| e.value), today)
    }
}

/// The order of document ids everywhere (register, site, print, reviews): runs of digits compare
/// as numbers, so `SOP-9` comes before `SOP-10`.
pub fn compare_ids(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let x_len = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let y_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let x_num = trim_zeros(&a[..x_len]);
                let y_num = trim_zeros(&b[..y_len]);
                let order = x_num.len().cmp(&y_num.len()).then_with(|| x_num.cmp(y_num)).then(x_len.cmp(&y_len));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[x_len..];
                b = &b[y_len..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&d| d == b'0').count();
    &digits[zeros..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_naturally() {
        let mut ids = vec!["SOP-10", "SOP-9", "SOP-009", "FRM-2", "SOP-1"];
        ids.sort_by(|a, b| compare_ids(a, b));
        assert_eq!(ids, ["FRM-2", "SOP-1", "SOP-9", "SOP-009", "SOP-10"]);
    }

    #[test]
    fn an_approved_document_is_pending_until_its_effective_date() {
        let day = |d: &str| d.parse::<Date>().unwrap();
        let state = |effective| DocumentState::of(Some(Status::Approved), effective, day("2026-11-27"));
        assert_eq!(state(Some(day("2026-12-07"))), DocumentState::Pending);
        assert_eq!(state(Some(day("2026-11-27"))), DocumentState::Approved);
        assert_eq!(state(None), DocumentState::Approved);
        assert!(!DocumentState::Pending.in_force());
    }
}
