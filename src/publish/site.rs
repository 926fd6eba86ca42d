//! The site folder as a whole: where it may be written, its lock, the files at its root
//! (`versions.json`, `manifest.json`, the marker), and what a rebuild would remove.
//!
//! Where the site is staged and how it is swapped in is [`super::staging`]'s job.

use super::reuse::Listed;
use crate::error::{Error, Result};
use crate::lockfile::{LockFile, Wait};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Marks a folder as a site `qms build` made, so it may replace it.
pub const MARKER: &str = ".qms-site";

/// Refuses an output folder that would swallow the sources, or a folder `qms build` did not make.
pub fn check_output(out: &Path, root: &Path, documents: &Path) -> Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let target = canonical(out);
    if canonical(root).starts_with(&target) || canonical(documents).starts_with(&target) {
        return Err(Error::OutputHoldsSources { out: out.to_path_buf() });
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else { return Ok(()) };
    let empty = meta.is_dir() && std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if !meta.is_dir() || !(empty || out.join(MARKER).is_file()) {
        return Err(Error::NotASite { out: out.to_path_buf() });
    }
    Ok(())
}

/// Refuses a `--cache` folder that the build would replace with the site (inside `--out`), or
/// that would hold it.
pub fn check_cache(cache: &Path, out: &Path, root: &Path) -> Result<()> {
    let canonical =
        |p: &Path| p.canonicalize().unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let (cache, out) = (canonical(cache), canonical(out));
    if cache.starts_with(&out) || out.starts_with(&cache) || canonical(root).starts_with(&cache) {
        return Err(Error::InvalidArgument {
            message: format!(
                "--cache {} overlaps the site {} or the QMS root; keep the cache in a folder of its own",
                cache.display(),
                out.display()
            ),
        });
    }
    Ok(())
}

/// Creates the folders `out` goes into (`--out public/manual/site`), as mdBook does.
pub fn create_parents(out: &Path) -> Result<()> {
    let parent = parent_of(out);
    std::fs::create_dir_all(&parent).map_err(|source| Error::WriteFile { path: parent, source })
}

/// The folder holding `out` (`.` for a bare name).
pub fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Files in the existing site at `out` that its `manifest.json` does not list: put there by
/// hand, they would be removed by the rebuild without a word.
pub fn files_not_built(out: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(out.join("manifest.json")) else { return Vec::new() };
    let Ok(manifest) = serde_json::from_str::<serde_json::Value>(&text) else { return Vec::new() };
    let listed: std::collections::BTreeSet<&str> =
        manifest["files"].as_array().into_iter().flatten().filter_map(|f| f["path"].as_str()).collect();
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| !(e.depth() == 1 && super::staging::is_staging_name(e.file_name()))) {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let path = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if path != "manifest.json" && !listed.contains(path.as_str()) {
            found.push(path);
        }
    }
    found
}

/// `<parent>/.<name>.<suffix>`: hidden, so the document loader never walks it.
pub fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::WriteFile { path: path.to_path_buf(), source })
}

pub fn remove_dir(dir: &Path) -> Result<()> {
    let failed = |source| Error::WriteFile { path: dir.to_path_buf(), source };
    match std::fs::symlink_metadata(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(failed(error)),
        Ok(meta) if !meta.is_dir() => return std::fs::remove_file(dir).map_err(failed),
        Ok(_) => {}
    }
    // A site is thousands of files: they are removed on every core, then the folders.
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).collect();
    entries.par_iter().filter(|e| !e.file_type().is_dir()).for_each(|e| {
        let _ = std::fs::remove_file(e.path());
    });
    match std::fs::remove_dir_all(dir) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(failed(source)),
        _ => Ok(()),
    }
}

/// One version as `versions.json` and `manifest.json` list it.
#[derive(Debug, Clone, Serialize)]
pub struct VersionEntry {
    pub label: String,
    /// The source commit (HEAD for the working tree; `null` before the first commit).
    pub commit: Option<String>,
    /// The release's commit date, or the date the working tree was built as of.
    pub date: String,
    pub released: bool,
    pub latest: bool,
    /// Its home page, relative to the site root.
    pub path: String,
    /// The working tree had uncommitted changes to documents (`current` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncommitted_changes: Option<bool>,
    /// A release's key (see [`super::key`]); in `manifest.json` only.
    #[serde(skip)]
    pub key: Option<String>,
}

/// `versions.json`: every version, newest first, and the one the site root opens.
pub fn versions_json(versions: &[VersionEntry], default: Option<&str>) -> String {
    let json = serde_json::json!({ "default": default, "versions": versions });
    pretty(&json)
}

/// Every file under `dir` (the staging site) with its SHA-256 and size, sorted by path. The
/// version folders' files are `known` (hashed as they were written, or when a reused folder was
/// verified, and exactly what each folder holds): those folders are not walked again, and only
/// the root's files are read.
pub fn site_files(dir: &Path, known: &BTreeMap<String, Listed>) -> Result<Vec<Listed>> {
    let folders: BTreeSet<&str> = known.keys().filter_map(|path| path.split_once('/').map(|(top, _)| top)).collect();
    let mut paths = Vec::new();
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_entry(|entry| {
        let version_folder = entry.depth() == 1
            && entry.file_type().is_dir()
            && entry.file_name().to_str().is_some_and(|name| folders.contains(name));
        !version_folder
    });
    for entry in walk {
        let entry = entry.map_err(|source| Error::Walk { path: dir.to_path_buf(), source })?;
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
    let mut files = paths
        .par_iter()
        .map(|file| {
            let relative = file.strip_prefix(dir).unwrap_or(file);
            let path = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            Listed::of_file(path, file).map_err(|source| Error::WriteFile { path: file.clone(), source })
        })
        .collect::<Result<Vec<_>>>()?;
    files.extend(known.values().cloned());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `manifest.json`: the source commit (and, for a release, the key) of each version and the
/// SHA-256 of every other file of the site (`files`, sorted by path).
pub fn manifest_json(files: &[Listed], versions: &[VersionEntry]) -> String {
    let sources: Vec<_> = versions
        .iter()
        .map(|v| {
            let mut source =
                serde_json::json!({ "label": v.label, "path": v.path, "commit": v.commit, "released": v.released });
            if let Some(key) = &v.key {
                source["key"] = serde_json::Value::from(key.as_str());
            }
            source
        })
        .collect();
    pretty(&serde_json::json!({ "algorithm": "sha256", "versions": sources, "files": files }))
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Held while a build writes `out`: an OS advisory lock ([`crate::lockfile`]) on
/// `.<out>.lock` beside it (inside it for a mount point). A second build into the same folder
/// waits for nothing and corrupts nothing: it stops with an error.
#[derive(Debug)]
pub struct BuildLock(#[allow(dead_code)] LockFile);

impl BuildLock {
    pub fn acquire(out: &Path, lock_dir: &Path) -> Result<BuildLock> {
        let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let path = lock_dir.join(format!(".{name}.lock"));
        match LockFile::acquire(&path, Wait::No)? {
            Some(lock) => Ok(BuildLock(lock)),
            None => Err(Error::BuildLocked { out: out.to_path_buf(), lock: path }),
        }
    }
}
