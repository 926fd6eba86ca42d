//! The parsed versions of the blobs the walk asked for, as they arrive from git: the revisions
//! are filed while the last versions are still being read, each lookup waiting for its blob.

use crate::git::BlobId;
use crate::model::RevisionMeta;
use foldhash::fast::FixedState;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// Each version read so far (`None`: it could not be read), and whether every read is done.
#[derive(Default)]
pub(super) struct Arrivals {
    state: Mutex<State>,
    arrived: Condvar,
}

#[derive(Default)]
struct State {
    metas: HashMap<BlobId, Option<Arc<RevisionMeta>>, FixedState>,
    /// No version comes after this: one not read is unknown.
    done: bool,
    /// Lookups waiting; a version is announced only when someone waits.
    waiting: usize,
}

impl Arrivals {
    /// A version has been read (`None`: it could not be).
    pub fn put(&self, blob: BlobId, meta: Option<RevisionMeta>) {
        let mut state = self.lock();
        state.metas.insert(blob, meta.map(Arc::new));
        if state.waiting > 0 {
            self.arrived.notify_all();
        }
    }

    /// Every read is done.
    pub fn finish(&self) {
        self.lock().done = true;
        self.arrived.notify_all();
    }

    /// Calls [`Arrivals::finish`] when dropped, on every path out of the reads (a panic too),
    /// so no lookup waits forever.
    pub fn finishing(&self) -> Finishing<'_> {
        Finishing(self)
    }

    /// The version of `blob`, once it has arrived; `None` if it could not be read or was never
    /// asked for.
    pub fn get(&self, blob: BlobId) -> Option<Arc<RevisionMeta>> {
        let mut state = self.lock();
        loop {
            if let Some(meta) = state.metas.get(&blob) {
                return meta.clone();
            }
            if state.done {
                return None;
            }
            state.waiting += 1;
            state = self.arrived.wait(state).unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
    }

    /// How many of `blobs` could not be read.
    pub fn unreadable<'b>(&self, blobs: impl Iterator<Item = &'b BlobId>) -> usize {
        let state = self.lock();
        blobs.filter(|blob| matches!(state.metas.get(blob), Some(None))).count()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// See [`Arrivals::finishing`].
pub(super) struct Finishing<'a>(&'a Arrivals);

impl Drop for Finishing<'_> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_waits_for_its_blob_and_not_past_the_end() {
        let blob = |n: u8| BlobId::of(&[n]).unwrap();
        let arrivals = Arrivals::default();
        let meta = RevisionMeta { body_hash: 7, ..RevisionMeta::default() };
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| arrivals.get(blob(1)).map(|m| m.body_hash));
            let never = scope.spawn(|| arrivals.get(blob(3)));
            std::thread::sleep(std::time::Duration::from_millis(20));
            arrivals.put(blob(2), None);
            arrivals.put(blob(1), Some(meta.clone()));
            assert_eq!(waiting.join().unwrap(), Some(7));
            arrivals.finish();
            assert!(never.join().unwrap().is_none(), "nothing comes after the end");
        });
        assert_eq!(arrivals.unreadable([blob(1), blob(2), blob(3)].iter()), 1);
    }
}
