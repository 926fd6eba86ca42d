//! The output folder of one render: writes files by relative path and remembers what it wrote,
//! with each file's SHA-256 (hashed from the bytes written, so the manifest need not read the
//! site back). Pages are written from several threads at once.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// A file as the site's manifest lists it: its path (relative to the folder it was written
/// into, `/`-separated), SHA-256 and size.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Listed {
    pub path: String,
    /// Lowercase hex.
    pub sha256: String,
    pub bytes: u64,
}

impl Listed {
    /// The file at `path` holding `parts`, one after the other.
    pub fn of(path: String, parts: &[&[u8]]) -> Listed {
        let mut digest = Sha256::new();
        for part in parts {
            digest.update(part);
        }
        let bytes = parts.iter().map(|part| part.len() as u64).sum();
        Listed { path, sha256: hex(&digest.finalize()), bytes }
    }

    /// The file on disk at `file`, listed as `path`: [`Listed::of`] its bytes, read a piece at
    /// a time (a print view is megabytes: read whole, every one would cost its size in fresh
    /// memory).
    pub fn of_file(path: String, file: &Path) -> std::io::Result<Listed> {
        let (mut digest, mut bytes) = (Sha256::new(), 0u64);
        for_each_piece(file, |piece| {
            digest.update(piece);
            bytes += piece.len() as u64;
        })?;
        Ok(Listed { path, sha256: hex(&digest.finalize()), bytes })
    }
}

/// Reads the file at `file` a piece at a time into a buffer each thread keeps, handing each
/// piece to `each`.
fn for_each_piece(file: &Path, mut each: impl FnMut(&[u8])) -> std::io::Result<()> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Box<[u8]>> = std::cell::RefCell::new(vec![0; READ_PIECE].into_boxed_slice());
    }
    let mut reader = std::fs::File::open(file)?;
    BUFFER.with_borrow_mut(|buffer| {
        loop {
            match std::io::Read::read(&mut reader, buffer) {
                Ok(0) => return Ok(()),
                Ok(read) => each(&buffer[..read]),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    })
}

/// How much of a file [`Listed::of_file`] reads at a time.
const READ_PIECE: usize = 256 * 1024;

/// `bytes` in lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Files written under one folder.
#[derive(Debug)]
pub struct Output {
    dir: PathBuf,
    files: Mutex<BTreeMap<String, Listed>>,
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
        let listed = Listed::of(relative.to_owned(), parts);
        lock(&self.files).insert(relative.to_owned(), listed);
        Ok(())
    }

    /// The files written, sorted by path.
    pub fn into_files(self) -> Vec<Listed> {
        self.files.into_inner().unwrap_or_else(PoisonError::into_inner).into_values().collect()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_in_pieces_is_listed_as_its_bytes_are() {
        let dir = tempfile::tempdir().unwrap();
        // Larger than a piece, and not a whole number of pieces; and an empty file.
        let big: Vec<u8> = (0..READ_PIECE * 2 + 1234).map(|i| u8::try_from(i * 31 % 251).unwrap_or_default()).collect();
        for (name, bytes) in [("big.html", big.as_slice()), ("empty.html", b"".as_slice())] {
            std::fs::write(dir.path().join(name), bytes).unwrap();
            let read = Listed::of_file(name.to_owned(), &dir.path().join(name)).unwrap();
            assert_eq!(read, Listed::of(name.to_owned(), &[bytes]));
        }
        assert!(Listed::of_file("gone".to_owned(), &dir.path().join("gone")).is_err());
    }
}
