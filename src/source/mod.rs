//! Where documents come from: the list of Markdown files of the controlled set, their bytes, and
//! whether a path exists. Paths are relative to the QMS root, `/`-separated, and never leave it.

pub mod confined;
mod memory;
mod worktree;

pub use memory::MemorySource;
pub use worktree::Worktree;

use crate::diag::{FileId, LineIndex};
use std::collections::HashSet;
use std::io;
use std::sync::Arc;

/// File texts shared by the versions loaded at once ([`SourceFiles::share`]). Hashed with
/// foldhash: every text of every version is hashed to be found, megabytes per version, and
/// the standard `SipHash` took about 45 ms of an all-versions build's CPU for it.
pub type TextPool = HashSet<Arc<str>, foldhash::fast::RandomState>;

/// Documents larger than this are reported, not read.
pub const MAX_DOCUMENT_BYTES: u64 = 4 * 1024 * 1024;

/// Whether `path` (`/`-separated, relative to the documents folder) is one the loader reads:
/// Markdown, and not inside a hidden folder or hidden itself. For files listed from git, which
/// no [`Worktree`] walk filters.
pub fn is_document(path: &str) -> bool {
    let markdown = std::path::Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    markdown && !path.split('/').any(|part| part.starts_with('.'))
}

/// One entry of the documents folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A Markdown file, with its size in bytes.
    Markdown { path: String, size: u64 },
    /// A symbolic link; never followed. `outside` when it resolves outside the QMS root (or
    /// does not resolve).
    Symlink { path: String, outside: bool },
}

impl Entry {
    pub fn path(&self) -> &str {
        match self {
            Entry::Markdown { path, .. } | Entry::Symlink { path, .. } => path,
        }
    }
}

/// A tree of files: the working tree today, a git commit later.
pub trait Source: Sync {
    /// The entries of the documents folder, sorted by path.
    fn entries(&self) -> crate::Result<Vec<Entry>>;
    /// The bytes of the file at `path`.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
    /// Whether a regular file or folder exists at `path` (symlinks do not count).
    fn exists(&self, path: &str) -> bool;
}

/// A file's path and text (lossily decoded if it was not UTF-8), for printing diagnostics.
/// The text is shared: the versions of one build hold one copy of each distinct file
/// ([`SourceFiles::share`]).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    line_index: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(path: String, text: impl Into<Arc<str>>) -> Self {
        Self { path, text: text.into(), line_index: std::sync::OnceLock::new() }
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_index().line_col(&self.text, offset)
    }
}

/// Every file read in a run, by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Makes every text equal to one already in `pool` that copy, and adds the others to it:
    /// the versions of a site hold mostly the same files, so they share one copy of each.
    pub fn share(&mut self, pool: &mut TextPool) {
        for file in &mut self.files {
            match pool.get(&file.text) {
                Some(shared) => file.text = Arc::clone(shared),
                None => {
                    pool.insert(Arc::clone(&file.text));
                }
            }
        }
    }
}
