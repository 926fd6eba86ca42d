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
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// `print`: the print view's data.
#[derive(Debug, Serialize)]
struct PrintView<'a> {
    /// Released documents (approved or effective), in manual order.
    documents: Vec<PrintDocument<'a>>,
    /// Documents left out: drafts, documents in review, obsolete ones.
    excluded: Vec<DocLink>,
}

#[derive(Debug, Serialize)]
struct PrintDocument<'a> {
    #[serde(flatten)]
    summary: Cow<'a, DocSummary>,
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
    let mut htmls = Vec::new();
    // The bodies are most of the page: the template gets a placeholder for each and the bodies
    // are written in their places, rather than copied into the template's context and output.
    let splice = !site.theme().overridden().iter().any(|name| SEES_BODIES.contains(&name.as_str()));
    for (i, (document, body)) in included.iter().zip(bodies).enumerate() {
        linked.extend(body.files.into_iter().map(|file| (file, document.path.clone())));
        documents.push(PrintDocument {
            summary: site.summary(document),
            anchor: print_anchor(stems.get(&document.path).map_or("", String::as_str)),
            body: if splice { placeholder(i) } else { String::new() },
        });
        htmls.push(body.html);
    }
    let excluded: Vec<DocLink> = excluded.iter().map(|d| views.link_to(d)).collect();
    let render = |documents: Vec<PrintDocument>| -> Result<String> {
        let view = PrintView { documents, excluded: excluded.clone() };
        let mut context = site.context("print.html", "Print view", "print", None);
        context.insert("print", &view);
        site.theme().render("print.html", &context)
    };
    if splice {
        let page = render(documents)?;
        if let Some(parts) = spliced(&page, &htmls) {
            output.write_parts("print.html", &parts)?;
            return Ok(linked);
        }
        // A placeholder was met elsewhere on the page (in a title, say): render it whole.
        documents = included
            .iter()
            .zip(&mut htmls)
            .map(|(document, html)| PrintDocument {
                summary: site.summary(document),
                anchor: print_anchor(stems.get(&document.path).map_or("", String::as_str)),
                body: std::mem::take(html),
            })
            .collect();
    } else {
        for (document, html) in documents.iter_mut().zip(&mut htmls) {
            document.body = std::mem::take(html);
        }
    }
    output.write("print.html", render(documents)?.as_bytes())?;
    Ok(linked)
}

/// The templates that could see a body on the print view; when the theme overrides one, the
/// bodies go through the template.
const SEES_BODIES: [&str; 3] = ["print.html", "partials/control.html", "partials/meta.html"];

/// What stands for the `i`th body on the rendered page: private-use characters, which neither
/// a sanitized body nor the built-in templates hold.
fn placeholder(i: usize) -> String {
    format!("\u{E000}qms-print-body-{i}\u{E001}")
}

/// The page with each placeholder replaced by its body, as parts to write one after the other;
/// `None` unless each placeholder is met exactly once, in order, and nothing else on the page
/// looks like one.
fn spliced<'p>(page: &'p str, bodies: &'p [String]) -> Option<Vec<&'p [u8]>> {
    let mut parts = Vec::with_capacity(2 * bodies.len() + 1);
    let mut rest = page;
    for (i, body) in bodies.iter().enumerate() {
        let (before, after) = rest.split_once(&placeholder(i))?;
        if before.contains('\u{E000}') {
            return None;
        }
        parts.extend([before.as_bytes(), body.as_bytes()]);
        rest = after;
    }
    if rest.contains('\u{E000}') {
        return None;
    }
    parts.push(rest.as_bytes());
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placeholder_gives_way_to_its_body_once_and_in_order() {
        let bodies = vec!["<p>one</p>".to_owned(), "<p>two</p>".to_owned()];
        let page = format!("<main>{}<hr>{}</main>", placeholder(0), placeholder(1));
        let parts = spliced(&page, &bodies).unwrap();
        assert_eq!(parts.concat(), b"<main><p>one</p><hr><p>two</p></main>");
        let twice = format!("{}{}{}", placeholder(1), placeholder(0), placeholder(1));
        assert!(spliced(&twice, &bodies).is_none(), "a placeholder before its place");
        let after = format!("{}{}{}", placeholder(0), placeholder(1), placeholder(0));
        assert!(spliced(&after, &bodies).is_none(), "a placeholder after the last body");
        assert!(spliced(&placeholder(0), &bodies).is_none(), "a placeholder missing");
    }
}
