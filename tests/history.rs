//! Document history read from real git repositories built in temp dirs.
//!
//! There is no command for history yet, so these tests call the library the binary uses.

use crate::support::git::TestRepo;
use crate::support::{TestQms, valid_doc};
use qms::model::{Change, Date, History, Line, Revision, Status, Version};

fn version(text: &str) -> Option<Version> {
    Version::parse(text)
}

/// `(change, path, version, status)` of each revision of `id`.
fn summary(history: &History, id: &str) -> Vec<(Change, String, Option<String>, Option<Status>)> {
    let row = |r: &Revision| {
        (r.change.clone(), r.path.clone(), r.meta.version.as_ref().map(|v| v.to_string()), r.meta.status)
    };
    history.revisions(id).iter().map(row).collect()
}

fn has_note(history: &History, text: &str) -> bool {
    history.notes.iter().any(|note| note.contains(text))
}

#[test]
fn revisions_come_oldest_first_with_the_front_matter_of_each_commit() {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"0.1\"\nstatus: draft\napprover:\napproved:\neffective:", "Draft.");
    let first = repo.commit("Draft SOP-1", "Ada Lovelace", "2026-01-05");
    repo.doc(
        "docs/sop-1.md",
        "SOP-1",
        "version: \"0.2\"\nstatus: in-review\napprover:\napproved:\neffective:",
        "Text.",
    );
    repo.commit("Send SOP-1 for review", "Ada Lovelace", "2026-01-12");
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.0\"\napproved: 2026-01-20\neffective: 2026-01-27", "Text.");
    let last = repo.commit(
        "Approve SOP-1\n\nApproved in the management meeting.",
        "Grace Hopper",
        "2026-01-20T23:30:00-05:00",
    );

    let history = repo.history();
    assert!(history.repository && !history.shallow);
    assert_eq!(history.head.as_deref(), Some(last.as_str()));
    assert!(history.notes.is_empty(), "{:?}", history.notes);
    assert_eq!(
        summary(&history, "SOP-1"),
        [
            (Change::Added, "docs/sop-1.md".into(), Some("0.1".into()), Some(Status::Draft)),
            (Change::Modified, "docs/sop-1.md".into(), Some("0.2".into()), Some(Status::InReview)),
            (Change::Modified, "docs/sop-1.md".into(), Some("1.0".into()), Some(Status::Effective)),
        ]
    );
    let revisions = history.revisions("SOP-1");
    assert_eq!(revisions[0].commit_id(), Some(first.as_str()));
    assert_eq!(revisions[0].date(), Some(Date::constant(2026, 1, 5)));
    assert_eq!(revisions[0].meta.approver, None);
    let approval = &revisions[2];
    let commit = approval.commit.as_ref().unwrap();
    assert_eq!(commit.id, last);
    // The author date in the author's own offset: late on the 20th in New York.
    assert_eq!(commit.date, Date::constant(2026, 1, 20));
    assert_eq!(
        (commit.author.name.as_str(), commit.author.email.as_str()),
        ("Grace Hopper", "grace.hopper@example.com")
    );
    assert_eq!(commit.committer.name, "Test Committer");
    assert_eq!(commit.summary, "Approve SOP-1");
    assert_eq!(commit.message, "Approve SOP-1\n\nApproved in the management meeting.");
    assert_eq!(approval.meta.approver.as_deref(), Some("Managing Director"));
    assert_eq!(approval.meta.approved, Some(Date::constant(2026, 1, 20)));
    assert_eq!(approval.meta.effective, Some(Date::constant(2026, 1, 27)));
    assert_eq!(approval.meta.title.as_deref(), Some("Document SOP-1"));
    assert_eq!(approval.meta.version, version("1.0"));
    // The body went from "Draft." to "Text." and then stayed.
    assert_ne!(revisions[0].meta.body_hash, revisions[1].meta.body_hash);
    assert_eq!(revisions[1].meta.body_hash, revisions[2].meta.body_hash);
}

