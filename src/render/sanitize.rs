//! The body's HTML, made safe. Text and attribute values are always escaped by pulldown-cmark,
//! and every link, image and id goes through one [`Rewriter`]: links between documents go to
//! their pages, linked files to their copies under `files/`, and anything that would leave the
//! site or run code is dropped.
//!
//! A body with raw HTML (or footnotes, whose ids and links pulldown-cmark writes itself) is
//! written by pulldown-cmark and then cleaned by ammonia, whose attribute filter is the
//! rewriter; first [`depth::limit_depth`] cuts nesting past 256 elements, which would cost
//! ammonia's parser time in the square of the depth. A body without is written straight from
//! the events, rewritten first: nothing in it can carry markup of its own, so the HTML parse
//! and rewrite ammonia would do (most of the cost of rendering) would leave it as it is.

mod depth;

use super::paths::{encode_fragment, encode_path};
use super::placement::{Lookup, Placement, RESERVED_ID_PREFIX, id_prefix, print_anchor};
use crate::model::{LinkTarget, classify_link, is_published_link};
use pulldown_cmark::{Alignment, CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

/// The events of a body as safe HTML.
pub fn to_safe_html(mut events: Vec<Event<'_>>, rewriter: &Rewriter) -> String {
    // Heading attributes (`{.class key=value}`) never reach the page, on either path: a
    // heading keeps its level and its id (rewritten like every other id).
    for event in &mut events {
        if let Event::Start(Tag::Heading { classes, attrs, .. }) = event {
            classes.clear();
            attrs.clear();
        }
    }
    let capacity = events.len() * 16;
    let mut html = String::with_capacity(capacity);
    if events.iter().any(needs_cleaning) {
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(task_box));
        return clean(&html, rewriter);
    }
    pulldown_cmark::html::push_html(&mut html, rewrite(events, rewriter).into_iter());
    html
}

/// A task-list marker (`- [ ]`, `- [x]`) as a ballot box in the text (☐, ☑) instead of the
/// disabled checkbox pulldown-cmark writes: a form control needs a label no list item gives it,
/// and a box prints as a box to tick. Other events pass unchanged.
fn task_box(event: Event<'_>) -> Event<'_> {
    match event {
        Event::TaskListMarker(done) => Event::InlineHtml(if done { TASK_DONE } else { TASK_OPEN }.into()),
        other => other,
    }
}

const TASK_OPEN: &str = "<span class=\"task\">\u{2610}</span> ";
const TASK_DONE: &str = "<span class=\"task\">\u{2611}</span> ";

/// Raw HTML, and footnotes (pulldown-cmark writes their ids and links itself).
fn needs_cleaning(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Start(Tag::HtmlBlock | Tag::FootnoteDefinition(_))
    )
}

/// Sanitizes `html` with ammonia, the rewriter deciding every URL and id.
fn clean(html: &str, rewriter: &Rewriter) -> String {
    let filter = rewriter.clone();
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(&["id"])
        .add_tags(&["input"])
        .add_tag_attributes("input", &["type", "checked", "disabled"])
        // Pandoc's lettered lists keep their letters (`markdown::keep_list_letters`).
        .add_tag_attributes("ol", &["type"])
        .add_allowed_classes("sup", &["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", &["footnote-definition"])
        .add_allowed_classes("span", &["task"])
        .link_rel(Some("noopener noreferrer"))
        .id_prefix(rewriter.own_prefix.as_deref())
        .attribute_filter(move |element, attribute, value| filter.attribute(element, attribute, value));
    builder.clean(&depth::limit_depth(html)).to_string()
}

/// Rewrites the links, images and heading ids of a body without raw HTML, as the ammonia path
/// would: a link whose target is dropped keeps its text, an image whose source is dropped
/// shows its description.
fn rewrite<'e>(events: Vec<Event<'e>>, rewriter: &Rewriter) -> Vec<Event<'e>> {
    // For each open link or image: whether its start was kept (its end must match).
    let mut open: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                // Alignment would be a `style` attribute, which the ammonia path drops too.
                out.push(Event::Start(Tag::Table(vec![Alignment::None; alignments.len()])));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let id = id.and_then(|id| rewriter.id(&id)).map(CowStr::from);
                out.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let url =
                    if link_type == LinkType::Email { format!("mailto:{dest_url}") } else { dest_url.to_string() };
                let href = rewriter.href(&url);
                open.push(href.is_some());
                if let Some(href) = href {
                    let mut tag = String::from("<a href=\"");
                    let _ = escape_href(&mut tag, &href);
                    if !title.is_empty() {
                        tag.push_str("\" title=\"");
                        let _ = escape_html(&mut tag, &title);
                    }
                    tag.push_str("\" rel=\"noopener noreferrer\">");
                    out.push(Event::InlineHtml(tag.into()));
                }
            }
            Event::End(TagEnd::Link) => {
                if open.pop().unwrap_or(false) {
                    out.push(Event::InlineHtml("</a>".into()));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let src = rewriter.src(&dest_url);
                open.push(src.is_some());
                if let Some(src) = src {
                    out.push(Event::Start(Tag::Image { link_type, dest_url: src.into(), title, id }));
                }
            }
            Event::End(TagEnd::Image) => {
                if open.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            other => out.push(task_box(other)),
        }
    }
    out
}

