//! The reason for a change (`change`): an approved or effective version that differs from the
//! document's previous released version says why it was made, in its own words (off by
//! default, like `approver-is-author`). Needs the history to know the previous version.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Line, Status};

pub struct ChangeReason;

impl Check for ChangeReason {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::MissingChangeReason]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let Some(history) = ctx.history else { return };
        for document in ctx.register.documents() {
            let (Some(id), Some(version)) = (document.id(), document.meta.version.as_ref()) else { continue };
            if !document.status().is_some_and(Status::is_released) {
                continue;
            }
            let previous = history.revisions(id).iter().rev().find(|r| {
                r.line == Line::Mainline
                    && !r.before_control
                    && r.meta.status.is_some_and(Status::is_released)
                    && r.meta.version.as_ref().is_some_and(|v| *v != version.value)
            });
            let Some(previous) = previous else { continue };
            let before = previous.meta.version.as_ref().map(ToString::to_string).unwrap_or_default();
            let (message, field) = match &document.meta.change {
                None => {
                    (format!("{id}: version {} gives no reason for the change from {before}", version.value), "version")
                }
                Some(change) if previous.meta.change.as_deref() == Some(change.value.as_str()) => (
                    format!("{id}: version {} repeats the reason for the change of version {before}", version.value),
                    "change",
                ),
                Some(_) => continue,
            };
            out.push(
                Diagnostic::new(Rule::MissingChangeReason, message)
                    .at(document.field_span(field))
                    .field(field)
                    .help(format!("add `change:` with the reason for version {} and what it changed", version.value)),
            );
        }
    }
}
