//! The clause matrix page of each enabled standard: coverage, every clause with the documents
//! that address it, required documents met or missing, gaps and not-applicable clauses marked.

use super::output::Output;
use super::paths::clause_anchor;
use super::site::Site;
use super::views::{CoverageView, DocLink};
use crate::error::Result;
use crate::model::Status;
use crate::trace::{Applicability, StandardTrace};
use serde::Serialize;

/// `standard`: one standard's matrix.
#[derive(Debug, Serialize)]
struct MatrixView {
    #[serde(flatten)]
    coverage: CoverageView,
    /// The Statement of Applicability in force, for standards with Annex A controls.
    soa: Option<DocLink>,
    rows: Vec<RowView>,
}

#[derive(Debug, Serialize)]
struct RowView {
    clause: String,
    /// The row's id: link to `<matrix page>#<anchor>`.
    anchor: String,
    title: String,
    level: u8,
    /// `addressed`, `gap` or `n/a`.
    status: &'static str,
    justification: Option<String>,
    /// `qms.toml`, `qms.toml (clause 8.3)`, or `Statement of Applicability`.
    excluded_by: Option<String>,
    documents: Vec<CitationView>,
    requirements: Vec<RequirementView>,
}

#[derive(Debug, Serialize)]
struct CitationView {
    id: String,
    url: String,
    in_force: bool,
    status: Option<&'static str>,
    /// "iso9001:2015 9.3" when credited through the Harmonized Structure.
    via: Option<String>,
}

#[derive(Debug, Serialize)]
struct RequirementView {
    /// `document` (maintain) or `record` (retain).
    kind: &'static str,
    reference: String,
    what: String,
    condition: Option<String>,
    /// `met`, `missing`, `not-required` or `record`.
    state: &'static str,
    by: Vec<DocLink>,
    pending: Vec<DocLink>,
    reason: Option<String>,
}

pub fn write(site: &Site, output: &Output) -> Result<()> {
    for standard in &site.input.matrix.standards {
        let view = matrix_view(site, standard);
        let url = view.coverage.url.clone();
        let mut context = site.context(&url, &standard.title, "matrix", None);
        context.insert("standard", &view);
        output.write(&url, site.theme().render("matrix.html", &context)?.as_bytes())?;
    }
    Ok(())
}

fn matrix_view(site: &Site, standard: &StandardTrace) -> MatrixView {
    let views = site.views();
    let links = |ids: &[String]| ids.iter().map(|id| views.link(id)).collect::<Vec<_>>();
    let rows: Vec<RowView> = standard
        .rows
        .iter()
        .map(|row| {
            let (justification, excluded_by) = match &row.applicability {
                Applicability::Applicable => (None, None),
                Applicability::NotApplicable { justification, source } => {
                    (Some(justification.clone()), Some(source.source()))
                }
            };
            RowView {
                clause: row.clause.clone(),
                anchor: clause_anchor(&row.clause),
                title: row.title.clone(),
                level: row.level,
                status: row.status().as_str(),
                justification,
                excluded_by,
                documents: row
                    .citations
                    .iter()
                    .map(|c| CitationView {
                        id: c.id.clone(),
                        url: views.link(&c.id).url,
                        in_force: c.in_force,
                        status: c.status.map(Status::as_str),
                        via: c.via.as_ref().map(|(s, clause)| format!("{s} {clause}")),
                    })
                    .collect(),
                requirements: row
                    .requirements
                    .iter()
                    .map(|r| RequirementView {
                        kind: r.requirement.kind.as_str(),
                        reference: r.requirement.reference.clone(),
                        what: r.requirement.what.clone(),
                        condition: r.requirement.condition.clone(),
                        state: r.state.as_str(),
                        by: links(r.state.met_by()),
                        pending: links(r.state.pending()),
                        reason: r.state.reason().map(str::to_owned),
                    })
                    .collect(),
            }
        })
        .collect();
    MatrixView { coverage: CoverageView::of(standard), soa: standard.soa.as_ref().map(|(id, _)| views.link(id)), rows }
}
