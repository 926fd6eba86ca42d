//! Release tags that name no commit: a tag of a blob or a tree, or one whose object cannot be
//! read. [`Repo::tags`] lists commits only; these are what it leaves out, so that a build can
//! say so instead of silently publishing fewer releases.

use super::{GitError, Repo};
use git2::ObjectType;

/// What a tag that names no readable commit points at.
#[derive(Debug)]
pub enum TagTarget {
    Blob,
    Tree,
    /// The object it names (or its tag object) cannot be read.
    Unreadable(GitError),
}

impl Repo {
    /// Tags whose name matches `glob` that do not peel to a readable commit, sorted by name.
    pub fn tags_not_on_commits(&self, glob: &str) -> Result<Vec<(String, TagTarget)>, GitError> {
        let names = self.git.tag_names(Some(glob)).map_err(self.read_error("the tags"))?;
        let mut found = Vec::new();
        for name in names.iter().filter_map(|name| name.ok().flatten()) {
            let peeled = self.git.find_reference(&format!("refs/tags/{name}")).and_then(|r| r.peel(ObjectType::Any));
            let target = match peeled {
                Ok(object) => match object.kind() {
                    Some(ObjectType::Commit) => continue,
                    Some(ObjectType::Tree) => TagTarget::Tree,
                    _ => TagTarget::Blob,
                },
                Err(source) => TagTarget::Unreadable(self.read_error(format!("the object tag {name} names"))(source)),
            };
            found.push((name.to_owned(), target));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(found)
    }
}
