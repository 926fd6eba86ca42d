//! The site folder as a whole: where it may be written, the staging folder beside it, the files
//! at its root (`versions.json`, `manifest.json`, the marker), and the swap into place.
//!
//! Everything is written into `.<out>.building` next to the output folder; only a complete site
//! is renamed into place, and the previous one is kept until then, so a failed build leaves the
//! previous site as it was.

use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Marks a folder as a site `qms build` made, so it may replace it.
pub const MARKER: &str = ".qms-site";

/// Refuses an output folder that would swallow the sources, or a folder `qms build` did not make.
pub fn check_output(out: &Path, root: &Path, documents: &Path) -> Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let target = canonical(out);
    if canonical(root).starts_with(&target) || canonical(documents).starts_with(&target) {
        return Err(Error::InvalidArgument {
            message: format!(
                "--out {} holds the QMS sources; choose a folder of its own, such as site/",
                out.display()
            ),
        });
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else { return Ok(()) };
    let empty = meta.is_dir() && std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if !meta.is_dir() || !(empty || out.join(MARKER).is_file()) {
        return Err(Error::InvalidArgument {
            message: format!(
                "refusing to replace {}: it is not a site built by `qms build` (no {MARKER} file); choose a new or empty folder",
                out.display()
            ),
        });
    }
    Ok(())
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

/// Moves the finished `staging` folder to `out`, keeping the previous site until the new one
/// is in place.
pub fn swap_into_place(staging: &Path, out: &Path) -> Result<()> {
    let previous = sibling(out, "previous");
    remove_dir(&previous)?;
    let had_site = out.exists();
    if had_site {
        std::fs::rename(out, &previous).map_err(|source| Error::WriteFile { path: out.to_path_buf(), source })?;
    }
    if let Err(source) = std::fs::rename(staging, out) {
        if had_site {
            let _ = std::fs::rename(&previous, out);
        }
        return Err(Error::WriteFile { path: out.to_path_buf(), source });
    }
    remove_dir(&previous)
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
}

/// `versions.json`: every version, newest first, and the one the site root opens.
pub fn versions_json(versions: &[VersionEntry], default: Option<&str>) -> String {
    let json = serde_json::json!({ "default": default, "versions": versions });
    pretty(&json)
}

/// `manifest.json`: the source commit of each version and the SHA-256 of every other file of
/// the site, sorted by path.
pub fn manifest_json(dir: &Path, versions: &[VersionEntry]) -> Result<String> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
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
            let bytes = std::fs::read(file).map_err(|source| Error::WriteFile { path: file.clone(), source })?;
            Ok(serde_json::json!({ "path": path, "sha256": hex(&Sha256::digest(&bytes)), "bytes": bytes.len() }))
        })
        .collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    let sources: Vec<_> = versions
        .iter()
        .map(|v| serde_json::json!({ "label": v.label, "path": v.path, "commit": v.commit, "released": v.released }))
        .collect();
    Ok(pretty(&serde_json::json!({ "algorithm": "sha256", "versions": sources, "files": files })))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Held while a build writes beside `out`: a second build into the same folder waits for
/// nothing and corrupts nothing, it stops with an error. A lock left by a killed build (its
/// process gone) is taken over.
#[derive(Debug)]
pub struct BuildLock {
    path: PathBuf,
}

impl BuildLock {
    pub fn acquire(out: &Path) -> Result<BuildLock> {
        let path = sibling(out, "lock");
        for _ in 0..2 {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let _ = std::io::Write::write_all(&mut file, std::process::id().to_string().as_bytes());
                    return Ok(BuildLock { path });
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if !is_stale(holder.trim()) {
                        return Err(Error::InvalidArgument {
                            message: format!(
                                "another qms build (process {}) is writing {}; wait for it to finish, or delete {} if none is running",
                                holder.trim(),
                                out.display(),
                                path.display()
                            ),
                        });
                    }
                    remove_file(&path)?;
                }
                Err(source) => return Err(Error::WriteFile { path, source }),
            }
        }
        Err(Error::InvalidArgument { message: format!("cannot take the build lock {}", path.display()) })
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn remove_file(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::WriteFile { path: path.to_path_buf(), source })
        }
        _ => Ok(()),
    }
}

/// A lock whose process is gone (known where `/proc` lists processes).
fn is_stale(pid: &str) -> bool {
    let proc_fs = Path::new("/proc/self").exists();
    proc_fs && pid.parse::<u32>().is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists())
}
