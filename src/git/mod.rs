//! The only user of git2 (and of the `git` program, which reads blobs through a process kept
//! between reads, and diffs the commits of a large history, faster when installed):
//! the repository that holds a QMS root, its HEAD, tags, commit trees and blobs, the per-commit
//! file changes under one folder, and the uncommitted working tree. Everything else sees plain
//! data; paths are `/`-separated and relative to the QMS root.

mod batch;
mod cat_file;
pub mod commit;
mod diff_tree;
mod replies;
mod tag_targets;
mod tags;
mod tree;
mod walk;
mod worktree;

pub use batch::BlobPipe;
pub use tag_targets::TagTarget;

use git2::{ErrorCode, FileMode, ObjectType, Oid, Repository, Tree};
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// Ends the `git cat-file` processes kept for later reads: called once the command's work is
/// done, so that none outlives `qms`.
pub fn stop_idle_readers() {
    cat_file::IDLE.stop_all();
}

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

impl BlobId {
    /// The id git gives a file holding `bytes` (in a repository of SHA-1 ids); `None` if it
    /// cannot be computed.
    pub fn of(bytes: &[u8]) -> Option<BlobId> {
        Oid::hash_object(ObjectType::Blob, bytes).ok().map(BlobId)
    }
}

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
    /// On HEAD's first-parent chain: what was released, judged by the history rules.
    pub mainline: bool,
    /// A merge commit (more than one parent).
    pub merge: bool,
    pub changes: Vec<FileChange>,
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
    /// Its content, for [`Repo::read_blobs`].
    pub blob: BlobId,
}

/// The repository enclosing a QMS root.
pub struct Repo {
    git: Repository,
    /// The QMS root inside the work tree: `""` or `"qms/"`.
    prefix: String,
}

impl fmt::Debug for Repo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Repo").field("path", &self.git.path()).field("prefix", &self.prefix).finish()
    }
}

impl Repo {
    /// The repository at or above `root`; `Ok(None)` when there is none.
    pub fn discover(root: &Path) -> Result<Option<Repo>, GitError> {
        // libgit2 re-hashes every object it reads unless told not to; git does not (that is
        // `git fsck`'s job), and it was most of the time spent reading history. Its object
        // cache (up to 256 MiB a handle) is of no use to a walk that reads each object once:
        // without it, a 10,000-document history took 160 MB less.
        static FAST_READS: std::sync::Once = std::sync::Once::new();
        FAST_READS.call_once(|| {
            git2::opts::strict_hash_verification(false);
            git2::opts::enable_caching(false);
        });
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
        Ok(Some(Repo { git: repo, prefix }))
    }

    /// The QMS root's path inside the work tree: `""` or `"qms/"`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn is_shallow(&self) -> bool {
        self.git.is_shallow()
    }

    fn read_error(&self, what: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError + '_ {
        let what = what.into();
        move |source| GitError::Read { repository: self.git.path().to_path_buf(), what, source }
    }

    pub fn head(&self) -> Result<Head, GitError> {
        let reference = match self.git.head() {
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
        let text = std::fs::read_to_string(self.git.commondir().join("shallow")).unwrap_or_default();
        text.split_whitespace().filter(|id| Oid::from_str(id).is_ok()).map(str::to_owned).collect()
    }

    /// The commit `revision` (a commit id, tag, branch, `HEAD~2`…) names.
    pub fn resolve(&self, revision: &str) -> Result<String, GitError> {
        let object = self.git.revparse_single(revision).map_err(self.read_error(format!("revision `{revision}`")))?;
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
            .git
            .revparse_single(tip)
            .and_then(|o| o.peel_to_commit())
            .map_err(self.read_error(format!("revision `{tip}`")))?;
        let base = self
            .git
            .revparse_single(base)
            .and_then(|o| o.peel_to_commit())
            .map_err(self.read_error(format!("revision `{base}`")))?;
        let mut walk = self.git.revwalk().map_err(self.read_error("the commits"))?;
        walk.push(tip.id()).map_err(self.read_error("the commits"))?;
        walk.hide(base.id()).map_err(self.read_error("the base commit"))?;
        walk.map(|oid| oid.map(|oid| oid.to_string())).collect::<Result<_, _>>().map_err(self.read_error("the commits"))
    }

    fn commit_tree(&self, commit: &str) -> Result<Tree<'_>, GitError> {
        let error = self.read_error(format!("commit {commit}"));
        let oid = Oid::from_str(commit).map_err(error)?;
        let error = self.read_error(format!("commit {commit}"));
        self.git.find_commit(oid).and_then(|c| c.tree()).map_err(error)
    }

    /// The bytes of the regular file at `path` (relative to the QMS root) in `commit`;
    /// `None` if there is none.
    pub fn read_blob(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let tree = self.commit_tree(commit)?;
        let Some(entry) = tree.get_path(Path::new(&format!("{}{path}", self.prefix))).ok() else { return Ok(None) };
        if !is_file(entry.filemode()) {
            return Ok(None);
        }
        let blob = self.git.find_blob(entry.id()).map_err(self.read_error(format!("{path} at {commit}")))?;
        Ok(Some(blob.content().to_vec()))
    }

    /// Every file under `folder` (relative to the QMS root) in `commit`, sorted by path.
    pub fn list_files(&self, commit: &str, folder: &str) -> Result<Vec<TreeFile>, GitError> {
        let tree = self.commit_tree(commit)?;
        let Some(folder_tree) = self.subtree(&tree, folder.trim_matches('/')) else { return Ok(Vec::new()) };
        let base = format!("{}/", folder.trim_matches('/')).trim_start_matches('/').to_owned();
        let odb = self.git.odb().map_err(self.read_error("the object database"))?;
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
                Ok((size, _)) => files.push(TreeFile { path, kind, size: size as u64, blob: BlobId(entry.id()) }),
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
        (entry.kind() == Some(ObjectType::Tree)).then(|| self.git.find_tree(entry.id()).ok()).flatten()
    }

    /// The bytes of a blob a walk or [`Repo::uncommitted`] named.
    pub fn read_blob_id(&self, blob: BlobId) -> Result<Vec<u8>, GitError> {
        read_blob(&self.git, blob)
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

fn is_file(mode: i32) -> bool {
    mode == i32::from(FileMode::Blob) || mode == i32::from(FileMode::BlobExecutable)
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

/// The `git` program reading the repository at `git_dir` (history and blobs): a partial clone
/// must not fetch, and the object directory is the repository's own, whatever the environment
/// says. Its standard error is discarded: a failure is seen in what it does not answer.
fn git_reader(git_dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    command
        .arg("--git-dir")
        .arg(git_dir)
        .env("GIT_NO_LAZY_FETCH", "1")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
        .stderr(std::process::Stdio::null());
    command
}
