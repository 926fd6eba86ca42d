//! The key of a release's folder: a SHA-256 of everything its bytes depend on, so that a folder
//! built earlier with the same key can be reused as it is.
//!
//! A release's pages are made from its tag's commit (its documents, its own `qms.toml` and
//! `standards/`, files its documents link to, its date), the release before it (the changes
//! page, and whether that release is in the site to link to), its revision rows (the history
//! read from the working tree's repository, as the working tree's configuration interprets it:
//! `since`, acceptances, mainline marks — the rows themselves are hashed, whatever decided
//! them), the theme (`theme/` overrides) and the `qms` that renders it (its version, its
//! built-in templates, assets and catalogs and its code: the digest of the sources it was
//! compiled from, which `build.rs` computes). Nothing else reaches a release's folder: whether
//! it is the latest release and the list of other versions are read by its pages from the
//! site's shared `versions.js`.

use crate::render::hex;
use sha2::{Digest, Sha256};

/// Bumped when what a key holds changes meaning.
const FORMAT: &str = "qms release key 2";

/// What the keys of one build share: the `qms` and the theme.
#[derive(Debug, Clone)]
pub struct KeyBase {
    digest: Sha256,
}

impl KeyBase {
    /// `overrides`: the theme's files as read (name → bytes).
    pub fn new<'a>(overrides: impl Iterator<Item = (&'a str, &'a [u8])>) -> KeyBase {
        let mut digest = Sha256::new();
        field(&mut digest, FORMAT.as_bytes());
        field(&mut digest, env!("CARGO_PKG_VERSION").as_bytes());
        // The sources this `qms` was compiled from (see `build.rs`): its rendering code and its
        // built-in templates, assets and catalogs, which it embeds.
        field(&mut digest, env!("QMS_SOURCE_DIGEST").as_bytes());
        field(&mut digest, b"theme");
        for (name, bytes) in overrides {
            field(&mut digest, name.as_bytes());
            field(&mut digest, bytes);
        }
        KeyBase { digest }
    }

    /// The key of the release `tag` at `commit`.
    pub fn key(&self, release: &ReleaseInputs) -> String {
        let mut digest = self.digest.clone();
        field(&mut digest, b"release");
        field(&mut digest, release.tag.as_bytes());
        field(&mut digest, release.commit.as_bytes());
        match release.previous {
            Some((tag, commit, listed)) => {
                field(&mut digest, b"previous");
                field(&mut digest, tag.as_bytes());
                field(&mut digest, commit.as_bytes());
                field(&mut digest, if listed { b"listed" } else { b"absent" });
            }
            None => field(&mut digest, b"first"),
        }
        field(&mut digest, b"revisions");
        field(&mut digest, &release.revisions);
        hex(&digest.finalize())
    }
}

/// What one release's key is made of, beyond the [`KeyBase`].
pub struct ReleaseInputs<'a> {
    pub tag: &'a str,
    pub commit: &'a str,
    /// The release its changes page compares with: tag, commit, and whether the site has it.
    pub previous: Option<(&'a str, &'a str, bool)>,
    /// The digest of its revision rows ([`super::revisions::Rows::digest`]).
    pub revisions: [u8; 32],
}

/// One length-prefixed field: no two different sequences of fields give the same bytes.
pub(super) fn field(digest: &mut Sha256, bytes: &[u8]) {
    digest.update((bytes.len() as u64).to_le_bytes());
    digest.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_changes_the_key() {
        let base = KeyBase::new(std::iter::empty());
        let inputs = |tag, commit, previous| ReleaseInputs { tag, commit, previous, revisions: [0; 32] };
        let key = base.key(&inputs("v1", "abc", None));
        assert_eq!(key, base.key(&inputs("v1", "abc", None)), "the same inputs give the same key");
        assert_eq!(key.len(), 64);
        assert_ne!(key, base.key(&inputs("v2", "abc", None)));
        assert_ne!(key, base.key(&inputs("v1", "abd", None)));
        assert_ne!(key, base.key(&inputs("v1", "abc", Some(("v0", "a", true)))));
        assert_ne!(
            base.key(&inputs("v1", "abc", Some(("v0", "a", true)))),
            base.key(&inputs("v1", "abc", Some(("v0", "a", false))))
        );
        let themed = KeyBase::new([("base.html", b"x".as_slice())].into_iter());
        assert_ne!(key, themed.key(&inputs("v1", "abc", None)));
        let with_rows = ReleaseInputs { tag: "v1", commit: "abc", previous: None, revisions: [1; 32] };
        assert_ne!(key, base.key(&with_rows));
    }
}
