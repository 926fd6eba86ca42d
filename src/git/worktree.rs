//! The working tree against HEAD: the uncommitted changes under one folder.

use super::{BlobId, GitError, Repo, WorktreeChange, is_file};
use git2::{Delta, DiffOptions, ObjectType, Oid};

impl Repo {
    /// Files under `folder` (relative to the QMS root) whose working-tree content differs from
    /// HEAD's, untracked and ignored files included, sorted by path. Before the first commit,
    /// every file differs.
    pub fn uncommitted(&self, folder: &str) -> Result<Vec<WorktreeChange>, GitError> {
        let Some(workdir) = self.git.workdir() else { return Ok(Vec::new()) };
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
        let diff = self.git.diff_tree_to_workdir_with_index(head_tree.as_ref(), Some(&mut options)).map_err(error)?;
        let mut out = Vec::new();
        for delta in diff.deltas() {
            let file = if delta.status() == Delta::Deleted { delta.old_file() } else { delta.new_file() };
            let Some(full) = file.path_bytes().map(|p| String::from_utf8_lossy(p).into_owned()) else { continue };
            let path = if base.is_empty() { Some(full.as_str()) } else { full.strip_prefix(&base) };
            let Some(path) = path.map(|p| p.trim_start_matches('/')) else { continue };
            let head = is_file(delta.old_file().mode().into()).then(|| BlobId(delta.old_file().id()));
            // A symbolic link anywhere on the way (a folder replaced by a link) is not followed.
            let now = crate::source::confined::read(workdir, &full).ok();
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
}
