//! Corrective action, management review and objectives (DESIGN §7): nonconformities overdue
//! or closed without verification, management reviews overdue or missing inputs, their actions
//! overdue, objectives that cannot be measured or miss their target.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule, Span};
use crate::model::{Document, ManagementReview, Nonconformity, Objective, Record, RecordBody};

pub struct Improvement;

impl Check for Improvement {
    fn rules(&self) -> &'static [Rule] {
        &[
            Rule::NonconformityOverdue,
            Rule::NonconformityNotVerified,
            Rule::ManagementReviewOverdue,
            Rule::ManagementReviewInputMissing,
            Rule::ManagementReviewActionOverdue,
            Rule::ObjectiveNotMeasurable,
            Rule::ObjectiveOffTarget,
        ]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        for record in ctx.records {
            match &record.body {
                RecordBody::Nonconformity(nc) => nonconformity(ctx, record, nc, out),
                RecordBody::ManagementReview(review) => {
                    review_inputs(ctx, record, review, out);
                    review_actions(ctx, record, review, out);
                }
                RecordBody::Audit(_) | RecordBody::Certificate(_) => {}
            }
        }
        reviews_overdue(ctx, out);
        for document in ctx.register.documents() {
            for objective in &document.meta.objectives {
                objective_findings(ctx, document, objective, out);
            }
        }
    }
}

fn nonconformity(ctx: &CheckContext, record: &Record, nc: &Nonconformity, out: &mut Vec<Diagnostic>) {
    match (&nc.closed, &nc.due) {
        (None, Some(due)) if due.value < ctx.today && !record.invalid.contains("closed") => out.push(
            Diagnostic::new(
                Rule::NonconformityOverdue,
                format!("nonconformity {} was due on {} and is not closed", record.name(), due.value),
            )
            .at(record.span(due.range.clone()))
            .field("due")
            .help("close it (`closed:` with the date) or agree a new `due:` date with its owner"),
        ),
        (Some(closed), _) if nc.verified.is_none() && !record.invalid.contains("verified") => {
            let within = ctx.record_settings.verify_within;
            if within.after(closed.value).is_some_and(|by| by < ctx.today) {
                out.push(
                    Diagnostic::new(
                        Rule::NonconformityNotVerified,
                        format!(
                            "nonconformity {} was closed on {} and its effectiveness is not verified after {within}",
                            record.name(),
                            closed.value
                        ),
                    )
                    .at(record.span(closed.range.clone()))
                    .field("verified")
                    .help("check that the problem has not recurred and record `verified:` and `verified_by:`"),
                );
            }
        }
        _ => {}
    }
}

fn review_inputs(ctx: &CheckContext, record: &Record, review: &ManagementReview, out: &mut Vec<Diagnostic>) {
    for standard_id in &review.standards {
        let Some(standard) = ctx.catalogs.get(standard_id.value.as_str()) else { continue };
        let catalog = &standard.management_review_inputs;
        if catalog.is_empty() {
            continue;
        }
        let listed = review.inputs.get(&standard.id).map(Vec::as_slice).unwrap_or_default();
        for unknown in listed.iter().filter(|id| !catalog.iter().any(|input| input.id == id.value)) {
            let ids: Vec<&str> = catalog.iter().map(|input| input.id.as_str()).collect();
            out.push(
                Diagnostic::new(
                    Rule::ManagementReviewInputMissing,
                    format!("{} has no management-review input `{}`", standard.id, unknown.value),
                )
                .at(record.span(unknown.range.clone()))
                .field("inputs")
                .help(format!("use the catalog's input ids: {}", ids.join(", "))),
            );
        }
        let missing: Vec<String> = catalog
            .iter()
            .filter(|input| !listed.iter().any(|id| id.value == input.id))
            .map(|input| format!("{} ({})", input.id, input.what))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let range = review.input_keys.get(&standard.id).cloned().unwrap_or_else(|| standard_id.range.clone());
        out.push(
            Diagnostic::new(
                Rule::ManagementReviewInputMissing,
                format!(
                    "management review {} does not cover {} input(s) of {}: {}",
                    record.name(),
                    missing.len(),
                    standard.id,
                    missing.join("; ")
                ),
            )
            .at(record.span(range))
            .field("inputs")
            .help(format!("consider them and list their ids under `inputs: {{\"{}\": [...]}}`", standard.id)),
        );
    }
}

