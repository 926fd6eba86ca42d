//! The output folder of one render: writes files by relative path and remembers what it wrote.
//! Pages are written from several threads at once.

use crate::error::{Error, Result};
use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Files written under one folder.
#[derive(Debug)]
pub struct Output {
    dir: PathBuf,
    files: Mutex<BTreeSet<String>>,
    /// Folders already created (relative): most pages share a handful of folders, and asking
    /// the file system for each again costs a system call or two per page.
    folders: Mutex<HashSet<String>>,
}

impl Output {
    /// Creates `dir` (and its parents) if needed.
    pub fn new(dir: &Path) -> Result<Output> {
        std::fs::create_dir_all(dir).map_err(|source| Error::WriteFile { path: dir.to_path_buf(), source })?;
        Ok(Output { dir: dir.to_path_buf(), files: Mutex::default(), folders: Mutex::default() })
    }

    /// Writes `bytes` to `relative` (`/`-separated, made only of plain names), creating folders.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        self.write_parts(relative, &[bytes])
    }

    /// Writes `parts` one after the other to `relative`, as [`Output::write`] their concatenation.
    pub fn write_parts(&self, relative: &str, parts: &[&[u8]]) -> Result<()> {
        crate::interrupt::check()?;
        let mut path = self.dir.clone();
        for part in relative.split('/') {
            // Callers build these paths; a `..` or an empty part would be a bug, never written.
            if part.is_empty() || part == "." || part == ".." {
                return Err(Error::WriteFile {
                    path: self.dir.join(relative),
                    source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path leaves the site"),
                });
            }
            path.push(part);
        }
        // `new` created the folder itself.
        if let (Some(parent), Some((folder, _))) = (path.parent(), relative.rsplit_once('/'))
            && !lock(&self.folders).contains(folder)
        {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::WriteFile { path: parent.to_path_buf(), source })?;
            lock(&self.folders).insert(folder.to_owned());
        }
        let written = std::fs::File::create(&path).and_then(|mut file| {
            // One part (nearly every page) goes straight to the file, without a copy through a buffer.
            if let [bytes] = parts {
                return file.write_all(bytes);
            }
            let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
            parts.iter().try_for_each(|part| file.write_all(part))?;
            file.into_inner().map(drop).map_err(std::io::IntoInnerError::into_error)
        });
        written.map_err(|source| Error::WriteFile { path, source })?;
        lock(&self.files).insert(relative.to_owned());
        Ok(())
    }

    pub fn into_files(self) -> Vec<String> {
        self.files.into_inner().unwrap_or_else(PoisonError::into_inner).into_iter().collect()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
