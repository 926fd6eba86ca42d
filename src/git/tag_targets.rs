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
    /// Names [`Repo::tags`] reports as unusable (not UTF-8, too long) are left to it.
    pub fn tags_not_on_commits(&self, glob: &str) -> Result<Vec<(String, TagTarget)>, GitError> {
        // Listed as `Repo::tags` lists them: one unusual name must not hide the others.
        let references = self.git.references_glob(&format!("refs/tags/{glob}")).map_err(self.read_error("the tags"))?;
        let mut found = Vec::new();
        for reference in references {
            let reference = reference.map_err(self.read_error("the tags"))?;
            let full = reference.name_bytes();
            let Ok(name) = std::str::from_utf8(full.strip_prefix(b"refs/tags/").unwrap_or(full)) else { continue };
            if name.len() > super::tags::MAX_TAG_NAME {
                continue;
            }
            let target = match reference.peel(ObjectType::Any) {
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