#[test]
fn a_moved_and_rewritten_document_keeps_its_history_under_its_id() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Short.");
    repo.doc("docs/b.md", "SOP-2", "", "Other.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    // Moved and rewritten in one commit: too different for git's rename detection.
    repo.mv("docs/a.md", "docs/procedures/sop-1-document-control.md");
    let long = "A completely different body. ".repeat(40);
    repo.doc("docs/procedures/sop-1-document-control.md", "SOP-1", "version: \"2.0\"", &long);
    repo.commit("Rename and rewrite SOP-1", "Ada Lovelace", "2026-02-05");

    let history = repo.history();
    assert_eq!(
        summary(&history, "SOP-1"),
        [
            (Change::Added, "docs/a.md".into(), Some("1.0".into()), Some(Status::Effective)),
            (
                Change::Moved { from: "docs/a.md".into() },
                "docs/procedures/sop-1-document-control.md".into(),
                Some("2.0".into()),
                Some(Status::Effective)
            ),
        ]
    );
    assert_eq!(history.revisions("SOP-2").len(), 1);
    assert!(history.unidentified.is_empty());
}

#[test]
fn a_deleted_document_keeps_a_deleted_revision_with_its_last_front_matter() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Body.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.rm("docs/a.md");
    let deletion = repo.commit("Delete SOP-1", "Ada Lovelace", "2026-02-05");

    let history = repo.history();
    let revisions = history.revisions("SOP-1");
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].change, Change::Deleted);
    assert_eq!(revisions[1].commit_id(), Some(deletion.as_str()));
    assert_eq!(revisions[1].meta.status, Some(Status::Effective));
    assert_eq!(revisions[1].path, "docs/a.md");
}

#[test]
fn a_new_id_at_the_same_path_is_another_document() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Body.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.doc("docs/a.md", "SOP-9", "", "Body.");
    repo.commit("Renumber", "Ada Lovelace", "2026-02-05");

    let history = repo.history();
    assert_eq!(
        history.revisions("SOP-1").iter().map(|r| r.change.clone()).collect::<Vec<_>>(),
        [Change::Added, Change::Deleted]
    );
    assert_eq!(history.revisions("SOP-9").iter().map(|r| r.change.clone()).collect::<Vec<_>>(), [Change::Added]);
}

#[test]
fn a_revision_whose_id_cannot_be_read_stays_with_the_document_at_that_path() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Body.");
    repo.write("docs/b.md", "# No front matter\n");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.write("docs/a.md", "---\nid: [SOP-1\n---\nBroken YAML.\n");
    repo.commit("Break", "Ada Lovelace", "2026-01-06");
    repo.doc("docs/a.md", "SOP-1", "version: \"1.1\"", "Body.");
    repo.commit("Fix", "Ada Lovelace", "2026-01-07");

    let history = repo.history();
    let revisions = history.revisions("SOP-1");
    assert_eq!(
        revisions.iter().map(|r| r.change.clone()).collect::<Vec<_>>(),
        [Change::Added, Change::Modified, Change::Modified]
    );
    assert_eq!(revisions[1].meta.id, None);
    assert_eq!(revisions[2].meta.version, version("1.1"));
    assert_eq!(history.unidentified.keys().collect::<Vec<_>>(), ["docs/b.md"]);
}

#[test]
fn a_version_whose_object_is_missing_is_noted_and_the_others_are_filed() {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"0.1\"\nstatus: draft\napprover:\napproved:\neffective:", "Draft.");
    repo.commit("Draft SOP-1", "Ada Lovelace", "2026-01-05");
    let lost = repo.rev_parse("HEAD:docs/sop-1.md");
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.0\"\napproved: 2026-01-20\neffective: 2026-01-27", "Text.");
    repo.commit("Approve SOP-1", "Grace Hopper", "2026-01-20");
    // The first version's blob is gone from the object store (a damaged or partial copy).
    std::fs::remove_file(repo.path().join(".git/objects").join(&lost[..2]).join(&lost[2..])).unwrap();

    let history = repo.history();
    assert!(has_note(&history, "1 file versions could not be read from the repository"), "{:?}", history.notes);
    let revisions = summary(&history, "SOP-1");
    assert_eq!(revisions.len(), 2, "{revisions:?}");
    assert_eq!(revisions[0].2, None, "the lost version's front matter is unknown");
    assert_eq!(revisions[1].2.as_deref(), Some("1.0"));
}

