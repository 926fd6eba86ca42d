//! `qms adopt --commit`: the adoption committed with the user's git identity, then recorded as
//! `[history] since` in a second commit; refused, with nothing written, while the index holds
//! unrelated staged changes.

use super::read;
use crate::support::git::TestRepo;
use crate::support::{Run, TODAY};
use std::process::Command;

/// `qms ARGS` in the repository as its user: a fixed git identity and dates, no user or
/// system configuration.
fn qms_as_user(repo: &TestRepo, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(repo.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Grace Hopper")
        .env("GIT_AUTHOR_EMAIL", "grace@example.com")
        .env("GIT_COMMITTER_NAME", "Grace Hopper")
        .env("GIT_COMMITTER_EMAIL", "grace@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-20T09:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-11-20T09:00:00+00:00")
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn word_set() -> TestRepo {
    let repo = TestRepo::bare_worktree();
    repo.write("procedures/SOP-001 Document Control.md", "# 1. Document Control\n\nHow documents are controlled.\n");
    repo.write("procedures/SOP-002 Internal Audit.md", "# 2. Internal Audit\n\nHow audits are run.\n");
    repo.commit("Export from Word", "Ada Lovelace", "2025-03-01");
    repo.write("procedures/SOP-002 Internal Audit.md", "# 2. Internal Audit\n\nHow audits are planned and run.\n");
    repo.commit("Audit planning", "Ada Lovelace", "2025-09-01");
    repo
}

#[test]
fn adopt_commit_makes_two_commits_and_sets_history_since() {
    let repo = word_set();
    let before = read(repo.path(), "procedures/SOP-001 Document Control.md");

    // Something unrelated staged: refused before anything is written.
    repo.write("notes.txt", "mine\n");
    repo.git(&["add", "notes.txt"]);
    let refused = qms_as_user(&repo, &["adopt", "--commit", "--today", TODAY]);
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(refused.stderr.contains("staged change(s) unrelated to the adoption (notes.txt)"), "{}", refused.stderr);
    assert!(!repo.path().join("qms.toml").exists(), "nothing written");
    assert_eq!(read(repo.path(), "procedures/SOP-001 Document Control.md"), before);

    repo.git(&["restore", "--staged", "notes.txt"]);
    let adopted = qms_as_user(
        &repo,
        &["adopt", "--commit", "--status", "effective", "--approver", "Managing Director", "--today", TODAY],
    );
    assert_eq!(adopted.code, 0, "{}{}", adopted.stdout, adopted.stderr);
    let log = repo.git(&["log", "--format=%H|%an|%ae|%ad|%s", "--date=short"]);
    let commits: Vec<Vec<&str>> = log.lines().map(|line| line.split('|').collect()).collect();
    assert_eq!(commits.len(), 4, "{log}");
    let expected = [
        ("Grace Hopper", "grace@example.com", "2026-11-20", "Record the adoption commit as [history] since"),
        ("Grace Hopper", "grace@example.com", "2026-11-20", "Adopt the document set with qms"),
    ];
    for (commit, (name, email, date, subject)) in commits.iter().zip(expected) {
        assert_eq!(commit[1..], [name, email, date, subject], "{log}");
    }
    let (since, adoption) = (commits[0][0], commits[1][0]);
    for short in [&since[..10], &adoption[..10]] {
        assert!(adopted.stdout.contains(short), "the output names both commits: {}", adopted.stdout);
    }
    let config = read(repo.path(), "qms.toml");
    assert!(config.contains(&format!("[history]\nsince = \"{adoption}\"")), "{config}");
    assert_eq!(repo.git(&["status", "--porcelain"]), "?? notes.txt\n", "everything adopted is committed");
    assert_eq!(repo.git(&["show", "--name-only", "--format=", "HEAD"]), "qms.toml\n");

    // The earlier commits are before control; the set checks clean of history findings.
    let check = qms_as_user(&repo, &["check", "--today", TODAY, "--format", "json"]);
    let history: Vec<String> =
        check.codes().into_iter().filter(|c| c.contains("version") || c.contains("approval")).collect();
    assert_eq!(history, Vec::<String>::new(), "{}", check.stdout);
    let register = qms_as_user(&repo, &["register", "--format", "json", "--today", TODAY]).json();
    assert_eq!(register["documents"][1]["revisions"], 3, "two before control and the adoption");
}

#[test]
fn without_commit_adopt_says_how_to_set_history_since() {
    let repo = word_set();
    let adopted = qms_as_user(&repo, &["adopt", "--today", TODAY]);
    assert_eq!(adopted.code, 0, "{}", adopted.stderr);
    assert!(adopted.stdout.contains("Then set `[history] since = \"COMMIT\"` in qms.toml"), "{}", adopted.stdout);
    assert!(adopted.stdout.contains("or adopt with --commit"), "{}", adopted.stdout);
    assert_eq!(repo.git(&["log", "--format=%s"]).lines().count(), 2, "nothing committed");
}
