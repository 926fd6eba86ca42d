//! Release folders built before, found again: in the previous site (the output folder this
//! build replaces, through its `manifest.json`) or in the `--cache` folder. A folder is reused
//! only when its key is the one this build computes for the release and every file its list
//! names is a regular file (no symbolic link is followed, the folders on the way included)
//! with the SHA-256 and size listed; anything else is rendered again. A damaged cache or site
//! costs a render, never a wrong page or a failed build.
//!
//! A reused folder of the previous site that holds exactly its listed files is moved into the
//! staging folder once every version has rendered (and moved back if the build then fails, see
//! [`super::staging`]); any other is hard-linked into it file by file (copied when linking
//! fails, as across filesystems). Nothing is ever written into a file that could be such a link.

use crate::error::{Error, Result};
pub use crate::render::Listed;
use crate::render::{VersionView, version_dir};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The file of every version folder describing it: what `versions.js` needs of a reused
/// release without loading it.
pub const VERSION_FILE: &str = "version.json";

/// A cache entry's list of files (in `DIR/<version folder>/`, the files under `files/`).
pub const CACHE_LIST: &str = "cache.json";
pub const CACHE_FILES: &str = "files";

/// A version folder on disk that a manifest or cache list describes.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub label: String,
    pub key: String,
    /// The folder holding the files.
    pub dir: PathBuf,
    pub files: Vec<Listed>,
    /// Found in the `--cache` folder (else in the previous site).
    pub cached: bool,
}

/// What `version.json` says of a version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct VersionData {
    pub label: String,
    pub commit: Option<String>,
    pub date: Option<String>,
    pub released: bool,
    /// How many documents the version has.
    pub documents: usize,
    /// Id → document version, of the documents with an id.
    pub docs: BTreeMap<String, String>,
    /// What loading and rendering it warned about, said again when it is reused.
    pub warnings: Warnings,
}

/// The warnings of one version: loading it, rendering it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Warnings {
    pub load: Vec<String>,
    pub render: Vec<String>,
}