#[test]
fn a_qms_in_a_subfolder_reads_only_its_own_documents() {
    let repo = TestRepo::with_root("quality/qms");
    repo.write("README.md", "# Monorepo\n");
    repo.write("docs/OUT-1.md", valid_doc("OUT-1", "", "Outside the QMS root."));
    repo.write("quality/notes.md", valid_doc("OUT-2", "", "Above the QMS root."));
    repo.doc("docs/sop-1.md", "SOP-1", "", "Inside.");
    repo.write_root("docs/.drafts/SOP-8.md", valid_doc("SOP-8", "", "Hidden folder."));
    repo.write_root("docs/notes.txt", "Not Markdown.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.write("docs/OUT-1.md", valid_doc("OUT-1", "version: \"2.0\"", "Changed."));
    repo.commit("Only outside", "Ada Lovelace", "2026-01-06");

    let history = repo.history();
    assert_eq!(history.documents.keys().collect::<Vec<_>>(), ["SOP-1"]);
    assert_eq!(summary(&history, "SOP-1")[0].1, "docs/sop-1.md");
    assert!(history.unidentified.is_empty());
    assert!(history.notes.is_empty(), "{:?}", history.notes);

    // Uncommitted changes count only inside the QMS root's documents folder.
    repo.write("docs/OUT-1.md", valid_doc("OUT-1", "version: \"3.0\"", "Changed again."));
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.1\"", "Edited.");
    let history = repo.history();
    assert_eq!(
        history.notes,
        ["1 document has uncommitted changes; they are checked as the newest, uncommitted revision"]
    );
    let last = history.latest("SOP-1").unwrap();
    assert_eq!((last.is_uncommitted(), last.path.as_str()), (true, "docs/sop-1.md"));
}

#[test]
fn a_repository_without_commits_gives_a_note_and_uncommitted_revisions() {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "", "Body.");

    let history = repo.history();
    assert!(history.repository);
    assert_eq!(history.head, None);
    assert!(has_note(&history, "the repository has no commits yet"), "{:?}", history.notes);
    assert!(has_note(&history, "1 document has uncommitted changes"), "{:?}", history.notes);
    let revisions = history.revisions("SOP-1");
    assert_eq!(revisions.len(), 1);
    assert!(revisions[0].is_uncommitted() && revisions[0].date().is_none());
    assert_eq!(revisions[0].change, Change::Added);
}

#[test]
fn outside_a_repository_there_is_a_note_and_no_history() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    let config = qms::config::load(qms.path()).unwrap();

    let history = qms::history::read(qms.path(), &config);
    assert!(!history.repository);
    assert!(history.documents.is_empty());
    assert_eq!(history.notes, ["not a git repository: no history rules were applied"]);
}

#[test]
fn a_shallow_clone_says_where_history_stops() {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.0\"", "One.");
    repo.commit("One", "Ada Lovelace", "2026-01-05");
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.1\"", "Two.");
    let boundary = repo.commit("Two", "Ada Lovelace", "2026-01-06");
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.2\"", "Three.");
    repo.commit("Three", "Ada Lovelace", "2026-01-07");

    let clone = repo.clone_shallow(2);
    let history = clone.history();
    assert!(history.shallow);
    let note = format!("the clone is shallow: history before {} (2026-01-06) cannot be proven", &boundary[..7]);
    assert!(has_note(&history, &note), "{:?}", history.notes);
    let changes: Vec<_> =
        history.revisions("SOP-1").iter().map(|r| (r.change.clone(), r.meta.version.clone())).collect();
    assert_eq!(changes, [(Change::Baseline, version("1.1")), (Change::Modified, version("1.2"))]);
}

