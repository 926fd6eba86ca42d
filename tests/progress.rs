//! Progress is shown on a terminal only: a `qms check` or `qms build` whose stderr is a pipe
//! (a CI log, a redirect) prints its summary and nothing else, with or without `CI` set.

use crate::support::git::TestRepo;
use crate::support::{TODAY, qms_with_env_in};

fn repository() -> TestRepo {
    let repo = TestRepo::new();
    repo.doc("docs/SOP-001.md", "SOP-001", "title: Management Review", "## Scope\n\nThe review is held yearly.");
    repo.commit("Issue the manual", "Ada Lovelace", "2026-02-02");
    repo.doc("docs/SOP-001.md", "SOP-001", "title: Management Review", "## Scope\n\nThe review is held monthly.");
    repo.commit("Monthly reviews", "Grace Hopper", "2026-03-02");
    repo
}

/// Neither the words of a progress line nor a terminal control character.
fn assert_no_progress(stderr: &str, what: &str) {
    for word in ["reading", "rendering", "checking", "commits", "versions 1/"] {
        assert!(!stderr.contains(word), "{what}: stderr shows progress ({word}):\n{stderr}");
    }
    assert!(!stderr.contains(['\x1b', '\r']), "{what}: stderr holds terminal controls:\n{stderr:?}");
}

#[test]
fn a_check_or_build_on_a_pipe_prints_no_progress_with_or_without_ci() {
    let repo = repository();
    let root = repo.root();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let check = ["check", root.to_str().unwrap(), "--today", TODAY];
    let build = ["build", root.to_str().unwrap(), "--out", site.to_str().unwrap(), "--today", TODAY];
    for ci in [None, Some("true")] {
        let env = [("CI", ci)];
        let checked = qms_with_env_in(repo.path(), &check, &env);
        assert!(checked.code <= 1, "{}", checked.stderr);
        assert_no_progress(&checked.stderr, "check");
        let built = qms_with_env_in(repo.path(), &build, &env);
        assert_eq!(built.code, 0, "{}", built.stderr);
        assert_no_progress(&built.stderr, "build");
        assert!(built.stdout.starts_with("built "), "{}", built.stdout);
    }
}
