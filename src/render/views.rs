//! Serde view structs the templates receive, and their construction from the model. Every
//! field is documented in `templates/README.md`; URLs are relative to the version root (a
//! template prefixes them with `page.root`).

use super::paths::{PageMap, clause_anchor, standard_page};
use crate::config::Config;
use crate::model::{
    Date, Document, DocumentState, NextReview, Register, ReviewState, compare_clause_ids, compare_ids, days_between,
};
use serde::Serialize;

/// A link to a document of this version.
#[derive(Debug, Clone, Serialize)]
pub struct DocLink {
    pub id: String,
    pub title: String,
    /// Empty when no document of this version has the id.
    pub url: String,
    /// Display state (see [`state_of`]).
    pub state: String,
}

/// The register's and the document page's metadata of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub id: String,
    pub title: String,
    pub url: String,
    pub path: String,
    pub doc_type: String,
    pub type_heading: String,
    pub version: Option<String>,
    pub status: Option<String>,
    /// `effective`, `approved`, `pending` (approved, effective date ahead), `draft`, `in-review`,
    /// `obsolete` or `unknown`: what the reader may rely on.
    pub state: String,
    /// A label for `state`: "Effective", "Pending — effective 2026-12-07", …
    pub state_label: String,
    /// A one-word label for `state`: "Effective", "Pending", "Obsolete", …
    pub state_short: String,
    pub owner: Option<String>,
    pub approver: Option<String>,
    pub approved: Option<String>,
    pub effective: Option<String>,
    pub last_reviewed: Option<String>,
    pub withdrawn: Option<String>,
    pub next_review: Option<ReviewView>,
    /// The clauses it addresses, per standard (enabled standards first, in `qms.toml` order).
    pub clauses: Vec<ClauseGroup>,
    pub supersedes: Vec<DocLink>,
    pub superseded_by: Vec<DocLink>,
    /// Other names it answers to (`aliases`).
    pub aliases: Vec<String>,
    /// Whether the document is in force on the build date.
    pub in_force: bool,
}

/// When a document is next due for review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub due: String,
    pub last: String,
    pub interval: String,
    /// `overdue`, `due` (within the due-soon window) or `upcoming`.
    pub state: String,
    /// "in 53 days", "12 days ago", "today".
    pub when: String,
}

/// The clauses of one standard a document addresses.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseGroup {
    pub standard: String,
    /// Whether the standard is enabled (its clauses link to its matrix).
    pub enabled: bool,
    pub clauses: Vec<ClauseRef>,
}

/// A clause a document addresses, linked to its row in the matrix when the standard is enabled.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseRef {
    pub clause: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// One standard's coverage as the home page and its matrix page show it.
#[derive(Debug, Serialize)]
pub struct CoverageView {
    pub id: String,
    pub title: String,
    /// Its matrix page.
    pub url: String,
    pub applicable: usize,
    pub addressed: usize,
    pub not_applicable: usize,
    pub required: usize,
    pub met: usize,
    /// Applicable clauses addressed: "99%".
    pub clause_percent: String,
    /// Required documents met: "100%".
    pub document_percent: String,
    /// Applicable clauses not addressed, or with a requirement unmet.
    pub gaps: usize,
}

impl CoverageView {
    pub fn of(standard: &crate::trace::StandardTrace) -> CoverageView {
        let coverage = standard.coverage();
        CoverageView {
            id: standard.id.clone(),
            title: standard.title.clone(),
            url: super::paths::standard_page(&standard.id),
            applicable: coverage.applicable_clauses,
            addressed: coverage.addressed_clauses,
            not_applicable: coverage.not_applicable_clauses,
            required: coverage.required_documents,
            met: coverage.met_documents,
            clause_percent: coverage.clause_percent(),
            document_percent: coverage.document_percent(),
            gaps: standard.gaps().count(),
        }
    }
}

/// "in 53 days", "12 days ago", "today".
pub fn when(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        d if d < 0 => format!("{} days ago", -d),
        d => format!("in {d} days"),
    }
}

