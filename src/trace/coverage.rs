//! Coverage figures of one standard's matrix.

use super::{Applicability, RequirementState, StandardTrace};

/// How much of a standard the document set covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// Clauses not declared not applicable.
    pub applicable_clauses: usize,
    /// Applicable clauses an in-force document addresses (itself or below it).
    pub addressed_clauses: usize,
    pub not_applicable_clauses: usize,
    /// Required documents (documented information to maintain) that apply.
    pub required_documents: usize,
    pub met_documents: usize,
}

impl Coverage {
    pub fn of(trace: &StandardTrace) -> Coverage {
        let mut coverage = Coverage {
            applicable_clauses: 0,
            addressed_clauses: 0,
            not_applicable_clauses: 0,
            required_documents: 0,
            met_documents: 0,
        };
        for row in &trace.rows {
            match row.applicability {
                Applicability::Applicable => {
                    coverage.applicable_clauses += 1;
                    coverage.addressed_clauses += usize::from(row.addressed);
                }
                Applicability::NotApplicable { .. } => coverage.not_applicable_clauses += 1,
            }
            for requirement in &row.requirements {
                match requirement.state {
                    RequirementState::Met { .. } => {
                        coverage.required_documents += 1;
                        coverage.met_documents += 1;
                    }
                    RequirementState::Unmet { .. } => coverage.required_documents += 1,
                    RequirementState::NotRequired { .. } | RequirementState::Record => {}
                }
            }
        }
        coverage
    }

    /// Addressed applicable clauses as a rounded percentage ("99%"; "100%" when nothing applies).
    pub fn clause_percent(&self) -> String {
        percent(self.addressed_clauses, self.applicable_clauses)
    }

    /// Required documents in place, as [`Coverage::clause_percent`].
    pub fn document_percent(&self) -> String {
        percent(self.met_documents, self.required_documents)
    }
}

/// `part` of `whole` as a rounded percentage, never "100%" while something is missing.
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 || part >= whole {
        return "100%".to_owned();
    }
    let rounded = (part * 100 + whole / 2) / whole;
    format!("{}%", rounded.min(99))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_percentage_reads_100_only_when_nothing_is_missing() {
        assert_eq!(super::percent(0, 0), "100%");
        assert_eq!(super::percent(399, 400), "99%");
        assert_eq!(super::percent(1, 3), "33%");
        assert_eq!(super::percent(3, 3), "100%");
    }
}
