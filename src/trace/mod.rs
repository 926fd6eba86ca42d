//! Clause × document traceability: for each enabled standard, which documents address each
//! clause, whether each required document is in place, and what is declared not applicable.
//!
//! Pure computation over the model. `qms trace` prints the [`Matrix`]; the standards check reads
//! it to report missing required documents, so both always agree.

mod coverage;
mod status;

pub use coverage::Coverage;
pub use status::ClauseStatus;

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
    /// The clauses that are gaps.
    pub fn gaps(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|row| row.status() == ClauseStatus::Gap)
    }

    pub fn coverage(&self) -> Coverage {
        Coverage::of(self)
    }

    pub fn row(&self, clause: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.clause == clause)
    }
}

/// Builds the matrix, in time linear in the clauses of each standard (plus the citations).
pub fn build(input: &TraceInput) -> Matrix {
    let cited = citations(input);
    let standards = input.standards.iter().map(|standard| trace_standard(input, &cited, standard)).collect();
    Matrix { standards }
}

fn trace_standard(input: &TraceInput, cited: &CitationIndex, standard: &Standard) -> StandardTrace {
    let soa = soa_for(input, &standard.id);
    let tree = Tree::new(input, cited, standard, soa.as_ref().map(|(_, s)| s));
    let mut rows: Vec<Row> = standard
        .clauses()
        .iter()
        .enumerate()
        .map(|(position, clause)| {
            let citations = tree.cited[position].to_vec();
            let applicability = tree.applicability(position);
            let requirements = clause
                .requirements
                .iter()
                .map(|requirement| RequirementTrace {
                    requirement: requirement.clone(),
                    state: requirement_state(input, &tree, position, requirement, &applicability, soa.is_some()),
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
    // A clause counts as addressed when any clause below it is: children before parents.
    for &position in standard.top_down().iter().rev() {
        if let Some(parent) = standard.parent_position(position).filter(|_| rows[position].addressed) {
            rows[parent].addressed = true;
        }
    }
    StandardTrace {
        id: standard.id.clone(),
        title: standard.title.clone(),
        rows,
        soa: soa.map(|(document, _)| (document.id().unwrap_or_default().to_owned(), document.path.clone())),
    }
}

/// What one standard's rows are computed from, by clause position.
struct Tree<'a> {
    standard: &'a Standard,
    /// The documents citing each clause.
    cited: Vec<&'a [Citation]>,
    /// The positions in [`Standard::top_down`] of the clauses some document cites, ascending.
    cited_top_down: Vec<usize>,
    /// Each clause's own `[applicability]` justification, else the nearest enclosing clause's.
    declared: Vec<Option<(Exclusion, &'a str)>>,
    /// Annex A controls the Statement of Applicability excludes, with the justification.
    soa_excluded: BTreeMap<&'a str, &'a str>,
}

impl<'a> Tree<'a> {
    fn new(input: &TraceInput<'a>, cited: &'a CitationIndex, standard: &'a Standard, soa: Option<&'a Soa>) -> Tree<'a> {
        let clauses = standard.clauses();
        let cited: Vec<&[Citation]> = clauses
            .iter()
            .map(|c| cited.get(&(standard.id.clone(), c.id.clone())).map_or(&[][..], Vec::as_slice))
            .collect();
        let cited_top_down =
            standard.top_down().iter().enumerate().filter(|&(_, &p)| !cited[p].is_empty()).map(|(at, _)| at).collect();
        let own = input.applicability.get(&standard.id);
        let mut declared: Vec<Option<(Exclusion, &str)>> = clauses
            .iter()
            .map(|c| own.and_then(|d| d.get(&c.id)).map(|reason| (Exclusion::Config, reason.value.as_str())))
            .collect();
        for &position in standard.top_down() {
            if declared[position].is_some() {
                continue;
            }
            let Some(parent) = standard.parent_position(position) else { continue };
            declared[position] = match &declared[parent] {
                Some((Exclusion::Config, reason)) => Some((Exclusion::Parent(clauses[parent].id.clone()), reason)),
                inherited => inherited.clone(),
            };
        }
        let mut soa_excluded = BTreeMap::new();
        for entry in soa.map_or(&[][..], |s| s.entries.as_slice()) {
            if entry.applicable == Some(false) {
                soa_excluded.entry(entry.control.as_str()).or_insert(entry.justification.as_str());
            }
        }
        Tree { standard, cited, cited_top_down, declared, soa_excluded }
    }

    fn applicability(&self, position: usize) -> Applicability {
        if let Some((source, reason)) = &self.declared[position] {
            return Applicability::NotApplicable { justification: (*reason).to_owned(), source: source.clone() };
        }
        let clause = self.standard.clauses()[position].id.as_str();
        match self.soa_excluded.get(clause) {
            Some(reason) => {
                Applicability::NotApplicable { justification: (*reason).to_owned(), source: Exclusion::Soa }
            }
            None => Applicability::Applicable,
        }
    }

    /// The positions of the cited clauses below the clause at `position`.
    fn cited_below(&self, position: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self.standard.below(position);
        let from = self.cited_top_down.partition_point(|&at| at < range.start);
        let order = self.standard.top_down();
        self.cited_top_down[from..].iter().take_while(move |&&at| at < range.end).map(move |&at| order[at])
    }
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

fn requirement_state(
    input: &TraceInput,
    tree: &Tree,
    position: usize,
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
    let standard = tree.standard;
    let clause = &standard.clauses()[position];
    let is_annex = clause.is_annex_control();
    if is_annex && !has_soa {
        // Without a statement in force nobody has decided which controls apply; the missing
        // statement is the finding.
        return RequirementState::NotRequired {
            reason: "no Statement of Applicability in force decides this control".to_owned(),
        };
    }
    if requirement.is_only_if() && !is_annex {
        let holds = input.conditions.get(&standard.id).and_then(|c| c.get(&clause.id)).copied().unwrap_or(false);
        if !holds {
            return RequirementState::NotRequired {
                reason: format!(
                    "its condition is not declared to hold (set `[conditions.\"{}\"] \"{}\" = true` if it does)",
                    standard.id, clause.id
                ),
            };
        }
    }
    // Documents citing the clause, its direct parent (below the top level), a clause below it,
    // or credited with the clause itself through the Harmonized Structure.
    let parent = standard.parent_position(position).filter(|&p| standard.clauses()[p].level >= 2);
    let mut by = Vec::new();
    let mut pending = Vec::new();
    let relevant = std::iter::once(position).chain(parent).chain(tree.cited_below(position));
    for cited_at in relevant {
        for citation in tree.cited[cited_at] {
            if citation.via.is_some() && cited_at != position {
                continue;
            }
            let list = if citation.in_force { &mut by } else { &mut pending };
            if citation.status != Some(Status::Obsolete) {
                list.push(citation.id.clone());
            }
        }
    }
    for list in [&mut by, &mut pending] {
        list.sort();
        list.dedup();
    }
    if by.is_empty() { RequirementState::Unmet { pending } } else { RequirementState::Met { by } }
}
