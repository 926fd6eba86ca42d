//! The print view (`print.html`): the whole released manual in document order, one section per
//! document with its controlled-copy header and footer, page breaks between documents. Links
//! between documents on it stay on it; ids are prefixed per document so they never clash.

use super::output::Output;
use super::placement::{Placement, print_anchor};
use super::site::Site;
use super::views::{DocLink, DocSummary};
use crate::error::Result;
use crate::model::Document;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// `print`: the print view's data.
#[derive(Debug, Serialize)]
struct PrintView {
    /// Released documents (approved or effective), in manual order.
    documents: Vec<PrintDocument>,
    /// Documents left out: drafts, documents in review, obsolete ones.
    excluded: Vec<DocLink>,
}

#[derive(Debug, Serialize)]
struct PrintDocument {
    #[serde(flatten)]
    summary: DocSummary,
    /// The section's id on the print view (`doc-SOP-001`).
    anchor: String,
    /// The sanitized body, ids prefixed with `<stem>--`.
    body: String,
}

/// Writes `print.html`; returns the files its bodies link to (path, linking document's path),
/// in manual order.
pub fn write(site: &Site, output: &Output) -> Result<Vec<(String, String)>> {
    let views = site.views();
    let (included, excluded): (Vec<&Document>, Vec<&Document>) =
        site.order.iter().copied().partition(|d| d.status().is_some_and(crate::model::Status::is_released));
    let stems: BTreeMap<String, String> = included
        .iter()
        .map(|d| {
            let page = site.pages.of(d);
            let stem = page.trim_start_matches("documents/").trim_end_matches(".html");
            (d.path.clone(), stem.to_owned())
        })
        .collect();
    let placement = Placement { root: String::new(), print: Some(Arc::new(stems.clone())) };
    let bodies: Vec<_> = included.par_iter().map(|document| site.render_body(document, &placement)).collect();
    let mut linked = Vec::new();
    let mut documents = Vec::new();
    for (document, body) in included.iter().zip(bodies) {
        linked.extend(body.files.into_iter().map(|file| (file, document.path.clone())));
        documents.push(PrintDocument {
            summary: views.summary(document),
            anchor: print_anchor(stems.get(&document.path).map_or("", String::as_str)),
            body: body.html,
        });
    }
    let view = PrintView { documents, excluded: excluded.iter().map(|d| views.link_to(d)).collect() };
    let mut context = site.context("print.html", "Print view", "print", None);
    context.insert("print", &view);
    output.write("print.html", site.theme().render("print.html", &context)?.as_bytes())?;
    Ok(linked)
}