/// The plural heading of a document type: `work-instruction` → "Work instructions".
pub fn type_heading(doc_type: &str) -> String {
    let known = match doc_type {
        "manual" => "Manuals",
        "policy" => "Policies",
        "scope" => "Scope",
        "objectives" => "Objectives",
        "procedure" => "Procedures",
        "work-instruction" => "Work instructions",
        "form" => "Forms",
        "plan" => "Plans",
        "register" => "Registers",
        "record" => "Records",
        "" => "Other documents",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    // A type of the organization's own (`narrative`) in the plural the built-in ones are in.
    let mut words = doc_type.replace(['-', '_'], " ");
    if words.ends_with('y') && !words.ends_with("ay") && !words.ends_with("ey") && !words.ends_with("oy") {
        words.pop();
        words.push_str("ies");
    } else if !words.ends_with('s') {
        words.push('s');
    }
    if let Some(first) = words.get(..1) {
        words.replace_range(..1, &first.to_uppercase());
    }
    words
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_type_of_its_own_is_headed_in_the_plural() {
        let heading = super::type_heading;
        assert_eq!(heading("narrative"), "Narratives");
        assert_eq!(heading("risk-assessment"), "Risk assessments");
        assert_eq!(heading("strategy"), "Strategies");
        assert_eq!(heading("bill-of-materials"), "Bill of materials");
        assert_eq!(heading("work-instruction"), "Work instructions");
    }
}

/// A document's state on `today`, and its label: "Effective", "Pending — effective 2026-12-07", …
pub fn state_of(document: &Document, today: Date) -> (DocumentState, String) {
    let state = document.state(today);
    (state, state_label(state, document.meta.effective.as_ref().map(|e| e.value)))
}

/// The long label of a state: what a reader may rely on.
pub fn state_label(state: DocumentState, effective: Option<Date>) -> String {
    match (state, effective) {
        (DocumentState::Pending, Some(date)) => format!("Pending — effective {date}"),
        (DocumentState::Draft, _) => "Draft — not approved".to_owned(),
        (DocumentState::InReview, _) => "In review — not approved".to_owned(),
        (DocumentState::Obsolete, _) => "Obsolete — do not use".to_owned(),
        (DocumentState::Unknown, _) => "Status unknown".to_owned(),
        (state, _) => state.label().to_owned(),
    }
}

/// Documents in manual order: by type (the order of `config.types`, others after), then id.
pub fn document_order<'a>(register: &'a Register, config: &Config) -> Vec<&'a Document> {
    let rank = |d: &Document| {
        let doc_type = d.meta.doc_type.as_ref().map_or("", |t| t.value.as_str());
        config.types.iter().position(|t| t == doc_type).unwrap_or(config.types.len())
    };
    let mut documents: Vec<&Document> = register.documents().iter().collect();
    documents.sort_by(|a, b| {
        let key = |d: &'a Document| (rank(d), d.meta.doc_type.as_ref().map(|t| t.value.clone()));
        key(a)
            .cmp(&key(b))
            .then_with(|| compare_ids(a.id().unwrap_or(&a.path), b.id().unwrap_or(&b.path)))
            .then_with(|| a.path.cmp(&b.path))
    });
    documents
}

/// Builds the views of documents of one version.
pub struct Views<'a> {
    pub register: &'a Register,
    pub config: &'a Config,
    pub pages: &'a PageMap,
    pub today: Date,
    /// Enabled standard ids with their catalogs' clause titles.
    pub standards: &'a [(String, Vec<(String, String)>)],
}

