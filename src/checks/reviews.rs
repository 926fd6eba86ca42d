//! Periodic review: approved and effective documents are reviewed within their interval.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Date, Document};

pub struct Reviews;

impl Check for Reviews {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::ReviewOverdue, Rule::ReviewDueSoon]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let soon = ctx.review.due_soon.after(ctx.today).unwrap_or(ctx.today);
        for document in ctx.register.documents() {
            let Some(due) = next_review(ctx, document) else { continue };
            let field = if document.meta.last_reviewed.is_some() { "last_reviewed" } else { "approved" };
            let span = document.field_span(field);
            let interval = document.meta.review_interval.as_ref().map_or_else(
                || ctx.review.interval_for(document.meta.doc_type.as_ref().map(|t| t.value.as_str())),
                |i| i.value,
            );
            let last = document.last_review().map(|d| d.to_string()).unwrap_or_default();
            if due < ctx.today {
                let days = days_between(due, ctx.today);
                out.push(
                    Diagnostic::new(Rule::ReviewOverdue, format!("review was due on {due} ({days} days ago): last reviewed {last}, interval {interval}"))
                        .at(span)
                        .field(field)
                        .help("review the document with its owner, then set `last_reviewed` to the review date (or approve a revised version)"),
                );
            } else if due <= soon {
                let days = days_between(ctx.today, due);
                out.push(
                    Diagnostic::new(
                        Rule::ReviewDueSoon,
                        format!("review is due on {due} (in {days} days): last reviewed {last}, interval {interval}"),
                    )
                    .at(span)
                    .field(field)
                    .help("schedule the review with the owner; `last_reviewed` records it"),
                );
            }
        }
    }
}

/// When the document's next periodic review is due; `None` if it is not in force.
pub fn next_review(ctx: &CheckContext, document: &Document) -> Option<Date> {
    if !document.status()?.is_released() {
        return None;
    }
    let last = document.last_review()?;
    let interval = document.meta.review_interval.as_ref().map_or_else(
        || ctx.review.interval_for(document.meta.doc_type.as_ref().map(|t| t.value.as_str())),
        |i| i.value,
    );
    interval.after(last)
}

fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}
