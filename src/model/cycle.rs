//! The state of the certification cycle on a day, as every output shows it: the audit
//! programme's coverage of each standard in the audit cycle, and the state of audits,
//! nonconformities, certificates and objectives. `qms check` and `qms cycle` share these.

use super::{Audit, AuditKind, Date, Interval, Nonconformity, Objective, Record, RecordBody, Standard};
use crate::diag::Spanned;
use std::collections::BTreeMap;

/// Which clauses of one standard the audit programme covers in the current cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub standard: String,
    /// The cycle running on the day: from the first certificate's issue (or the first audit),
    /// rolled forward by whole cycles.
    pub start: Date,
    /// The cycle's last day.
    pub end: Date,
    /// Audited in the cycle (held).
    pub audited: Vec<String>,
    /// Not audited yet, planned before the cycle ends.
    pub planned: Vec<String>,
    /// Applicable, neither audited nor planned.
    pub gaps: Vec<String>,
}

/// The clauses an audit programme must cover: the second-level clauses of 4–10.
pub fn programme_clauses(standard: &Standard) -> impl Iterator<Item = &str> {
    standard.clauses().iter().filter(|c| c.level == 2 && !c.is_annex_control()).map(|c| c.id.as_str())
}

/// The audits of the programme (supplier audits are not audits of the system).
pub fn programme_audits(records: &[Record]) -> Vec<&Audit> {
    records
        .iter()
        .filter_map(|r| if let RecordBody::Audit(a) = &r.body { Some(a) } else { None })
        .filter(|a| a.kind.as_ref().is_none_or(|k| k.value != AuditKind::Supplier))
        .collect()
}

/// The cycle of `standard` holding `today`; `None` with no certificate or audit of it.
fn cycle_start(records: &[Record], standard: &str, cycle: Interval, today: Date) -> Option<Date> {
    let mut starts = Vec::new();
    for record in records {
        match &record.body {
            RecordBody::Certificate(c) if c.standard.as_ref().is_some_and(|s| s.value == standard) => {
                starts.extend(c.issued.as_ref().map(|d| d.value));
            }
            RecordBody::Audit(a) if a.clauses.contains_key(standard) => {
                starts.extend(a.date.as_ref().or(a.planned.as_ref()).map(|d| d.value));
            }
            _ => {}
        }
    }
    let mut start = starts.into_iter().min()?;
    while let Some(end) = cycle.after(start)
        && end <= today
    {
        start = end;
    }
    Some(start)
}

/// Whether `audit` audited clause `id` of `standard`: it lists the clause, one above it (the
/// whole of it) or one below it (part of it counts for the clause).
pub fn audit_lists(audit: &Audit, standard: &Standard, id: &str) -> bool {
    audit.clauses.get(&standard.id).is_some_and(|clauses| {
        clauses
            .iter()
            .any(|c| c.value == id || standard.is_ancestor(&c.value, id) || standard.is_ancestor(id, &c.value))
    })
}

/// The coverage of `standard` on `today`; `not_applicable` holds the clauses declared not
/// applicable (with their justification).
pub fn coverage(
    records: &[Record],
    standard: &Standard,
    not_applicable: Option<&BTreeMap<String, Spanned<String>>>,
    cycle: Interval,
    today: Date,
) -> Option<Coverage> {
    let audits = programme_audits(records);
    if audits.is_empty() {
        return None;
    }
    let start = cycle_start(records, &standard.id, cycle, today)?;
    let end = cycle.after(start)?;
    let excluded =
        |id: &str| not_applicable.is_some_and(|map| map.keys().any(|na| na == id || standard.is_ancestor(na, id)));
    let lists = |audit: &Audit, id: &str| audit_lists(audit, standard, id);
    let held = |audit: &Audit| audit.date.as_ref().is_some_and(|d| d.value >= start && d.value < end);
    let planned = |audit: &Audit| {
        audit.date.is_none() && audit.planned.as_ref().is_some_and(|d| d.value >= today && d.value < end)
    };
    let mut coverage = Coverage {
        standard: standard.id.clone(),
        start,
        end: end.yesterday().unwrap_or(end),
        audited: Vec::new(),
        planned: Vec::new(),
        gaps: Vec::new(),
    };
    for id in programme_clauses(standard).filter(|id| !excluded(id)) {
        let list = if audits.iter().any(|a| held(a) && lists(a, id)) {
            &mut coverage.audited
        } else if audits.iter().any(|a| planned(a) && lists(a, id)) {
            &mut coverage.planned
        } else {
            &mut coverage.gaps
        };
        list.push(id.to_owned());
    }
    Some(coverage)
}

