//! The working tree on disk: walkdir over the documents folder, symlinks reported and never
//! followed, nothing read outside the QMS root.

use super::{Entry, Source};
use crate::error::{Error, Result};
use std::io;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// The files of a QMS root on disk.
#[derive(Debug)]
pub struct Worktree {
    root: PathBuf,
    documents_dir: String,
}

impl Worktree {
    /// `root` is the folder holding `qms.toml`; `documents_dir` is relative to it.
    pub fn new(root: PathBuf, documents_dir: &str) -> Self {
        let documents_dir = documents_dir.trim_matches('/').to_owned();
        Self { root, documents_dir }
    }

    /// `path` (relative, `/`-separated) on disk, or `None` if it would leave the root.
    fn resolve(&self, path: &str) -> Option<PathBuf> {
        let relative = Path::new(path);
        relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
            .then(|| self.root.join(relative))
    }

    fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    /// Whether a symlink at `path` resolves to somewhere inside the root.
    fn resolves_inside(&self, path: &Path) -> bool {
        let (Ok(target), Ok(root)) = (path.canonicalize(), self.root.canonicalize()) else {
            return false;
        };
        target.starts_with(root)
    }
}

impl Source for Worktree {
    fn entries(&self) -> Result<Vec<Entry>> {
        let dir = self
            .resolve(&self.documents_dir)
            .ok_or_else(|| Error::DocumentsDirOutsideRoot { configured: self.documents_dir.clone() })?;
        if !dir.is_dir() {
            return Err(Error::DocumentsDirMissing { path: dir, configured: self.documents_dir.clone() });
        }
        let mut entries = Vec::new();
        let walker = WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter().filter_entry(|entry| {
            // Hidden files, and nested repositories (git submodules): their files are not
            // part of this controlled set, as a build from git objects never sees them.
            entry.depth() == 0
                || !(entry.file_name().to_string_lossy().starts_with('.')
                    || entry.file_type().is_dir() && entry.path().join(".git").exists())
        });
        for entry in walker {
            let entry = entry.map_err(|source| Error::Walk { path: dir.clone(), source })?;
            let path = self.relative(entry.path());
            if entry.path_is_symlink() {
                let outside = !self.resolves_inside(entry.path());
                entries.push(Entry::Symlink { path, outside });
            } else if entry.file_type().is_file()
                && Path::new(&path).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                let size = entry.metadata().map_or(0, |m| m.len());
                entries.push(Entry::Markdown { path, size });
            }
        }
        entries.sort_by(|a, b| a.path().cmp(b.path()));
        Ok(entries)
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let full = self
            .resolve(path)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path leaves the QMS root"))?;
        if full.symlink_metadata()?.file_type().is_symlink() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "symbolic links are not followed"));
        }
        std::fs::read(full)
    }

    fn exists(&self, path: &str) -> bool {
        let Some(full) = self.resolve(path) else { return false };
        // Every component must be a real file or folder: a symlinked folder on the way counts
        // as missing, as it would in the published site.
        let mut current = self.root.clone();
        for component in Path::new(path).components() {
            current.push(component);
            match current.symlink_metadata() {
                Ok(meta) if !meta.file_type().is_symlink() => {}
                _ => return false,
            }
        }
        full.exists()
    }
}
