//! When a document in force is next due for its periodic review.

use super::{Date, Document, Interval};
use crate::config::ReviewSettings;

/// The next periodic review of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextReview {
    /// The last review (or approval, which counts as one).
    pub last: Date,
    pub interval: Interval,
    pub due: Date,
}

impl NextReview {
    /// `None` for documents not released (drafts, obsolete), without an approval date, or
    /// whose next review falls past the end of the calendar ([`NextReview::past_the_calendar`]).
    pub fn of(document: &Document, settings: &ReviewSettings) -> Option<NextReview> {
        let (last, interval) = Self::basis(document, settings)?;
        Some(NextReview { last, interval, due: interval.after(last)? })
    }

    /// The last review and interval of a released document whose next review cannot be
    /// dated: it falls after 9999-12-31.
    pub fn past_the_calendar(document: &Document, settings: &ReviewSettings) -> Option<(Date, Interval)> {
        Self::basis(document, settings).filter(|(last, interval)| interval.after(*last).is_none())
    }

    fn basis(document: &Document, settings: &ReviewSettings) -> Option<(Date, Interval)> {
        if !document.status()?.is_released() {
            return None;
        }
        let last = document.last_review()?;
        let interval = document.meta.review_interval.as_ref().map_or_else(
            || settings.interval_for(document.meta.doc_type.as_ref().map(|t| t.value.as_str())),
            |own| own.value,
        );
        Some((last, interval))
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Where a review stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReviewState {
    Overdue,
    /// Due within the window asked for.
    Due,
    Upcoming,
}

impl ReviewState {
    /// Where a review due on `due` stands on `today`, with `within` as the due window.
    pub fn on(due: Date, today: Date, within: Interval) -> ReviewState {
        let horizon = within.after(today).unwrap_or(today);
        if due < today {
            ReviewState::Overdue
        } else if due <= horizon {
            ReviewState::Due
        } else {
            ReviewState::Upcoming
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Overdue => "overdue",
            ReviewState::Due => "due",
            ReviewState::Upcoming => "upcoming",
        }
    }
}

/// One line of the review schedule.
#[derive(Debug, Clone)]
pub struct ScheduledReview<'a> {
    pub document: &'a Document,
    pub review: NextReview,
    pub state: ReviewState,
    /// Days from today to the due date (negative when overdue).
    pub days: i64,
}

/// Every released document's next review, sorted by due date (then id): overdue before
/// `today`, due up to `today + within`, upcoming after.
pub fn review_schedule<'a>(
    register: &'a super::Register,
    settings: &ReviewSettings,
    today: Date,
    within: Interval,
) -> Vec<ScheduledReview<'a>> {
    let mut schedule: Vec<ScheduledReview> = register
        .documents()
        .iter()
        .filter_map(|document| {
            let review = NextReview::of(document, settings)?;
            let state = ReviewState::on(review.due, today, within);
            Some(ScheduledReview { document, review, state, days: days_between(today, review.due) })
        })
        .collect();
    schedule.sort_by(|a, b| (a.review.due, a.document.id()).cmp(&(b.review.due, b.document.id())));
    schedule
}
