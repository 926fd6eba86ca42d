//! Where a clause stands and how each required document is met, decided once here: the
//! terminal, the reports and the site only print these names.

use super::{Applicability, Exclusion, RequirementState, RequirementTrace, Row};

/// Where a clause stands, decided here once for the terminal, the reports and the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseStatus {
    /// Applicable, addressed by an in-force document (itself or below it), every required
    /// document in place.
    Addressed,
    /// Applicable, and not addressed or with a required document missing.
    Gap,
    /// Declared not applicable.
    NotApplicable,
}

impl ClauseStatus {
    /// `addressed`, `gap` or `n/a`, as every output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseStatus::Addressed => "addressed",
            ClauseStatus::Gap => "gap",
            ClauseStatus::NotApplicable => "n/a",
        }
    }
}

impl Row {
    pub fn status(&self) -> ClauseStatus {
        match self.applicability {
            Applicability::NotApplicable { .. } => ClauseStatus::NotApplicable,
            Applicability::Applicable if !self.addressed || self.missing_requirements().next().is_some() => {
                ClauseStatus::Gap
            }
            Applicability::Applicable => ClauseStatus::Addressed,
        }
    }

    /// The required documents not in place.
    pub fn missing_requirements(&self) -> impl Iterator<Item = &RequirementTrace> {
        self.requirements.iter().filter(|r| matches!(r.state, RequirementState::Unmet { .. }))
    }
}

impl RequirementState {
    /// `met`, `missing`, `not-required` or `record`, as every output writes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            RequirementState::Met { .. } => "met",
            RequirementState::Unmet { .. } => "missing",
            RequirementState::NotRequired { .. } => "not-required",
            RequirementState::Record => "record",
        }
    }

    /// The in-force documents that provide it (none unless met).
    pub fn met_by(&self) -> &[String] {
        match self {
            RequirementState::Met { by } => by,
            _ => &[],
        }
    }

    /// The documents that would provide it once in force (none unless missing).
    pub fn pending(&self) -> &[String] {
        match self {
            RequirementState::Unmet { pending } => pending,
            _ => &[],
        }
    }

    /// Why it is not required, if it is not.
    pub fn reason(&self) -> Option<&str> {
        match self {
            RequirementState::NotRequired { reason } => Some(reason),
            _ => None,
        }
    }
}

impl Exclusion {
    /// Where the declaration is: `qms.toml`, `qms.toml (clause 8)`, `Statement of Applicability`.
    pub fn source(&self) -> String {
        match self {
            Exclusion::Config => "qms.toml".to_owned(),
            Exclusion::Parent(parent) => format!("qms.toml (clause {parent})"),
            Exclusion::Soa => "Statement of Applicability".to_owned(),
        }
    }
}
