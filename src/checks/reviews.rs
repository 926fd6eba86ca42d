//! Periodic review: approved and effective documents are reviewed within their interval.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Date, NextReview, days_between};

pub struct Reviews;

impl Check for Reviews {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::ReviewOverdue, Rule::ReviewDueSoon, Rule::InvalidInterval]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let soon = ctx.review.due_soon.after(ctx.today).unwrap_or(ctx.today);
        for document in ctx.register.documents() {
            let field = if document.meta.last_reviewed.is_some() { "last_reviewed" } else { "approved" };
            if let Some((last, interval)) = NextReview::past_the_calendar(document, ctx.review) {
                // Never due is no schedule: say so rather than leave the document out of it.
                let field = if document.meta.review_interval.is_some() { "review_interval" } else { field };
                out.push(
                    Diagnostic::new(
                        Rule::InvalidInterval,
                        format!(
                            "the next review ({last} plus {interval}) falls after 9999-12-31 and cannot be scheduled"
                        ),
                    )
                    .help(format!("correct `{field}`: the review date and interval must give a date in the calendar"))
                    .at(document.field_span(field))
                    .field(field),
                );
                continue;
            }
            let Some(review) = NextReview::of(document, ctx.review) else { continue };
            let NextReview { last, interval, due } = review;
            let diagnostic = if due < ctx.today {
                Diagnostic::new(
                    Rule::ReviewOverdue,
                    format!(
                        "review was due on {due} ({} ago): last reviewed {last}, interval {interval}",
                        days(due, ctx.today)
                    ),
                )
                .help("review the document with its owner, then set `last_reviewed` to the review date (or approve a revised version)")
            } else if due <= soon {
                Diagnostic::new(
                    Rule::ReviewDueSoon,
                    format!(
                        "review is due on {due} (in {}): last reviewed {last}, interval {interval}",
                        days(ctx.today, due)
                    ),
                )
                .help("schedule the review with the owner; `last_reviewed` records it")
            } else {
                continue;
            };
            out.push(diagnostic.at(document.field_span(field)).field(field));
        }
    }
}

/// "1 day", "12 days": the time from `from` to `to`.
fn days(from: Date, to: Date) -> String {
    let count = days_between(from, to);
    format!("{count} day{}", if count == 1 { "" } else { "s" })
}