#[test]
fn a_detached_head_reads_the_history_up_to_that_commit() {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.0\"", "One.");
    let first = repo.commit("One", "Ada Lovelace", "2026-01-05");
    repo.doc("docs/sop-1.md", "SOP-1", "version: \"1.1\"", "Two.");
    repo.commit("Two", "Ada Lovelace", "2026-01-06");
    repo.checkout_detached(&first);

    let history = repo.history();
    assert_eq!(history.head.as_deref(), Some(first.as_str()));
    assert!(history.notes.is_empty(), "{:?}", history.notes);
    assert_eq!(history.revisions("SOP-1").len(), 1);
}

#[test]
fn uncommitted_changes_are_the_newest_revision() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Body.");
    repo.doc("docs/b.md", "SOP-2", "", "Body.");
    repo.doc("docs/c.md", "SOP-3", "", "Body.");
    repo.doc("docs/d.md", "SOP-4", "", "Body.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.doc("docs/a.md", "SOP-1", "version: \"1.1\"", "Edited.");
    repo.remove("docs/b.md");
    repo.doc("docs/new.md", "SOP-5", "status: draft\napprover:\napproved:\neffective:", "New.");
    repo.mv("docs/c.md", "docs/archive/c.md");
    // Staged, then undone in the working tree: nothing to report.
    repo.doc("docs/d.md", "SOP-4", "", "Staged.");
    repo.git(&["add", "docs/d.md"]);
    repo.doc("docs/d.md", "SOP-4", "", "Body.");
    // Ignored by git, but read by `qms check`.
    repo.write(".gitignore", "docs/private.md\n");
    repo.doc("docs/private.md", "SOP-6", "", "Ignored.");

    let history = repo.history();
    assert!(has_note(&history, "5 documents have uncommitted changes"), "{:?}", history.notes);
    assert_eq!(history.latest("SOP-6").unwrap().change, Change::Added);
    let last = |id: &str| history.latest(id).unwrap().clone();
    assert!(history.has_uncommitted("SOP-1"));
    assert_eq!((last("SOP-1").change, last("SOP-1").meta.version), (Change::Modified, version("1.1")));
    assert_eq!(last("SOP-2").change, Change::Deleted);
    assert_eq!(last("SOP-3").change, Change::Moved { from: "docs/c.md".into() });
    assert_eq!((last("SOP-5").change, last("SOP-5").meta.status), (Change::Added, Some(Status::Draft)));
    assert!(!history.has_uncommitted("SOP-4"));
    assert_eq!(history.committed("SOP-1").len(), 1);
    assert!(history.revisions("SOP-5").iter().all(Revision::is_uncommitted));
}

#[test]
fn a_merge_on_the_mainline_is_a_revision_of_its_net_effect_after_its_branch_commits() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Body.");
    repo.doc("docs/b.md", "SOP-2", "", "Body.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.branch("revise");
    repo.doc("docs/a.md", "SOP-1", "version: \"1.1\"", "Revised.");
    let revised = repo.commit("Revise SOP-1", "Grace Hopper", "2026-01-06");
    repo.switch("main");
    repo.doc("docs/b.md", "SOP-2", "version: \"1.1\"", "Revised.");
    repo.commit("Revise SOP-2", "Ada Lovelace", "2026-01-07");
    let merge = repo.merge("revise", "2026-01-08");

    let history = repo.history();
    let sop1 = history.revisions("SOP-1");
    let lines: Vec<_> = sop1.iter().map(|r| (r.commit_id().unwrap(), r.line)).collect();
    assert_eq!(
        lines,
        [
            (sop1[0].commit_id().unwrap(), Line::Mainline),
            (revised.as_str(), Line::MergedBranch),
            (merge.as_str(), Line::Mainline)
        ]
    );
    assert_eq!(sop1[1].author().unwrap().name, "Grace Hopper");
    assert!(sop1[2].commit.as_ref().unwrap().merge && !sop1[1].commit.as_ref().unwrap().merge);
    assert_eq!(sop1[2].meta.version, version("1.1"), "the merge carries the state it released");
    let sop2 = history.revisions("SOP-2");
    assert_eq!(sop2.len(), 2, "the merge changed nothing of SOP-2 on the mainline");
    assert!(sop2.iter().all(|r| r.line == Line::Mainline));
}

