//! What the site says about history: each version's revision rows (the revisions of every
//! document up to the version's commit), and what changed between two versions (documents
//! added, withdrawn or made obsolete, and revised with both bodies for the redline).

use super::snapshot::Snapshot;
use crate::model::{Acceptance, Change, History, Line, Revision, Status};
use crate::render::{ChangedDocument, ChangesView, RevisedDocument, RevisionRow};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Which revisions of the history a version holds.
#[derive(Debug, Clone)]
pub enum Cutoff {
    /// All of them, uncommitted ones included (the working tree).
    Everything,
    /// The committed revisions whose commit is not in `after` (the commits reachable from HEAD
    /// but not from the version's commit): exactly the ancestors of that commit.
    NotAfter(BTreeSet<String>),
    /// The commit's ancestry could not be read: the committed revisions made no later than
    /// `time` (seconds since the Unix epoch).
    Until(i64),
}

impl Cutoff {
    fn holds(&self, revision: &Revision) -> bool {
        match (self, &revision.commit) {
            (Cutoff::Everything, _) => true,
            (_, None) => false,
            (Cutoff::NotAfter(after), Some(commit)) => !after.contains(&commit.id),
            (Cutoff::Until(time), Some(commit)) => commit.time <= *time,
        }
    }
}

/// Every revision's row, made once for all the versions of a build (a row depends on its
/// revision alone), each with a digest for the release keys when they ask for it. A version's
/// rows are those its cutoff holds.
pub struct Rows<'h> {
    /// By document id, in id order; each document's revisions oldest first.
    documents: Vec<(&'h str, Vec<Made<'h>>)>,
}

/// One revision's row and, once a release key asks for it, its digest.
struct Made<'h> {
    revision: &'h Revision,
    row: RevisionRow,
    digest: OnceLock<[u8; 32]>,
}

impl Made<'_> {
    /// `Debug` of a plain row: its strings quoted and escaped, so no field can pose as two, and
    /// the same row always gives the same text.
    fn digest(&self) -> &[u8; 32] {
        self.digest.get_or_init(|| Sha256::digest(format!("{:?}", self.row).as_bytes()).into())
    }
}

impl<'h> Rows<'h> {
    /// The rows of every revision of `history`: with the reason for each version, whether the
    /// rules judge it, and the findings about it accepted on the record.
    pub fn new(history: &'h History) -> Rows<'h> {
        let documents: Vec<(&String, &Vec<Revision>)> = history.documents.iter().collect();
        let documents = documents
            .into_par_iter()
            .map(|(id, revisions)| {
                let made = revisions
                    .iter()
                    .map(|revision| {
                        let accepted = history.accepted_in(id, revision).map(Acceptance::describe).collect();
                        Made { revision, row: RevisionRow { accepted, ..row(revision) }, digest: OnceLock::new() }
                    })
                    .collect();
                (id.as_str(), made)
            })
            .collect();
        Rows { documents }
    }

    /// The rows `cutoff` holds, by document id, oldest first; documents without one are left out.
    pub fn held(&self, cutoff: &Cutoff) -> BTreeMap<String, Vec<RevisionRow>> {
        self.documents
            .iter()
            .filter_map(|(id, made)| {
                let kept: Vec<RevisionRow> =
                    made.iter().filter(|m| cutoff.holds(m.revision)).map(|m| m.row.clone()).collect();
                (!kept.is_empty()).then(|| ((*id).to_owned(), kept))
            })
            .collect()
    }

    /// A digest of [`Rows::held`]: the same rows give the same digest, and any other rows
    /// another.
    pub fn digest(&self, cutoff: &Cutoff) -> [u8; 32] {
        let mut digest = Sha256::new();
        for (id, made) in &self.documents {
            let mut kept = made.iter().filter(|m| cutoff.holds(m.revision)).peekable();
            if kept.peek().is_none() {
                continue;
            }
            super::key::field(&mut digest, id.as_bytes());
            let rows: Vec<&[u8; 32]> = kept.map(Made::digest).collect();
            digest.update((rows.len() as u64).to_le_bytes());
            for row in rows {
                digest.update(row);
            }
        }
        digest.finalize().into()
    }
}

fn row(revision: &Revision) -> RevisionRow {
    let meta = &revision.meta;
    let (date, author, commit, summary) = match &revision.commit {
        Some(commit) => {
            (commit.date.to_string(), commit.author.name.clone(), commit.id.clone(), commit.summary.clone())
        }
        None => {
            ("uncommitted".to_owned(), String::new(), String::new(), "Uncommitted changes in the working tree".into())
        }
    };
    let message = match &revision.change {
        Change::Moved { from } => format!("{summary} (moved from {from})"),
        Change::Deleted => format!("{summary} (file deleted)"),
        _ => summary,
    };
    RevisionRow {
        version: meta.version.as_ref().map(ToString::to_string).unwrap_or_default(),
        date,
        author,
        approver: meta.approver.clone().unwrap_or_default(),
        commit,
        message,
        change: meta.change.clone().unwrap_or_default(),
        standing: standing(revision).to_owned(),
        accepted: Vec::new(),
    }
}

fn standing(revision: &Revision) -> &'static str {
    match (revision.before_control, revision.line) {
        (true, _) => "before control",
        (false, Line::MergedBranch) => "on a merged branch",
        (false, Line::Mainline) => "",
    }
}

