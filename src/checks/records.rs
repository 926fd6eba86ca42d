//! The audit programme and the certificates (DESIGN §7): duplicate record ids, audits overdue,
//! clauses the programme misses, nonconformity findings without their record, certificates
//! expiring or expired, surveillance overdue, and open major nonconformities before an
//! external audit.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule, Span};
use crate::model::{
    Audit, Certificate, CertificateState, Date, FindingKind, Grade, Interval, Record, RecordBody, coverage,
};
use std::collections::{BTreeMap, BTreeSet};

pub struct Records;

impl Check for Records {
    fn rules(&self) -> &'static [Rule] {
        &[
            Rule::DuplicateRecordId,
            Rule::AuditOverdue,
            Rule::AuditProgrammeGap,
            Rule::FindingWithoutNonconformity,
            Rule::CertificateExpiring,
            Rule::CertificateExpired,
            Rule::SurveillanceOverdue,
            Rule::MajorNonconformityOpen,
        ]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        duplicate_ids(ctx.records, out);
        super::record_refs::clause_references(ctx, out);
        // The nonconformity records, once: findings are matched against them.
        let raised: BTreeSet<&str> = ctx
            .records
            .iter()
            .filter(|r| matches!(r.body, RecordBody::Nonconformity(_)))
            .filter_map(Record::id)
            .collect();
        for record in ctx.records {
            match &record.body {
                RecordBody::Audit(audit) => audit_findings(ctx, &raised, record, audit, out),
                RecordBody::Certificate(certificate) => certificate_dates(ctx, record, certificate, out),
                RecordBody::Nonconformity(_) | RecordBody::ManagementReview(_) => {}
            }
        }
        programme_gaps(ctx, out);
        majors_before_external_audits(ctx, out);
    }
}

fn duplicate_ids(records: &[Record], out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, &Record> = BTreeMap::new();
    for record in records {
        let Some(id) = record.id() else { continue };
        if let Some(earlier) = first.get(id) {
            out.push(
                Diagnostic::new(Rule::DuplicateRecordId, format!("record id `{id}` is also used by {}", earlier.path))
                    .at(record.id_span())
                    .field("id")
                    .help("give this record the next free id of its kind"),
            );
        } else {
            first.insert(id, record);
        }
    }
}

fn audit_findings(
    ctx: &CheckContext,
    raised: &BTreeSet<&str>,
    record: &Record,
    audit: &Audit,
    out: &mut Vec<Diagnostic>,
) {
    if audit.date.is_none()
        && !record.invalid.contains("date")
        && let Some(planned) = &audit.planned
        && planned.value < ctx.today
    {
        out.push(
            Diagnostic::new(
                Rule::AuditOverdue,
                format!("audit {} was planned for {} and has not been held", record.name(), planned.value),
            )
            .at(record.span(planned.range.clone()))
            .field("planned")
            .help("record the day it was held as `date:`, or move `planned:` to the new date"),
        );
    }
    for finding in &audit.findings {
        if finding.kind.as_ref().is_none_or(|kind| kind.value != FindingKind::Nonconformity) {
            continue;
        }
        let name =
            finding.id.as_ref().map_or("a nonconformity finding".to_owned(), |id| format!("finding {}", id.value));
        let (message, range) = match &finding.nonconformity {
            None => (format!("{name} of audit {} names no nonconformity record", record.name()), finding.range.clone()),
            Some(id) if !raised.contains(id.value.as_str()) => {
                (format!("{name} names nonconformity {}, which no record holds", id.value), id.range.clone())
            }
            Some(_) => continue,
        };
        out.push(
            Diagnostic::new(Rule::FindingWithoutNonconformity, message).at(record.span(range)).field("findings").help(
                "raise the nonconformity (`qms new nonconformity`) and name its id as `nonconformity:` in the finding",
            ),
        );
    }
}

