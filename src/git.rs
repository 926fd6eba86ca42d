//! The only user of git2: the repository that holds a QMS root, its HEAD, tags, commit trees and
//! blobs, the per-commit file changes under one folder, and the uncommitted working tree.
//! Everything else sees plain data; paths are `/`-separated and relative to the QMS root.

use git2::{Delta, DiffOptions, ErrorCode, FileMode, ObjectType, Oid, Repository, Sort, Tree};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

/// Why the repository could not be read.
#[derive(Debug)]
pub enum GitError {
    /// A repository was found but could not be opened.
    Open { path: PathBuf, source: git2::Error },
    /// The repository has no work tree (bare), or the QMS root is not inside it.
    OutsideWorkTree { root: PathBuf, repository: PathBuf },
    /// An object or reference could not be read.
    Read { repository: PathBuf, what: String, source: git2::Error },
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::Open { path, source } => write!(
                f,
                "cannot open the git repository at {}: {}; check that it is a valid repository you own (see `git config safe.directory`)",
                path.display(),
                source.message()
            ),
            GitError::OutsideWorkTree { root, repository } => write!(
                f,
                "the QMS root {} is not inside the work tree of the repository {}; run qms on a checkout, not a bare repository",
                root.display(),
                repository.display()
            ),
            GitError::Read { repository, what, source } => write!(
                f,
                "cannot read {what} from the git repository {}: {}; run `git fsck` there, or fetch the missing objects",
                repository.display(),
                source.message()
            ),
        }
    }
}

impl std::error::Error for GitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GitError::Open { source, .. } | GitError::Read { source, .. } => Some(source),
            GitError::OutsideWorkTree { .. } => None,
        }
    }
}

/// The id of a file's content; opaque outside this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlobId(Oid);

/// An author or committer with the time and UTC offset they recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub name: String,
    pub email: String,
    /// Seconds since the Unix epoch.
    pub time: i64,
    pub offset_minutes: i32,
}

/// What a commit says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitData {
    pub id: String,
    pub author: Signature,
    pub committer: Signature,
    pub summary: String,
    pub message: String,
}

/// One file under the walked folder that a commit changed. A side is `None` where the path held
/// no regular file (absent, a symlink or a submodule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Relative to the walked folder.
    pub path: String,
    pub old: Option<BlobId>,
    pub new: Option<BlobId>,
}

/// A commit and the files it changed under the walked folder.
#[derive(Debug, Clone)]
pub struct CommitChanges {
    pub commit: CommitData,
    /// A shallow clone's oldest commit: its parents are missing, so `changes` lists every file
    /// it holds (as added), not what it changed.
    pub boundary: bool,
    pub changes: Vec<FileChange>,
}

/// What [`Repo::changes`] read: the commits in order, and what `visit` made of each blob (in
/// no particular order).
#[derive(Debug)]
pub struct Walk<T> {
    pub commits: Vec<CommitChanges>,
    pub blobs: Vec<(BlobId, T)>,
}

/// A file under the walked folder whose working-tree content differs from HEAD's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorktreeChange {
    /// Relative to the walked folder.
    pub path: String,
    /// The content in HEAD, if HEAD has a regular file there.
    pub head: Option<BlobId>,
    /// The working-tree bytes; `None` when the file is gone (or is now a symlink).
    pub now: Option<Vec<u8>>,
}

/// A tag, peeled to the commit it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub commit: String,
    /// Commit time in seconds since the Unix epoch.
    pub time: i64,
}

/// What HEAD points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// A new repository: no commit yet.
    Unborn,
    /// A commit, on `branch` or detached (`None`).
    Commit { id: String, branch: Option<String> },
}

/// How a file is stored in a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Symlink,
}

/// A file listed from a commit's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// Relative to the QMS root.
    pub path: String,
    pub kind: FileKind,
    pub size: u64,
}

/// The repository enclosing a QMS root.
pub struct Repo {
    repo: Repository,
    /// The QMS root inside the work tree: `""` or `"qms/"`.
    prefix: String,
}

impl fmt::Debug for Repo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Repo").field("path", &self.repo.path()).field("prefix", &self.prefix).finish()
    }
}

