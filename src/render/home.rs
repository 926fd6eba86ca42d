//! The home page of a version: the organization and its scope, the standards with their
//! coverage, counts of documents, and what needs attention (overdue and due reviews, gaps,
//! missing required documents, overdue audits, open nonconformities, certificates running out,
//! documents pending or awaiting approval).

use super::output::Output;
use super::paths::{clause_anchor, standard_page};
use super::site::Site;
use super::text::text_blocks;
use super::views::{CoverageView, DocLink, type_heading};
use crate::error::Result;
use crate::model::{DocumentState, ReviewState, Status};
use crate::trace::Applicability;
use serde::Serialize;

/// `home`: the home page's data.
#[derive(Debug, Serialize)]
struct HomeView {
    sites: Vec<String>,
    /// The scope statement (the first in-force document of type `scope`).
    scope: Option<DocLink>,
    /// The scope wording: the first paragraph after a heading mentioning "scope", else the
    /// first paragraph.
    scope_excerpt: Option<String>,
    /// The manual (the first document of type `manual`).
    manual: Option<DocLink>,
    standards: Vec<CoverageView>,
    counts: Counts,
    /// Groups of items that need attention; empty when all is well.
    attention: Vec<Attention>,
}

#[derive(Debug, Serialize)]
struct Counts {
    total: usize,
    in_force: usize,
    /// Per display state, in lifecycle order; only states with documents.
    states: Vec<Count>,
    /// Per type, in manual order.
    types: Vec<Count>,
}

#[derive(Debug, Serialize)]
struct Count {
    key: String,
    label: String,
    #[serde(rename = "count")]
    documents: usize,
}

#[derive(Debug, Serialize)]
struct Attention {
    /// `error`, `warning` or `info`.
    level: &'static str,
    title: String,
    items: Vec<AttentionItem>,
}

#[derive(Debug, Serialize)]
struct AttentionItem {
    label: String,
    title: String,
    url: String,
    detail: String,
}

pub fn write(site: &Site, output: &Output) -> Result<()> {
    let home = home_view(site);
    let title = site.view.title.clone();
    let mut context = site.context("index.html", &title, "home", None);
    context.insert("home", &home);
    output.write("index.html", site.theme().render("index.html", &context)?.as_bytes())
}

fn home_view(site: &Site) -> HomeView {
    let input = site.input;
    let views = site.views();
    let of_type = |t: &str| {
        site.order
            .iter()
            .copied()
            .find(|d| d.meta.doc_type.as_ref().is_some_and(|x| x.value == t) && d.in_force(input.today))
    };
    let scope = of_type("scope");
    let scope_excerpt = scope.and_then(|d| {
        let blocks = text_blocks(site.body(d).text);
        let after = blocks.iter().skip(1).position(|b| b.heading && b.text.to_lowercase().contains("scope"));
        let start = after.map_or(0, |i| i + 2);
        blocks.iter().skip(start).find(|b| !b.heading).map(|b| b.text.clone())
    });
    let standards = input.matrix.standards.iter().map(CoverageView::of).collect();
    HomeView {
        sites: input.config.sites.clone(),
        scope: scope.map(|d| views.link_to(d)),
        scope_excerpt,
        manual: of_type("manual").map(|d| views.link_to(d)),
        standards,
        counts: counts(site),
        attention: attention(site),
    }
}

fn counts(site: &Site) -> Counts {
    let today = site.input.today;
    let mut states: Vec<Count> = Vec::new();
    let mut types: Vec<Count> = Vec::new();
    for document in &site.order {
        let state = document.state(today);
        bump(&mut states, state.as_str(), count_label(state));
        let doc_type = document.meta.doc_type.as_ref().map_or("", |t| t.value.as_str());
        bump(&mut types, doc_type, &type_heading(doc_type));
    }
    let rank = |key: &str| {
        ["effective", "approved", "pending", "in-review", "draft", "obsolete"].iter().position(|s| *s == key)
    };
    states.sort_by_key(|c| rank(&c.key).unwrap_or(usize::MAX));
    Counts { total: site.order.len(), in_force: site.order.iter().filter(|d| d.in_force(today)).count(), states, types }
}

