//! The `--cache DIR` folder: after a build, each release's folder of the new site is stored in
//! `DIR/<version folder>/` (its files under `files/`, hard-linked to the site's when the
//! filesystem allows, and `cache.json` listing their SHA-256 with the release's key), so that
//! a later build that no longer has the site (a fresh CI checkout) can reuse them.
//!
//! Each entry is written beside its place and renamed into it: a build that stops halfway
//! leaves the previous entry or the new one, never a mixture. Storing is best effort: what
//! fails is a warning (the site is in place already), and the next build renders what it lacks.

use super::reuse::{CACHE_FILES, CACHE_LIST, Listed};
use super::site::remove_dir;
use crate::render::version_dir;
use std::path::Path;

/// One release of the new site to store: its label, key, and files (relative to its folder).
pub struct Entry {
    pub label: String,
    pub key: String,
    pub files: Vec<Listed>,
    /// Reused from the cache itself: already there, as verified.
    pub from_cache: bool,
}

/// Stores each of `entries` (folders of the site at `site`) in `cache`; returns the warnings.
pub fn store(cache: &Path, site: &Path, entries: &[Entry]) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Err(error) = std::fs::create_dir_all(cache) {
        return vec![format!("the cache {} cannot be created: {error}; nothing was stored in it", cache.display())];
    }
    for entry in entries {
        if entry.from_cache {
            continue;
        }
        if let Err(error) = store_one(cache, site, entry) {
            warnings.push(format!("release {} was not stored in the cache {}: {error}", entry.label, cache.display()));
        }
    }
    warnings
}

fn store_one(cache: &Path, site: &Path, entry: &Entry) -> std::io::Result<()> {
    let dir = version_dir(&entry.label);
    let place = cache.join(&dir);
    let fresh = cache.join(format!(".{dir}.new-{}", std::process::id()));
    let old = cache.join(format!(".{dir}.old-{}", std::process::id()));
    let io = |e: crate::Error| std::io::Error::other(e.to_string());
    remove_dir(&fresh).map_err(io)?;
    let result = (|| {
        let files = fresh.join(CACHE_FILES);
        for file in &entry.files {
            crate::interrupt::check().map_err(io)?;
            let (from, to) = (site.join(&dir).join(&file.path), files.join(&file.path));
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to)?;
            }
        }
        let list = serde_json::json!({ "label": entry.label, "key": entry.key, "files": entry.files });
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        std::fs::write(fresh.join(CACHE_LIST), text)?;
        // Whatever is at the entry's place (an older entry, or anything else) goes aside first.
        let had = std::fs::symlink_metadata(&place).is_ok();
        if had {
            remove_dir(&old).map_err(io)?;
            std::fs::rename(&place, &old)?;
        }
        std::fs::rename(&fresh, &place)?;
        if had {
            remove_dir(&old).map_err(io)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = remove_dir(&fresh);
    }
    result
}