impl Views<'_> {
    pub fn link(&self, id: &str) -> DocLink {
        match self.register.by_id(id) {
            Some(document) => self.link_to(document),
            None => {
                DocLink { id: id.to_owned(), title: String::new(), url: String::new(), state: "missing".to_owned() }
            }
        }
    }

    pub fn link_to(&self, document: &Document) -> DocLink {
        DocLink {
            id: document.id().unwrap_or(&document.path).to_owned(),
            title: text(document.meta.title.as_ref()).unwrap_or_default(),
            url: self.pages.of(document).to_owned(),
            state: document.state(self.today).as_str().to_owned(),
        }
    }

    pub fn summary(&self, document: &Document) -> DocSummary {
        let meta = &document.meta;
        let date = |d: Option<&crate::diag::Spanned<Date>>| d.map(|d| d.value.to_string());
        let doc_type = meta.doc_type.as_ref().map_or_else(String::new, |t| t.value.clone());
        let (state, state_label) = state_of(document, self.today);
        DocSummary {
            id: document.id().unwrap_or(&document.path).to_owned(),
            title: text(meta.title.as_ref()).unwrap_or_else(|| document.path.clone()),
            url: self.pages.of(document).to_owned(),
            path: document.path.clone(),
            type_heading: type_heading(&doc_type),
            doc_type,
            version: meta.version.as_ref().map(|v| v.value.to_string()),
            status: document.status().map(|s| s.as_str().to_owned()),
            state: state.as_str().to_owned(),
            state_label,
            state_short: state.label().to_owned(),
            owner: text(meta.owner.as_ref()),
            approver: text(meta.approver.as_ref()),
            approved: date(meta.approved.as_ref()),
            effective: date(meta.effective.as_ref()),
            last_reviewed: date(meta.last_reviewed.as_ref()),
            withdrawn: date(meta.withdrawn.as_ref()),
            next_review: NextReview::of(document, &self.config.review).map(|r| self.review(r)),
            clauses: self.clauses(document),
            supersedes: meta.supersedes.iter().map(|id| self.link(&id.value)).collect(),
            superseded_by: meta.superseded_by.iter().map(|id| self.link(&id.value)).collect(),
            aliases: meta.aliases.iter().map(|a| a.value.clone()).collect(),
            in_force: document.in_force(self.today),
        }
    }

    fn review(&self, review: NextReview) -> ReviewView {
        let days = days_between(self.today, review.due);
        let state = ReviewState::on(review.due, self.today, self.config.review.due_soon);
        ReviewView {
            due: review.due.to_string(),
            last: review.last.to_string(),
            interval: review.interval.to_string(),
            state: state.as_str().to_owned(),
            when: when(days),
        }
    }

    fn clauses(&self, document: &Document) -> Vec<ClauseGroup> {
        let mut groups: Vec<ClauseGroup> = document
            .meta
            .clauses
            .iter()
            .map(|(standard, clauses)| {
                let catalog = self.standards.iter().find(|(id, _)| id == standard);
                let mut refs: Vec<ClauseRef> = clauses
                    .iter()
                    .map(|clause| {
                        let title = catalog.and_then(|(_, titles)| titles.iter().find(|(id, _)| *id == clause.value));
                        ClauseRef {
                            clause: clause.value.clone(),
                            title: title.map(|(_, title)| title.clone()),
                            url: title.map(|_| format!("{}#{}", standard_page(standard), clause_anchor(&clause.value))),
                        }
                    })
                    .collect();
                refs.sort_by(|a, b| compare_clause_ids(&a.clause, &b.clause));
                refs.dedup_by(|a, b| a.clause == b.clause);
                ClauseGroup { standard: standard.clone(), enabled: catalog.is_some(), clauses: refs }
            })
            .collect();
        let rank = |standard: &str| self.standards.iter().position(|(id, _)| id == standard).unwrap_or(usize::MAX);
        groups.sort_by(|a, b| rank(&a.standard).cmp(&rank(&b.standard)).then_with(|| a.standard.cmp(&b.standard)));
        groups
    }
}

fn text(field: Option<&crate::diag::Spanned<String>>) -> Option<String> {
    field.map(|f| f.value.clone()).filter(|v| !v.trim().is_empty())
}

/// A sidebar group: the documents of one type.
#[derive(Debug, Clone, Serialize)]
pub struct NavGroup {
    pub doc_type: String,
    pub heading: String,
    pub documents: Vec<DocLink>,
}

/// The sidebar: documents by type in manual order; obsolete documents in their own group last.
pub fn nav(views: &Views, order: &[&Document]) -> Vec<NavGroup> {
    let mut groups: Vec<NavGroup> = Vec::new();
    let mut obsolete = None;
    for document in order {
        let doc_type = nav_group_of(document);
        let heading = || if doc_type == OBSOLETE_GROUP { "Obsolete".to_owned() } else { type_heading(&doc_type) };
        let position = groups.iter().position(|g| g.doc_type == doc_type).unwrap_or_else(|| {
            groups.push(NavGroup { heading: heading(), doc_type: doc_type.clone(), documents: Vec::new() });
            groups.len() - 1
        });
        if doc_type == OBSOLETE_GROUP {
            obsolete = Some(position);
        }
        groups[position].documents.push(views.link_to(document));
    }
    if let Some(position) = obsolete {
        let group = groups.remove(position);
        groups.push(group);
    }
    groups
}

/// The sidebar group of obsolete documents, whatever their type.
const OBSOLETE_GROUP: &str = "obsolete";

/// The sidebar group a document is listed in: its type, or [`OBSOLETE_GROUP`].
pub fn nav_group_of(document: &Document) -> String {
    if document.status() == Some(crate::model::Status::Obsolete) {
        return OBSOLETE_GROUP.to_owned();
    }
    document.meta.doc_type.as_ref().map_or_else(String::new, |t| t.value.clone())
}