impl VersionData {
    pub fn of(view: &VersionView, documents: usize, warnings: Warnings) -> VersionData {
        VersionData {
            label: view.label.clone(),
            commit: view.commit.clone(),
            date: view.date.map(|d| d.to_string()),
            released: view.released,
            documents,
            docs: view.documents.clone(),
            warnings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A candidate whose files were all found as listed.
#[derive(Debug)]
pub struct Verified {
    pub candidate: Candidate,
    pub data: VersionData,
    /// The folder holds its listed files and their folders, nothing else.
    exact: bool,
}

impl Verified {
    /// Whether the folder can be moved into the new site as it is: it is the previous site's
    /// (the cache keeps its entries) and holds nothing a build from scratch would not write.
    pub fn movable(&self) -> bool {
        self.exact && !self.candidate.cached
    }
}

/// The release folders of the previous site at `out`, by label.
pub fn in_site(out: &Path) -> Vec<Candidate> {
    #[derive(Deserialize)]
    struct Manifest {
        versions: Vec<ManifestVersion>,
        files: Vec<ManifestFile>,
    }
    #[derive(Deserialize)]
    struct ManifestVersion {
        label: String,
        path: String,
        key: Option<String>,
    }
    #[derive(Deserialize)]
    struct ManifestFile {
        path: String,
        sha256: String,
        bytes: u64,
    }
    let Ok(meta) = std::fs::symlink_metadata(out.join("manifest.json")) else { return Vec::new() };
    if !meta.is_file() {
        return Vec::new();
    }
    let Ok(text) = std::fs::read_to_string(out.join("manifest.json")) else { return Vec::new() };
    let Ok(manifest) = serde_json::from_str::<Manifest>(&text) else { return Vec::new() };
    let mut candidates = Vec::new();
    for version in manifest.versions {
        let (Some(key), dir) = (version.key, version_dir(&version.label)) else { continue };
        if version.path != format!("{dir}/index.html") {
            continue;
        }
        let prefix = format!("{dir}/");
        let files = manifest
            .files
            .iter()
            .filter_map(|f| {
                let path = f.path.strip_prefix(&prefix)?.to_owned();
                Some(Listed { path, sha256: f.sha256.clone(), bytes: f.bytes })
            })
            .collect();
        candidates.push(Candidate { label: version.label, key, dir: out.join(&dir), files, cached: false });
    }
    candidates
}

/// The cache entry of `label` in the cache folder `cache`, if it has one.
pub fn in_cache(cache: &Path, label: &str) -> Option<Candidate> {
    #[derive(Deserialize)]
    struct List {
        label: String,
        key: String,
        files: Vec<Listed>,
    }
    let entry = cache.join(version_dir(label));
    let list = entry.join(CACHE_LIST);
    if !is_real_dir(cache) || !is_real_dir(&entry) || !std::fs::symlink_metadata(&list).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let text = std::fs::read_to_string(&list).ok()?;
    let list: List = serde_json::from_str(&text).ok()?;
    (list.label == label).then(|| Candidate {
        label: list.label,
        key: list.key,
        dir: entry.join(CACHE_FILES),
        files: list.files,
        cached: true,
    })
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Whether every file of `candidate` is a regular file reached through real folders, with the
/// listed size and SHA-256 (hashed on every core); and what its `version.json` says.
pub fn verify(candidate: Candidate) -> Option<Verified> {
    if !is_real_dir(&candidate.dir) {
        return None;
    }
    // The regular files under the folder, found without following any symbolic link, and
    // whether anything else is there.
    let (mut found, mut folders, mut other) = (BTreeSet::new(), BTreeSet::new(), false);
    for entry in walkdir::WalkDir::new(&candidate.dir).min_depth(1) {
        let entry = entry.ok()?;
        let relative = entry.path().strip_prefix(&candidate.dir).ok()?;
        let path: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let kind = entry.file_type();
        if kind.is_file() {
            found.insert(path.join("/"));
        } else if kind.is_dir() {
            folders.insert(path.join("/"));
        } else {
            other = true;
        }
    }
    let listed: BTreeSet<&str> = candidate.files.iter().map(|f| f.path.as_str()).collect();
    if listed.len() != candidate.files.len() || !listed.iter().all(|path| found.contains(*path)) {
        return None;
    }
    // The folders the listed files need: `a/b/c.html` needs `a` and `a/b`.
    let needed: BTreeSet<&str> =
        listed.iter().flat_map(|path| path.match_indices('/').filter_map(|(at, _)| path.get(..at))).collect();
    let exact = !other && found.len() == listed.len() && folders.iter().map(String::as_str).eq(needed.iter().copied());
    if !listed.contains(VERSION_FILE) || !listed.contains("index.html") {
        return None;
    }
    let intact = candidate.files.par_iter().all(|file| {
        Listed::of_file(String::new(), &candidate.dir.join(&file.path))
            .is_ok_and(|found| (found.bytes, found.sha256.as_str()) == (file.bytes, file.sha256.as_str()))
    });
    if !intact {
        return None;
    }
    let text = std::fs::read_to_string(candidate.dir.join(VERSION_FILE)).ok()?;
    let data: VersionData = serde_json::from_str(&text).ok()?;
    (data.label == candidate.label && data.released).then_some(Verified { candidate, data, exact })
}

/// Puts the files of `verified` into `target` (a new folder of the staging site): hard links
/// where the filesystem allows, copies otherwise. Fails when a file changed meanwhile.
pub fn place(verified: &Verified, target: &Path) -> Result<()> {
    let folders: BTreeSet<PathBuf> =
        verified.candidate.files.iter().filter_map(|f| target.join(&f.path).parent().map(Path::to_path_buf)).collect();
    for folder in folders {
        std::fs::create_dir_all(&folder).map_err(|source| Error::WriteFile { path: folder.clone(), source })?;
    }
    verified.candidate.files.par_iter().try_for_each(|file| {
        crate::interrupt::check()?;
        let (from, to) = (verified.candidate.dir.join(&file.path), target.join(&file.path));
        if std::fs::hard_link(&from, &to).is_err() {
            let regular = std::fs::symlink_metadata(&from).is_ok_and(|m| m.is_file());
            if !regular {
                return Err(changed(&from));
            }
            std::fs::copy(&from, &to).map_err(|source| Error::WriteFile { path: to.clone(), source })?;
        }
        // A hard link to a symbolic link is a symbolic link: the file must still be what was hashed.
        match std::fs::symlink_metadata(&to) {
            Ok(meta) if meta.is_file() && meta.len() == file.bytes => Ok(()),
            _ => Err(changed(&from)),
        }
    })
}

fn changed(path: &Path) -> Error {
    Error::WriteFile {
        path: path.to_path_buf(),
        source: std::io::Error::other("the file changed while the site was built from it; build again"),
    }
}
