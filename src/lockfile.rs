//! OS advisory locks on a lock file (std's `File::lock`): released by the operating system
//! when the process ends, however it ends, so a killed run never blocks the next one and a
//! reused process id means nothing. The lock file is removed on release (while still held); a
//! run that opened it just before finds, once it holds the lock, that the path names another
//! file or none, and starts over with the new one.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// What to do when another process holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Wait until it is released.
    Block,
    /// Return `Ok(None)` at once.
    No,
}

/// A held lock; dropping it releases the lock and removes the file.
#[derive(Debug)]
pub struct LockFile {
    file: Option<File>,
    path: PathBuf,
}

impl LockFile {
    /// Takes the lock of `path`; `None` when another process holds it and `wait` is [`Wait::No`].
    /// A symbolic link at `path` is refused, never followed.
    pub fn acquire(path: &Path, wait: Wait) -> Result<Option<LockFile>> {
        let failed = |source: std::io::Error| Error::WriteFile { path: path.to_path_buf(), source };
        for _ in 0..1000 {
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::PathInTheWay { path: path.to_path_buf(), symlink: true });
            }
            let file =
                OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(failed)?;
            match wait {
                Wait::Block => file.lock().map_err(failed)?,
                Wait::No => match file.try_lock() {
                    Ok(()) => {}
                    Err(TryLockError::WouldBlock) => return Ok(None),
                    Err(TryLockError::Error(source)) => return Err(failed(source)),
                },
            }
            if still_at(&file, path) {
                return Ok(Some(LockFile { file: Some(file), path: path.to_path_buf() }));
            }
        }
        Err(failed(std::io::Error::other("the lock file kept changing; try again")))
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        // Removed while still held: whoever waits on this file sees it gone and starts over.
        // Windows cannot tell one file at a path from the next, so there the file stays.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        drop(self.file.take());
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
        let path = dir.path().join(".x.lock");
        let lock = LockFile::acquire(&path, Wait::No).unwrap().expect("free");
        assert!(LockFile::acquire(&path, Wait::No).unwrap().is_none(), "a second holder is refused");
        drop(lock);
        if cfg!(unix) {
            assert!(!path.exists(), "the lock file is removed");
        }
        assert!(LockFile::acquire(&path, Wait::Block).unwrap().is_some());
    }
}
