//! Where a build writes before its site is in place, and the swap that puts it there.
//!
//! Normally the site is staged in `.<out>.building` beside the output folder and renamed over
//! it, keeping the previous site until the new one is whole: a failed or interrupted build
//! leaves the previous site as it was. A mount point (a container volume, a tmpfs) cannot be
//! renamed and its parent may be another filesystem, so there the site is staged inside it, in
//! `.qms-building`, and swapped in entry by entry (each entry renamed at once; the previous
//! entries are moved aside first and put back if the swap fails).
//!
//! A [`Staging`] that is dropped before [`Staging::swap`] removes what it wrote; while it is
//! alive, a signal makes every write fail instead of killing the process (see
//! [`crate::interrupt`]).

use super::site::{remove_dir, sibling};
use crate::error::{Error, Result};
use crate::interrupt::Cleanup;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The staging folder inside a mount point, and the previous site's entries during the swap.
const INSIDE_BUILDING: &str = ".qms-building";
const INSIDE_PREVIOUS: &str = ".qms-previous";

/// Whether `name`, at the top of the output folder, is a build's own working entry.
pub fn is_staging_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name == INSIDE_BUILDING || name == INSIDE_PREVIOUS || name.starts_with('.') && name.ends_with(".lock")
}

/// Whether `out` is a folder that must be staged inside (it cannot be renamed).
pub fn stage_inside(out: &Path) -> bool {
    is_mount_point(out)
}

#[cfg(unix)]
fn is_mount_point(out: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::symlink_metadata(out) else { return false };
    let parent = super::site::parent_of(out);
    meta.is_dir() && std::fs::metadata(parent.join(".")).is_ok_and(|p| p.dev() != meta.dev())
}

#[cfg(not(unix))]
fn is_mount_point(_out: &Path) -> bool {
    false
}

/// A build's staging folder.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    inside: bool,
    swapped: bool,
    _cleanup: Cleanup,
}

impl Staging {
    /// An empty staging folder for `out` (any leftover of an earlier build is removed).
    pub fn begin(out: &Path, inside: bool) -> Result<Staging> {
        let cleanup = Cleanup::begin()?;
        let dir = if inside { out.join(INSIDE_BUILDING) } else { sibling(out, "building") };
        let staging = Staging { dir, out: out.to_path_buf(), inside, swapped: false, _cleanup: cleanup };
        remove_dir(&staging.dir)?;
        if inside {
            remove_dir(&out.join(INSIDE_PREVIOUS))?;
        }
        std::fs::create_dir_all(&staging.dir)
            .map_err(|source| Error::WriteFile { path: staging.dir.clone(), source })?;
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the finished site in place of the previous one.
    pub fn swap(mut self) -> Result<()> {
        if self.inside { self.swap_entries() } else { self.swap_folder() }?;
        self.swapped = true;
        Ok(())
    }

    fn swap_folder(&self) -> Result<()> {
        let out = &self.out;
        let previous = sibling(out, "previous");
        remove_dir(&previous)?;
        let had_site = out.exists();
        if had_site {
            std::fs::rename(out, &previous).map_err(|source| Error::WriteFile { path: out.clone(), source })?;
        }
        if let Err(source) = std::fs::rename(&self.dir, out) {
            if had_site {
                let _ = std::fs::rename(&previous, out);
            }
            return Err(Error::WriteFile { path: out.clone(), source });
        }
        remove_dir(&previous)
    }

    fn swap_entries(&self) -> Result<()> {
        let previous = self.out.join(INSIDE_PREVIOUS);
        let failed = |path: &Path, source| Error::WriteFile { path: path.to_path_buf(), source };
        std::fs::create_dir_all(&previous).map_err(|source| failed(&previous, source))?;
        let old = entries(&self.out)?;
        for name in old.iter().filter(|name| !is_staging_name(name)) {
            let from = self.out.join(name);
            std::fs::rename(&from, previous.join(name)).map_err(|source| failed(&from, source))?;
        }
        for name in entries(&self.dir)? {
            if let Err(source) = std::fs::rename(self.dir.join(&name), self.out.join(&name)) {
                // Put the previous site back as it was.
                for name in entries(&self.out)?.iter().filter(|name| !is_staging_name(name)) {
                    let _ = std::fs::rename(self.out.join(name), self.dir.join(name));
                }
                for name in entries(&previous)? {
                    let _ = std::fs::rename(previous.join(&name), self.out.join(&name));
                }
                return Err(failed(&self.out.join(&name), source));
            }
        }
        remove_dir(&previous)?;
        remove_dir(&self.dir)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = remove_dir(&self.dir);
        }
    }
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Result<Vec<std::ffi::OsString>> {
    let read = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    let mut names: Vec<_> = read.filter_map(|entry| entry.ok().map(|e| e.file_name())).collect();
    names.sort();
    Ok(names)
}