/// Where a certificate stands on a day, decided once for `qms check`, `qms cycle` and the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateState {
    Valid,
    /// Expires within the warning window (`[certificates] warn_before`).
    Expiring,
    Expired,
}

impl CertificateState {
    /// The state of a certificate expiring on `expires`, on `today`, warned `warn_before` ahead.
    pub fn on(expires: Date, today: Date, warn_before: Interval) -> CertificateState {
        if expires < today {
            CertificateState::Expired
        } else if warn_before.after(today).is_none_or(|horizon| expires <= horizon) {
            CertificateState::Expiring
        } else {
            CertificateState::Valid
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CertificateState::Valid => "valid",
            CertificateState::Expiring => "expiring",
            CertificateState::Expired => "expired",
        }
    }
}

/// Where an audit stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditState {
    Held,
    Planned,
    Overdue,
}

impl AuditState {
    pub fn of(audit: &Audit, today: Date) -> AuditState {
        match (&audit.date, &audit.planned) {
            (Some(_), _) => AuditState::Held,
            (None, Some(planned)) if planned.value < today => AuditState::Overdue,
            _ => AuditState::Planned,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AuditState::Held => "held",
            AuditState::Planned => "planned",
            AuditState::Overdue => "overdue",
        }
    }
}

/// Where a nonconformity stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonconformityState {
    Open,
    Overdue,
    /// Closed, effectiveness not yet verified.
    Closed,
    Verified,
}

impl NonconformityState {
    pub fn of(nc: &Nonconformity, today: Date) -> NonconformityState {
        match (&nc.closed, &nc.verified, &nc.due) {
            (Some(_), Some(_), _) => NonconformityState::Verified,
            (Some(_), None, _) => NonconformityState::Closed,
            (None, _, Some(due)) if due.value < today => NonconformityState::Overdue,
            (None, _, _) => NonconformityState::Open,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NonconformityState::Open => "open",
            NonconformityState::Overdue => "overdue",
            NonconformityState::Closed => "closed",
            NonconformityState::Verified => "verified",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, NonconformityState::Open | NonconformityState::Overdue)
    }
}

/// Where an objective stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectiveState {
    /// No measure, target or due date.
    NotMeasurable,
    /// No result yet.
    NotMeasured,
    Met,
    /// Short of the target, before the due date.
    Behind,
    /// Short of the target at or after the due date.
    OffTarget,
}

impl ObjectiveState {
    pub fn of(objective: &Objective, today: Date) -> ObjectiveState {
        let (Some(target), Some(due), Some(_)) = (&objective.target, &objective.due, &objective.measure) else {
            return ObjectiveState::NotMeasurable;
        };
        match objective.latest() {
            None => ObjectiveState::NotMeasured,
            Some(latest) if target.value.is_met_by(latest.value) => ObjectiveState::Met,
            Some(_) if due.value <= today => ObjectiveState::OffTarget,
            Some(_) => ObjectiveState::Behind,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveState::NotMeasurable => "not measurable",
            ObjectiveState::NotMeasured => "not measured",
            ObjectiveState::Met => "met",
            ObjectiveState::Behind => "behind",
            ObjectiveState::OffTarget => "off target",
        }
    }
}