fn review_actions(ctx: &CheckContext, record: &Record, review: &ManagementReview, out: &mut Vec<Diagnostic>) {
    for action in &review.actions {
        let Some(due) = &action.due else { continue };
        if action.closed.is_none() && due.value < ctx.today && !record.invalid.contains("closed") {
            let name = action.id.as_ref().map_or("an action", |id| id.value.as_str());
            out.push(
                Diagnostic::new(
                    Rule::ManagementReviewActionOverdue,
                    format!("{name} of management review {} was due on {} and is not closed", record.name(), due.value),
                )
                .at(record.span(due.range.clone()))
                .field("actions")
                .help("close the action (`closed:` with the date) or set a new `due:` date with its owner"),
            );
        }
    }
}

/// The latest management review held is older than the interval (or none is recorded while
/// certificates are).
fn reviews_overdue(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let interval = ctx.record_settings.review_interval;
    let latest = ctx
        .records
        .iter()
        .filter_map(|r| match &r.body {
            RecordBody::ManagementReview(review) => {
                review.date.as_ref().filter(|d| d.value <= ctx.today).map(|d| (d, r))
            }
            _ => None,
        })
        .max_by_key(|(date, record)| (date.value, &record.path));
    let Some((date, record)) = latest else {
        let certificate = ctx.records.iter().find(|r| matches!(r.body, RecordBody::Certificate(_)));
        if let Some(certificate) = certificate {
            out.push(
                Diagnostic::new(
                    Rule::ManagementReviewOverdue,
                    format!("certificate {} is held but no management review is recorded", certificate.name()),
                )
                .at(certificate.id_span())
                .help("record the last management review (`record: management-review`) under the records folder"),
            );
        }
        return;
    };
    if let Some(due) = interval.after(date.value)
        && due < ctx.today
    {
        out.push(
            Diagnostic::new(
                Rule::ManagementReviewOverdue,
                format!(
                    "the last management review ({}, {}) is more than {interval} ago; the next was due by {due}",
                    record.name(),
                    date.value
                ),
            )
            .at(record.span(date.range.clone()))
            .field("date")
            .help("hold the management review and record it"),
        );
    }
}

fn objective_findings(ctx: &CheckContext, document: &Document, objective: &Objective, out: &mut Vec<Diagnostic>) {
    let name = objective.id.as_ref().map_or("an objective", |id| id.value.as_str());
    let lacking: Vec<&str> = [
        ("measure", objective.measure.is_some()),
        ("target", objective.target.is_some()),
        ("due", objective.due.is_some()),
    ]
    .into_iter()
    .filter(|(field, present)| !present && !objective.invalid.contains(*field))
    .map(|(field, _)| field)
    .collect();
    let at = |range: std::ops::Range<usize>| Span::new(document.file, range);
    let id_range = objective.id.as_ref().map_or(objective.range.clone(), |id| id.range.clone());
    if !lacking.is_empty() {
        out.push(
            Diagnostic::new(Rule::ObjectiveNotMeasurable, format!("objective {name} has no {}", lacking.join(", no ")))
                .at(at(id_range))
                .field("objectives")
                .help("give the objective a `measure:`, a `target:` (like \">= 97\") and a `due:` date"),
        );
        return;
    }
    let (Some(target), Some(due)) = (&objective.target, &objective.due) else { return };
    if due.value > ctx.today {
        return;
    }
    if let Some(latest) = objective.latest()
        && !target.value.is_met_by(latest.value)
    {
        let unit = objective.unit.as_ref().map_or("", |u| u.value.as_str());
        out.push(
            Diagnostic::new(
                Rule::ObjectiveOffTarget,
                format!(
                    "objective {name} was due on {}; its latest result ({}{unit} on {}) misses the target {}{unit}",
                    due.value, latest.value, latest.date, target.value
                ),
            )
            .at(at(latest.range.clone()))
            .field("objectives")
            .help("decide and record what to do: an action, a new target or a new due date"),
        );
    }
}
