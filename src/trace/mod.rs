//! Clause × document traceability: for each enabled standard, which documents address each
//! clause, whether each required document is in place, and what is declared not applicable.
//!
//! Pure computation over the model. `qms trace` prints the [`Matrix`]; the standards check reads
//! it to report missing required documents, so both always agree.

mod coverage;

pub use coverage::Coverage;

use crate::diag::Spanned;
use crate::model::{Date, Document, Register, Requirement, RequirementKind, Soa, Standard, Status, read_soa};
use std::collections::BTreeMap;

/// What the matrix is computed from.
#[derive(Debug)]
pub struct TraceInput<'a> {
    pub register: &'a Register,
    /// The enabled standards, in `qms.toml` order.
    pub standards: Vec<&'a Standard>,
    /// Standard id → clause id → justification.
    pub applicability: &'a BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    /// Standard id → clause id → whether its "only if …" condition holds.
    pub conditions: &'a BTreeMap<String, BTreeMap<String, bool>>,
    pub integrated: bool,
    pub today: Date,
}

/// The traceability of every enabled standard.
#[derive(Debug)]
pub struct Matrix {
    pub standards: Vec<StandardTrace>,
}

#[derive(Debug)]
pub struct StandardTrace {
    pub id: String,
    pub title: String,
    pub rows: Vec<Row>,
    /// The Statement of Applicability used for Annex A, if any: document id and path.
    pub soa: Option<(String, String)>,
}

/// One clause.
#[derive(Debug)]
pub struct Row {
    pub clause: String,
    pub title: String,
    pub level: u8,
    pub applicability: Applicability,
    /// Documents citing the clause (or credited with it through the Harmonized Structure).
    pub citations: Vec<Citation>,
    /// Whether an in-force document addresses this clause or one below it.
    pub addressed: bool,
    pub requirements: Vec<RequirementTrace>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicability {
    Applicable,
    NotApplicable { justification: String, source: Exclusion },
}

/// Where a not-applicable declaration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// `[applicability]` in qms.toml, for this clause.
    Config,
    /// `[applicability]` for an enclosing clause.
    Parent(String),
    /// The Statement of Applicability.
    Soa,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub id: String,
    pub path: String,
    pub status: Option<Status>,
    pub in_force: bool,
    /// `Some((standard, clause))` when credited through the Harmonized Structure.
    pub via: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct RequirementTrace {
    pub requirement: Requirement,
    pub state: RequirementState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequirementState {
    /// In-force documents that provide it.
    Met {
        by: Vec<String>,
    },
    /// Not provided; documents that would provide it once approved or in force.
    Unmet {
        pending: Vec<String>,
    },
    NotRequired {
        reason: String,
    },
    /// A record: evidence kept outside the controlled set, shown for information.
    Record,
}

impl StandardTrace {
    pub fn coverage(&self) -> Coverage {
        Coverage::of(self)
    }

    pub fn row(&self, clause: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.clause == clause)
    }
}

/// Builds the matrix.
pub fn build(input: &TraceInput) -> Matrix {
    let cited = citations(input);
    let standards = input
        .standards
        .iter()
        .map(|standard| {
            let soa = soa_for(input, &standard.id);
            let empty = Vec::new();
            let mut rows: Vec<Row> = standard
                .clauses()
                .iter()
                .map(|clause| {
                    let citations = cited.get(&(standard.id.clone(), clause.id.clone())).unwrap_or(&empty).clone();
                    let applicability = applicability(input, standard, &clause.id, soa.as_ref().map(|(_, s)| s));
                    let requirements = clause
                        .requirements
                        .iter()
                        .map(|requirement| RequirementTrace {
                            requirement: requirement.clone(),
                            state: requirement_state(
                                input,
                                &cited,
                                standard,
                                &clause.id,
                                requirement,
                                &applicability,
                                soa.is_some(),
                            ),
                        })
                        .collect();
                    let addressed = citations.iter().any(|c| c.in_force);
                    Row {
                        clause: clause.id.clone(),
                        title: clause.title.clone(),
                        level: clause.level,
                        applicability,
                        citations,
                        addressed,
                        requirements,
                    }
                })
                .collect();
            propagate_addressed(standard, &mut rows);
            StandardTrace {
                id: standard.id.clone(),
                title: standard.title.clone(),
                rows,
                soa: soa.map(|(document, _)| (document.id().unwrap_or_default().to_owned(), document.path.clone())),
            }
        })
        .collect();
    Matrix { standards }
}

type CitationIndex = BTreeMap<(String, String), Vec<Citation>>;

/// (standard, clause) → documents citing it, directly or through the Harmonized Structure.
fn citations(input: &TraceInput) -> CitationIndex {
    let mut index: CitationIndex = BTreeMap::new();
    for document in input.register.documents() {
        let Some(id) = document.id() else { continue };
        let citation = |via| Citation {
            id: id.to_owned(),
            path: document.path.clone(),
            status: document.status(),
            in_force: document.in_force(input.today),
            via,
        };
        for (standard_id, clauses) in &document.meta.clauses {
            let standard = input.standards.iter().find(|s| s.id == *standard_id);
            for clause in clauses {
                index.entry((standard_id.clone(), clause.value.clone())).or_default().push(citation(None));
                let Some(standard) = standard.filter(|_| input.integrated) else { continue };
                // Credit only a standard's own clause for an HS clause (not its sub-clauses), so
                // an environmental policy does not stand in for the quality policy's 5.2.2.
                let Some(hs) = standard.clause(&clause.value).and_then(|c| c.hs.as_deref()) else { continue };
                if standard.clause_for_hs(hs).is_none_or(|primary| primary.id != clause.value) {
                    continue;
                }
                for other in input.standards.iter().filter(|s| s.id != *standard_id) {
                    if let Some(target) = other.clause_for_hs(hs) {
                        let via = Some((standard_id.clone(), clause.value.clone()));
                        index.entry((other.id.clone(), target.id.clone())).or_default().push(citation(via));
                    }
                }
            }
        }
    }
    // One citation per document: a direct one wins over credit through the HS.
    for citations in index.values_mut() {
        citations.sort_by(|a, b| (&a.id, a.via.is_some()).cmp(&(&b.id, b.via.is_some())));
        citations.dedup_by(|later, earlier| later.id == earlier.id);
        citations.sort_by(|a, b| (a.via.is_some(), &a.id).cmp(&(b.via.is_some(), &b.id)));
    }
    index
}

/// The in-force Statement of Applicability for `standard`, if one exists and can be read.
fn soa_for<'a>(input: &TraceInput<'a>, standard: &str) -> Option<(&'a Document, Soa)> {
    input
        .register
        .documents()
        .iter()
        .filter(|d| d.in_force(input.today) && d.meta.soa.as_ref().is_some_and(|s| s.value == standard))
        .find_map(|document| read_soa(document)?.ok().map(|soa| (document, soa)))
}