#[test]
fn a_merge_inside_a_merged_branch_lists_only_its_own_changes() {
    let repo = TestRepo::new();
    repo.doc("docs/a.md", "SOP-1", "", "Body.");
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    repo.branch("feature");
    repo.doc("docs/b.md", "SOP-2", "", "Body.");
    repo.commit("Add SOP-2", "Grace Hopper", "2026-01-06");
    repo.switch("main");
    repo.doc("docs/a.md", "SOP-1", "version: \"1.1\"", "Revised.");
    repo.commit("Revise SOP-1", "Ada Lovelace", "2026-01-07");
    repo.switch("feature");
    repo.merge("main", "2026-01-08");
    repo.switch("main");
    repo.merge("feature", "2026-01-09");

    let history = repo.history();
    // SOP-1 came into the branch from main: the branch's merge of main is no revision of it.
    let sop1: Vec<_> = history.revisions("SOP-1").iter().map(|r| r.commit.as_ref().unwrap().summary.clone()).collect();
    assert_eq!(sop1, ["Add", "Revise SOP-1"]);
    let sop2: Vec<_> = history.revisions("SOP-2").iter().map(|r| r.line).collect();
    assert_eq!(sop2, [Line::MergedBranch, Line::Mainline]);
}

#[test]
fn reading_the_same_repository_twice_gives_the_same_history() {
    let repo = TestRepo::new();
    for n in 1..=30 {
        repo.doc(&format!("docs/sop-{n}.md"), &format!("SOP-{n}"), "", "Body.");
    }
    repo.commit("Add", "Ada Lovelace", "2026-01-05");
    for n in 1..=30 {
        repo.doc(&format!("docs/sop-{n}.md"), &format!("SOP-{n}"), "version: \"1.1\"", &format!("Body {n}."));
        repo.commit(&format!("Revise SOP-{n}"), "Ada Lovelace", &format!("2026-02-{:02}", n.min(28)));
    }
    assert_eq!(repo.history(), repo.history());
    assert_eq!(repo.history().revisions("SOP-17").len(), 2);
}

#[test]
fn tags_blobs_and_files_are_read_from_git_objects() {
    let repo = TestRepo::with_root("qms");
    repo.doc("docs/a.md", "SOP-1", "", "One.");
    repo.doc("docs/forms/f.md", "FRM-1", "", "Form.");
    let first = repo.commit("One", "Ada Lovelace", "2026-01-05");
    repo.tag("v1.0", Some("First release"));
    repo.tag("draft-1", None);
    repo.doc("docs/a.md", "SOP-1", "version: \"1.1\"", "Two.");
    let second = repo.commit("Two", "Ada Lovelace", "2026-01-06");
    repo.tag("v1.1", None);

    let git = qms::git::Repo::discover(&repo.root()).unwrap().unwrap();
    assert_eq!(git.prefix(), "qms/");
    let tags: Vec<_> = git.tags("v*").unwrap().0.into_iter().map(|t| (t.name, t.commit)).collect();
    assert_eq!(tags, [("v1.0".to_owned(), first.clone()), ("v1.1".to_owned(), second.clone())]);
    let text = String::from_utf8(git.read_blob(&first, "docs/a.md").unwrap().unwrap()).unwrap();
    assert!(text.contains("One."));
    assert_eq!(git.read_blob(&first, "docs/missing.md").unwrap(), None);
    let files: Vec<_> = git.list_files(&second, "docs").unwrap().into_iter().map(|f| f.path).collect();
    assert_eq!(files, ["docs/a.md", "docs/forms/f.md"]);
    assert_eq!(git.resolve("v1.0").unwrap(), first);
    assert!(matches!(git.head().unwrap(), qms::git::Head::Commit { branch: Some(b), .. } if b == "main"));
}