fn certificate_dates(ctx: &CheckContext, record: &Record, certificate: &Certificate, out: &mut Vec<Diagnostic>) {
    let settings = ctx.record_settings;
    let Some(expires) = &certificate.expires else { return };
    let standard = certificate.standard.as_ref().map_or("the", |s| s.value.as_str());
    let state = CertificateState::on(expires.value, ctx.today, settings.warn_before);
    if state == CertificateState::Expired {
        out.push(
            Diagnostic::new(
                Rule::CertificateExpired,
                format!("{standard} certificate {} expired on {}", record.name(), expires.value),
            )
            .at(record.span(expires.range.clone()))
            .field("expires")
            .help("record the renewed certificate, or stop claiming the certification"),
        );
        return;
    }
    if state == CertificateState::Expiring {
        out.push(
            Diagnostic::new(
                Rule::CertificateExpiring,
                format!(
                    "{standard} certificate {} expires on {}, within {}",
                    record.name(),
                    expires.value,
                    settings.warn_before
                ),
            )
            .at(record.span(expires.range.clone()))
            .field("expires")
            .help("plan the recertification audit with the certification body"),
        );
    }
    let Some(issued) = &certificate.issued else { return };
    let year = Interval::Months(12);
    let mut dates: Vec<_> = certificate.surveillance.iter().collect();
    dates.sort_by_key(|d| d.value);
    let mut last = issued.value;
    for date in &dates {
        if date.value > ctx.today && year.after(last).is_some_and(|due| date.value > due) {
            out.push(
                Diagnostic::new(
                    Rule::SurveillanceOverdue,
                    format!("surveillance audit planned for {} is more than 12 months after {last}", date.value),
                )
                .at(record.span(date.range.clone()))
                .field("surveillance")
                .help("agree an earlier date with the certification body"),
            );
        }
        last = last.max(date.value);
    }
    if let Some(due) = year.after(last)
        && due < ctx.today
        && due < expires.value
    {
        let range = dates.last().map_or(issued.range.clone(), |d| d.range.clone());
        out.push(
            Diagnostic::new(
                Rule::SurveillanceOverdue,
                format!(
                    "{standard} certificate {} has no surveillance audit held or planned since {last} (due by {due})",
                    record.name()
                ),
            )
            .at(record.span(range))
            .field("surveillance")
            .help("add the surveillance audit's date to `surveillance:` once agreed with the certification body"),
        );
    }
}

fn programme_gaps(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    for enabled in ctx.enabled {
        let Some(standard) = ctx.catalogs.get(enabled.value.as_str()) else { continue };
        let not_applicable = ctx.applicability.get(&standard.id);
        let Some(coverage) =
            coverage(ctx.records, standard, not_applicable, ctx.record_settings.audit_cycle, ctx.today)
        else {
            continue;
        };
        if coverage.gaps.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::AuditProgrammeGap,
                format!(
                    "{} applicable clause(s) of {} are neither audited in the cycle {} to {} nor planned before it ends: {}",
                    coverage.gaps.len(),
                    standard.id,
                    coverage.start,
                    coverage.end,
                    coverage.gaps.join(", ")
                ),
            )
            .at(ctx.enabled_span(&standard.id))
            .help("plan audits covering these clauses (`clauses:` of an audit record), or declare them not applicable"),
        );
    }
}

/// Certification, surveillance and recertification audits within `warn_before` (planned
/// audits and the certificates' surveillance dates).
fn majors_before_external_audits(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let Some(horizon) = ctx.record_settings.warn_before.after(ctx.today) else { return };
    let soon = |date: Date| date >= ctx.today && date <= horizon;
    let mut next: Option<Date> = None;
    for record in ctx.records {
        let dates: Vec<Date> = match &record.body {
            RecordBody::Audit(a) if a.date.is_none() && a.kind.as_ref().is_some_and(|k| k.value.is_external()) => {
                a.planned.iter().map(|d| d.value).collect()
            }
            RecordBody::Certificate(c) => c.surveillance.iter().map(|d| d.value).collect(),
            _ => Vec::new(),
        };
        for date in dates.into_iter().filter(|d| soon(*d)) {
            next = Some(next.map_or(date, |n| n.min(date)));
        }
    }
    let Some(audit) = next else { return };
    for record in ctx.records {
        let RecordBody::Nonconformity(nc) = &record.body else { continue };
        if nc.closed.is_none() && nc.grade.as_ref().is_some_and(|g| g.value == Grade::Major) {
            let span = nc.grade.as_ref().map_or_else(|| record.id_span(), |g| Span::new(record.file, g.range.clone()));
            out.push(
                Diagnostic::new(
                    Rule::MajorNonconformityOpen,
                    format!("major nonconformity {} is still open before the external audit of {audit}", record.name()),
                )
                .at(span)
                .field("grade")
                .help("close it with its corrective action before the audit, or agree the timing with the certification body"),
            );
        }
    }
}