fn applicability(input: &TraceInput, standard: &Standard, clause: &str, soa: Option<&Soa>) -> Applicability {
    let declared = input.applicability.get(&standard.id);
    if let Some(reason) = declared.and_then(|d| d.get(clause)) {
        return Applicability::NotApplicable { justification: reason.value.clone(), source: Exclusion::Config };
    }
    let mut parent = standard.clause(clause).and_then(|c| c.parent.clone());
    while let Some(id) = parent {
        if let Some(reason) = declared.and_then(|d| d.get(&id)) {
            return Applicability::NotApplicable { justification: reason.value.clone(), source: Exclusion::Parent(id) };
        }
        parent = standard.clause(&id).and_then(|c| c.parent.clone());
    }
    let excluded = soa.and_then(|soa| soa.entries.iter().find(|e| e.control == clause && e.applicable == Some(false)));
    match excluded {
        Some(entry) => {
            Applicability::NotApplicable { justification: entry.justification.clone(), source: Exclusion::Soa }
        }
        None => Applicability::Applicable,
    }
}

fn requirement_state(
    input: &TraceInput,
    cited: &CitationIndex,
    standard: &Standard,
    clause: &str,
    requirement: &Requirement,
    applicability: &Applicability,
    has_soa: bool,
) -> RequirementState {
    if requirement.kind == RequirementKind::Record {
        return RequirementState::Record;
    }
    if let Applicability::NotApplicable { .. } = applicability {
        return RequirementState::NotRequired { reason: "the clause is declared not applicable".to_owned() };
    }
    let is_annex = standard.clause(clause).is_some_and(crate::model::Clause::is_annex_control);
    if is_annex && !has_soa {
        // Without a statement in force nobody has decided which controls apply; the missing
        // statement is the finding.
        return RequirementState::NotRequired {
            reason: "no Statement of Applicability in force decides this control".to_owned(),
        };
    }
    if requirement.is_only_if() && !is_annex {
        let holds = input.conditions.get(&standard.id).and_then(|c| c.get(clause)).copied().unwrap_or(false);
        if !holds {
            return RequirementState::NotRequired {
                reason: format!(
                    "its condition is not declared to hold (set `[conditions.\"{}\"] \"{clause}\" = true` if it does)",
                    standard.id
                ),
            };
        }
    }
    // Documents citing the clause, a clause below it, its direct parent (below the top level),
    // or credited with it through the Harmonized Structure.
    let parent = standard
        .clause(clause)
        .and_then(|c| c.parent.as_deref())
        .filter(|p| standard.clause(p).is_some_and(|c| c.level >= 2));
    let mut by = Vec::new();
    let mut pending = Vec::new();
    for ((standard_id, cited_clause), citations) in cited.range((standard.id.clone(), String::new())..) {
        if *standard_id != standard.id {
            break;
        }
        let relevant = cited_clause == clause
            || Some(cited_clause.as_str()) == parent
            || standard.is_ancestor(clause, cited_clause);
        if !relevant {
            continue;
        }
        for citation in citations {
            if citation.via.is_some() && cited_clause != clause {
                continue;
            }
            let list = if citation.in_force { &mut by } else { &mut pending };
            if citation.status != Some(Status::Obsolete) && !list.contains(&citation.id) {
                list.push(citation.id.clone());
            }
        }
    }
    by.sort();
    pending.sort();
    if by.is_empty() { RequirementState::Unmet { pending } } else { RequirementState::Met { by } }
}

/// A clause counts as addressed when any clause below it is.
fn propagate_addressed(standard: &Standard, rows: &mut [Row]) {
    let addressed: Vec<String> = rows.iter().filter(|r| r.addressed).map(|r| r.clause.clone()).collect();
    for row in rows.iter_mut().filter(|r| !r.addressed) {
        row.addressed = addressed.iter().any(|below| standard.is_ancestor(&row.clause, below));
    }
}
