//! Release tags: every tag matching a glob, peeled to its commit, and the ones that cannot name
//! a release folder, as warnings.

use super::{GitError, Repo, Tag};

impl Repo {
    /// Tags whose name matches `glob` (`v*`), annotated or not, peeled to commits; tags of
    /// anything else are skipped. Sorted by commit time, then name. A tag whose name could not
    /// be a folder of the site (longer than [`MAX_TAG_NAME`] bytes, or not UTF-8) is left out
    /// with a warning, and the others are still listed.
    pub fn tags(&self, glob: &str) -> Result<(Vec<Tag>, Vec<String>), GitError> {
        // Not `tag_names`: libgit2 looks each name up again as a loose file, and one name too
        // long for a file (possible in packed-refs) made it return no tag at all.
        let references = self.git.references_glob(&format!("refs/tags/{glob}")).map_err(self.read_error("the tags"))?;
        let mut tags = Vec::new();
        let mut skipped = Vec::new();
        for reference in references {
            let reference = reference.map_err(self.read_error("the tags"))?;
            let full = reference.name_bytes();
            let name = full.strip_prefix(b"refs/tags/").unwrap_or(full);
            let Ok(name) = std::str::from_utf8(name) else {
                let shown = String::from_utf8_lossy(name);
                skipped
                    .push(format!("release tag {} is skipped: its name is not UTF-8; rename the tag", shorten(&shown)));
                continue;
            };
            if name.len() > MAX_TAG_NAME {
                skipped.push(format!(
                    "release tag {} is skipped: its name is {} bytes long, more than a folder name can hold ({MAX_TAG_NAME}); rename the tag",
                    shorten(name),
                    name.len()
                ));
                continue;
            }
            if let Ok(commit) = reference.peel_to_commit() {
                tags.push(Tag {
                    name: name.to_owned(),
                    commit: commit.id().to_string(),
                    time: commit.time().seconds(),
                });
            }
        }
        tags.sort_by(|a, b| (a.time, &a.name).cmp(&(b.time, &b.name)));
        Ok((tags, skipped))
    }
}

/// The longest release tag name built, in bytes: the tag names the release's folder.
pub const MAX_TAG_NAME: usize = 255;

/// A name shortened for a message: its first 40 characters and an ellipsis.
fn shorten(name: &str) -> String {
    const SHOWN: usize = 40;
    match name.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_owned(),
    }
}
