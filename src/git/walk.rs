//! The walk over history: every commit's file changes under one folder, diffed on several
//! threads with a hand-written tree comparison that skips unchanged subtrees.

use super::tree::TreeCache;
use super::{BlobId, CommitChanges, CommitData, FileChange, GitError, Repo, Signature, diff_tree, is_file};
use crate::progress::Progress;
use git2::{ObjectType, Odb, Oid, Repository, Sort, Tree};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

impl Repo {
    /// Every commit reachable from HEAD, oldest first (topological, then by time), that changed
    /// a file under `folder` (relative to the QMS root) for which `keep` holds, with those
    /// changes; shallow boundary commits always. Each commit is compared with its first parent
    /// and marked as on the mainline (HEAD's first-parent chain) or not. A merge on the mainline
    /// lists its net effect (every file that differs from its first parent); a merge inside a
    /// merged branch lists only the files that differ from every parent (the others were made,
    /// and are listed, on the branches it joined).
    ///
    /// The commits are diffed on `threads` threads, each with its own repository handle, and
    /// each kept change is passed to `found` as soon as it is known, so that its blobs can be
    /// read meanwhile ([`Repo::blob_pipe`]); the same change may be passed more than once.
    /// `progress` counts the commits walked.
    pub fn changes(
        &self,
        folder: &str,
        threads: usize,
        keep: impl Fn(&str) -> bool + Sync,
        found: impl Fn(&FileChange) + Sync,
        progress: &dyn Progress,
    ) -> Result<Vec<CommitChanges>, GitError> {
        const CHUNK: usize = 64;
        let Some(head) = self.head_oid()? else { return Ok(Vec::new()) };
        let graph = |source| GitError::Read {
            repository: self.git.path().to_path_buf(),
            what: "the commit graph".into(),
            source,
        };
        let phase = match folder.trim_matches('/') {
            "" => "reading history".to_owned(),
            folder => format!("reading the history of {folder}/"),
        };
        let folder = format!("{}{}", self.prefix, folder.trim_matches('/')).trim_end_matches('/').to_owned();
        // On packs larger than libgit2's cache of delta bases (16 MiB), git diffs the trees
        // several times faster, in a process of its own while libgit2 reads the commit graph;
        // on smaller ones libgit2 is as fast and spares the processes.
        let asks_git = !self.is_partial_clone() && self.packs_beyond(LIBGIT2_PACK_CACHE);
        let git = asks_git.then(|| diff_tree::start(self.git.path(), head, &folder)).flatten();
        let (order, given) = std::thread::scope(|scope| {
            let (keep, found) = (&keep, &found);
            let given = git.map(|git| scope.spawn(move || git.read(keep, found)));
            let order = self.graph(head);
            (order, given.and_then(|reader| reader.join().ok().flatten()))
        });
        let order = order.map_err(graph)?;
        // git's answer is used when it has one entry for each commit of the walk, and only then.
        let given = given.filter(|given| given.len() == order.len() && order.iter().all(|id| given.contains_key(id)));
        progress.phase(&phase, "commits", order.len() as u64);
        let boundary: HashSet<Oid> = self.shallow_boundary().iter().filter_map(|id| Oid::from_str(id).ok()).collect();
        let handles =
            (0..threads.clamp(1, order.len().div_ceil(CHUNK).max(1))).map(|_| Repository::open(self.git.path()));
        let handles: Vec<Repository> = handles.collect::<Result<_, _>>().map_err(graph)?;
        let next = AtomicUsize::new(0);
        let (order, boundary, folder, keep, found, next) = (&order, &boundary, folder.as_str(), &keep, &found, &next);
        let given = given.as_ref();
        let outcomes: Vec<_> = std::thread::scope(|scope| {
            let workers: Vec<_> = handles
                .into_iter()
                .map(|repo| {
                    scope.spawn(move || {
                        let odb = repo.odb().map_err(|e| (head, e))?;
                        let mut walker = Walker::new(&repo, &odb, folder, boundary);
                        let mut commits = Vec::new();
                        let mut firsts = Vec::new();
                        loop {
                            let start = next.fetch_add(CHUNK, AtomicOrdering::Relaxed);
                            if start >= order.len() {
                                return Ok((commits, firsts));
                            }
                            for (index, &oid) in order.iter().enumerate().skip(start).take(CHUNK) {
                                let known = given.map(|given| given.get(&oid).map_or(&[][..], Vec::as_slice));
                                let (first, seen) = walker.commit(oid, known).map_err(|e| (oid, e))?;
                                firsts.push((index, first));
                                let Some(mut seen) = seen else { continue };
                                seen.commit.changes.retain(|change| keep(&change.path));
                                seen.theirs.retain(|change| keep(&change.path));
                                seen.commit.changes.iter().chain(&seen.theirs).for_each(found);
                                if !seen.commit.changes.is_empty() || !seen.theirs.is_empty() || seen.commit.boundary {
                                    commits.push((index, seen));
                                }
                            }
                            progress.advance((order.len().min(start + CHUNK) - start) as u64);
                        }
                    })
                })
                .collect();
            workers.into_iter().map(std::thread::ScopedJoinHandle::join).collect()
        });
        let mut indexed = Vec::new();
        let mut first_parents: Vec<Option<Oid>> = vec![None; order.len()];
        for outcome in outcomes {
            let stopped = || (head, git2::Error::from_str("a history worker stopped unexpectedly"));
            let (commits, firsts) = outcome.unwrap_or_else(|_| Err(stopped())).map_err(|(oid, source)| {
                GitError::Read { repository: self.git.path().to_path_buf(), what: format!("commit {oid}"), source }
            })?;
            indexed.extend(commits);
            for (index, first) in firsts {
                first_parents[index] = first;
            }
        }
        indexed.sort_by_key(|(index, _)| *index);
        let mainline = mainline(order, &first_parents, head);
        let commits = indexed.into_iter().map(|(index, seen)| seen.settle(mainline.contains(&index)));
        Ok(commits.filter(|commit| !commit.changes.is_empty() || commit.boundary).collect())
    }
}

