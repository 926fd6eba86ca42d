//! What every page of one version shares: the [`Site`] (input, page map, manual order, sidebar)
//! and the context each template receives (`site`, `nav`, `page`). A leaf of the page modules:
//! each page module uses this and the views, never another page module.

use super::cache::Content;
use super::input::{SiteInput, VersionView};
use super::markdown;
use super::paths::{PageMap, root_of, standard_page};
use super::placement::Placement;
use super::templates::Theme;
use super::views::{self, DocLink, DocSummary, NavGroup, Views};
use crate::config::Config;
use crate::diag::FileId;
use crate::model::Document;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One version being rendered, with what every page shares.
pub struct Site<'a> {
    pub input: &'a SiteInput<'a>,
    pub pages: PageMap,
    pub page_urls: Arc<BTreeMap<String, String>>,
    /// Documents in manual order.
    pub order: Vec<&'a Document>,
    /// Enabled standards: id → (clause id, title) in catalog order.
    pub standards: Vec<(String, Vec<(String, String)>)>,
    pub view: SiteView,
    pub nav: Vec<NavGroup>,
    /// Each document's body with its digest in the render cache, by file.
    bodies: HashMap<FileId, Content<'a>>,
    /// Each document's summary, by file: the document page, the print view and the register
    /// show the same one.
    summaries: HashMap<FileId, DocSummary>,
    /// `site` and `nav` as the templates receive them: the same on every page of the version,
    /// so they are converted once (a template value shares its maps and lists when cloned).
    shared: Option<(tera::Value, tera::Value)>,
}

/// `site`: the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub organization: Option<String>,
    pub version: VersionItem,
    /// The versions a page lists, newest first: this one, its [`NEARBY`] neighbours on each
    /// side, the working tree and the latest release. Every version is listed once per site,
    /// in the root's `versions.html` and `versions.js`: a page listing them all would make
    /// the site grow with the square of the number of releases. A release lists only itself
    /// (see [`SiteView::shared_versions`]).
    pub versions: Vec<VersionItem>,
    /// How many versions the site has (0 on a release's pages).
    pub version_count: usize,
    /// The latest release, when this version is not it (never on a release's pages).
    pub latest: Option<VersionItem>,
    /// The pages show the other versions, and whether this one is the latest, from the site's
    /// shared `versions.js` only: true for a release, whose pages must not change when a newer
    /// release is tagged (so that a later build can reuse them as they are).
    pub shared_versions: bool,
    pub search: bool,
    /// The date the version is rendered as of.
    pub today: String,
    /// The short source commit, or "working tree".
    pub build: String,
    /// The enabled standards: id, title and matrix page.
    pub standards: Vec<StandardLink>,
    /// Whether the version has records or objectives: the sidebar links its Certification page.
    pub certification: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct VersionItem {
    pub label: String,
    /// Its folder under the site root.
    pub dir: String,
    pub commit: Option<String>,
    pub commit_short: Option<String>,
    pub released: bool,
    pub is_latest: bool,
    /// The version being rendered.
    pub current: bool,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StandardLink {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// `nav`: the sidebar's documents by type, the same on every page of a version.
#[derive(Debug, Clone, Serialize)]
struct NavView<'a> {
    /// Whether each group lists its documents; above [`INLINE_SIDEBAR_LIMIT`] documents the
    /// groups link to their type pages instead.
    inline: bool,
    groups: Vec<NavGroupView<'a>>,
}

#[derive(Debug, Clone, Serialize)]
struct NavGroupView<'a> {
    heading: &'a str,
    /// The type page listing the group's documents.
    url: String,
    count: usize,
    /// Empty unless `inline`.
    documents: &'a [DocLink],
}

/// Up to this many documents, every page's sidebar lists them all (about 100 bytes each, so a
/// few kilobytes a page); above, listing them would make each page heavier than its content
/// and the site O(n²) in bytes, so the sidebar lists the types and each type has its page.
pub const INLINE_SIDEBAR_LIMIT: usize = 250;

