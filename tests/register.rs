//! `qms register`: the master document register now and `--as-of` a past date.

use crate::support::git::TestRepo;
use crate::support::qms_in;

/// SOP-1: 1.0 effective from 2026-03-09; 2.0 approved 2026-06-01, effective 2026-06-15.
/// SOP-2: added 2026-07-01. SOP-3: 1.0, deleted 2026-05-01.
fn history() -> TestRepo {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "approved: 2026-03-02\neffective: 2026-03-09", "First.");
    repo.doc("docs/sop-3.md", "SOP-3", "status: draft", "Three.");
    repo.commit("Issue SOP-1 1.0", "Ada Lovelace", "2026-03-09");
    repo.rm("docs/sop-3.md");
    repo.commit("Drop the SOP-3 draft", "Ada Lovelace", "2026-05-01");
    repo.doc(
        "docs/sop-1.md",
        "SOP-1",
        "version: \"2.0\"\nstatus: approved\napproved: 2026-06-01\neffective: 2026-06-15",
        "Second.",
    );
    repo.commit("Approve SOP-1 2.0", "Grace Hopper", "2026-06-01");
    repo.doc("docs/sop-2.md", "SOP-2", "approved: 2026-07-01\neffective: 2026-07-01", "Two.");
    repo.commit("Issue SOP-2", "Ada Lovelace", "2026-07-01");
    repo
}

fn rows(repo: &TestRepo, args: &[&str]) -> Vec<(String, String, String)> {
    let mut all = vec!["register", "--format", "json"];
    all.extend_from_slice(args);
    let run = qms_in(&repo.root(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().into(),
                d["version"].as_str().unwrap().into(),
                d["status"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn as_of_picks_the_revision_in_force_that_day() {
    let repo = history();
    let row = |id: &str, version: &str, status: &str| (id.to_owned(), version.to_owned(), status.to_owned());
    assert_eq!(
        rows(&repo, &["--as-of", "2026-04-01"]),
        [row("SOP-1", "1.0", "effective"), row("SOP-3", "1.0", "draft")]
    );
    // 2.0 is approved on 2026-06-01 but in force only from 2026-06-15: 1.0 still applies.
    assert_eq!(rows(&repo, &["--as-of", "2026-06-10"]), [row("SOP-1", "1.0", "effective")]);
    assert_eq!(rows(&repo, &["--as-of", "2026-06-20"]), [row("SOP-1", "2.0", "approved")]);
    assert_eq!(
        rows(&repo, &["--as-of", "2026-07-02"]),
        [row("SOP-1", "2.0", "approved"), row("SOP-2", "1.0", "effective")]
    );
    assert_eq!(rows(&repo, &["--as-of", "2026-01-01"]), []);
}

#[test]
fn the_current_register_counts_revisions_and_the_last_change() {
    let repo = history();
    repo.doc("docs/sop-2.md", "SOP-2", "approved: 2026-07-01\neffective: 2026-07-01", "Two, edited.");
    let run = qms_in(&repo.root(), &["register", "--format", "json"]);
    let json = run.json();
    let sop1 = &json["documents"][0];
    assert_eq!(sop1["id"], "SOP-1");
    assert_eq!(sop1["revisions"], 2);
    assert_eq!(sop1["last_change"]["date"], "2026-06-01");
    assert_eq!(sop1["next_review"], "2027-06-01");
    assert_eq!(json["documents"][1]["uncommitted"], true);
    let table = qms_in(&repo.root(), &["register"]).stdout;
    assert!(table.starts_with("Master document register (2 documents)\nID     TITLE"), "{table}");
    let csv = qms_in(&repo.root(), &["register", "--format", "csv"]).stdout;
    assert!(csv.starts_with("id,title,type,version,status,owner,approver,approved,effective,last_reviewed,next_review,revisions,last_change,path\nSOP-1,Document SOP-1,procedure,2.0,approved,"), "{csv}");
    let markdown = qms_in(&repo.root(), &["register", "--format", "markdown", "--as-of", "2026-04-01"]).stdout;
    assert!(
        markdown.starts_with("## Master document register as of 2026-04-01 (2 documents)\n\n| Id | Title |"),
        "{markdown}"
    );
}

#[test]
fn as_of_needs_history() {
    let qms = crate::support::TestQms::new();
    qms.doc("SOP-1", "", "x");
    let run = qms.run(&["register", "--as-of", "2026-01-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--as-of needs the git history"), "{}", run.stderr);
    assert_eq!(qms.run(&["register"]).code, 0);
}
