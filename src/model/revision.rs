//! Document history as pure data: each document's revisions (the commit, who and when, what
//! happened to the file, the front matter as it stood then, and whether the rules judge it),
//! followed by id across moves. [`crate::history`] reads it from git; checks and the site only
//! read it.

use super::{Acceptance, Date, DocId, Status, Version};
use crate::diag::Spanned;
use std::collections::BTreeMap;
use std::sync::Arc;

/// An author or committer as recorded in git.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// The commit a revision was made in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// The full hexadecimal commit id.
    pub id: String,
    /// Author time in seconds since the Unix epoch: for ordering, not for display.
    pub time: i64,
    /// The author date, in the author's own UTC offset (what `git log` shows).
    pub date: Date,
    pub author: Person,
    pub committer: Person,
    /// The first paragraph of the message, on one line.
    pub summary: String,
    /// The whole message.
    pub message: String,
    /// A merge commit: its author merged the change, and did not write it.
    pub merge: bool,
}

/// Which line of history a revision belongs to (DESIGN §4 "Which history is judged").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// HEAD's first-parent chain, what was released: a merge there is one change, its net
    /// effect. The uncommitted working tree is on it too.
    Mainline,
    /// A commit inside a branch merged into the mainline: work in progress, shown in the
    /// revision history, never judged on its own.
    MergedBranch,
}

/// What a revision did to the document's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The document appeared: a new file, or a file whose id became this one.
    Added,
    /// The file's content changed in place (front matter, body, or both).
    Modified,
    /// The document's id now lives at another path (a move or rename, found by id).
    Moved { from: String },
    /// The file was deleted, or it now holds another id; the revision's metadata is the
    /// deleted content's.
    Deleted,
    /// The oldest state a shallow clone holds: the document existed, but whether it was added
    /// or changed in that commit cannot be known.
    Baseline,
}

/// A revision an adopted document's header recorded before the set came under control
/// (`major_revisions`, comply's `majorRevisions`): shown in the document's revision history,
/// never counted as a git revision nor judged by a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRevision {
    pub date: Date,
    pub comment: String,
}

/// What every revision history says of a revision recorded in an adopted header.
pub const FROM_THE_HEADER: &str = "before control, from the adopted header";

/// The revisions `revisions` (a document's `major_revisions`) as every output lists them:
/// oldest first, in the order written within a day.
pub fn header_revisions(revisions: &[HeaderRevision]) -> Vec<&HeaderRevision> {
    let mut sorted: Vec<&HeaderRevision> = revisions.iter().collect();
    sorted.sort_by_key(|r| r.date);
    sorted
}

/// The front matter of one revision, as far as history rules need it. A field that was absent
/// or could not be read is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisionMeta {
    /// The id read from this revision's front matter. `None` when it could not be read; the
    /// revision is then filed under the id its path held before (or after), if any.
    pub id: Option<DocId>,
    pub title: Option<String>,
    pub version: Option<Version>,
    pub status: Option<Status>,
    pub approver: Option<String>,
    pub approved: Option<Date>,
    pub effective: Option<Date>,
    pub last_reviewed: Option<Date>,
    /// The reason for this version (`change`).
    pub change: Option<String>,
    /// Hash of the file's bytes after the front matter (the whole file when there is none):
    /// equal hashes mean an unchanged body. Comparable within one run of `qms` only.
    pub body_hash: u64,
}

/// One revision of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// `None` for the working tree's uncommitted state, which is always the last revision.
    pub commit: Option<Arc<CommitInfo>>,
    /// Where the file was after this revision (before it, for a deletion), relative to the
    /// QMS root.
    pub path: String,
    pub change: Change,
    pub meta: RevisionMeta,
    pub line: Line,
    /// Made before `[history] since`: before the set was under control, judged by no rule.
    pub before_control: bool,
}

impl Revision {
    pub fn commit_id(&self) -> Option<&str> {
        self.commit.as_ref().map(|commit| commit.id.as_str())
    }

    /// The author date; `None` for the uncommitted working tree.
    pub fn date(&self) -> Option<Date> {
        self.commit.as_ref().map(|commit| commit.date)
    }

    pub fn author(&self) -> Option<&Person> {
        self.commit.as_ref().map(|commit| &commit.author)
    }

    pub fn is_uncommitted(&self) -> bool {
        self.commit.is_none()
    }

