//! The `--cache DIR` folder: after a build, each release's folder of the new site is stored in
//! `DIR/<version folder>/` (its files under `files/`, hard-linked to the site's when the
//! filesystem allows, and `cache.json` listing their SHA-256 with the release's key), so that
//! a later build that no longer has the site (a fresh CI checkout) can reuse them.
//!
//! Each entry is written beside its place and renamed into it: a build that stops halfway
//! leaves the previous entry or the new one, never a mixture. Storing is best effort: what
//! fails is a warning (the site is in place already), and the next build renders what it lacks.
//!
//! A build holds the cache's lock from the moment it looks for entries until it has stored its
//! own, so two builds sharing a cache never read an entry the other is replacing: the second
//! one builds without the cache and says so. After storing, the entries of releases whose tag
//! is gone, and what a stopped build left half-written, are removed; nothing else in the
//! folder is touched.

use super::reuse::{CACHE_FILES, CACHE_LIST, Listed};
use super::site::remove_dir;
use crate::lockfile::{LockFile, Wait};
use crate::render::version_dir;
use std::collections::BTreeSet;
use std::path::Path;

/// The lock file in the cache folder.
const LOCK: &str = ".qms-cache.lock";

/// The cache, held by this build.
pub struct Held(#[allow(dead_code)] LockFile);

/// Takes the lock of `cache` (creating the folder): `Err` is the warning when it cannot be
/// used, because another build holds it or it cannot be created.
pub fn hold(cache: &Path) -> Result<Held, String> {
    let unusable = |why: String| format!("the cache {} {why}; this build neither reads nor stores it", cache.display());
    std::fs::create_dir_all(cache).map_err(|error| unusable(format!("cannot be created: {error}")))?;
    match LockFile::acquire(&cache.join(LOCK), Wait::No) {
        Ok(Some(lock)) => Ok(Held(lock)),
        Ok(None) => Err(unusable("is in use by another build".to_owned())),
        Err(error) => Err(unusable(format!("cannot be locked: {error}"))),
    }
}

/// One release of the new site to store: its label, key, and files (relative to its folder).
pub struct Entry {
    pub label: String,
    pub key: String,
    pub files: Vec<Listed>,
    /// Reused from the cache itself: already there, as verified.
    pub from_cache: bool,
}

/// Stores each of `entries` (folders of the site at `site`) in `cache`, which this build holds,
/// then, when the release tags are known, removes the entries of releases not in `releases`
/// (labels); returns the warnings.
pub fn store(
    _held: &Held,
    cache: &Path,
    site: &Path,
    entries: &[Entry],
    releases: Option<&BTreeSet<String>>,
) -> Vec<String> {
    let mut warnings = Vec::new();
    for entry in entries {
        if entry.from_cache {
            continue;
        }
        if let Err(error) = store_one(cache, site, entry) {
            warnings.push(format!("release {} was not stored in the cache {}: {error}", entry.label, cache.display()));
        }
    }
    let Some(releases) = releases else { return warnings };
    let kept: BTreeSet<String> = releases.iter().map(|label| version_dir(label)).collect();
    for name in stale(cache, &kept) {
        if let Err(error) = remove_dir(&cache.join(&name)) {
            warnings.push(format!("{} could not be removed from the cache: {error}", cache.join(&name).display()));
        }
    }
    warnings
}

/// The folders of `cache` to remove: entries (folders holding a `cache.json`) whose name is not
/// in `kept`, and what a stopped build left beside an entry (`.NAME.new-PID`, `.NAME.old-PID`).
fn stale(cache: &Path, kept: &BTreeSet<String>) -> Vec<String> {
    let Ok(read) = std::fs::read_dir(cache) else { return Vec::new() };
    let mut names: Vec<String> = read
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let path = entry.path();
            if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                return None;
            }
            let leftover = name.starts_with('.') && (name.contains(".new-") || name.contains(".old-"));
            let entry = !name.starts_with('.') && path.join(CACHE_LIST).is_file();
            ((leftover || entry) && !kept.contains(&name)).then_some(name)
        })
        .collect();
    names.sort();
    names
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
