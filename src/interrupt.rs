//! A request to stop, made when the process receives SIGINT, SIGTERM or SIGHUP, and the work
//! that must be cleaned up before it may exit (the staging folder of a build).
//!
//! The CLI's signal thread calls [`request`]: when no cleanup is pending the process exits at
//! once; otherwise every later write fails with [`Error::Interrupted`], the build unwinds,
//! removes its staging folder and releases its lock, and the CLI exits with `128 + signal`.
//! A second signal while cleaning up exits at once.

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Mutex, PoisonError};

/// The signal received, 0 for none.
static REQUESTED: AtomicI32 = AtomicI32::new(0);
/// How many [`Cleanup`] guards are alive.
static PENDING: Mutex<usize> = Mutex::new(0);

/// The signal that asked the process to stop, if one did.
pub fn requested() -> Option<i32> {
    match REQUESTED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// `Err(Interrupted)` once a stop was requested: called before each write.
pub fn check() -> Result<()> {
    requested().map_or(Ok(()), |signal| Err(Error::Interrupted { signal }))
}

/// Records `signal`, and calls `exit_now` when nothing needs cleaning up (or when a stop was
/// already requested) while [`PENDING`] is still locked, so no cleanup can begin in between.
pub fn request(signal: i32, exit_now: impl FnOnce()) {
    let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
    let again = REQUESTED.swap(signal, Ordering::SeqCst) != 0;
    if *pending == 0 || again {
        exit_now();
    }
}

/// Alive while files exist that an interrupted run must remove.
#[derive(Debug)]
pub struct Cleanup(());

impl Cleanup {
    /// Begins such work; `Err(Interrupted)` when a stop was already requested.
    pub fn begin() -> Result<Cleanup> {
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        check()?;
        *pending += 1;
        Ok(Cleanup(()))
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        *pending = pending.saturating_sub(1);
    }
}
