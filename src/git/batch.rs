//! Reading many blobs at once, in the background while they are being found. Through a
//! `git cat-file --batch` process when git is installed (kept for the next reads, see
//! [`super::cat_file`]): git keeps a large cache of delta bases, and on the deep delta chains
//! of a long history it reads blobs several times faster than libgit2. Without git, or when it
//! cannot read the repository (not trusted by `safe.directory`), and always in a partial clone
//! (git would fetch), the same blobs are read with libgit2 on several threads. Both give the
//! same bytes.

use super::cat_file::{CatFile, IDLE, stop};
use super::replies::ReplyReader;
use super::{BlobId, GitError, Repo, read_blob};
use git2::{Oid, Repository};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::sync::{Mutex, PoisonError, mpsc};
use std::thread::{Scope, ScopedJoinHandle};

impl Repo {
    /// Reads every blob of `ids` (each once; give them without repeats) and returns what `visit`
    /// made of each, in no particular order. A blob that cannot be read is passed as an error.
    pub fn read_blobs<T: Send>(
        &self,
        ids: &[BlobId],
        threads: usize,
        visit: impl Fn(BlobId, Result<Vec<u8>, GitError>) -> T + Sync,
    ) -> Vec<(BlobId, T)> {
        if ids.is_empty() {
            // No process to start for nothing to read.
            return Vec::new();
        }
        let visit = |id, bytes: Result<&[u8], GitError>| visit(id, bytes.map(<[u8]>::to_vec));
        std::thread::scope(|scope| {
            let pipe = self.blob_pipe(scope, &visit);
            for &id in ids {
                pipe.send(id);
            }
            pipe.finish(self, threads, &visit)
        })
    }

    /// Starts reading blobs in the background, each as it is sent to the pipe: `git cat-file
    /// --batch` reads them while the sender goes on (the walk over history finding them).
    /// `visit` borrows each blob's bytes.
    pub fn blob_pipe<'scope, 'env, T, F>(
        &'env self,
        scope: &'scope Scope<'scope, 'env>,
        visit: &'env F,
    ) -> BlobPipe<'scope, T>
    where
        T: Send + 'scope,
        F: Fn(BlobId, Result<&[u8], GitError>) -> T + Sync,
    {
        let without_git = || BlobPipe {
            process: None,
            requests: None,
            writer: None,
            reader: None,
            hold: false,
            held: Mutex::default(),
            pending: Mutex::default(),
        };
        let git = (!self.is_partial_clone()).then(|| IDLE.take(self.git.path())).flatten();
        let Some(CatFile { child, git_dir, requests: stdin, replies: stdout }) = git else { return without_git() };
        let (requests, requested) = mpsc::channel::<BlobId>();
        let (order, ordered) = mpsc::channel::<BlobId>();
        // Written on a thread of its own: git answers while it reads, and both pipes have a limit.
        let writer = scope.spawn(move || write_requests(stdin, &requested, &order));
        let reader = scope.spawn(move || read_replies(stdout, &ordered, visit));
        let hold = self.packs_beyond(DELTA_BASE_CACHE);
        BlobPipe {
            process: Some((child, git_dir)),
            requests: Some(requests),
            writer: Some(writer),
            reader: Some(reader),
            hold,
            held: Mutex::default(),
            pending: Mutex::default(),
        }
    }

    /// Whether the repository's packs hold more than `bytes`: the choice between two ways of
    /// reading that give the same result, one faster on small histories, one on large. Debug
    /// builds (the tests) always answer yes, so that both ways stay tested.
    pub(super) fn packs_beyond(&self, bytes: u64) -> bool {
        cfg!(debug_assertions) || pack_bytes(&self.git.commondir().join("objects").join("pack")) > bytes
    }

    /// A partial clone's missing objects would be fetched by git: libgit2 reports them instead.
    pub(super) fn is_partial_clone(&self) -> bool {
        self.git.config().is_ok_and(|config| config.get_entry("extensions.partialclone").is_ok())
    }

    /// Reads `ids` with libgit2, on up to `threads` threads with a repository handle each.
    fn read_with_libgit2<T: Send>(
        &self,
        ids: &[BlobId],
        threads: usize,
        visit: &(impl Fn(BlobId, Result<&[u8], GitError>) -> T + Sync),
    ) -> Vec<(BlobId, T)> {
        const CHUNK: usize = 256;
        if ids.len() <= CHUNK || threads <= 1 {
            return ids.iter().map(|&id| (id, lend(id, read_blob(&self.git, id), visit))).collect();
        }
        let chunk = ids.len().div_ceil(threads).max(CHUNK);
        std::thread::scope(|scope| {
            let workers: Vec<_> = ids
                .chunks(chunk)
                .map(|part| {
                    let path = self.git.path();
                    scope.spawn(move || -> Vec<(BlobId, T)> {
                        match Repository::open(path) {
                            Ok(repo) => part.iter().map(|&id| (id, lend(id, read_blob(&repo, id), visit))).collect(),
                            Err(source) => {
                                let error = |id: BlobId| GitError::Read {
                                    repository: path.to_path_buf(),
                                    what: format!("blob {}", id.0),
                                    source: git2::Error::new(source.code(), source.class(), source.message()),
                                };
                                part.iter().map(|&id| (id, visit(id, Err(error(id))))).collect()
                            }
                        }
                    })
                })
                .collect();
            workers.into_iter().flat_map(|worker| worker.join().unwrap_or_default()).collect::<Vec<_>>()
        })
    }
}

