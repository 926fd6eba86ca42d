//! The rules `qms check` applies to a loaded document set. Each check reads the
//! [`CheckContext`] and pushes [`Diagnostic`]s; none does IO, so each is testable on values.

mod accepted;
mod change_reason;
mod context;
mod document_control;
mod identity;
mod improvement;
mod judged;
mod lifecycle;
mod links;
mod record_altered;
mod record_refs;
#[cfg(test)]
mod record_scenarios;
mod records;
mod reviews;
#[cfg(test)]
mod scenarios;
mod soa;
mod standards;

pub use context::CheckContext;

use crate::diag::{Diagnostic, Rule, Severity};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A group of related rules over the whole set.
pub trait Check: Sync {
    /// The rules this check can emit.
    fn rules(&self) -> &'static [Rule];
    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>);
}

/// Every check, in the order their findings are reported for one place.
pub const CHECKS: &[&dyn Check] = &[
    &identity::Identity,
    &links::Links,
    &lifecycle::Lifecycle,
    &reviews::Reviews,
    &standards::Standards,
    &soa::StatementOfApplicability,
    &document_control::DocumentControl,
    &change_reason::ChangeReason,
    &records::Records,
    &record_altered::RecordAltered,
    &improvement::Improvement,
];

/// Runs every check whose rules are not all switched off.
pub fn run_all(ctx: &CheckContext, overrides: &BTreeMap<Rule, Option<Severity>>) -> Vec<Diagnostic> {
    // The checks are independent: they run on every core, their findings kept in this order.
    let found: Vec<Vec<Diagnostic>> = CHECKS
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            let all_off = check.rules().iter().all(|rule| match overrides.get(rule) {
                None => rule.is_off_by_default(),
                Some(severity) => severity.is_none(),
            });
            if !all_off {
                check.run(ctx, &mut out);
            }
            out
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Applies `[checks] allow / warn / deny`: drops allowed findings (and those of rules off by
/// default that are not switched on), re-grades the others.
pub fn apply_severity_overrides(diagnostics: &mut Vec<Diagnostic>, overrides: &BTreeMap<Rule, Option<Severity>>) {
    diagnostics.retain_mut(|diagnostic| match overrides.get(&diagnostic.rule) {
        None => !diagnostic.rule.is_off_by_default(),
        Some(None) => false,
        Some(Some(severity)) => {
            diagnostic.severity = *severity;
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_a_check_is_documented_once() {
        let mut seen = std::collections::BTreeSet::new();
        for check in CHECKS {
            for rule in check.rules() {
                assert!(seen.insert(*rule), "{} is claimed by two checks", rule.code());
            }
        }
        let codes: std::collections::BTreeSet<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), Rule::ALL.len(), "codes are unique");
    }

    #[test]
    fn overrides_drop_and_regrade() {
        let mut diagnostics = vec![
            Diagnostic::new(Rule::ReviewDueSoon, "a"),
            Diagnostic::new(Rule::ReviewOverdue, "b"),
            Diagnostic::new(Rule::UnknownField, "c"),
        ];
        let overrides = BTreeMap::from([
            (Rule::ReviewDueSoon, None),
            (Rule::ReviewOverdue, Some(Severity::Warning)),
            (Rule::UnknownField, Some(Severity::Error)),
        ]);
        apply_severity_overrides(&mut diagnostics, &overrides);
        let got: Vec<_> = diagnostics.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(got, [(Rule::ReviewOverdue, Severity::Warning), (Rule::UnknownField, Severity::Error)]);
    }
}
