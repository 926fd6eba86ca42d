//! Where a build writes before its site is in place, and the swap that puts it there.
//!
//! Normally the site is staged in `.<out>.building` beside the output folder and renamed over
//! it, keeping the previous site until the new one is whole: a failed or interrupted build
//! leaves the previous site as it was. A mount point (a container volume, a tmpfs) cannot be
//! renamed and its parent may be another filesystem, so there the site is staged inside it, in
//! `.qms-building`, and swapped in entry by entry (each entry renamed at once; the previous
//! entries are moved aside first and put back if the swap fails).
//!
//! A folder of the previous site that the new one keeps as it is (a reused release) is moved
//! into the staging folder when everything else is rendered ([`Staging::take_over`]): renaming
//! a folder costs nothing, where linking its files one by one into the new site and then
//! deleting them from the old one costs two directory entries a file.
//!
//! A [`Staging`] that is dropped before [`Staging::swap`] puts back the folders it took over and
//! removes what it wrote; while it is alive, a signal makes every write fail instead of killing
//! the process (see [`crate::interrupt`]). Only a build killed outright between taking over and
//! swapping leaves the previous site without those folders, and the next build renders them.

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
    /// Folders of the previous site moved into the staging folder: where each came from, and
    /// its name in the staging folder.
    taken: Vec<(PathBuf, String)>,
    _cleanup: Cleanup,
}

impl Staging {
    /// An empty staging folder for `out` (any leftover of an earlier build is removed).
    pub fn begin(out: &Path, inside: bool) -> Result<Staging> {
        let cleanup = Cleanup::begin()?;
        let dir = if inside { out.join(INSIDE_BUILDING) } else { sibling(out, "building") };
        let staging =
            Staging { dir, out: out.to_path_buf(), inside, swapped: false, taken: Vec::new(), _cleanup: cleanup };
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

    /// Moves the folder `from` (of the previous site) into the staging folder as `name`; it is
    /// put back if the build fails before the swap. Fails, moving nothing, when the folder
    /// cannot be renamed there.
    pub fn take_over(&mut self, from: &Path, name: &str) -> std::io::Result<()> {
        std::fs::rename(from, self.dir.join(name))?;
        self.taken.push((from.to_path_buf(), name.to_owned()));
        Ok(())
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
            for (from, name) in self.taken.iter().rev() {
                let _ = std::fs::rename(self.dir.join(name), from);
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn files_of(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|entry| entry.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        files
    }

    fn previous_site(root: &Path) -> PathBuf {
        let out = root.join("site");
        std::fs::create_dir_all(out.join("v1.0/documents")).unwrap();
        std::fs::write(out.join("v1.0/documents/A-1.html"), "kept").unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        out
    }

    #[test]
    fn a_folder_taken_over_goes_back_when_the_build_stops_before_the_swap() {
        let root = tempfile::tempdir().unwrap();
        let out = previous_site(root.path());
        let before = files_of(&out);
        let mut staging = Staging::begin(&out, false).unwrap();
        staging.take_over(&out.join("v1.0"), "v1.0").unwrap();
        assert!(!out.join("v1.0").exists() && staging.dir().join("v1.0/documents/A-1.html").is_file());
        let dir = staging.dir().to_path_buf();
        drop(staging);
        assert_eq!(files_of(&out), before, "the previous site is whole again");
        assert!(!dir.exists());
    }

    #[test]
    fn a_folder_taken_over_is_part_of_the_new_site_after_the_swap() {
        let root = tempfile::tempdir().unwrap();
        let out = previous_site(root.path());
        let mut staging = Staging::begin(&out, false).unwrap();
        std::fs::write(staging.dir().join("index.html"), "new").unwrap();
        staging.take_over(&out.join("v1.0"), "v1.0").unwrap();
        staging.swap().unwrap();
        assert_eq!(files_of(&out), ["", "index.html", "v1.0", "v1.0/documents", "v1.0/documents/A-1.html"]);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(out.join("v1.0/documents/A-1.html")).unwrap(), "kept");
    }
}