/// What git read (each blob with what `visit` made of it), and the blobs it could not give.
type Replies<T> = (Vec<(BlobId, T)>, Vec<BlobId>);

/// Blobs being read in the background; see [`Repo::blob_pipe`].
pub struct BlobPipe<'scope, T> {
    /// `git cat-file` and the repository it reads; `None` without git.
    process: Option<(Child, PathBuf)>,
    /// To the thread writing requests to git; `None` without git.
    requests: Option<mpsc::Sender<BlobId>>,
    /// The requests' pipe, given back once every request is written; `None` after a failure.
    writer: Option<ScopedJoinHandle<'scope, Option<BufWriter<ChildStdin>>>>,
    /// What git read, the blobs it could not give, and its replies' pipe.
    reader: Option<ScopedJoinHandle<'scope, (Replies<T>, ReplyReader<ChildStdout>)>>,
    /// Whether blobs are held until [`BlobPipe::finish`], then sent in the order of the packs
    /// (see [`DELTA_BASE_CACHE`]), rather than sent as they are asked for.
    hold: bool,
    held: Mutex<Vec<BlobId>>,
    /// Blobs for libgit2: all of them without git.
    pending: Mutex<Vec<BlobId>>,
}

impl<T: Send> BlobPipe<'_, T> {
    /// Asks for one blob (once each: the caller removes repeats).
    pub fn send(&self, id: BlobId) {
        if self.hold {
            lock(&self.held).push(id);
        } else {
            self.send_now(id);
        }
    }

    fn send_now(&self, id: BlobId) {
        let sent = self.requests.as_ref().is_some_and(|requests| requests.send(id).is_ok());
        if !sent {
            lock(&self.pending).push(id);
        }
    }

    /// Waits for every blob asked for and returns what `visit` made of each; those git could
    /// not give are read with libgit2 on `threads` threads. git's process is kept for the next
    /// reads when it answered every request.
    pub fn finish(
        mut self,
        repo: &Repo,
        threads: usize,
        visit: &(impl Fn(BlobId, Result<&[u8], GitError>) -> T + Sync),
    ) -> Vec<(BlobId, T)> {
        let held = std::mem::take(&mut *lock(&self.held));
        for id in pack_order(repo.git.path(), held) {
            self.send_now(id);
        }
        drop(self.requests.take());
        let mut rest = std::mem::take(&mut *lock(&self.pending));
        let mut read = Vec::new();
        let requests = self.writer.take().and_then(|writer| writer.join().ok().flatten());
        let replies = self.reader.take().and_then(|reader| reader.join().ok()).map(|((done, unread), replies)| {
            let in_step = unread.is_empty();
            read = done;
            rest.extend(unread);
            (replies, in_step)
        });
        match (self.process.take(), requests, replies) {
            (Some((child, git_dir)), Some(requests), Some((replies, in_step))) => {
                IDLE.give_back(CatFile { child, git_dir, requests, replies }, in_step);
            }
            (process, _, _) => process.into_iter().for_each(|(child, _)| stop(child)),
        }
        rest.sort_unstable();
        read.extend(repo.read_with_libgit2(&rest, threads, visit));
        read
    }
}

impl<T> Drop for BlobPipe<'_, T> {
    /// A pipe dropped unfinished stops git: its threads end as its pipes close.
    fn drop(&mut self) {
        if let Some((child, _)) = self.process.take() {
            stop(child);
        }
    }
}

impl<T> std::fmt::Debug for BlobPipe<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobPipe").field("git", &self.process.is_some()).field("hold", &self.hold).finish()
    }
}

/// Passes `bytes` to `visit`, borrowed.
fn lend<T>(id: BlobId, bytes: Result<Vec<u8>, GitError>, visit: impl Fn(BlobId, Result<&[u8], GitError>) -> T) -> T {
    match bytes {
        Ok(bytes) => visit(id, Ok(&bytes)),
        Err(error) => visit(id, Err(error)),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// git's cache of delta bases (`core.deltaBaseCacheLimit`, 96 MiB by default). Packs smaller
/// than that are read as fast in any order, and blobs are read while the walk finds them.
/// Larger ones are read fastest in their own order, each delta right after its base: asked
/// for in the order the walk found them, the blobs of a 147 MB pack (10,000 documents, 50,000
/// commits) took git 15 s of CPU instead of 1.7 s, the cache missing all along.
const DELTA_BASE_CACHE: u64 = 96 << 20;

/// The size of the pack files in `dir` (`objects/pack`).
fn pack_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let packs = entries.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "pack"));
    packs.filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
}

