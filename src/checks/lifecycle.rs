//! Lifecycle: approval fields match the status, dates are in order and not in the future,
//! obsolete documents lead to a successor or a withdrawal date, supersession agrees both ways.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Document, Status};

pub struct Lifecycle;

impl Check for Lifecycle {
    fn rules(&self) -> &'static [Rule] {
        &[
            Rule::MissingApproval,
            Rule::EffectiveBeforeApproved,
            Rule::DateInFuture,
            Rule::StatusDateMismatch,
            Rule::ObsoleteWithoutSuccessor,
            Rule::UnknownDocumentId,
            Rule::SupersessionMismatch,
        ]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        for document in ctx.register.documents() {
            if !document.has_metadata {
                continue;
            }
            approval_fields(document, out);
            dates(ctx, document, out);
            supersession(ctx, document, out);
        }
    }
}

fn approval_fields(document: &Document, out: &mut Vec<Diagnostic>) {
    let Some(status) = document.status() else { return };
    let meta = &document.meta;
    let missing = [
        (
            "approver",
            meta.approver.is_none(),
            matches!(status, Status::Approved | Status::Effective | Status::Obsolete),
            "approver: Managing Director",
        ),
        ("approved", meta.approved.is_none(), status.is_released(), "approved: 2026-03-14"),
        ("effective", meta.effective.is_none(), status == Status::Effective, "effective: 2026-03-21"),
    ];
    for (field, absent, required, example) in missing {
        if required && meta.lacks(field, !absent) {
            out.push(
                Diagnostic::new(
                    Rule::MissingApproval,
                    format!("a document with status `{status}` must have `{field}`"),
                )
                .at(document.field_span("status"))
                .field(field)
                .help(format!("add `{example}`, or set the status back to `draft` or `in-review`")),
            );
        }
    }
}

fn dates(ctx: &CheckContext, document: &Document, out: &mut Vec<Diagnostic>) {
    let meta = &document.meta;
    if let (Some(approved), Some(effective)) = (&meta.approved, &meta.effective)
        && effective.value < approved.value
    {
        out.push(
            Diagnostic::new(
                Rule::EffectiveBeforeApproved,
                format!("effective date {} is before the approval date {}", effective.value, approved.value),
            )
            .at(document.span(effective.range.clone()))
            .field("effective")
            .help("a document comes into force on or after its approval; correct one of the dates"),
        );
    }
    for (field, date) in
        [("approved", &meta.approved), ("last_reviewed", &meta.last_reviewed), ("withdrawn", &meta.withdrawn)]
    {
        if let Some(date) = date.as_ref().filter(|d| d.value > ctx.today) {
            out.push(
                Diagnostic::new(
                    Rule::DateInFuture,
                    format!("`{field}` date {} is after today ({})", date.value, ctx.today),
                )
                .at(document.span(date.range.clone()))
                .field(field)
                .help("correct the date; record an approval or review once it has happened"),
            );
        }
    }
    let Some(status) = document.status() else { return };
    let mismatch = |message: String, field: &str, help: &str| {
        Diagnostic::new(Rule::StatusDateMismatch, message).at(document.field_span(field)).field(field).help(help)
    };
    // `approved` with a past effective date is in force: many teams never switch to `effective`.
    if let (Status::Effective, Some(effective)) = (status, &meta.effective)
        && effective.value > ctx.today
    {
        out.push(mismatch(
            format!("status is `effective` but the effective date {} is still ahead", effective.value),
            "status",
            "keep the status `approved` until the effective date",
        ));
    }
    if meta.withdrawn.is_some() && status != Status::Obsolete {
        out.push(mismatch(
            format!("a withdrawal date is set but the status is `{status}`"),
            "withdrawn",
            "set `status: obsolete`, or remove `withdrawn`",
        ));
    }
}

fn supersession(ctx: &CheckContext, document: &Document, out: &mut Vec<Diagnostic>) {
    let meta = &document.meta;
    let this_id = document.id().unwrap_or_default();
    if document.status() == Some(Status::Obsolete) && meta.superseded_by.is_empty() && meta.withdrawn.is_none() {
        out.push(
            Diagnostic::new(
                Rule::ObsoleteWithoutSuccessor,
                "obsolete document names neither a successor nor a withdrawal date",
            )
            .at(document.field_span("status"))
            .field("superseded_by")
            .help("add `superseded_by: <id of the replacing document>` or `withdrawn: YYYY-MM-DD`"),
        );
    }
    for (field, ids) in [("superseded_by", &meta.superseded_by), ("supersedes", &meta.supersedes)] {
        for id in ids {
            let Some(other) = ctx.register.by_id(&id.value) else {
                let hint =
                    crate::suggest::did_you_mean(&id.value, ctx.register.documents().iter().filter_map(Document::id));
                out.push(
                    Diagnostic::new(
                        Rule::UnknownDocumentId,
                        format!("`{field}` names `{}`, which no document has{hint}", id.value),
                    )
                    .at(document.span(id.range.clone()))
                    .field(field)
                    .help("correct the id, or add the missing document"),
                );
                continue;
            };
            if other.id() == document.id() {
                out.push(
                    Diagnostic::new(Rule::SupersessionMismatch, format!("`{field}` names the document itself"))
                        .at(document.span(id.range.clone()))
                        .field(field)
                        .help("name the other document of the supersession"),
                );
                continue;
            }
            // The successor may stay silent; when it lists what it supersedes, this must be there.
            let disagrees = field == "superseded_by"
                && !other.meta.supersedes.is_empty()
                && !other.meta.supersedes.iter().any(|other_id| other_id.value == this_id);
            if disagrees {
                let listed: Vec<&str> = other.meta.supersedes.iter().map(|s| s.value.as_str()).collect();
                out.push(
                    Diagnostic::new(
                        Rule::SupersessionMismatch,
                        format!(
                            "{} is named as successor but supersedes {}, not {this_id}",
                            other.label(),
                            listed.join(", ")
                        ),
                    )
                    .at(document.span(id.range.clone()))
                    .field(field)
                    .help(format!("add {this_id} to `supersedes` in {}, or correct `superseded_by`", other.path)),
                );
            }
            let superseded_still_live = field == "supersedes"
                && other.status().is_some_and(Status::is_released)
                && document.status() == Some(Status::Effective);
            if superseded_still_live {
                out.push(
                    Diagnostic::new(
                        Rule::SupersessionMismatch,
                        format!(
                            "this effective document supersedes {}, which is still {}",
                            other.label(),
                            other.status().map_or("", Status::as_str)
                        ),
                    )
                    .at(document.span(id.range.clone()))
                    .field(field)
                    .help(format!("make {} obsolete with `superseded_by: {this_id}`", other.path)),
                );
            }
        }
    }
}
