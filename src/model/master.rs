//! The master document register: one row per document, today or as it stood on a past date
//! (which revision of each document was in force then, from history).

use super::{
    Acceptance, Change, Date, DocumentState, HeaderRevision, History, Line, NextReview, Register, Revision, Status,
    compare_ids, header_revisions,
};
use crate::config::ReviewSettings;

/// One line of the master register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub id: String,
    pub title: String,
    pub doc_type: String,
    pub version: String,
    pub status: String,
    /// What a reader may rely on, on the day the register is drawn up.
    pub state: DocumentState,
    pub owner: String,
    pub approver: String,
    pub approved: Option<Date>,
    pub effective: Option<Date>,
    pub last_reviewed: Option<Date>,
    pub next_review: Option<Date>,
    /// Committed revisions (up to the date asked for).
    pub revisions: usize,
    /// The last commit that changed the document: short id and date.
    pub last_change: Option<(String, Date)>,
    /// Uncommitted changes in the working tree.
    pub uncommitted: bool,
    pub path: String,
    /// The reason for the version (`change`).
    pub change: Option<String>,
    /// History findings about the document accepted on the record.
    pub accepted: Vec<Acceptance>,
    /// Other names the document answers to (`aliases`).
    pub aliases: Vec<String>,
    /// The revisions its adopted header recorded before control, oldest first (not counted
    /// in `revisions`).
    pub header_revisions: Vec<HeaderRevision>,
}

fn accepted(history: Option<&History>, id: &str) -> Vec<Acceptance> {
    history.map(|h| h.accepted.iter().filter(|a| a.document == id).cloned().collect()).unwrap_or_default()
}

fn last_change(revisions: &[&Revision]) -> Option<(String, Date)> {
    revisions.iter().rev().find_map(|r| r.commit.as_ref()).map(|c| (c.id.chars().take(7).collect(), c.date))
}

/// The register of the documents as they are on `today`, in id order ([`compare_ids`]): the
/// one register `qms register` prints and the site shows.
pub fn register_now(
    register: &Register,
    history: Option<&History>,
    settings: &ReviewSettings,
    today: Date,
) -> Vec<RegisterRow> {
    let text = |value: Option<&crate::diag::Spanned<String>>| value.map(|v| v.value.clone()).unwrap_or_default();
    let mut rows: Vec<RegisterRow> = register
        .documents()
        .iter()
        .map(|document| {
            let meta = &document.meta;
            let revisions: Vec<&Revision> =
                document.id().and_then(|id| history.map(|h| h.committed(id).iter().collect())).unwrap_or_default();
            RegisterRow {
                id: document.id().unwrap_or_default().to_owned(),
                title: text(meta.title.as_ref()),
                doc_type: text(meta.doc_type.as_ref()),
                version: meta.version.as_ref().map(|v| v.value.to_string()).unwrap_or_default(),
                status: document.status().map(Status::as_str).unwrap_or_default().to_owned(),
                state: document.state(today),
                owner: text(meta.owner.as_ref()),
                approver: text(meta.approver.as_ref()),
                approved: meta.approved.as_ref().map(|d| d.value),
                effective: meta.effective.as_ref().map(|d| d.value),
                last_reviewed: meta.last_reviewed.as_ref().map(|d| d.value),
                next_review: NextReview::of(document, settings).map(|r| r.due),
                revisions: revisions.len(),
                last_change: last_change(&revisions),
                uncommitted: document.id().is_some_and(|id| history.is_some_and(|h| h.has_uncommitted(id))),
                path: document.path.clone(),
                change: meta.change.as_ref().map(|c| c.value.clone()),
                accepted: document.id().map(|id| accepted(history, id)).unwrap_or_default(),
                aliases: meta.aliases.iter().map(|a| a.value.clone()).collect(),
                header_revisions: header_revisions(&meta.major_revisions).into_iter().cloned().collect(),
            }
        })
        .collect();
    rows.sort_by(|a, b| compare_ids(&a.id, &b.id).then_with(|| a.path.cmp(&b.path)));
    rows
}

