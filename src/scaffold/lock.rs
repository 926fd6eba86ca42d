//! One `qms new` at a time per QMS root: an OS advisory lock ([`crate::lockfile`]) on
//! `.qms-new.lock` in the root, held from reading the documents to creating the new file, so two
//! runs never take the same id.

use crate::error::Result;
use crate::lockfile::{LockFile, Wait};
use std::path::Path;

/// The lock file's name, in the QMS root (hidden, never a document).
pub const LOCK_FILE: &str = ".qms-new.lock";

/// The held lock; dropping it releases the lock (and, on Unix, removes the file).
#[derive(Debug)]
pub struct NewLock(#[allow(dead_code)] LockFile);

impl NewLock {
    /// Waits until no other `qms new` holds the lock of `root`, then takes it.
    pub fn acquire(root: &Path) -> Result<NewLock> {
        let lock = LockFile::acquire(&root.join(LOCK_FILE), Wait::Block)?;
        Ok(NewLock(lock.expect("a blocking lock is always taken")))
    }
}