impl Repo {
    /// Every commit reachable from `head`, oldest first (topological, then by time).
    fn graph(&self, head: Oid) -> Result<Vec<Oid>, git2::Error> {
        let mut walk = self.git.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
        walk.push(head)?;
        walk.collect()
    }

    /// The commits `commit` descends from, itself excluded (full ids).
    pub fn ancestors(&self, commit: &str) -> Result<HashSet<String>, GitError> {
        let error = |source| GitError::Read {
            repository: self.git.path().to_path_buf(),
            what: format!("the ancestors of commit {commit}"),
            source,
        };
        let oid = Oid::from_str(commit).map_err(error)?;
        let mut walk = self.git.revwalk().map_err(error)?;
        walk.push(oid).map_err(error)?;
        let mut ancestors: HashSet<String> = HashSet::new();
        for id in walk {
            let id = id.map_err(error)?;
            if id != oid {
                ancestors.insert(id.to_string());
            }
        }
        Ok(ancestors)
    }
}

/// libgit2's cache of delta bases per pack (`GIT_PACK_CACHE_MEMORY_LIMIT`).
const LIBGIT2_PACK_CACHE: u64 = 16 << 20;

/// The indices (in `order`) of HEAD's first-parent chain, from what the walk read: no commit is
/// read twice for it.
fn mainline(order: &[Oid], first_parents: &[Option<Oid>], head: Oid) -> HashSet<usize> {
    let index: HashMap<Oid, usize> = order.iter().enumerate().map(|(i, &oid)| (oid, i)).collect();
    let mut chain = HashSet::new();
    let mut at = index.get(&head).copied();
    while let Some(i) = at {
        if !chain.insert(i) {
            break;
        }
        at = first_parents[i].and_then(|parent| index.get(&parent).copied());
    }
    chain
}

/// A commit's changes before it is known whether it is on the mainline.
struct Seen {
    /// For a merge, the files that differ from every parent; otherwise all its changes.
    commit: CommitChanges,
    /// For a merge, the files it took unchanged from a parent other than the first: on the
    /// mainline they are part of its net effect.
    theirs: Vec<FileChange>,
}

impl Seen {
    fn settle(self, mainline: bool) -> CommitChanges {
        let Seen { mut commit, theirs } = self;
        commit.mainline = mainline;
        if mainline && !theirs.is_empty() {
            commit.changes.extend(theirs);
            commit.changes.sort_by(|a, b| a.path.cmp(&b.path));
        }
        commit
    }
}

