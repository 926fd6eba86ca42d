//! The records of the certification cycle as the site shows them: certificates, the audit
//! programme as a clause × period grid per standard, nonconformities with their age,
//! management reviews with their input coverage, and objectives (`objective_views`). The
//! states are the model's (`model::cycle`); this module only arranges them. A leaf: it uses
//! the input, the objectives' views and the model.

use super::input::SiteInput;
use super::objective_views::{ObjectiveRow, objectives};
use super::paths::segment;
use crate::diag::Spanned;
use crate::model::{
    AuditState, CertificateState, Coverage, Date, Document, NonconformityState, Record, RecordBody, Standard,
    audit_lists, coverage, days_between, programme_audits,
};
use serde::Serialize;

/// `cycle`: what the Certification page shows.
#[derive(Debug, Serialize)]
pub struct CycleView {
    pub certificates: Vec<CertificateRow>,
    pub programmes: Vec<Programme>,
    pub audits: Vec<AuditRow>,
    pub nonconformities: Vec<NonconformityRow>,
    pub reviews: Vec<ReviewRow>,
    pub objectives: Vec<ObjectiveRow>,
}

#[derive(Debug, Serialize)]
pub struct CertificateRow {
    pub id: String,
    pub anchor: String,
    pub standard: String,
    pub body: String,
    pub number: String,
    pub issued: String,
    pub expires: String,
    pub next_surveillance: String,
    /// `valid`, `expiring`, `expired` or `""` (no expiry given).
    pub state: &'static str,
}

/// The audit programme of one standard over the audit cycle.
#[derive(Debug, Serialize)]
pub struct Programme {
    pub standard: String,
    pub title: String,
    pub start: String,
    pub end: String,
    /// The cycle's years, each labelled by its first day.
    pub periods: Vec<String>,
    pub rows: Vec<ProgrammeRow>,
    pub audited: usize,
    pub planned: usize,
    pub gaps: usize,
}

#[derive(Debug, Serialize)]
pub struct ProgrammeRow {
    pub clause: String,
    pub title: String,
    /// The cycle's decision for the clause: `held`, `planned` or `gap`.
    pub state: &'static str,
    /// Per period: `held`, `planned` or `""`.
    pub cells: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct AuditRow {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub kind: String,
    pub planned: String,
    pub held: String,
    pub state: &'static str,
    pub clauses: String,
}

#[derive(Debug, Serialize)]
pub struct NonconformityRow {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub grade: String,
    pub raised: String,
    pub due: String,
    pub state: &'static str,
    /// Days from raised to closed (or to the version's day while open).
    pub age: String,
    pub owner: String,
}

#[derive(Debug, Serialize)]
pub struct ReviewRow {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub date: String,
    pub inputs: Vec<InputCoverage>,
    pub open_actions: usize,
}

/// The inputs of one standard a management review covered.
#[derive(Debug, Serialize)]
pub struct InputCoverage {
    pub standard: String,
    pub listed: usize,
    pub required: usize,
    /// The standard's inputs the review does not list.
    pub missing: Vec<String>,
}

fn text(field: Option<&Spanned<String>>) -> String {
    field.map(|f| f.value.clone()).unwrap_or_default()
}

fn date(field: Option<&Spanned<Date>>) -> String {
    field.map(|f| f.value.to_string()).unwrap_or_default()
}

/// The in-page anchor of a record: `record-NC-001`.
pub fn record_anchor(record: &Record) -> String {
    format!("record-{}", segment(record.name()))
}

/// Whether the version has anything for the Certification page.
pub fn has_cycle(input: &SiteInput) -> bool {
    !input.records.is_empty() || input.register.documents().iter().any(|d| !d.meta.objectives.is_empty())
}

/// Where a certificate stands: `expired`, `expiring` (within `warn_before`), `valid`, or
/// `""` without an expiry date.
pub fn certificate_state(expires: Option<Date>, input: &SiteInput) -> &'static str {
    expires.map_or("", |e| CertificateState::on(e, input.today, input.config.records.warn_before).as_str())
}

/// The coverage of every enabled standard, as `qms check` and `qms cycle` compute it.
pub fn coverages<'a>(input: &'a SiteInput) -> Vec<(&'a Standard, Coverage)> {
    let settings = &input.config.records;
    input
        .catalogs
        .iter()
        .filter_map(|s| {
            let applicability = input.config.applicability.get(&s.id);
            coverage(input.records, s, applicability, settings.audit_cycle, input.today).map(|c| (*s, c))
        })
        .collect()
}

pub fn cycle_view(input: &SiteInput, link: &dyn Fn(&Document) -> (String, String)) -> CycleView {
    CycleView {
        certificates: certificates(input),
        programmes: coverages(input).into_iter().map(|(s, c)| programme(input, s, &c)).collect(),
        audits: audits(input),
        nonconformities: nonconformities(input),
        reviews: reviews(input),
        objectives: objectives(input, link),
    }
}

