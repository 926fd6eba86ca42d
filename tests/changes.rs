//! `qms changes A..B`: the document change notice between two revisions.

use crate::support::git::TestRepo;
use crate::support::qms_in;

/// v1: SOP-1 1.0, SOP-2 1.0, SOP-3 1.0. v2: SOP-1 revised to 1.1, SOP-2 obsolete, SOP-3
/// deleted (a draft by then), SOP-4 added.
fn two_releases() -> TestRepo {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "", "One.");
    repo.doc("docs/sop-2.md", "SOP-2", "", "Two.");
    repo.doc("docs/sop-3.md", "SOP-3", "", "Three.");
    repo.commit("Release 1", "Ada Lovelace", "2026-06-08");
    repo.tag("v1", Some("Release 1"));
    repo.doc(
        "docs/sop-1.md",
        "SOP-1",
        "version: \"1.1\"\napproved: 2026-07-01\neffective: 2026-07-08",
        "One, revised.",
    );
    repo.commit("Revise SOP-1 after audit finding NC-12", "Grace Hopper", "2026-07-01");
    repo.doc("docs/sop-2.md", "SOP-2", "status: obsolete\nsuperseded_by: SOP-4", "Two.");
    repo.doc("docs/sop-4.md", "SOP-4", "supersedes: SOP-2\napproved: 2026-07-10\neffective: 2026-07-10", "Four.");
    repo.rm("docs/sop-3.md");
    repo.commit("Replace SOP-2 by SOP-4, drop SOP-3", "Grace Hopper", "2026-07-10");
    repo.tag("v2", Some("Release 2"));
    repo
}

#[test]
fn markdown_notice_lists_added_withdrawn_and_revised() {
    let repo = two_releases();
    let run = qms_in(&repo.root(), &["changes", "v1..v2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout;
    assert!(
        text.starts_with(
            "## Document change notice: `v1` → `v2`\n\n1 added, 2 withdrawn or made obsolete, 1 revised.\n"
        ),
        "{text}"
    );
    assert!(text.contains("| SOP-4 | Document SOP-4 | 1.0 | effective | Managing Director | 2026-07-10 |"), "{text}");
    assert!(text.contains("| SOP-2 | Document SOP-2 | 1.0 | made obsolete |"), "{text}");
    assert!(text.contains("| SOP-3 | Document SOP-3 | 1.0 | deleted |"), "{text}");
    let revised = text.lines().find(|l| l.starts_with("| SOP-1 |")).unwrap();
    assert!(
        revised.starts_with("| SOP-1 | Document SOP-1 | 1.0 → 1.1 | effective | Managing Director | 2026-07-01 | "),
        "{revised}"
    );
    assert!(revised.contains("Revise SOP-1 after audit finding NC-12 (Grace Hopper, 2026-07-01)"), "{revised}");
}

#[test]
fn json_notice_and_open_ranges() {
    let repo = two_releases();
    let json: serde_json::Value =
        serde_json::from_str(&qms_in(&repo.root(), &["changes", "v1..", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["to"], "HEAD");
    assert_eq!(json["summary"], serde_json::json!({"added": 1, "withdrawn": 2, "revised": 1}));
    assert_eq!(json["revised"][0]["before"]["version"], "1.0");
    assert_eq!(json["revised"][0]["after"]["version"], "1.1");
    let empty = qms_in(&repo.root(), &["changes", "v2..v2"]);
    assert!(empty.stdout.contains("0 added, 0 withdrawn or made obsolete, 0 revised."));
    let path = repo.root().to_string_lossy().into_owned();
    let with_path = qms_in(std::path::Path::new("/"), &["changes", &path, "v1..v2"]);
    assert_eq!(with_path.code, 0, "{}", with_path.stderr);
    for bad in ["v1", "..v2", "nope..v2"] {
        assert_eq!(qms_in(&repo.root(), &["changes", bad]).code, 2, "{bad}");
    }
}
