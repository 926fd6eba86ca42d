//! `git cat-file --batch` processes, kept between reads of the same repository. Most of what
//! such a process costs is its start: its cache of delta bases fills from nothing, each base
//! of a long delta chain inflated again into freshly faulted memory. A build reads the blobs of
//! one release after another, each release's mostly deltas of the one before: through one
//! process kept warm, the changed blobs of ten releases of the benchmark corpus cost git a
//! sixth of the CPU that ten processes did.

use super::replies::ReplyReader;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::sync::{Mutex, PoisonError};

/// A running `git cat-file --batch` with nothing asked and nothing unread.
pub(super) struct CatFile {
    pub(super) child: Child,
    pub(super) git_dir: PathBuf,
    pub(super) requests: BufWriter<ChildStdin>,
    pub(super) replies: ReplyReader<ChildStdout>,
}

/// Processes waiting for their next reads, newest last.
pub(super) struct Idle(Mutex<Vec<CatFile>>);

/// The process's idle `git cat-file`s.
pub(super) static IDLE: Idle = Idle(Mutex::new(Vec::new()));

/// How many processes wait at most: a build reads one repository, from two threads at most.
const MOST_IDLE: usize = 2;

impl Idle {
    /// A process reading the repository at `git_dir`: one that waits idle, or a new one.
    /// `None` when git cannot be run.
    pub(super) fn take(&self, git_dir: &Path) -> Option<CatFile> {
        let waiting = {
            let mut idle = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            idle.iter().rposition(|process| process.git_dir == git_dir).map(|at| idle.remove(at))
        };
        waiting.or_else(|| CatFile::spawn(git_dir))
    }

    /// Keeps `process` for the next reads of its repository: only when every request written
    /// to it was answered and read (`in_step`), else it is stopped.
    pub(super) fn give_back(&self, mut process: CatFile, in_step: bool) {
        if !in_step || process.requests.flush().is_err() || !matches!(process.child.try_wait(), Ok(None)) {
            process.stop();
            return;
        }
        let mut idle = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        idle.push(process);
        if idle.len() > MOST_IDLE {
            idle.remove(0).stop();
        }
    }

    /// Ends every waiting process (the work is done: none is left running behind `qms`).
    pub(super) fn stop_all(&self) {
        let idle = std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        idle.into_iter().for_each(CatFile::stop);
    }
}

#[cfg(test)]
impl Idle {
    /// How many processes wait for reads of `git_dir`.
    pub(super) fn waiting(&self, git_dir: &Path) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).iter().filter(|p| p.git_dir == git_dir).count()
    }
}

impl CatFile {
    fn spawn(git_dir: &Path) -> Option<CatFile> {
        let mut child = super::git_reader(git_dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            stop(child);
            return None;
        };
        // The blobs of a long history are many megabytes: a pipe of 1 MiB rather than 64 KiB
        // spares both processes most of their wake-ups. Where it cannot be had, the pipe works
        // as it is.
        #[cfg(target_os = "linux")]
        let _ = rustix::pipe::fcntl_setpipe_size(&stdout, 1 << 20);
        Some(CatFile {
            child,
            git_dir: git_dir.to_path_buf(),
            requests: BufWriter::with_capacity(1 << 14, stdin),
            replies: ReplyReader::new(stdout),
        })
    }

    /// Ends the process: after a read that left it out of step, or one that stopped early.
    pub(super) fn stop(self) {
        stop(self.child);
    }
}

/// Ends `child` (closing its pipes first is not enough: it may be blocked writing).
pub(super) fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::Repository;

    fn blob_of(process: &mut CatFile, id: git2::Oid) -> Option<Vec<u8>> {
        writeln!(process.requests, "{id}").ok()?;
        process.requests.flush().ok()?;
        process.replies.next_blob(id).map(<[u8]>::to_vec)
    }

    #[test]
    fn a_process_given_back_in_step_serves_the_next_reads_of_its_repository_only() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let (first, second) = (repo.blob(b"first\n").unwrap(), repo.blob(b"second\n").unwrap());
        let pool = Idle(Mutex::new(Vec::new()));
        let Some(mut process) = pool.take(repo.path()) else { return }; // no git here
        assert_eq!(blob_of(&mut process, first).as_deref(), Some(&b"first\n"[..]));
        let pid = process.child.id();
        pool.give_back(process, true);

        let mut again = pool.take(repo.path()).unwrap();
        assert_eq!(again.child.id(), pid, "the idle process is taken again");
        assert_eq!(blob_of(&mut again, second).as_deref(), Some(&b"second\n"[..]));
        // Out of step (say, a reply left unread): stopped, not kept.
        pool.give_back(again, false);
        let other = pool.take(repo.path()).unwrap();
        assert_ne!(other.child.id(), pid);

        // Another repository gets a process of its own.
        let elsewhere = tempfile::tempdir().unwrap();
        let elsewhere = Repository::init(elsewhere.path()).unwrap();
        let pid = other.child.id();
        pool.give_back(other, true);
        let theirs = pool.take(elsewhere.path()).unwrap();
        assert_ne!(theirs.child.id(), pid);
        theirs.stop();
        assert_eq!(pool.take(repo.path()).unwrap().child.id(), pid);

        // Stopping them all ends those waiting, not one in use.
        let (mut in_use, mut waiting) = (pool.take(repo.path()).unwrap(), pool.take(repo.path()).unwrap());
        let waiting_pid = waiting.child.id();
        let _ = blob_of(&mut waiting, first);
        pool.give_back(waiting, true);
        pool.stop_all();
        assert_eq!(pool.waiting(repo.path()), 0);
        assert!(matches!(in_use.child.try_wait(), Ok(None)), "a process in use is not stopped");
        assert!(std::fs::metadata(format!("/proc/{waiting_pid}")).is_err() || !cfg!(target_os = "linux"), "reaped");
        in_use.stop();
    }
}
