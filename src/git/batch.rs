//! Reading many blobs at once. Through one `git cat-file --batch` process when git is
//! installed: git keeps a large cache of delta bases, and on the deep delta chains of a long
//! history it reads blobs several times faster than libgit2. Without git, or when it cannot
//! read the repository (not trusted by `safe.directory`, a partial clone that would fetch), the
//! same blobs are read with libgit2 on several threads. Both give the same bytes.

use super::{BlobId, GitError, Repo, read_blob};
use git2::{Oid, Repository};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

/// How blobs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobReader {
    /// `git cat-file --batch` when it works, libgit2 for the rest.
    GitFirst,
    /// libgit2 only.
    Libgit2,
}

impl Repo {
    /// Reads every blob of `ids` (each once; give them without repeats) and returns what `visit`
    /// made of each, in no particular order. A blob that cannot be read is passed as an error.
    pub fn read_blobs<T: Send>(
        &self,
        ids: &[BlobId],
        threads: usize,
        visit: impl Fn(BlobId, Result<Vec<u8>, GitError>) -> T + Sync,
    ) -> Vec<(BlobId, T)> {
        let mut out = Vec::with_capacity(ids.len());
        let mut rest = ids;
        if self.blob_reader == BlobReader::GitFirst && !ids.is_empty() && !self.is_partial_clone() {
            let read = self.read_with_git(ids, &mut |id, bytes| out.push((id, visit(id, Ok(bytes)))));
            rest = &ids[read..];
        }
        out.extend(self.read_with_libgit2(rest, threads, &visit));
        out
    }

    /// Chooses how blobs are read (git first, by default).
    pub fn set_blob_reader(&mut self, reader: BlobReader) {
        self.blob_reader = reader;
    }

    /// A partial clone's missing objects would be fetched by git: libgit2 reports them instead.
    fn is_partial_clone(&self) -> bool {
        self.git.config().is_ok_and(|config| config.get_entry("extensions.partialclone").is_ok())
    }

    /// Reads `ids` in order through `git cat-file --batch` until the first one git cannot give;
    /// returns how many were read (all of them, or fewer when git is missing or failed).
    fn read_with_git(&self, ids: &[BlobId], found: &mut dyn FnMut(BlobId, Vec<u8>)) -> usize {
        let spawned = Command::new("git")
            .arg("--git-dir")
            .arg(self.git.path())
            .args(["cat-file", "--batch"])
            .env("GIT_NO_LAZY_FETCH", "1")
            .env_remove("GIT_OBJECT_DIRECTORY")
            .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut child) = spawned else { return 0 };
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            stop(child);
            return 0;
        };
        let mut request = String::with_capacity(ids.len() * 41);
        for id in ids {
            request.push_str(&id.0.to_string());
            request.push('\n');
        }
        // Written on its own thread: git answers while it reads, and both pipes have a limit.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut replies = BufReader::with_capacity(1 << 16, stdout);
        let mut read = 0;
        while let Some(&id) = ids.get(read) {
            match next_blob(&mut replies, id.0) {
                Some(bytes) => found(id, bytes),
                None => break,
            }
            read += 1;
        }
        drop(replies);
        let _ = writer.join();
        stop(child);
        read
    }

    /// Reads `ids` with libgit2, on up to `threads` threads with a repository handle each.
    fn read_with_libgit2<T: Send>(
        &self,
        ids: &[BlobId],
        threads: usize,
        visit: &(impl Fn(BlobId, Result<Vec<u8>, GitError>) -> T + Sync),
    ) -> Vec<(BlobId, T)> {
        const CHUNK: usize = 256;
        if ids.len() <= CHUNK || threads <= 1 {
            return ids.iter().map(|&id| (id, visit(id, read_blob(&self.git, id)))).collect();
        }
        let chunk = ids.len().div_ceil(threads).max(CHUNK);
        std::thread::scope(|scope| {
            let workers: Vec<_> = ids
                .chunks(chunk)
                .map(|part| {
                    let path = self.git.path();
                    scope.spawn(move || -> Vec<(BlobId, T)> {
                        match Repository::open(path) {
                            Ok(repo) => part.iter().map(|&id| (id, visit(id, read_blob(&repo, id)))).collect(),
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

/// Reads one reply of `git cat-file --batch`: `<id> blob <size>\n<bytes>\n`. `None` for anything
/// else (`<id> missing`, another type, a broken pipe).
fn next_blob(replies: &mut BufReader<ChildStdout>, id: Oid) -> Option<Vec<u8>> {
    let mut header = String::new();
    replies.read_line(&mut header).ok()?;
    let mut fields = header.trim_end().split(' ');
    let (Some(name), Some("blob"), Some(size), None) = (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return None;
    };
    if Oid::from_str(name).ok()? != id {
        return None;
    }
    let size: usize = size.parse().ok()?;
    let mut bytes = vec![0; size + 1];
    replies.read_exact(&mut bytes).ok()?;
    (bytes.pop() == Some(b'\n')).then_some(bytes)
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}
