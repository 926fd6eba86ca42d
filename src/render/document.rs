//! The page of one document: its metadata, body, revision history and the same document in
//! other versions; and what writing it leaves for the version's other files (the files it
//! links to, its search terms).

use super::output::Output;
use super::paths::{page_for_id, root_of};
use super::placement::{self, Placement};
use super::search::{SearchDocument, Terms};
use super::site::{Site, commit_prefix, type_page};
use super::views::DocSummary;
use crate::error::Result;
use crate::model::Document;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

/// `doc`: a document page.
#[derive(Debug, Serialize)]
struct DocumentPage<'a> {
    #[serde(flatten)]
    summary: Cow<'a, DocSummary>,
    /// The sanitized body HTML.
    body: String,
    /// Newest first.
    revisions: Vec<RevisionView<'a>>,
    /// The same document in other versions of the site.
    other_versions: Vec<OtherVersion>,
    /// Its section on the print view (released documents only).
    print_url: Option<String>,
    /// Its sidebar group (its type, or obsolete documents) and that group's page.
    group_heading: String,
    group_url: String,
}

/// One row of the revision history, borrowed from the version's rows.
#[derive(Debug, Serialize)]
struct RevisionView<'a> {
    version: &'a str,
    date: Cow<'a, str>,
    author: &'a str,
    approver: &'a str,
    commit: &'a str,
    commit_short: &'a str,
    message: &'a str,
    /// The reason for the version.
    change: &'a str,
    /// `on a merged branch`, `before control`, or empty.
    standing: &'a str,
    /// Findings about the revision accepted on the record.
    accepted: &'a [String],
}

#[derive(Debug, Serialize)]
struct OtherVersion {
    label: String,
    /// The document's version there.
    version: String,
    url: String,
    is_latest: bool,
    released: bool,
}

/// What writing one document's page leaves for the version's other files.
pub struct WrittenDocument<'a> {
    /// The document's source path.
    pub path: &'a str,
    /// Files its body links to (paths relative to the QMS root).
    pub linked: BTreeSet<String>,
    pub search: (SearchDocument, Arc<Terms>),
}

pub fn write_document<'a>(site: &Site, output: &Output, document: &'a Document) -> Result<WrittenDocument<'a>> {
    let page = site.pages.of(document).to_owned();
    let body = site.render_body(document, &Placement { root: root_of(&page), print: None });
    let summary = site.summary(document);
    let search = (
        SearchDocument {
            id: summary.id.clone(),
            title: summary.title.clone(),
            url: page.clone(),
            doc_type: summary.type_heading.clone(),
        },
        // Its aliases find it as its id does.
        site.input.cache.terms(
            &std::iter::once(&summary.id).chain(&summary.aliases).cloned().collect::<Vec<_>>().join(" "),
            &summary.title,
            site.body(document),
        ),
    );
    let doc = document_page(site, document, summary, body.html);
    let mut context =
        site.context(&page, &format!("{} {}", doc.summary.id, doc.summary.title), "document", document.id());
    context.insert("doc", &doc);
    output.write(&page, site.theme().render("document.html", &context)?.as_bytes())?;
    Ok(WrittenDocument { path: &document.path, linked: body.files, search })
}

fn document_page<'s>(
    site: &'s Site,
    document: &'s Document,
    summary: Cow<'s, DocSummary>,
    body: String,
) -> DocumentPage<'s> {
    let id = document.id().unwrap_or_default();
    let revisions: Vec<RevisionView> = site
        .input
        .revisions
        .get(id)
        .map(|rows| {
            rows.iter()
                .rev()
                .map(|r| RevisionView {
                    version: &r.version,
                    date: Cow::Borrowed(&r.date),
                    author: &r.author,
                    approver: &r.approver,
                    commit: &r.commit,
                    commit_short: commit_prefix(&r.commit),
                    message: &r.message,
                    change: &r.change,
                    standing: &r.standing,
                    accepted: &r.accepted,
                })
                .collect()
        })
        .unwrap_or_default();
    let revisions = with_header_rows(revisions, document);
    // The versions the page lists (see `SiteView::versions`); all of them are in `versions.html`.
    let other_versions = super::site::nearby(&site.input.versions, &site.input.version)
        .filter(|v| v.label != site.input.version.label)
        .filter_map(|v| {
            let version = v.documents.get(id)?;
            Some(OtherVersion {
                label: v.label.clone(),
                version: version.clone(),
                url: format!("../{}/{}", v.dir(), page_for_id(id)),
                is_latest: v.is_latest,
                released: v.released,
            })
        })
        .collect();
    let print_url = document.status().is_some_and(crate::model::Status::is_released).then(|| {
        let stem = summary.url.trim_start_matches("documents/").trim_end_matches(".html");
        format!("print.html#{}", placement::print_anchor(stem))
    });
    let (group_heading, group_url) = site.group_of(document).map_or_else(
        || (summary.type_heading.clone(), "register.html".to_owned()),
        |g| (g.heading.clone(), type_page(g)),
    );
    DocumentPage { summary, body, revisions, other_versions, print_url, group_heading, group_url }
}

/// `revisions` (newest first) with what an adopted header recorded before control among them,
/// by date (after the commits of its day).
fn with_header_rows<'a>(revisions: Vec<RevisionView<'a>>, document: &'a Document) -> Vec<RevisionView<'a>> {
    let recorded = crate::model::header_revisions(&document.meta.major_revisions);
    let mut recorded = recorded
        .into_iter()
        .rev()
        .map(|r| RevisionView {
            version: "",
            date: Cow::Owned(r.date.to_string()),
            author: "",
            approver: "",
            commit: "",
            commit_short: "—",
            message: &r.comment,
            change: "",
            standing: crate::model::FROM_THE_HEADER,
            accepted: &[],
        })
        .peekable();
    let mut merged = Vec::new();
    for row in revisions {
        // ISO dates order as text; `uncommitted` after every date.
        while let Some(header) = recorded.next_if(|h| h.date > row.date && row.date != "uncommitted") {
            merged.push(header);
        }
        merged.push(row);
    }
    merged.extend(recorded);
    merged
}
