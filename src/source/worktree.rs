//! The working tree on disk: walkdir over the documents folder, symlinks reported and never
//! followed, nothing read outside the QMS root.

use super::confined::{self, Refused};
use super::{Entry, Source};
use crate::error::{Error, Result};
use std::io;
use std::path::{Path, PathBuf};
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
        let configured = || self.documents_dir.clone();
        let dir = match confined::folder(&self.root, &self.documents_dir) {
            Ok(Some(dir)) => dir,
            Ok(None) => {
                return Err(Error::DocumentsDirMissing {
                    path: self.root.join(&self.documents_dir),
                    configured: configured(),
                });
            }
            Err(Refused::Outside) => return Err(Error::DocumentsDirOutsideRoot { configured: configured() }),
            Err(Refused::Symlink { path }) => {
                return Err(Error::DocumentsDirSymlink { path, configured: configured() });
            }
            Err(Refused::Io(source)) => return Err(Error::Read { path: self.root.join(&self.documents_dir), source }),
        };
        let mut entries = Vec::new();
        let walker = WalkDir::new(&dir).follow_links(false).follow_root_links(false).sort_by_file_name();
        let walker = walker.into_iter().filter_entry(|entry| {
            // Hidden files, and nested repositories (git submodules): their files are not
            // part of this controlled set, as a build from git objects never sees them.
            entry.depth() == 0
                || !(entry.file_name().to_string_lossy().starts_with('.')
                    || entry.file_type().is_dir() && entry.path().join(".git").symlink_metadata().is_ok())
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
        Ok(confined::read(&self.root, path)?)
    }

    fn exists(&self, path: &str) -> bool {
        // A symlink on the way counts as missing, as it would in the published site.
        confined::real_path(&self.root, path).is_ok()
    }
}
