//! The records of the certification cycle the home page lists as needing attention: overdue
//! audits, overdue and open nonconformities, expired and expiring certificates, each linking to
//! its row on the Certification page. The states are the model's.

use super::cycle_views::{certificate_state, record_anchor};
use super::input::SiteInput;
use crate::diag::Spanned;
use crate::model::{AuditState, Date, NonconformityState, RecordBody};

fn text(field: Option<&Spanned<String>>) -> String {
    field.map(|f| f.value.clone()).unwrap_or_default()
}

fn date(field: Option<&Spanned<Date>>) -> String {
    field.map(|f| f.value.to_string()).unwrap_or_default()
}

/// One item the home page lists as needing attention.
#[derive(Debug)]
pub struct CycleAttention {
    /// `error` or `warning`.
    pub level: &'static str,
    pub group: &'static str,
    pub label: String,
    pub title: String,
    /// The record's row on the Certification page.
    pub url: String,
    pub detail: String,
}

/// Overdue audits, overdue and open nonconformities, expired and expiring certificates.
pub fn attention(input: &SiteInput) -> Vec<CycleAttention> {
    let mut items = Vec::new();
    for record in input.records {
        let item = |level, group, detail: String| CycleAttention {
            level,
            group,
            label: record.name().to_owned(),
            title: text(record.title.as_ref()),
            url: format!("certification.html#{}", record_anchor(record)),
            detail,
        };
        match &record.body {
            RecordBody::Audit(a) if AuditState::of(a, input.today) == AuditState::Overdue => {
                items.push(item("error", "Audits overdue", format!("planned {}, not held", date(a.planned.as_ref()))));
            }
            RecordBody::Nonconformity(nc) => match NonconformityState::of(nc, input.today) {
                NonconformityState::Overdue => items.push(item(
                    "error",
                    "Nonconformities overdue",
                    format!("due {}, still open", date(nc.due.as_ref())),
                )),
                NonconformityState::Open => items.push(item(
                    "warning",
                    "Nonconformities open",
                    match &nc.due {
                        Some(due) => format!("due {}", due.value),
                        None => "open, no due date".to_owned(),
                    },
                )),
                _ => {}
            },
            RecordBody::Certificate(c) => {
                let expires = c.expires.as_ref().map(|d| d.value);
                match certificate_state(expires, input) {
                    "expired" => items.push(item(
                        "error",
                        "Certificates expired",
                        format!("expired {}", date(c.expires.as_ref())),
                    )),
                    "expiring" => items.push(item(
                        "warning",
                        "Certificates expiring",
                        format!("expires {}", date(c.expires.as_ref())),
                    )),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    items.sort_by(|a, b| (a.level, a.group, &a.label).cmp(&(b.level, b.group, &b.label)));
    items
}
