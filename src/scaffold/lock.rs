//! One `qms new` at a time per QMS root: an OS advisory lock on `.qms-new.lock` in the root,
//! held from reading the documents to creating the new file, so two runs never take the same
//! id. The operating system releases it when the process ends, however it ends.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock file's name, in the QMS root (hidden, never a document).
pub const LOCK_FILE: &str = ".qms-new.lock";

/// The held lock; dropping it releases the lock (and, on Unix, removes the file).
#[derive(Debug)]
pub struct NewLock {
    file: File,
    path: PathBuf,
}

impl NewLock {
    /// Waits until no other `qms new` holds the lock of `root`, then takes it.
    pub fn acquire(root: &Path) -> Result<NewLock> {
        let path = root.join(LOCK_FILE);
        let failed = |source: std::io::Error| Error::WriteFile { path: path.clone(), source };
        // A run that releases the lock removes the file; one that opened the old file meanwhile
        // finds it gone once it holds the lock, and tries again with the new one.
        for _ in 0..1000 {
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::PathInTheWay { path, symlink: true });
            }
            let file =
                OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(failed)?;
            file.lock().map_err(failed)?;
            if still_at(&file, &path) {
                return Ok(NewLock { file, path });
            }
        }
        Err(failed(std::io::Error::other("the lock file kept changing; try again")))
    }
}

impl Drop for NewLock {
    fn drop(&mut self) {
        // Removed while still held: whoever waits on this file sees it gone and starts over.
        // Windows cannot tell one file at a path from the next, so there the file stays.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the file `file` has open.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
        _ => false,
    }
}

/// Whether `path` still names the file `file` has open (never removed where this is used).
#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    path.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let lock = NewLock::acquire(dir.path()).unwrap();
        let other = File::open(dir.path().join(LOCK_FILE)).unwrap();
        assert!(other.try_lock().is_err(), "a second holder waits");
        drop(lock);
        if cfg!(unix) {
            assert!(!dir.path().join(LOCK_FILE).exists(), "the lock file is removed");
        }
        assert!(NewLock::acquire(dir.path()).is_ok());
    }
}