/// What changed from `previous` to `this`: documents added; withdrawn (gone, or made obsolete);
/// revised (a new version, or a changed body), with both Markdown bodies.
pub fn changes(previous: &Snapshot, this: &Snapshot) -> ChangesView {
    let (old, new) = (&previous.project.loaded.register, &this.project.loaded.register);
    let mut view = ChangesView {
        previous_label: previous.label.clone(),
        added: Vec::new(),
        withdrawn: Vec::new(),
        revised: Vec::new(),
    };
    let obsolete = |d: &crate::model::Document| d.status() == Some(Status::Obsolete);
    let summary = |d: &crate::model::Document| ChangedDocument {
        id: d.id().unwrap_or_default().to_owned(),
        title: d.meta.title.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
        version: version_of(d),
        change: change_of(d),
    };
    for document in new.documents() {
        let Some(id) = document.id() else { continue };
        match old.by_id(id) {
            None => view.added.push(summary(document)),
            Some(before) if obsolete(document) && !obsolete(before) => view.withdrawn.push(summary(document)),
            Some(before) => {
                let (old_body, new_body) = (previous.body(id).unwrap_or_default(), this.body(id).unwrap_or_default());
                if version_of(before) != version_of(document) || old_body != new_body {
                    view.revised.push(RevisedDocument {
                        id: id.to_owned(),
                        title: summary(document).title,
                        old_version: version_of(before),
                        new_version: version_of(document),
                        change: change_of(document),
                        old_markdown: old_body.to_owned(),
                        new_markdown: new_body.to_owned(),
                    });
                }
            }
        }
    }
    for document in old.documents() {
        if document.id().is_some_and(|id| new.by_id(id).is_none()) {
            view.withdrawn.push(summary(document));
        }
    }
    view
}

fn change_of(document: &crate::model::Document) -> String {
    document.meta.change.as_ref().map(|c| c.value.clone()).unwrap_or_default()
}

fn version_of(document: &crate::model::Document) -> String {
    document.meta.version.as_ref().map_or_else(|| "—".to_owned(), |v| v.value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CommitInfo, Date, Person, RevisionMeta};

    fn revision(commit: Option<(&str, i64)>, version: &str) -> Revision {
        let person = Person { name: "Ada".into(), email: "ada@example.com".into() };
        Revision {
            commit: commit.map(|(id, time)| {
                std::sync::Arc::new(CommitInfo {
                    id: id.to_owned(),
                    time,
                    date: Date::constant(2026, 1, 2),
                    author: person.clone(),
                    committer: person.clone(),
                    summary: format!("Issue {version}"),
                    message: String::new(),
                    merge: false,
                })
            }),
            path: "docs/a.md".into(),
            change: Change::Modified,
            meta: RevisionMeta { version: crate::model::Version::parse(version), ..RevisionMeta::default() },
            line: Line::Mainline,
            before_control: false,
        }
    }

    #[test]
    fn a_version_holds_the_revisions_of_its_ancestry() {
        let mut history = History::default();
        let revisions = vec![revision(Some(("a", 10)), "1.0"), revision(Some(("b", 20)), "1.1"), revision(None, "1.2")];
        history.documents.insert("A-1".into(), revisions);
        let versions = |cutoff: &Cutoff| -> Vec<String> {
            Rows::new(&history)
                .held(cutoff)
                .get("A-1")
                .map(|r| r.iter().map(|r| r.version.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(versions(&Cutoff::Everything), ["1.0", "1.1", "1.2"]);
        assert_eq!(versions(&Cutoff::NotAfter(BTreeSet::from(["b".to_owned()]))), ["1.0"]);
        assert_eq!(versions(&Cutoff::Until(20)), ["1.0", "1.1"]);
        assert_eq!(versions(&Cutoff::Until(5)), Vec::<String>::new());
        let all = Rows::new(&history).held(&Cutoff::Everything);
        assert_eq!(all["A-1"][2].date, "uncommitted");
        assert_eq!(all["A-1"][0].message, "Issue 1.0");
    }

    #[test]
    fn a_version_key_digest_follows_its_rows_and_nothing_else() {
        let mut history = History::default();
        history
            .documents
            .insert("A-1".into(), vec![revision(Some(("a", 10)), "1.0"), revision(Some(("b", 20)), "1.1")]);
        let rows = Rows::new(&history);
        let first_only = rows.digest(&Cutoff::Until(10));
        assert_eq!(first_only, rows.digest(&Cutoff::NotAfter(BTreeSet::from(["b".to_owned()]))), "the same rows");
        assert_ne!(first_only, rows.digest(&Cutoff::Until(20)), "one row more");
        assert_eq!(
            rows.digest(&Cutoff::Until(5)),
            Rows::new(&History::default()).digest(&Cutoff::Everything),
            "a document without rows is left out, as `held` leaves it out"
        );
        let mut approved = history.clone();
        if let Some(revisions) = approved.documents.get_mut("A-1") {
            revisions[0].meta.approver = Some("Bo".into());
        }
        assert_ne!(Rows::new(&approved).digest(&Cutoff::Until(10)), first_only, "one field of one row");
        let mut renamed = History::default();
        renamed.documents.insert("A-2".into(), history.documents["A-1"].clone());
        assert_ne!(Rows::new(&renamed).digest(&Cutoff::Until(10)), first_only, "the same rows of another document");
    }
}