/// The register as it stood at the end of `date`: for each document that existed then, the
/// revision in force on that day (or, if none was, its latest state). Only the mainline was in
/// force: a commit inside a branch counts once its merge was made.
pub fn register_as_of(register: &Register, history: &History, date: Date) -> Vec<RegisterRow> {
    let mut rows = Vec::new();
    for (id, revisions) in &history.documents {
        let known: Vec<&Revision> = revisions
            .iter()
            .filter(|r| r.line == Line::Mainline && r.commit.as_ref().is_some_and(|c| c.date <= date))
            .collect();
        // A document whose file was not yet under control is no entry of that day's register.
        let Some(state) = known.last().filter(|r| r.change != Change::Deleted && !r.before_control) else { continue };
        // Revisions since the document last (re)appeared.
        let alive_from = known.iter().rposition(|r| r.change == Change::Deleted).map_or(0, |i| i + 1);
        let in_force = known[alive_from..]
            .iter()
            .rev()
            .find(|r| r.meta.status.is_some_and(Status::is_released) && r.meta.effective.is_none_or(|e| e <= date));
        let revision = in_force.unwrap_or(state);
        let meta = &revision.meta;
        let current = register.by_id(id);
        let text = |value: Option<&crate::diag::Spanned<String>>| value.map(|v| v.value.clone()).unwrap_or_default();
        rows.push(RegisterRow {
            id: id.clone(),
            title: meta.title.clone().unwrap_or_default(),
            doc_type: current.map(|d| text(d.meta.doc_type.as_ref())).unwrap_or_default(),
            version: meta.version.as_ref().map(ToString::to_string).unwrap_or_default(),
            status: meta.status.map(Status::as_str).unwrap_or_default().to_owned(),
            state: DocumentState::of(meta.status, meta.effective, date),
            owner: current.map(|d| text(d.meta.owner.as_ref())).unwrap_or_default(),
            approver: meta.approver.clone().unwrap_or_default(),
            approved: meta.approved,
            effective: meta.effective,
            last_reviewed: meta.last_reviewed,
            next_review: None,
            revisions: known.len(),
            last_change: last_change(&known),
            uncommitted: false,
            path: revision.path.clone(),
            change: meta.change.clone(),
            accepted: accepted(Some(history), id).into_iter().filter(|a| a.date <= date).collect(),
            aliases: current.map(|d| d.meta.aliases.iter().map(|a| a.value.clone()).collect()).unwrap_or_default(),
            header_revisions: current
                .map(|d| {
                    header_revisions(&d.meta.major_revisions).into_iter().filter(|r| r.date <= date).cloned().collect()
                })
                .unwrap_or_default(),
        });
    }
    rows.sort_by(|a, b| compare_ids(&a.id, &b.id));
    rows
}

/// What `--as-of` a date could not show: documents whose files existed then but were not yet
/// under control, and the day the first document came under control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BeforeControl {
    pub documents: usize,
    pub controlled_from: Option<Date>,
}

/// The documents that on `date` existed only before control (see [`BeforeControl`]).
pub fn before_control_on(history: &History, date: Date) -> BeforeControl {
    let mut found = BeforeControl::default();
    for revisions in history.documents.values() {
        let mut mainline = revisions.iter().filter(|r| r.line == Line::Mainline);
        let controlled = mainline.clone().filter(|r| !r.before_control).find_map(Revision::date);
        if let Some(first) = controlled {
            found.controlled_from = Some(found.controlled_from.map_or(first, |d| d.min(first)));
        }
        let state = mainline.rfind(|r| r.date().is_some_and(|d| d <= date));
        if state.is_some_and(|r| r.before_control && r.change != Change::Deleted) {
            found.documents += 1;
        }
    }
    found
}