/// `ids` in the order of the repository's packs (then those git did not list), as `git
/// cat-file --batch-all-objects --unordered` lists them; as given when git cannot list them.
fn pack_order(git_dir: &Path, ids: Vec<BlobId>) -> Vec<BlobId> {
    if ids.len() < 2 {
        return ids;
    }
    let listing = super::git_reader(git_dir)
        .args(["cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objectname)"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut listing) = listing else { return ids };
    let mut wanted: std::collections::HashSet<BlobId> = ids.iter().copied().collect();
    let mut ordered = Vec::with_capacity(ids.len());
    if let Some(out) = listing.stdout.take() {
        for line in BufReader::with_capacity(1 << 16, out).lines() {
            let Ok(line) = line else { break };
            if let Some(id) = Oid::from_str(&line).ok().map(BlobId).filter(|id| wanted.remove(id)) {
                ordered.push(id);
            }
        }
    }
    stop(listing);
    ordered.extend(ids.into_iter().filter(|id| wanted.contains(id)));
    ordered
}

/// Writes each requested id to git, flushing whenever no other is waiting, and passes it on to
/// the reader in the same order. After a failed write the ids are only passed on.
fn write_requests(
    stdin: BufWriter<ChildStdin>,
    requested: &mpsc::Receiver<BlobId>,
    order: &mpsc::Sender<BlobId>,
) -> Option<BufWriter<ChildStdin>> {
    let mut stdin = Some(stdin);
    let mut next = requested.recv().ok();
    while let Some(id) = next {
        if stdin.as_mut().is_some_and(|writer| writeln!(writer, "{}", id.0).is_err()) {
            stdin = None;
        }
        if order.send(id).is_err() {
            break;
        }
        next = requested.try_recv().ok();
        if next.is_none() {
            if stdin.as_mut().is_some_and(|writer| writer.flush().is_err()) {
                stdin = None;
            }
            next = requested.recv().ok();
        }
    }
    // Given back with git, for its next reads; `None` after a failed write.
    stdin
}

/// Reads git's replies in the order the ids were written; after the first one git could not
/// give, the rest are returned unread.
fn read_replies<T>(
    mut replies: ReplyReader<ChildStdout>,
    ordered: &mpsc::Receiver<BlobId>,
    visit: &impl Fn(BlobId, Result<&[u8], GitError>) -> T,
) -> (Replies<T>, ReplyReader<ChildStdout>) {
    let (mut read, mut unread) = (Vec::new(), Vec::new());
    for id in ordered {
        if !unread.is_empty() {
            unread.push(id);
            continue;
        }
        match replies.next_blob(id.0) {
            Some(bytes) => read.push((id, visit(id, Ok(bytes)))),
            None => unread.push(id),
        }
    }
    ((read, unread), replies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pack_order_loses_no_blob_and_keeps_those_git_does_not_list() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let mut ids: Vec<BlobId> =
            (0..20).map(|i| BlobId(repo.blob(format!("blob {i}\n").as_bytes()).unwrap())).collect();
        let missing = BlobId(Oid::from_str("1234567890123456789012345678901234567890").unwrap());
        ids.push(missing);
        let ordered = pack_order(repo.path(), ids.clone());
        // Those git does not list come last, in the order given.
        assert_eq!(ordered.last(), Some(&missing));
        let (mut sorted, mut given) = (ordered.clone(), ids);
        sorted.sort_unstable();
        given.sort_unstable();
        assert_eq!(sorted, given);
        assert_eq!(pack_bytes(&dir.path().join(".git/objects/pack")), 0);
        assert!(pack_order(&dir.path().join("not-a-repository"), vec![missing, missing]).len() == 2);
    }

    #[test]
    fn reads_after_one_that_met_a_missing_blob_give_the_right_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let (a, b) = (BlobId(repo.blob(b"a\n").unwrap()), BlobId(repo.blob(b"b\n").unwrap()));
        let missing = BlobId(Oid::from_str("1234567890123456789012345678901234567890").unwrap());
        let repo = Repo::discover(dir.path()).unwrap().unwrap();
        let read = |ids: &[BlobId]| {
            let mut read: Vec<(BlobId, Option<Vec<u8>>)> =
                repo.read_blobs(ids, 1, |_, bytes| bytes.ok()).into_iter().collect();
            read.sort();
            read
        };
        // git answers "missing" for one: what follows in its pipe is left unread.
        let first = read(&[missing, a]);
        assert!(first.contains(&(a, Some(b"a\n".to_vec()))) && first.contains(&(missing, None)));
        // Possibly out of step with its requests, that process was not kept.
        assert_eq!(IDLE.waiting(repo.git.path()), 0);
        for _ in 0..2 {
            assert_eq!(read(&[b, a]), {
                let mut v = vec![(a, Some(b"a\n".to_vec())), (b, Some(b"b\n".to_vec()))];
                v.sort();
                v
            });
        }
    }
}
