//! The pages of the site root, written once per site: `index.html` opening the default
//! version, and the list of every version that pages of all versions share (`versions.js` for
//! the switcher, `versions.html` without script), so the site grows linearly with releases.

use super::input::VersionView;
use super::search;
use super::site::{short_commit, site_title};
use super::templates::Theme;
use crate::config::Config;
use crate::error::Result;

/// The site root's `versions.js`: `window.QMS_VERSIONS`, every version's folder, date and
/// documents (id → document version), for the switcher, the banner of a release that is not the
/// latest and the lists of other versions on a release's pages (which carry no list of their
/// own, so that a new release leaves them as they are). Pages say which version they belong to
/// (`data-version`).
pub fn versions_js(versions: &[VersionView]) -> String {
    let versions: Vec<serde_json::Value> = versions
        .iter()
        .map(|v| {
            serde_json::json!({
                "label": v.label, "dir": v.dir(), "latest": v.is_latest, "released": v.released,
                "date": v.date.map(|d| d.to_string()), "docs": v.documents,
            })
        })
        .collect();
    let data = serde_json::json!({ "versions": versions });
    format!("window.QMS_VERSIONS = {};\n", search::script_safe(&data.to_string()))
}

/// The site root's `versions.html`: every version (newest first), for readers without script.
pub fn versions_page(theme: &Theme, config: &Config, versions: &[VersionView]) -> Result<String> {
    let items: Vec<serde_json::Value> = versions
        .iter()
        .map(|v| {
            serde_json::json!({
                "label": v.label, "url": format!("{}/index.html", v.dir()), "latest": v.is_latest,
                "released": v.released, "date": v.date.map(|d| d.to_string()),
                "commit": v.commit.as_deref().map(short_commit), "documents": v.documents.len(),
            })
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("title", &site_title(config));
    context.insert("versions", &items);
    theme.render("versions.html", &context)
}

/// The root `index.html` that opens `version`.
pub fn root_index(theme: &Theme, config: &Config, version: &VersionView) -> Result<String> {
    let mut context = tera::Context::new();
    context.insert("title", &site_title(config));
    context.insert("label", &version.label);
    context.insert("target", &format!("{}/index.html", version.dir()));
    theme.render("root.html", &context)
}