/// One thread's view of the walk: its repository handle, trees and folder ids it has read.
struct Walker<'r> {
    repo: &'r Repository,
    /// The walked folder inside the work tree (`qms/docs`), `""` for the whole tree.
    folder: &'r str,
    boundary: &'r HashSet<Oid>,
    trees: TreeCache<'r>,
    /// The folder's tree id per commit: a child usually compares with a parent just read.
    folders: HashMap<Oid, Option<Oid>>,
}

impl<'r> Walker<'r> {
    fn new(repo: &'r Repository, odb: &'r Odb<'r>, folder: &'r str, boundary: &'r HashSet<Oid>) -> Self {
        Walker { repo, folder, boundary, trees: TreeCache::new(odb), folders: HashMap::new() }
    }

    /// The first parent of `commit`, and what it changed under the folder (`None` if nothing):
    /// `known` when git said it (against the first parent), else from the trees.
    fn commit(&mut self, oid: Oid, known: Option<&[FileChange]>) -> Result<(Option<Oid>, Option<Seen>), git2::Error> {
        let commit = self.repo.find_commit(oid)?;
        let parents: Vec<Oid> = commit.parent_ids().collect();
        let first = parents.first().copied();
        let boundary = self.boundary.contains(&oid);
        let mut changes = match known.filter(|_| !boundary) {
            Some([]) => return Ok((first, None)),
            Some(known) => known.to_vec(),
            None => {
                let new = self.folder_of(oid, Some(&commit))?;
                let old = first.map(|parent| self.folder_of(parent, None)).transpose()?.flatten();
                if old == new && !boundary {
                    return Ok((first, None));
                }
                let mut changes = Vec::new();
                self.trees.diff(old, new, "", &mut changes)?;
                changes
            }
        };
        let mut theirs = Vec::new();
        if parents.len() > 1 {
            let mut others = Vec::new();
            for &parent in &parents[1..] {
                others.push(self.folder_of(parent, None)?.map(|id| self.repo.find_tree(id)).transpose()?);
            }
            let (taken, own): (Vec<FileChange>, Vec<FileChange>) = changes
                .into_iter()
                .partition(|change| others.iter().any(|tree| file_at(tree.as_ref(), &change.path) == change.new));
            (changes, theirs) = (own, taken);
        }
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        let merge = parents.len() > 1;
        let commit = CommitChanges { commit: commit_data(&commit), boundary, mainline: false, merge, changes };
        Ok((first, Some(Seen { commit, theirs })))
    }

    /// The id of the folder's tree in commit `oid`.
    fn folder_of(&mut self, oid: Oid, commit: Option<&git2::Commit<'_>>) -> Result<Option<Oid>, git2::Error> {
        if let Some(&tree) = self.folders.get(&oid) {
            return Ok(tree);
        }
        let tree = match commit {
            Some(commit) => commit.tree()?,
            None => self.repo.find_commit(oid)?.tree()?,
        };
        let id = if self.folder.is_empty() {
            Some(tree.id())
        } else {
            let entry = tree.get_path(Path::new(self.folder)).ok();
            entry.filter(|e| e.kind() == Some(ObjectType::Tree)).map(|e| e.id())
        };
        self.folders.insert(oid, id);
        Ok(id)
    }
}

/// The blob at `path` in `tree`, if it is a regular file.
fn file_at(tree: Option<&Tree<'_>>, path: &str) -> Option<BlobId> {
    let entry = tree?.get_path(Path::new(path)).ok()?;
    is_file(entry.filemode()).then(|| BlobId(entry.id()))
}

fn commit_data(commit: &git2::Commit<'_>) -> CommitData {
    let signature = |s: git2::Signature<'_>| Signature {
        name: String::from_utf8_lossy(s.name_bytes()).into_owned(),
        email: String::from_utf8_lossy(s.email_bytes()).into_owned(),
        time: s.when().seconds(),
        offset_minutes: s.when().offset_minutes(),
    };
    CommitData {
        id: commit.id().to_string(),
        author: signature(commit.author()),
        committer: signature(commit.committer()),
        summary: commit.summary_bytes().map(|s| String::from_utf8_lossy(s).into_owned()).unwrap_or_default(),
        message: String::from_utf8_lossy(commit.message_bytes()).trim_end().to_owned(),
    }
}