/// The type page of a sidebar group: `types/procedure.html`.
pub fn type_page(group: &NavGroup) -> String {
    format!("types/{}.html", super::paths::segment(if group.doc_type.is_empty() { "other" } else { &group.doc_type }))
}

/// `page`: what this page is.
#[derive(Debug, Clone, Serialize)]
struct PageView<'a> {
    title: &'a str,
    /// `home`, `document`, `register`, `matrix`, `reviews`, `changes`, `certification`, `print`.
    kind: &'a str,
    /// This page, relative to the version root.
    url: &'a str,
    /// From this page back to the version root: prefix every site URL with it.
    root: String,
    /// The document shown, on a document page.
    doc_id: Option<&'a str>,
    /// The page of the sidebar group this page belongs to: a document's type page, or the
    /// type page itself.
    group_url: Option<String>,
}

pub fn short_commit(commit: &str) -> String {
    commit_prefix(commit).to_owned()
}

/// The first ten characters of `commit`.
pub fn commit_prefix(commit: &str) -> &str {
    commit.char_indices().nth(10).map_or(commit, |(end, _)| commit.get(..end).unwrap_or(commit))
}

/// Releases listed on each side of a version on its pages.
pub const NEARBY: usize = 3;

/// The versions of `versions` (newest first) a page of `current` lists: see
/// [`SiteView::versions`]. A release lists only itself: the others come from `versions.js`.
pub fn nearby<'v>(versions: &'v [VersionView], current: &VersionView) -> impl Iterator<Item = &'v VersionView> {
    let at = versions.iter().position(|v| v.label == current.label).unwrap_or(0);
    let only_itself = current.released;
    versions
        .iter()
        .enumerate()
        .filter(move |(i, v)| {
            if only_itself { v.label == current.label } else { i.abs_diff(at) <= NEARBY || !v.released || v.is_latest }
        })
        .map(|(_, v)| v)
}

fn version_item(version: &VersionView, current: &VersionView) -> VersionItem {
    VersionItem {
        label: version.label.clone(),
        dir: version.dir(),
        commit: version.commit.clone(),
        commit_short: version.commit.as_deref().map(short_commit),
        released: version.released,
        is_latest: version.is_latest,
        current: version.label == current.label,
        date: version.date.map(|d| d.to_string()),
    }
}