impl Repo {
    /// The repository at or above `root`; `Ok(None)` when there is none.
    pub fn discover(root: &Path) -> Result<Option<Repo>, GitError> {
        // libgit2 re-hashes every object it reads unless told not to; git does not (that is
        // `git fsck`'s job), and it was most of the time spent reading history.
        static FAST_READS: std::sync::Once = std::sync::Once::new();
        FAST_READS.call_once(|| git2::opts::strict_hash_verification(false));
        let repo = match Repository::discover(root) {
            Ok(repo) => repo,
            Err(error) if error.code() == ErrorCode::NotFound => return Ok(None),
            Err(source) => return Err(GitError::Open { path: root.to_path_buf(), source }),
        };
        let outside = || GitError::OutsideWorkTree { root: root.to_path_buf(), repository: repo.path().to_path_buf() };
        let workdir = repo.workdir().ok_or_else(outside)?;
        let canonical = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let relative =
            canonical(root).strip_prefix(canonical(workdir)).map(Path::to_path_buf).map_err(|_| outside())?;
        let prefix = slash_path(&relative).map(|p| if p.is_empty() { p } else { p + "/" }).ok_or_else(outside)?;
        Ok(Some(Repo { repo, prefix }))
    }

    /// The QMS root's path inside the work tree: `""` or `"qms/"`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    fn read_error(&self, what: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError + '_ {
        let what = what.into();
        move |source| GitError::Read { repository: self.repo.path().to_path_buf(), what, source }
    }

    pub fn head(&self) -> Result<Head, GitError> {
        let reference = match self.repo.head() {
            Ok(reference) => reference,
            Err(error) if matches!(error.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(Head::Unborn);
            }
            Err(source) => return Err(self.read_error("HEAD")(source)),
        };
        let commit = reference.peel_to_commit().map_err(self.read_error("the commit HEAD points to"))?;
        let branch = reference.is_branch().then(|| String::from_utf8_lossy(reference.shorthand_bytes()).into_owned());
        Ok(Head::Commit { id: commit.id().to_string(), branch })
    }

    fn head_oid(&self) -> Result<Option<Oid>, GitError> {
        Ok(match self.head()? {
            Head::Unborn => None,
            Head::Commit { id, .. } => Oid::from_str(&id).ok(),
        })
    }

    /// The commits a shallow clone was cut at (`.git/shallow`), as full ids.
    pub fn shallow_boundary(&self) -> Vec<String> {
        let text = std::fs::read_to_string(self.repo.commondir().join("shallow")).unwrap_or_default();
        text.split_whitespace().filter(|id| Oid::from_str(id).is_ok()).map(str::to_owned).collect()
    }

    /// The commit `revision` (a commit id, tag, branch, `HEAD~2`…) names.
    pub fn resolve(&self, revision: &str) -> Result<String, GitError> {
        let object = self.repo.revparse_single(revision).map_err(self.read_error(format!("revision `{revision}`")))?;
        let commit = object.peel_to_commit().map_err(self.read_error(format!("revision `{revision}`")))?;
        Ok(commit.id().to_string())
    }

    /// The commits reachable from HEAD but not from `base` (`base..HEAD`): what a pull request
    /// adds.
    pub fn commits_since(&self, base: &str) -> Result<std::collections::BTreeSet<String>, GitError> {
        self.commits_between(base, "HEAD")
    }

    /// The commits reachable from `tip` but not from `base` (`base..tip`).
    pub fn commits_between(&self, base: &str, tip: &str) -> Result<std::collections::BTreeSet<String>, GitError> {
        let tip = self
            .repo
            .revparse_single(tip)
            .and_then(|o| o.peel_to_commit())
            .map_err(self.read_error(format!("revision `{tip}`")))?;
        let base = self
            .repo
            .revparse_single(base)
            .and_then(|o| o.peel_to_commit())
            .map_err(self.read_error(format!("revision `{base}`")))?;
        let mut walk = self.repo.revwalk().map_err(self.read_error("the commits"))?;
        walk.push(tip.id()).map_err(self.read_error("the commits"))?;
        walk.hide(base.id()).map_err(self.read_error("the base commit"))?;
        walk.map(|oid| oid.map(|oid| oid.to_string())).collect::<Result<_, _>>().map_err(self.read_error("the commits"))
    }

    /// Tags whose name matches `glob` (`v*`), annotated or not, peeled to commits; tags of
    /// anything else are skipped. Sorted by commit time, then name.
    pub fn tags(&self, glob: &str) -> Result<Vec<Tag>, GitError> {
        let names = self.repo.tag_names(Some(glob)).map_err(self.read_error("the tags"))?;
        let mut tags = Vec::new();
        for name in names.iter().filter_map(|name| name.ok().flatten()) {
            let reference = self.repo.find_reference(&format!("refs/tags/{name}"));
            if let Ok(commit) = reference.and_then(|r| r.peel_to_commit()) {
                tags.push(Tag {
                    name: name.to_owned(),
                    commit: commit.id().to_string(),
                    time: commit.time().seconds(),
                });
            }
        }
        tags.sort_by(|a, b| (a.time, &a.name).cmp(&(b.time, &b.name)));
        Ok(tags)
    }

    fn commit_tree(&self, commit: &str) -> Result<Tree<'_>, GitError> {
        let error = self.read_error(format!("commit {commit}"));
        let oid = Oid::from_str(commit).map_err(error)?;
        let error = self.read_error(format!("commit {commit}"));
        self.repo.find_commit(oid).and_then(|c| c.tree()).map_err(error)
    }

    /// The bytes of the regular file at `path` (relative to the QMS root) in `commit`;
    /// `None` if there is none.
    pub fn read_blob(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let tree = self.commit_tree(commit)?;
        let Some(entry) = tree.get_path(Path::new(&format!("{}{path}", self.prefix))).ok() else { return Ok(None) };
        if !is_file(entry.filemode()) {
            return Ok(None);
        }
        let blob = self.repo.find_blob(entry.id()).map_err(self.read_error(format!("{path} at {commit}")))?;
        Ok(Some(blob.content().to_vec()))
    }

    /// Every file under `folder` (relative to the QMS root) in `commit`, sorted by path.
    pub fn list_files(&self, commit: &str, folder: &str) -> Result<Vec<TreeFile>, GitError> {
        let tree = self.commit_tree(commit)?;
        let Some(folder_tree) = self.subtree(&tree, folder.trim_matches('/')) else { return Ok(Vec::new()) };
        let base = format!("{}/", folder.trim_matches('/')).trim_start_matches('/').to_owned();
        let odb = self.repo.odb().map_err(self.read_error("the object database"))?;
        let mut files = Vec::new();
        let mut failed = None;
        let _ = folder_tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            let kind = match entry.filemode() {
                0o100_644 | 0o100_755 => FileKind::File,
                0o120_000 => FileKind::Symlink,
                _ => return git2::TreeWalkResult::Ok,
            };
            let path = format!("{base}{dir}{}", String::from_utf8_lossy(entry.name_bytes()));
            match odb.read_header(entry.id()) {
                Ok((size, _)) => files.push(TreeFile { path, kind, size: size as u64 }),
                Err(error) => {
                    failed = Some((path, error));
                    return git2::TreeWalkResult::Abort;
                }
            }
            git2::TreeWalkResult::Ok
        });
        if let Some((path, source)) = failed {
            return Err(self.read_error(format!("{path} at {commit}"))(source));
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// The tree at `folder` (relative to the QMS root, `""` for the root) of `tree`.
    fn subtree<'r>(&'r self, tree: &Tree<'r>, folder: &str) -> Option<Tree<'r>> {
        let path = format!("{}{folder}", self.prefix);
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            return Some(tree.clone());
        }
        let entry = tree.get_path(Path::new(path)).ok()?;
        (entry.kind() == Some(ObjectType::Tree)).then(|| self.repo.find_tree(entry.id()).ok()).flatten()
    }

    /// Every commit reachable from HEAD, oldest first (topological, then by time), that changed
    /// a file under `folder` (relative to the QMS root) for which `keep` holds, with those
    /// changes; shallow boundary commits always. Each commit is compared with its first parent;
    /// for a merge, only files that differ from every parent are its own changes (the others
    /// were made, and are listed, on the merged branch).
    ///
    /// The commits are diffed on `threads` threads, each with its own repository handle, and
    /// `visit` sees each blob the kept changes refer to (its path and bytes) once, on the thread
    /// that found it: reading and parsing blobs overlaps the walk.
    pub fn changes<T: Send>(
        &self,
        folder: &str,
        threads: usize,
        keep: impl Fn(&str) -> bool + Sync,
        visit: impl Fn(&str, Result<Vec<u8>, GitError>) -> T + Sync,
    ) -> Result<Walk<T>, GitError> {
        const CHUNK: usize = 64;
        let Some(head) = self.head_oid()? else { return Ok(Walk { commits: Vec::new(), blobs: Vec::new() }) };
        let graph = |source| GitError::Read {
            repository: self.repo.path().to_path_buf(),
            what: "the commit graph".into(),
            source,
        };
        let mut walk = self.repo.revwalk().map_err(graph)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE).map_err(graph)?;
        walk.push(head).map_err(graph)?;
        let order: Vec<Oid> = walk.collect::<Result<_, _>>().map_err(graph)?;
        let boundary: HashSet<Oid> = self.shallow_boundary().iter().filter_map(|id| Oid::from_str(id).ok()).collect();
        let folder = format!("{}{}", self.prefix, folder.trim_matches('/')).trim_end_matches('/').to_owned();
        let handles =
            (0..threads.clamp(1, order.len().div_ceil(CHUNK).max(1))).map(|_| Repository::open(self.repo.path()));
        let handles: Vec<Repository> = handles.collect::<Result<_, _>>().map_err(graph)?;
        let (next, claimed) = (AtomicUsize::new(0), Mutex::new(HashSet::new()));
        let (order, boundary, folder, keep, visit) = (&order, &boundary, folder.as_str(), &keep, &visit);
        let (next, claimed) = (&next, &claimed);
        let outcomes: Vec<_> = std::thread::scope(|scope| {
            let workers: Vec<_> = handles
                .into_iter()
                .map(|repo| {
                    scope.spawn(move || {
                        let mut walker = Walker::new(&repo, folder, boundary);
                        let (mut commits, mut blobs) = (Vec::new(), Vec::new());
                        loop {
                            let start = next.fetch_add(CHUNK, AtomicOrdering::Relaxed);
                            if start >= order.len() {
                                return Ok((commits, blobs));
                            }
                            for (index, &oid) in order.iter().enumerate().skip(start).take(CHUNK) {
                                let Some(mut commit) = walker.commit(oid).map_err(|e| (oid, e))? else { continue };
                                commit.changes.retain(|change| keep(&change.path));
                                if commit.changes.is_empty() && !commit.boundary {
                                    continue;
                                }
                                for change in &commit.changes {
                                    for blob in [change.old, change.new].into_iter().flatten() {
                                        if claimed.lock().is_ok_and(|mut seen| seen.insert(blob)) {
                                            let bytes = read_blob(&repo, blob);
                                            blobs.push((blob, visit(&change.path, bytes)));
                                        }
                                    }
                                }
                                commits.push((index, commit));
                            }
                        }
                    })
                })
                .collect();
            workers.into_iter().map(std::thread::ScopedJoinHandle::join).collect()
        });
        let mut walked = Walk { commits: Vec::new(), blobs: Vec::new() };
        let mut indexed = Vec::new();
        for outcome in outcomes {
            let stopped = || (head, git2::Error::from_str("a history worker stopped unexpectedly"));
            let (commits, blobs) = outcome.unwrap_or_else(|_| Err(stopped())).map_err(|(oid, source)| {
                GitError::Read { repository: self.repo.path().to_path_buf(), what: format!("commit {oid}"), source }
            })?;
            indexed.extend(commits);
            walked.blobs.extend(blobs);
        }
        indexed.sort_by_key(|(index, _)| *index);
        walked.commits = indexed.into_iter().map(|(_, commit)| commit).collect();
        Ok(walked)
    }

    /// Files under `folder` (relative to the QMS root) whose working-tree content differs from
    /// HEAD's, untracked and ignored files included, sorted by path. Before the first commit,
    /// every file differs.
    pub fn uncommitted(&self, folder: &str) -> Result<Vec<WorktreeChange>, GitError> {
        let Some(workdir) = self.repo.workdir() else { return Ok(Vec::new()) };
        let head_tree = match self.head_oid()? {
            Some(oid) => Some(self.commit_tree(&oid.to_string())?),
            None => None,
        };
        let base = format!("{}{}", self.prefix, folder.trim_matches('/')).trim_end_matches('/').to_owned();
        let mut options = DiffOptions::new();
        if !base.is_empty() {
            options.pathspec(&base).disable_pathspec_match(true);
        }
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(true)
            .recurse_ignored_dirs(true)
            .include_typechange(true)
            .skip_binary_check(true)
            .ignore_submodules(true);
        let error = self.read_error("the working tree's changes");
        let diff = self.repo.diff_tree_to_workdir_with_index(head_tree.as_ref(), Some(&mut options)).map_err(error)?;
        let mut out = Vec::new();
        for delta in diff.deltas() {
            let file = if delta.status() == Delta::Deleted { delta.old_file() } else { delta.new_file() };
            let Some(full) = file.path_bytes().map(|p| String::from_utf8_lossy(p).into_owned()) else { continue };
            let path = if base.is_empty() { Some(full.as_str()) } else { full.strip_prefix(&base) };
            let Some(path) = path.map(|p| p.trim_start_matches('/')) else { continue };
            let head = is_file(delta.old_file().mode().into()).then(|| BlobId(delta.old_file().id()));
            let on_disk = workdir.join(&full);
            let regular = on_disk.symlink_metadata().is_ok_and(|m| m.file_type().is_file());
            let now = if regular { std::fs::read(&on_disk).ok() } else { None };
            // A staged change undone in the working tree leaves the file as HEAD has it.
            let same = match (&now, head) {
                (Some(bytes), Some(BlobId(oid))) => Oid::hash_object(ObjectType::Blob, bytes).is_ok_and(|h| h == oid),
                (None, None) => true,
                _ => false,
            };
            if !same {
                out.push(WorktreeChange { path: path.to_owned(), head, now });
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The bytes of a blob a walk or [`Repo::uncommitted`] named.
    pub fn read_blob_id(&self, blob: BlobId) -> Result<Vec<u8>, GitError> {
        read_blob(&self.repo, blob)
    }
}

fn read_blob(repo: &Repository, blob: BlobId) -> Result<Vec<u8>, GitError> {
    let found = repo.find_blob(blob.0).map(|b| b.content().to_vec());
    found.map_err(|source| GitError::Read {
        repository: repo.path().to_path_buf(),
        what: format!("blob {}", blob.0),
        source,
    })
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
    fn new(repo: &'r Repository, folder: &'r str, boundary: &'r HashSet<Oid>) -> Self {
        let trees = TreeCache { repo, latest: HashMap::new() };
        Walker { repo, folder, boundary, trees, folders: HashMap::new() }
    }

    /// What `commit` changed under the folder; `None` if nothing.
    fn commit(&mut self, oid: Oid) -> Result<Option<CommitChanges>, git2::Error> {
        let commit = self.repo.find_commit(oid)?;
        let new = self.folder_of(oid, Some(&commit))?;
        let parents: Vec<Oid> = commit.parent_ids().collect();
        let old = parents.first().map(|&parent| self.folder_of(parent, None)).transpose()?.flatten();
        let boundary = self.boundary.contains(&oid);
        if old == new && !boundary {
            return Ok(None);
        }
        let mut changes = Vec::new();
        self.trees.diff(old, new, "", &mut changes)?;
        if parents.len() > 1 {
            let mut others = Vec::new();
            for &parent in &parents[1..] {
                others.push(self.folder_of(parent, None)?.map(|id| self.trees.get(id, "")).transpose()?);
            }
            changes.retain(|change| !others.iter().any(|tree| file_at(tree.as_ref(), &change.path) == change.new));
        }
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Some(CommitChanges { commit: commit_data(&commit), boundary, changes }))
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

/// The trees of the last commit read, by folder: a commit's old trees are, on a linear
/// history, the new trees of the commit just before, and libgit2 does not cache trees of more
/// than 4 KiB. One tree per folder keeps memory flat however long the history.
struct TreeCache<'r> {
    repo: &'r Repository,
    latest: HashMap<String, Tree<'r>>,
}

impl<'r> TreeCache<'r> {
    fn get(&self, id: Oid, dir: &str) -> Result<Tree<'r>, git2::Error> {
        match self.latest.get(dir) {
            Some(tree) if tree.id() == id => Ok(tree.clone()),
            _ => self.repo.find_tree(id),
        }
    }

    /// The files that differ between trees `old` and `new` (either may be absent), with paths
    /// under `dir`. Subtrees with the same id are skipped unread, which is what makes one diff
    /// per commit cheap.
    fn diff(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        dir: &str,
        out: &mut Vec<FileChange>,
    ) -> Result<(), git2::Error> {
        let old = old.map(|id| self.get(id, dir)).transpose()?;
        let new = new.map(|id| self.get(id, dir)).transpose()?;
        let entries = |tree: &Option<Tree<'r>>| tree.as_ref().map_or(0, Tree::len);
        let (old_len, new_len) = (entries(&old), entries(&new));
        let (mut i, mut j) = (0, 0);
        while i < old_len || j < new_len {
            let a = old.as_ref().and_then(|t| t.get(i));
            let b = new.as_ref().and_then(|t| t.get(j));
            let order = match (&a, &b) {
                (Some(a), Some(b)) => tree_order(a, b),
                (Some(_), None) => Ordering::Less,
                (None, _) => Ordering::Greater,
            };
            let (a, b) = match order {
                Ordering::Less => (a, None),
                Ordering::Greater => (None, b),
                Ordering::Equal => (a, b),
            };
            i += usize::from(a.is_some());
            j += usize::from(b.is_some());
            if let (Some(x), Some(y)) = (&a, &b) {
                if x.id() == y.id() && x.filemode() == y.filemode() {
                    continue;
                }
            }
            let Some(name) = b.as_ref().or(a.as_ref()).map(|e| String::from_utf8_lossy(e.name_bytes()).into_owned())
            else {
                break;
            };
            let path = format!("{dir}{name}");
            let tree = |e: &Option<git2::TreeEntry<'_>>| {
                e.as_ref().filter(|e| e.filemode() == 0o040_000).map(git2::TreeEntry::id)
            };
            let (old_tree, new_tree) = (tree(&a), tree(&b));
            if old_tree.is_some() || new_tree.is_some() {
                self.diff(old_tree, new_tree, &format!("{path}/"), out)?;
            }
            let file =
                |e: &Option<git2::TreeEntry<'_>>| e.as_ref().filter(|e| is_file(e.filemode())).map(|e| BlobId(e.id()));
            let (old_file, new_file) = (file(&a), file(&b));
            if (old_file.is_some() || new_file.is_some()) && old_file != new_file {
                out.push(FileChange { path, old: old_file, new: new_file });
            }
        }
        match new {
            Some(tree) => self.latest.insert(dir.to_owned(), tree),
            None => self.latest.remove(dir),
        };
        Ok(())
    }
}

/// Git's order of tree entries: by name, a folder's name read with a `/` after it.
fn tree_order(a: &git2::TreeEntry<'_>, b: &git2::TreeEntry<'_>) -> Ordering {
    let (x, y) = (a.name_bytes(), b.name_bytes());
    let common = x.len().min(y.len());
    let next = |name: &[u8], entry: &git2::TreeEntry<'_>| {
        name.get(common).copied().unwrap_or(if entry.filemode() == 0o040_000 { b'/' } else { 0 })
    };
    x[..common].cmp(&y[..common]).then_with(|| next(x, a).cmp(&next(y, b)))
}

/// The blob at `path` in `tree`, if it is a regular file.
fn file_at(tree: Option<&Tree<'_>>, path: &str) -> Option<BlobId> {
    let entry = tree?.get_path(Path::new(path)).ok()?;
    is_file(entry.filemode()).then(|| BlobId(entry.id()))
}

fn is_file(mode: i32) -> bool {
    mode == i32::from(FileMode::Blob) || mode == i32::from(FileMode::BlobExecutable)
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

/// `a/b` for a relative path of plain components; `None` if it has `..`, a root or a prefix.
fn slash_path(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}