fn bump(counts: &mut Vec<Count>, key: &str, label: &str) {
    match counts.iter_mut().find(|c| c.key == key) {
        Some(count) => count.documents += 1,
        None => counts.push(Count { key: key.to_owned(), label: label.to_owned(), documents: 1 }),
    }
}

/// How the home page's counts name a state.
fn count_label(state: DocumentState) -> &'static str {
    match state {
        DocumentState::Approved => "Approved, in force",
        DocumentState::Pending => "Approved, not yet effective",
        DocumentState::Unknown => "Status unknown",
        state => state.label(),
    }
}

fn attention(site: &Site) -> Vec<Attention> {
    let input = site.input;
    let views = site.views();
    let mut groups = Vec::new();
    let window = input.config.review.due_soon.to_string();
    for (state, level, title) in [
        (ReviewState::Overdue, "error", "Reviews overdue".to_owned()),
        (ReviewState::Due, "warning", format!("Reviews due within {window}")),
    ] {
        let items: Vec<AttentionItem> = input
            .reviews
            .iter()
            .filter(|r| r.state == state)
            .map(|r| {
                let link = views.link_to(r.document);
                AttentionItem {
                    label: link.id,
                    title: link.title,
                    url: link.url,
                    detail: format!("due {} ({})", r.review.due, super::views::when(r.days)),
                }
            })
            .collect();
        push(&mut groups, level, title, items);
    }
    for standard in &input.matrix.standards {
        let mut items = Vec::new();
        for row in standard.rows.iter().filter(|r| r.applicability == Applicability::Applicable) {
            let url = format!("{}#{}", standard_page(&standard.id), clause_anchor(&row.clause));
            let missing: Vec<&str> = row.missing_requirements().map(|r| r.requirement.what.as_str()).collect();
            if !missing.is_empty() {
                let detail = format!("required document missing: {}", missing.join("; "));
                items.push(AttentionItem { label: row.clause.clone(), title: row.title.clone(), url, detail });
            } else if !row.addressed {
                let detail = match row.citations.iter().find(|c| !c.in_force) {
                    Some(c) => format!(
                        "addressed only by {} ({}), not in force",
                        c.id,
                        c.status.map_or("no status", Status::as_str)
                    ),
                    None => "no document in force addresses this clause".to_owned(),
                };
                items.push(AttentionItem { label: row.clause.clone(), title: row.title.clone(), url, detail });
            }
        }
        push(&mut groups, "error", format!("Gaps in {}", standard.title), items);
    }
    // The certification cycle: overdue audits, nonconformities, certificates running out.
    for item in super::cycle_attention::attention(input) {
        let entry = AttentionItem { label: item.label, title: item.title, url: item.url, detail: item.detail };
        match groups.last_mut() {
            Some(group) if group.title == item.group => group.items.push(entry),
            _ => groups.push(Attention { level: item.level, title: item.group.to_owned(), items: vec![entry] }),
        }
    }
    let today = input.today;
    let with_state = |wanted: &[DocumentState], detail: &dyn Fn(&crate::model::Document) -> String| {
        site.order
            .iter()
            .filter(|d| wanted.contains(&d.state(today)))
            .map(|d| {
                let link = views.link_to(d);
                AttentionItem { label: link.id, title: link.title, url: link.url, detail: detail(d) }
            })
            .collect()
    };
    let pending = with_state(&[DocumentState::Pending], &|d| {
        format!("approved; effective {}", d.meta.effective.as_ref().map(|e| e.value.to_string()).unwrap_or_default())
    });
    push(&mut groups, "info", "Approved, not yet effective".to_owned(), pending);
    let unapproved = with_state(&[DocumentState::Draft, DocumentState::InReview], &|d| {
        d.status().map_or("", Status::as_str).to_owned()
    });
    push(&mut groups, "info", "Awaiting approval".to_owned(), unapproved);
    groups
}

fn push(groups: &mut Vec<Attention>, level: &'static str, title: String, items: Vec<AttentionItem>) {
    if !items.is_empty() {
        groups.push(Attention { level, title, items });
    }
}
