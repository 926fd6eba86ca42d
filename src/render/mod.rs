//! Rendering one version of the controlled set into a folder of static HTML pages.
//!
//! [`render_version`] takes one snapshot (the register, the matrix, the review schedule, and
//! whatever the publisher knows about other versions and history) and writes every page of that
//! version into one folder, with relative links only so the site works from `file://`. It is
//! called once per version; building several versions, the site root and the swap into place
//! belong to the caller.
//!
//! Inside, with no module cycle (a unit test reads the `use` lines and holds it so):
//!
//! ```text
//! input, placement, paths, templates, output        leaves: what a render is made from
//! markdown → sanitize (→ depth), text                the body path: parse with the checker's
//!                                                     anchors, rewrite, sanitize; the sanitizer
//!                                                     owns every safety rule; the body as text
//! cache, search, redline                              over the body path
//! views → site                                        the shared context every page receives
//! document, home, register, matrix, reviews, print,   one module per page, each using only the
//! certification, files                                site context, the views and the body path
//! pages                                               the orchestrator: writes every page
//! root                                                the site root's pages, once per site
//! ```
//!
//! `safety` is an independent check of rendered bodies (no element, attribute or URL that could
//! run code or leave the site), kept for the tests and fuzz targets, not part of rendering.
//! Output is byte-identical for the same input: everything is sorted, and no clock is read.

mod cache;
mod certification;
mod chart;
mod cycle_attention;
mod cycle_views;
mod document;
mod files;
mod home;
mod input;
mod markdown;
mod matrix;
mod objective_views;
mod output;
mod pages;
mod paths;
mod placement;
mod print;
mod redline;
mod register;
mod reviews;
mod root;
mod safety;
mod sanitize;
mod search;
mod site;
mod templates;
mod text;
mod views;

pub use cache::{BodyDigests, RenderCache, body_digest};
pub use input::{
    ChangedDocument, ChangesView, Rendered, RevisedDocument, RevisionRow, SiteInput, VersionView, version_dir,
};
pub use output::{Listed, hex};
/// Not API: the independent safety check, for the tests and fuzz targets.
#[doc(hidden)]
pub use safety::unsafe_parts;
pub use templates::{TEMPLATE_NAMES, Theme};

use crate::config::Config;
use std::collections::BTreeMap;
use std::path::Path;

/// Writes every page of one version into `out` (created if needed; meant to be empty).
pub fn render_version(input: &SiteInput, out: &Path) -> crate::Result<Rendered> {
    let output = output::Output::new(out)?;
    let mut warnings = Vec::new();
    let site = site::Site::new(input);
    pages::write_all(&site, &output, &mut warnings)?;
    Ok(Rendered { files: output.into_files(), warnings })
}

/// The body `markdown` of the document at `path` as its page shows it, were it the only
/// document (links to other documents are dropped); with `print`, as the print view shows it.
/// For previews, and for holding the sanitizing to [`unsafe_parts`] in tests and fuzzing.
pub fn body_html(markdown: &str, path: &str, print: bool) -> String {
    let stems = print.then(|| std::sync::Arc::new(BTreeMap::from([(path.to_owned(), "DOC-1".to_owned())])));
    let placement = placement::Placement { root: if print { String::new() } else { "../".to_owned() }, print: stems };
    markdown::render(markdown, path, &std::sync::Arc::default(), &placement).html
}

/// Writes the root `index.html` of a site that opens `version` (a page with a link and an
/// immediate refresh, so it works without JavaScript and from `file://`), and the list of all
/// `versions` (newest first) the pages of every version share: `versions.html`, `versions.js`.
pub fn write_root_index(
    theme: &Theme,
    config: &Config,
    versions: &[VersionView],
    version: &VersionView,
    out: &Path,
) -> crate::Result<()> {
    let output = output::Output::new(out)?;
    let html = root::root_index(theme, config, version)?;
    output.write("index.html", html.as_bytes())?;
    output.write("versions.html", root::versions_page(theme, config, versions)?.as_bytes())?;
    output.write("versions.js", root::versions_js(versions).as_bytes())
}

#[cfg(test)]
mod tests;
