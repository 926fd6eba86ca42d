//! Filing the changes of one commit (or of the working tree) as revisions of documents, by id:
//! a file deleted and one added with the same id in one commit is a move.

use crate::git::BlobId;
use crate::model::{Change, CommitInfo, DocId, History, Line, Revision, RevisionMeta};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// One side of a file change: where, which content, and what it says (shared with the
/// versions read: most sides only name their document and become no revision).
pub(super) struct Side {
    pub path: String,
    /// `None` for working-tree content.
    pub blob: Option<BlobId>,
    pub meta: Arc<RevisionMeta>,
}

/// A file before and after a commit.
pub(super) struct Step {
    pub old: Option<Side>,
    pub new: Option<Side>,
}

/// Files revisions under document ids, commit after commit.
pub(super) struct Recorder {
    pub history: History,
    /// Content whose id could not be read belongs to the id its path held before:
    /// (path, blob) → that id.
    pub inherited: HashMap<(String, BlobId), DocId>,
}

impl Recorder {
    fn owner(&self, side: &Side) -> Option<DocId> {
        let inherited = || side.blob.and_then(|b| self.inherited.get(&(side.path.clone(), b)).cloned());
        side.meta.id.clone().or_else(inherited)
    }

    /// Files the revisions of one commit (`None`: the working tree) made on `line`; returns how
    /// many documents (or unidentified files) got one.
    pub fn record(&mut self, commit: Option<&Arc<CommitInfo>>, line: Line, baseline: bool, steps: Vec<Step>) -> usize {
        let mut removed: Vec<(Option<DocId>, Side)> = Vec::new();
        let mut added: Vec<(Option<DocId>, Side)> = Vec::new();
        let mut out: Vec<(Option<DocId>, Side, Change)> = Vec::new();
        for step in steps {
            match (step.old, step.new) {
                (_, Some(new)) if baseline => out.push((self.owner(&new), new, Change::Baseline)),
                (None, Some(new)) => added.push((self.owner(&new), new)),
                (Some(old), None) => removed.push((self.owner(&old), old)),
                (Some(old), Some(new)) => {
                    // A side whose id is unknown is the same document as the other side: only
                    // two different readable ids make this a deletion and an addition.
                    let old_owner = self.owner(&old);
                    let new_owner = new.meta.id.clone();
                    if old_owner.is_none() || new_owner.is_none() || new_owner == old_owner {
                        out.push((new_owner.or(old_owner), new, Change::Modified));
                    } else {
                        removed.push((old_owner, old));
                        added.push((new_owner, new));
                    }
                }
                (None, None) => {}
            }
        }
        for (owner, new) in added {
            let from = removed.iter().position(|(o, _)| owner.is_some() && *o == owner);
            match from.map(|index| removed.remove(index)) {
                Some((_, old)) => out.push((owner, new, Change::Moved { from: old.path })),
                None => out.push((owner, new, Change::Added)),
            }
        }
        out.extend(removed.into_iter().map(|(owner, old)| (owner, old, Change::Deleted)));
        let mut touched = BTreeSet::new();
        for (owner, side, change) in out {
            if let (Some(id), None, Some(blob)) = (&owner, &side.meta.id, side.blob) {
                self.inherited.insert((side.path.clone(), blob), id.clone());
            }
            let revision = Revision {
                commit: commit.cloned(),
                path: side.path,
                change,
                meta: Arc::unwrap_or_clone(side.meta),
                line,
                before_control: false,
            };
            let list = if let Some(id) = owner {
                touched.insert((true, id.clone()));
                let earlier = self.history.unidentified.remove(&revision.path);
                let list = self.history.documents.entry(id).or_default();
                if let Some(earlier) = earlier {
                    take_before_control(list, earlier);
                }
                list
            } else {
                touched.insert((false, revision.path.clone()));
                self.history.unidentified.entry(revision.path.clone()).or_default()
            };
            list.push(revision);
        }
        touched.len()
    }
}

/// The revisions a file had before it gained front matter with an id are its document's
/// history before control: filed under that id, oldest first, judged by no rule.
fn take_before_control(list: &mut Vec<Revision>, earlier: Vec<Revision>) {
    // They were recorded in earlier commits of the walk than the one giving the id, and a
    // document usually has no revisions of its own before it gets its id: they go first.
    let earlier = earlier.into_iter().map(|revision| Revision { before_control: true, ..revision });
    list.splice(0..0, earlier);
}
