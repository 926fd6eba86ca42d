//! A document change notice between two points of history: documents added, withdrawn or made
//! obsolete, and revised (old → new version), with the commits that made each change.

use super::{Change, History, Revision, RevisionMeta, Status};
use std::collections::BTreeSet;

/// One document's entry in the notice.
#[derive(Debug, Clone)]
pub struct ChangedDocument<'a> {
    pub id: &'a str,
    /// The state at the start (`None` when the document did not exist).
    pub before: Option<&'a RevisionMeta>,
    /// The state at the end (`None` when it was deleted).
    pub after: Option<&'a RevisionMeta>,
    pub path: &'a str,
    /// The revisions between the two points, oldest first.
    pub revisions: Vec<&'a Revision>,
}

/// What changed between two points.
#[derive(Debug, Default)]
pub struct ChangeNotice<'a> {
    pub added: Vec<ChangedDocument<'a>>,
    /// Deleted, or made obsolete.
    pub withdrawn: Vec<ChangedDocument<'a>>,
    /// A new version (or another change of metadata) of a document that stays in the set.
    pub revised: Vec<ChangedDocument<'a>>,
}

/// The notice between point A and point B of history, each given as the set of commits that
/// come *after* it on the way to HEAD (`A..HEAD`, `B..HEAD`): a revision belongs to a point when
/// its commit is not in that set. Uncommitted revisions belong to neither.
pub fn change_notice<'a>(
    history: &'a History,
    after_a: &BTreeSet<String>,
    after_b: &BTreeSet<String>,
) -> ChangeNotice<'a> {
    let mut notice = ChangeNotice::default();
    for (id, revisions) in &history.documents {
        let committed: Vec<&Revision> = revisions.iter().filter(|r| r.commit.is_some()).collect();
        let at = |after: &BTreeSet<String>| {
            committed.iter().rev().find(|r| r.commit.as_ref().is_some_and(|c| !after.contains(&c.id))).copied()
        };
        let alive = |revision: Option<&'a Revision>| revision.filter(|r| r.change != Change::Deleted);
        let (before, after) = (alive(at(after_a)), alive(at(after_b)));
        let between: Vec<&Revision> = committed
            .iter()
            .filter(|r| r.commit.as_ref().is_some_and(|c| after_a.contains(&c.id) && !after_b.contains(&c.id)))
            .copied()
            .collect();
        if between.is_empty() {
            continue;
        }
        let path = after.or(before).or(between.last().copied()).map_or("", |r| r.path.as_str());
        let entry = ChangedDocument {
            id,
            before: before.map(|r| &r.meta),
            after: after.map(|r| &r.meta),
            path,
            revisions: between,
        };
        let obsolete = |meta: Option<&RevisionMeta>| meta.is_some_and(|m| m.status == Some(Status::Obsolete));
        match (entry.before, entry.after) {
            (None, Some(_)) => notice.added.push(entry),
            (Some(_), None) => notice.withdrawn.push(entry),
            (Some(old), Some(_)) if !obsolete(Some(old)) && obsolete(entry.after) => notice.withdrawn.push(entry),
            (Some(old), Some(new))
                if old.version != new.version || old.status != new.status || old.approved != new.approved =>
            {
                notice.revised.push(entry);
            }
            _ => {}
        }
    }
    notice
}