/// Rewrites the URLs and ids of one body, and records the files and documents it links to.
/// Owns its data (ammonia wants a `'static` callback); clones share what they record.
#[derive(Debug, Clone)]
pub struct Rewriter {
    pages: Arc<BTreeMap<String, String>>,
    print: Option<Arc<BTreeMap<String, String>>>,
    path: String,
    root: String,
    own_prefix: Option<String>,
    files: Arc<Mutex<BTreeSet<String>>>,
    lookups: Arc<Mutex<Vec<Lookup>>>,
}

impl Rewriter {
    pub fn new(
        pages: Arc<BTreeMap<String, String>>,
        placement: &Placement,
        path: &str,
        own_prefix: Option<String>,
    ) -> Rewriter {
        Rewriter {
            pages,
            print: placement.print.clone(),
            path: path.to_owned(),
            root: placement.root.clone(),
            own_prefix,
            files: Arc::default(),
            lookups: Arc::default(),
        }
    }

    /// The files the body links to or shows, and how each local link resolved.
    pub fn into_found(self) -> (BTreeSet<String>, Vec<Lookup>) {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(PoisonError::into_inner));
        let lookups = std::mem::take(&mut *self.lookups.lock().unwrap_or_else(PoisonError::into_inner));
        (files, lookups)
    }

    /// An element's id: `None` drops it (the site's own prefix), the print view prefixes it.
    fn id(&self, value: &str) -> Option<String> {
        (!value.starts_with(RESERVED_ID_PREFIX)).then(|| format!("{}{value}", self.own_prefix.as_deref().unwrap_or("")))
    }

    fn attribute<'u>(&self, element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
        match (element, attribute) {
            (_, "href") => self.href(value).map(Cow::Owned),
            ("img", "src") => self.src(value).map(Cow::Owned),
            (_, "src" | "cite" | "srcset" | "longdesc" | "usemap") => None,
            (_, "id") if value.starts_with(RESERVED_ID_PREFIX) => None,
            ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
            _ => Some(Cow::Borrowed(value)),
        }
    }

    fn href(&self, value: &str) -> Option<String> {
        match classify_link(&self.path, value) {
            LinkTarget::External => is_published_link(value).then(|| value.to_owned()),
            LinkTarget::Unsafe { .. } | LinkTarget::Absolute | LinkTarget::OutsideRoot => None,
            LinkTarget::Local { path, fragment } if path.is_empty() => {
                let fragment = fragment.filter(|f| !f.is_empty())?;
                Some(format!("#{}{}", self.own_prefix.as_deref().unwrap_or(""), encode_fragment(&fragment)))
            }
            LinkTarget::Local { path, fragment } => {
                let path = self.named(value, path);
                self.record(&path);
                if let Some(page) = self.pages.get(&path) {
                    return Some(self.document_link(&path, page, fragment.as_deref()));
                }
                if is_markdown(&path) {
                    // A Markdown file that is not a loaded document has no page (`qms check`
                    // reports the broken link); keep the text, drop the link.
                    return None;
                }
                let fragment = fragment.map_or_else(String::new, |f| format!("#{}", encode_fragment(&f)));
                Some(format!("{}{}{fragment}", self.root, self.file(path)))
            }
        }
    }

    /// The path of the document a link names by its id or an alias (`[policy](AOTP)`), when no
    /// document is at `path`; else `path`.
    fn named(&self, value: &str, path: String) -> String {
        let Some(name) = crate::model::link_name(value).filter(|_| !self.pages.contains_key(&path)) else {
            return path;
        };
        let key = super::paths::name_key(name);
        self.record(&key);
        self.pages.get(&key).cloned().unwrap_or(path)
    }

    fn record(&self, path: &str) {
        let lookup = Lookup {
            path: path.to_owned(),
            page: self.pages.get(path).cloned(),
            print: self.print.as_ref().and_then(|print| print.get(path)).cloned(),
        };
        self.lookups.lock().unwrap_or_else(PoisonError::into_inner).push(lookup);
    }

    fn document_link(&self, path: &str, page: &str, fragment: Option<&str>) -> String {
        let on_print = self.print.as_ref().and_then(|print| print.get(path));
        match (on_print, fragment.filter(|f| !f.is_empty())) {
            (Some(stem), Some(fragment)) => format!("#{}{}", id_prefix(stem), encode_fragment(fragment)),
            (Some(stem), None) => format!("#{}", print_anchor(stem)),
            (None, Some(fragment)) => format!("{}{page}#{}", self.root, encode_fragment(fragment)),
            (None, None) => format!("{}{page}", self.root),
        }
    }

    /// Only images inside the QMS root are shown: anything else would be a request leaving the
    /// site (or a `data:`/`javascript:` payload).
    fn src(&self, value: &str) -> Option<String> {
        match classify_link(&self.path, value) {
            LinkTarget::Local { path, .. } if !path.is_empty() && !is_markdown(&path) => {
                Some(format!("{}{}", self.root, self.file(path)))
            }
            _ => None,
        }
    }

    /// Records `path` for copying and returns its URL relative to the version root.
    fn file(&self, path: String) -> String {
        let url = format!("files/{}", encode_path(&path));
        self.files.lock().unwrap_or_else(PoisonError::into_inner).insert(path);
        url
    }
}

fn is_markdown(path: &str) -> bool {
    std::path::Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}
