//! A release whose git objects cannot be read fails the build (exit 2), naming the tag and the
//! object, and leaves the previous site as it was; a release tag that names a blob or a tree
//! is reported, not silently left out.

use super::tree;
use crate::support::git::TestRepo;
use crate::support::{TODAY, qms_in};

/// Two releases, `v1` (SOP-1 "Old text.") and `v2` (SOP-1 revised).
fn two_releases() -> TestRepo {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "", "Old text.");
    repo.commit("Issue SOP-1", "Ada Lovelace", "2026-06-08");
    repo.tag("v1", None);
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.1\"\napproved: 2026-07-01\neffective: 2026-07-01", "New.");
    repo.commit("Revise SOP-1", "Ada Lovelace", "2026-07-01");
    repo.tag("v2", None);
    repo
}

fn build(repo: &TestRepo, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["build", "--today", TODAY];
    args.extend_from_slice(extra);
    qms_in(&repo.root(), &args)
}

#[test]
fn a_release_with_a_missing_object_fails_the_build_and_keeps_the_previous_site() {
    let repo = two_releases();
    let first = build(&repo, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = tree(&repo.root().join("site"));
    assert!(before.contains_key("v1/documents/SOP-1.html"));

    let blob = repo.rev_parse("v1:docs/sop-1.md");
    std::fs::remove_file(repo.path().join(".git/objects").join(&blob[..2]).join(&blob[2..])).unwrap();
    let run = build(&repo, &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    for part in ["release v1", &blob[..7], "--versions"] {
        assert!(run.stderr.contains(part), "{part} in {}", run.stderr);
    }
    assert_eq!(tree(&repo.root().join("site")), before, "the previous site is untouched");

    let without = build(&repo, &["--versions", "v2,current"]);
    assert_eq!(without.code, 0, "excluded, the others build: {}", without.stderr);
}

#[test]
fn a_release_tag_naming_a_blob_or_a_tree_is_reported() {
    let repo = two_releases();
    let blob = repo.rev_parse("v1:docs/sop-1.md");
    let tree_id = repo.rev_parse("v1:docs");
    repo.git(&["tag", "v3-blob", &blob]);
    repo.git(&["tag", "v4-tree", &tree_id]);
    let run = build(&repo, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("v3-blob") && run.stderr.contains("a blob"), "{}", run.stderr);
    assert!(run.stderr.contains("v4-tree") && run.stderr.contains("a tree"), "{}", run.stderr);
}
