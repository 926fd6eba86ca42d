//! Document control proven from git history: each rule fires on its scripted history and
//! stays quiet on the correct one; pull-request mode; moves; uncommitted changes.

use crate::support::TODAY;
use crate::support::git::TestRepo;
use crate::support::qms_in;

const DOC: &str = "docs/sop-1.md";

/// `(file, line, code)` of `qms check` in the repository, notes left out.
fn findings(repo: &TestRepo, extra: &[&str]) -> Vec<(String, u64, String)> {
    let mut args = vec!["check", "--today", TODAY, "--format", "json"];
    args.extend_from_slice(extra);
    let run = qms_in(&repo.root(), &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.findings()
}

fn messages(repo: &TestRepo, code: &str) -> Vec<String> {
    let run = qms_in(&repo.root(), &["check", "--today", TODAY, "--format", "json"]);
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect()
}

fn released(repo: &TestRepo) -> &TestRepo {
    repo.doc(DOC, "SOP-1", "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08", "First text.");
    repo.commit("Issue SOP-1 1.0", "Ada Lovelace", "2026-06-08");
    repo
}

fn finding(line: u64, code: &str) -> (String, u64, String) {
    (DOC.to_owned(), line, code.to_owned())
}

#[test]
fn a_body_change_without_a_version_bump() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08", "Changed text.");
    let commit = repo.commit("Tweak wording", "Ada Lovelace", "2026-07-01");
    assert_eq!(findings(&repo, &[]), [finding(5, "version-not-bumped")]);
    let message = &messages(&repo, "version-not-bumped")[0];
    assert_eq!(
        message,
        &format!(
            "SOP-1: content changed in {} (2026-07-01, Ada Lovelace: \"Tweak wording\") but the version stayed 1.0",
            &commit[..7]
        )
    );

    let correct = TestRepo::new();
    released(&correct);
    correct.doc(DOC, "SOP-1", "version: \"1.1\"\napproved: 2026-07-01\neffective: 2026-07-01", "Changed text.");
    correct.commit("Revise SOP-1 to 1.1", "Ada Lovelace", "2026-07-01");
    assert_eq!(findings(&correct, &[]), []);
}

#[test]
fn a_version_that_goes_down() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"0.9\"\napproved: 2026-07-01\neffective: 2026-07-01", "Other text.");
    repo.commit("Renumber", "Ada Lovelace", "2026-07-01");
    assert_eq!(findings(&repo, &[]), [finding(5, "version-decreased")]);
}

#[test]
fn a_new_version_without_a_new_approval() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"1.1\"\napproved: 2026-06-01\neffective: 2026-06-08", "New text.");
    repo.commit("Revise SOP-1", "Ada Lovelace", "2026-07-01");
    assert_eq!(findings(&repo, &[]), [finding(9, "approval-not-renewed")]);
}

#[test]
fn a_status_that_moves_backwards() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"1.0\"\nstatus: draft", "First text.");
    repo.commit("Rework", "Ada Lovelace", "2026-07-01");
    assert_eq!(findings(&repo, &[]), [finding(6, "status-regressed")]);

    let correct = TestRepo::new();
    released(&correct);
    correct.doc(DOC, "SOP-1", "version: \"1.1\"\nstatus: draft", "Reworked text.");
    correct.commit("Start revision 1.1", "Ada Lovelace", "2026-07-01");
    assert_eq!(findings(&correct, &[]), []);
}

#[test]
fn a_controlled_document_deleted_instead_of_made_obsolete() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc("docs/sop-2.md", "SOP-2", "status: draft", "A draft.");
    repo.doc("docs/sop-3.md", "SOP-3", "", "Stays.");
    repo.commit("Draft SOP-2, issue SOP-3", "Ada Lovelace", "2026-06-10");
    repo.rm(DOC).rm("docs/sop-2.md");
    let commit = repo.commit("Clean up", "Ada Lovelace", "2026-07-01");
    let run = qms_in(&repo.root(), &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(run.codes(), ["controlled-document-deleted"], "deleting the draft is fine");
    let diagnostic = &run.json()["diagnostics"][0];
    assert_eq!(diagnostic["file"], serde_json::Value::Null);
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains(&format!("SOP-1 (docs/sop-1.md) was deleted while effective in {}", &commit[..7]))
    );
}