impl<'a> Site<'a> {
    pub fn new(input: &'a SiteInput<'a>) -> Site<'a> {
        let pages = PageMap::new(input.register);
        let page_urls = Arc::new(pages.link_targets(input.register));
        let order = views::document_order(input.register, input.config);
        let standards: Vec<(String, Vec<(String, String)>)> = input
            .matrix
            .standards
            .iter()
            .map(|s| (s.id.clone(), s.rows.iter().map(|r| (r.clause.clone(), r.title.clone())).collect()))
            .collect();
        let config = input.config;
        let shared_versions = input.version.released;
        let mut version = version_item(&input.version, &input.version);
        // Whether a release is the latest changes when the next one is tagged.
        version.is_latest &= !shared_versions;
        let view = SiteView {
            title: site_title(config),
            organization: config.organization.clone(),
            versions: if shared_versions {
                vec![version.clone()]
            } else {
                nearby(&input.versions, &input.version).map(|v| version_item(v, &input.version)).collect()
            },
            version,
            version_count: if shared_versions { 0 } else { input.versions.len() },
            latest: input
                .versions
                .iter()
                .find(|v| v.is_latest && v.label != input.version.label && !shared_versions)
                .map(|v| version_item(v, &input.version)),
            shared_versions,
            search: config.site_search,
            today: input.today.to_string(),
            build: input.version.commit.as_deref().map_or_else(|| "working tree".to_owned(), short_commit),
            standards: input
                .matrix
                .standards
                .iter()
                .map(|s| StandardLink { id: s.id.clone(), title: s.title.clone(), url: standard_page(&s.id) })
                .collect(),
            certification: super::cycle_views::has_cycle(input),
        };
        let content = |document: &Document| {
            let body = body_of(input, document);
            match input.digests.and_then(|digests| digests.get(&document.file)) {
                Some(&digest) => Content::with_digest(body, digest),
                None => Content::of(body),
            }
        };
        let bodies = order.par_iter().map(|&document| (document.file, content(document))).collect();
        let mut site = Site {
            input,
            pages,
            page_urls,
            order,
            standards,
            view,
            nav: Vec::new(),
            bodies,
            summaries: HashMap::new(),
            shared: None,
        };
        site.nav = views::nav(&site.views(), &site.order);
        let views = site.views();
        let summaries = site.order.par_iter().map(|document| (document.file, views.summary(document))).collect();
        site.summaries = summaries;
        site.shared =
            Some((tera::Value::from_serializable(&site.view), tera::Value::from_serializable(&site.nav_view())));
        site
    }

    pub fn views(&self) -> Views<'_> {
        Views {
            register: self.input.register,
            config: self.input.config,
            pages: &self.pages,
            today: self.input.today,
            standards: &self.standards,
        }
    }

    /// The context every template receives: `site`, `nav`, `page`.
    pub fn context(&self, url: &str, title: &str, kind: &str, doc_id: Option<&str>) -> tera::Context {
        let mut context = tera::Context::new();
        if let Some((site, nav)) = &self.shared {
            context.insert_value("site", site.clone());
            context.insert_value("nav", nav.clone());
        } else {
            context.insert("site", &self.view);
            context.insert("nav", &self.nav_view());
        }
        let group_url = match doc_id.and_then(|id| self.input.register.by_id(id)) {
            Some(document) => self.group_of(document).map(type_page),
            None => url.starts_with("types/").then(|| url.to_owned()),
        };
        context.insert("page", &PageView { title, kind, url, root: root_of(url), doc_id, group_url });
        context
    }

    /// The sidebar: its groups, with their documents when they are few enough.
    fn nav_view(&self) -> NavView<'_> {
        let inline = self.order.len() <= INLINE_SIDEBAR_LIMIT;
        let groups = self
            .nav
            .iter()
            .map(|group| NavGroupView {
                heading: &group.heading,
                url: type_page(group),
                count: group.documents.len(),
                documents: if inline { &group.documents } else { &[] },
            })
            .collect();
        NavView { inline, groups }
    }

    /// The sidebar group `document` is listed in.
    pub fn group_of(&self, document: &Document) -> Option<&NavGroup> {
        let group = views::nav_group_of(document);
        self.nav.iter().find(|g| g.doc_type == group)
    }

    /// The summary of `document`, as its page and the register show it.
    pub fn summary(&self, document: &Document) -> Cow<'_, DocSummary> {
        self.summaries.get(&document.file).map_or_else(|| Cow::Owned(self.views().summary(document)), Cow::Borrowed)
    }

    /// The Markdown body of `document`, with its digest.
    pub fn body(&self, document: &Document) -> Content<'a> {
        self.bodies.get(&document.file).copied().unwrap_or_else(|| Content::of(body_of(self.input, document)))
    }

    /// The body as sanitized HTML, an opening heading that repeats the title marked.
    pub fn render_body(&self, document: &Document, placement: &Placement) -> markdown::Body {
        let mut body = self.input.cache.body(self.body(document), &document.path, &self.page_urls, placement);
        if let Some(title) = &document.meta.title {
            body.mark_repeated_title(&title.value);
        }
        body
    }

    pub fn theme(&self) -> &Theme {
        self.input.theme
    }
}

/// The Markdown body of `document`.
fn body_of<'a>(input: &SiteInput<'a>, document: &Document) -> &'a str {
    let text = &input.files.get(document.file).text;
    text.get(document.front_matter.end..).unwrap_or_default()
}

/// The site title: `[site] title`, else the organization's name.
pub fn site_title(config: &Config) -> String {
    config
        .site_title
        .clone()
        .or_else(|| config.organization.as_ref().map(|o| format!("{o} — Management System")))
        .unwrap_or_else(|| "Management System".to_owned())
}