    /// Whether the history rules judge this revision on its own: on the mainline, after
    /// `[history] since`.
    pub fn is_judged(&self) -> bool {
        self.line == Line::Mainline && !self.before_control
    }

    /// `a1b2c3d` for a commit, `working tree` for uncommitted changes.
    pub fn label(&self) -> String {
        match &self.commit {
            Some(commit) => commit.id.chars().take(7).collect(),
            None => "working tree".to_owned(),
        }
    }
}

/// Every document's revisions, read from the repository that holds the QMS root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Revisions by document id, oldest first; an uncommitted revision comes last.
    pub documents: BTreeMap<DocId, Vec<Revision>>,
    /// Revisions of files that never had a readable id, by path, oldest first.
    pub unidentified: BTreeMap<String, Vec<Revision>>,
    /// What could not be proven and why (shallow clone, no repository, no commits,
    /// uncommitted changes, unreadable objects), one sentence each.
    pub notes: Vec<String>,
    /// Whether the QMS root is inside a git repository at all.
    pub repository: bool,
    /// The commit HEAD points to; `None` outside a repository or before the first commit.
    pub head: Option<String>,
    /// Whether the clone is shallow: revisions before its boundary are missing.
    pub shallow: bool,
    /// The findings accepted on the record (`[[history.accepted]]`), filed with the history
    /// they are about.
    pub accepted: Vec<Acceptance>,
    /// `[history] since` as written, when it names no commit of the repository.
    pub unknown_since: Option<Spanned<String>>,
    /// The versions of each record of the records folder, by id (by path when it has none),
    /// oldest first; an uncommitted version comes last.
    pub records: BTreeMap<String, Vec<super::RecordRevision>>,
}

impl History {
    /// The revisions of document `id`, oldest first; empty if it has none.
    pub fn revisions(&self, id: &str) -> &[Revision] {
        self.documents.get(id).map_or(&[], Vec::as_slice)
    }

    /// The revisions of `id` that are commits, without the uncommitted working-tree one.
    pub fn committed(&self, id: &str) -> &[Revision] {
        let revisions = self.revisions(id);
        match revisions.last() {
            Some(last) if last.is_uncommitted() => &revisions[..revisions.len() - 1],
            _ => revisions,
        }
    }

    /// The newest revision of `id`, uncommitted or not.
    pub fn latest(&self, id: &str) -> Option<&Revision> {
        self.revisions(id).last()
    }

    /// Whether `id` has changes in the working tree that are not committed.
    pub fn has_uncommitted(&self, id: &str) -> bool {
        self.latest(id).is_some_and(Revision::is_uncommitted)
    }

    /// The acceptances about document `id` in the commit of `revision`.
    pub fn accepted_in<'a>(&'a self, id: &'a str, revision: &'a Revision) -> impl Iterator<Item = &'a Acceptance> {
        let commit = revision.commit_id();
        self.accepted.iter().filter(move |a| a.document == id && commit.is_some_and(|c| a.names_commit(c)))
    }

    /// Every revision of every document and unidentified file.
    pub fn all(&self) -> impl Iterator<Item = &Revision> {
        self.documents.values().chain(self.unidentified.values()).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(commit: Option<&str>) -> Revision {
        Revision {
            commit: commit.map(|id| {
                std::sync::Arc::new(CommitInfo {
                    id: id.to_owned(),
                    time: 0,
                    date: Date::constant(2026, 1, 2),
                    author: Person { name: "A".into(), email: "a@example.com".into() },
                    committer: Person { name: "A".into(), email: "a@example.com".into() },
                    summary: String::new(),
                    message: String::new(),
                    merge: false,
                })
            }),
            path: "docs/a.md".into(),
            change: Change::Modified,
            meta: RevisionMeta::default(),
            line: Line::Mainline,
            before_control: false,
        }
    }

    #[test]
    fn committed_leaves_out_the_working_tree() {
        let mut history = History::default();
        history.documents.insert("A-1".into(), vec![revision(Some("abcdef0123")), revision(None)]);
        assert_eq!(history.revisions("A-1").len(), 2);
        assert_eq!(history.committed("A-1").len(), 1);
        assert!(history.has_uncommitted("A-1"));
        assert_eq!(history.revisions("B-1").len(), 0);
        assert_eq!(history.revisions("A-1")[0].label(), "abcdef0");
        assert_eq!(history.latest("A-1").map(Revision::label).as_deref(), Some("working tree"));
    }
}