#[test]
fn an_id_that_named_another_document() {
    let repo = TestRepo::new();
    repo.doc(DOC, "SOP-1", "title: Purchasing\nstatus: draft", "Draft.");
    repo.commit("Draft purchasing", "Ada Lovelace", "2026-06-01");
    repo.rm(DOC);
    repo.commit("Drop the purchasing draft", "Ada Lovelace", "2026-06-02");
    repo.doc("docs/calibration.md", "SOP-1", "title: Calibration", "Calibration.");
    repo.commit("Calibration procedure", "Ada Lovelace", "2026-06-08");
    let run = qms_in(&repo.root(), &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(run.findings(), [("docs/calibration.md".into(), 2, "id-reused".into())]);
}

#[test]
fn approver_is_author_is_off_by_default_and_maps_roles() {
    let repo = TestRepo::new();
    repo.doc(DOC, "SOP-1", "approver: Managing Director\nversion: \"1.0\"\nstatus: draft", "Text.");
    repo.commit("Draft", "Ada Lovelace", "2026-06-01");
    repo.doc(DOC, "SOP-1", "approver: Managing Director", "Text.");
    repo.commit("Approve", "Grace Hopper", "2026-06-08");
    assert_eq!(findings(&repo, &[]), []);
    repo.write_root(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\n\n[checks]\nwarn = [\"approver-is-author\"]\n\n[roles]\n\"Managing Director\" = [\"Ada Lovelace\", \"md@example.com\"]\n",
    );
    repo.commit("Enable segregation of duties", "Grace Hopper", "2026-06-09");
    assert_eq!(findings(&repo, &[]), [finding(8, "approver-is-author")]);
    assert!(
        messages(&repo, "approver-is-author")[0].contains("version 1.0 is approved by Managing Director, who authored")
    );
}

#[test]
fn base_limits_history_rules_to_the_pull_request() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08", "Old unversioned change.");
    repo.commit("Old mistake", "Ada Lovelace", "2026-07-01");
    repo.tag("base", None);
    repo.doc("docs/sop-2.md", "SOP-2", "", "New document.");
    repo.commit("Add SOP-2", "Ada Lovelace", "2026-07-02");
    assert_eq!(findings(&repo, &[]), [finding(5, "version-not-bumped")]);
    assert_eq!(findings(&repo, &["--base", "base"]), [], "the old mistake does not block the PR");
    repo.doc("docs/sop-2.md", "SOP-2", "", "Changed in the PR that adds it.");
    repo.commit("Polish SOP-2", "Ada Lovelace", "2026-07-03");
    assert_eq!(findings(&repo, &["--base", "base"]), [], "a new document is judged as it is added");
    repo.doc(DOC, "SOP-1", "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08", "Changed in the PR.");
    repo.commit("PR mistake", "Ada Lovelace", "2026-07-04");
    assert_eq!(findings(&repo, &["--base", "base"]), [finding(5, "version-not-bumped")]);
    let bad = qms_in(&repo.root(), &["check", "--base", "no-such-rev"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no-such-rev"), "{}", bad.stderr);
}

#[test]
fn uncommitted_changes_are_the_newest_revision() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08", "Edited, not committed.");
    assert_eq!(findings(&repo, &[]), [finding(5, "version-not-bumped")]);
    assert!(messages(&repo, "version-not-bumped")[0].contains("in the working tree (uncommitted)"));
    let run = qms_in(&repo.root(), &["check", "--today", TODAY, "--format", "short"]);
    assert!(run.stdout.contains("note[history-incomplete]"), "{}", run.stdout);
}

#[test]
fn a_move_keeps_the_history_that_proves_the_missing_bump() {
    let repo = TestRepo::new();
    released(&repo);
    repo.mv(DOC, "docs/procedures/sop-1-purchasing.md");
    repo.doc(
        "docs/procedures/sop-1-purchasing.md",
        "SOP-1",
        "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08",
        "Moved and changed.",
    );
    repo.commit("Move and edit", "Ada Lovelace", "2026-07-01");
    let run = qms_in(&repo.root(), &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(run.findings(), [("docs/procedures/sop-1-purchasing.md".into(), 5, "version-not-bumped".into())]);
}

#[test]
fn a_shallow_clone_checks_with_a_note() {
    let repo = TestRepo::new();
    released(&repo);
    repo.doc(DOC, "SOP-1", "version: \"1.1\"\napproved: 2026-07-01\neffective: 2026-07-01", "Revised.");
    repo.commit("Revise", "Ada Lovelace", "2026-07-01");
    let shallow = repo.clone_shallow(1);
    let run = qms_in(&shallow.root(), &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let notes: Vec<_> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    assert!(notes.iter().any(|n| n.contains("shallow")), "{notes:?}");
}