fn certificates(input: &SiteInput) -> Vec<CertificateRow> {
    let mut rows: Vec<(Option<Date>, CertificateRow)> = Vec::new();
    for record in input.records {
        let RecordBody::Certificate(c) = &record.body else { continue };
        let expires = c.expires.as_ref().map(|d| d.value);
        let next = c.surveillance.iter().map(|d| d.value).filter(|d| *d >= input.today).min();
        rows.push((
            expires,
            CertificateRow {
                id: record.name().to_owned(),
                anchor: record_anchor(record),
                standard: text(c.standard.as_ref()),
                body: text(c.body.as_ref()),
                number: text(c.number.as_ref()),
                issued: date(c.issued.as_ref()),
                expires: date(c.expires.as_ref()),
                next_surveillance: next.map(|d| d.to_string()).unwrap_or_default(),
                state: certificate_state(expires, input),
            },
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}

fn programme(input: &SiteInput, standard: &Standard, coverage: &Coverage) -> Programme {
    let year = crate::model::Interval::Years(1);
    let mut starts = vec![coverage.start];
    while let Some(next) = starts.last().and_then(|s| year.after(*s))
        && next <= coverage.end
    {
        starts.push(next);
    }
    let period_of = |day: Date| starts.iter().rposition(|s| *s <= day).filter(|_| day <= coverage.end);
    let audits = programme_audits(input.records);
    let state_of = |id: &str| {
        if coverage.audited.iter().any(|c| c == id) {
            "held"
        } else if coverage.planned.iter().any(|c| c == id) {
            "planned"
        } else {
            "gap"
        }
    };
    let rows = crate::model::programme_clauses(standard)
        .filter(|id| coverage.audited.iter().chain(&coverage.planned).chain(&coverage.gaps).any(|c| c == id))
        .map(|id| {
            let mut cells = vec![""; starts.len()];
            for audit in audits.iter().filter(|a| audit_lists(a, standard, id)) {
                let (day, state) = match (&audit.date, &audit.planned) {
                    (Some(held), _) => (held.value, "held"),
                    (None, Some(planned)) if planned.value >= input.today => (planned.value, "planned"),
                    _ => continue,
                };
                if let Some(cell) = period_of(day).and_then(|i| cells.get_mut(i))
                    && *cell != "held"
                {
                    *cell = state;
                }
            }
            let title = standard.clauses().iter().find(|c| c.id == id).map(|c| c.title.clone()).unwrap_or_default();
            ProgrammeRow { clause: id.to_owned(), title, state: state_of(id), cells }
        })
        .collect();
    Programme {
        standard: standard.id.clone(),
        title: standard.title.clone(),
        start: coverage.start.to_string(),
        end: coverage.end.to_string(),
        periods: starts.iter().map(Date::to_string).collect(),
        rows,
        audited: coverage.audited.len(),
        planned: coverage.planned.len(),
        gaps: coverage.gaps.len(),
    }
}

fn audits(input: &SiteInput) -> Vec<AuditRow> {
    let mut rows: Vec<(Option<Date>, AuditRow)> = Vec::new();
    for record in input.records {
        let RecordBody::Audit(a) = &record.body else { continue };
        rows.push((
            a.when(),
            AuditRow {
                id: record.name().to_owned(),
                anchor: record_anchor(record),
                title: text(record.title.as_ref()),
                kind: a.kind.as_ref().map(|k| k.value.as_str().to_owned()).unwrap_or_default(),
                planned: date(a.planned.as_ref()),
                held: date(a.date.as_ref()),
                state: AuditState::of(a, input.today).as_str(),
                clauses: a.clauses_label(),
            },
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}

fn nonconformities(input: &SiteInput) -> Vec<NonconformityRow> {
    let mut rows: Vec<((bool, Option<Date>), NonconformityRow)> = Vec::new();
    for record in input.records {
        let RecordBody::Nonconformity(nc) = &record.body else { continue };
        let state = NonconformityState::of(nc, input.today);
        let end = nc.closed.as_ref().map_or(input.today, |d| d.value);
        rows.push((
            (!state.is_open(), nc.due.as_ref().map(|d| d.value)),
            NonconformityRow {
                id: record.name().to_owned(),
                anchor: record_anchor(record),
                title: text(record.title.as_ref()),
                grade: nc.grade.as_ref().map(|g| g.value.as_str().to_owned()).unwrap_or_default(),
                raised: date(nc.raised.as_ref()),
                due: date(nc.due.as_ref()),
                state: state.as_str(),
                age: nc.raised.as_ref().map(|r| days_between(r.value, end).to_string()).unwrap_or_default(),
                owner: text(nc.owner.as_ref()),
            },
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}

fn reviews(input: &SiteInput) -> Vec<ReviewRow> {
    let mut rows: Vec<(Option<Date>, ReviewRow)> = Vec::new();
    for record in input.records {
        let RecordBody::ManagementReview(review) = &record.body else { continue };
        let inputs = review
            .standards
            .iter()
            .map(|standard| {
                let catalog = input
                    .catalogs
                    .iter()
                    .find(|s| s.id == standard.value)
                    .map(|s| s.management_review_inputs.as_slice());
                let listed = review.inputs.get(&standard.value).map(Vec::as_slice).unwrap_or_default();
                let missing = catalog
                    .unwrap_or_default()
                    .iter()
                    .filter(|i| !listed.iter().any(|id| id.value == i.id))
                    .map(|i| format!("{} ({})", i.id, i.what))
                    .collect();
                InputCoverage {
                    standard: standard.value.clone(),
                    listed: listed.len(),
                    required: catalog.map_or(0, <[_]>::len),
                    missing,
                }
            })
            .collect();
        rows.push((
            review.date.as_ref().map(|d| d.value),
            ReviewRow {
                id: record.name().to_owned(),
                anchor: record_anchor(record),
                title: text(record.title.as_ref()),
                date: date(review.date.as_ref()),
                inputs,
                open_actions: review.actions.iter().filter(|a| a.closed.is_none()).count(),
            },
        ));
    }
    // Newest first.
    rows.sort_by(|a, b| (b.0, &a.1.id).cmp(&(a.0, &b.1.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}
