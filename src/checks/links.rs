//! Links: relative links and anchors resolve inside the QMS root; no unsafe or absolute links,
//! none the site would leave out;
//! documents in force do not point readers at drafts or obsolete documents.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Document, LinkKind, LinkTarget, Status, classify_link, is_published_link, link_name};
use std::collections::{BTreeMap, BTreeSet};

pub struct Links;

impl Check for Links {
    fn rules(&self) -> &'static [Rule] {
        &[
            Rule::BrokenLink,
            Rule::BrokenAnchor,
            Rule::LinkOutsideRoot,
            Rule::AbsoluteLink,
            Rule::UnsafeLink,
            Rule::UnpublishedLink,
            Rule::LinkToDraft,
            Rule::LinkToObsolete,
        ]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        // Anchors per target document, built once: links × headings must not be quadratic.
        let mut anchors: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for document in ctx.register.documents() {
            for link in &document.links {
                let what = if link.kind == LinkKind::Image { "image" } else { "link" };
                let report = |rule: Rule, message: String, help: &str| {
                    Diagnostic::new(rule, message).at(document.span(link.range.clone())).help(help)
                };
                let destination = &link.destination;
                match classify_link(&document.path, destination) {
                    LinkTarget::External if link.kind == LinkKind::Image => out.push(report(
                        Rule::UnpublishedLink,
                        format!("image `{destination}` is outside the repository; the site does not show it"),
                        "put the image in the repository and show it by its relative path",
                    )),
                    LinkTarget::External if !is_published_link(destination) => out.push(report(
                        Rule::UnpublishedLink,
                        unpublished_message(destination),
                        "put the file in the repository and link to it relatively, or link to an https:// address",
                    )),
                    LinkTarget::External => {}
                    LinkTarget::Unsafe { scheme } => out.push(report(
                        Rule::UnsafeLink,
                        format!("{what} uses a `{scheme}:` URL"),
                        "link to a document in the repository or to an https:// address",
                    )),
                    LinkTarget::Absolute => out.push(report(
                        Rule::AbsoluteLink,
                        format!("{what} `{destination}` is an absolute path"),
                        "write the path relative to this document's folder",
                    )),
                    LinkTarget::OutsideRoot => out.push(report(
                        Rule::LinkOutsideRoot,
                        format!("{what} `{destination}` leaves the QMS root"),
                        "link only to files inside the QMS root, or use an https:// address",
                    )),
                    LinkTarget::Local { path, fragment } => {
                        let target = if path.is_empty() { Some(document) } else { ctx.register.by_path(&path) };
                        // A link may name a document by its id or an alias when no file answers.
                        let target = target.or_else(|| {
                            link_name(destination)
                                .filter(|_| !ctx.register.path_exists(&path))
                                .and_then(|name| ctx.register.by_name(name))
                        });
                        if target.is_none() && !ctx.register.path_exists(&path) {
                            out.push(report(
                                Rule::BrokenLink,
                                format!("{what} target `{destination}` does not exist"),
                                &broken_link_help(ctx, &path),
                            ));
                            continue;
                        }
                        let Some(target) = target else { continue };
                        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                            let known = anchors
                                .entry(target.path.as_str())
                                .or_insert_with(|| target.headings.iter().map(|h| h.anchor.as_str()).collect());
                            if !known.contains(fragment.as_str()) {
                                out.push(report(
                                    Rule::BrokenAnchor,
                                    format!("no heading in {} has the anchor `#{fragment}`", target.path),
                                    &anchor_help(target, &fragment),
                                ));
                            }
                        }
                        if !std::ptr::eq(target, document) {
                            check_status(document, target, link.range.clone(), out);
                        }
                    }
                }
            }
        }
    }
}

/// A document in force linking to one that is not.
fn check_status(document: &Document, target: &Document, range: std::ops::Range<usize>, out: &mut Vec<Diagnostic>) {
    let (Some(from), Some(to)) = (document.status(), target.status()) else { return };
    if !from.is_released() {
        return;
    }
    let label = target.label();
    let diagnostic = if to.is_unapproved() {
        Diagnostic::new(Rule::LinkToDraft, format!("{from} document links to {label}, which is {to}"))
            .help("link to approved content only, or wait until the target is approved")
    } else if to == Status::Obsolete {
        let successor =
            target.meta.superseded_by.first().map_or(String::new(), |s| format!(" (its successor is {})", s.value));
        Diagnostic::new(Rule::LinkToObsolete, format!("{from} document links to {label}, which is obsolete{successor}"))
            .help("link to the successor instead")
    } else {
        return;
    };
    out.push(diagnostic.at(document.span(range)));
}

/// Suggests a document with the same file name elsewhere, a common result of a move.
fn broken_link_help(ctx: &CheckContext, path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let same_name = ctx.register.documents().iter().find(|d| d.path.rsplit('/').next() == Some(name));
    match same_name {
        Some(found) => format!("a file of that name is at `{}`; correct the relative path", found.path),
        None => "correct the path (it is relative to this document's folder) or remove the link".to_owned(),
    }
}

fn anchor_help(target: &Document, fragment: &str) -> String {
    let anchors = target.headings.iter().map(|h| h.anchor.as_str());
    match crate::suggest::closest(fragment, anchors) {
        Some(best) => format!(
            "did you mean `#{best}`? anchors are the heading text in lower case, punctuation removed, spaces as hyphens"
        ),
        None => "use the anchor of an existing heading: lower case, punctuation removed, spaces as hyphens".to_owned(),
    }
}

/// Why the site shows the external link `destination` as text only.
fn unpublished_message(destination: &str) -> String {
    match destination.split_once(':') {
        Some((scheme, _)) if !destination.starts_with('\\') => format!(
            "link `{destination}` uses `{scheme}:`; the site publishes http, https, mailto and tel links only, and \
             shows this one as text"
        ),
        _ => format!("link `{destination}` is a network path; the site shows it as text"),
    }
}
