//! Document control proven from git history: each document's judged revisions (followed by id
//! across moves; which ones, [`super::judged`]) must bump the version when released content
//! changes, never lower it, renew the approval with each version, never move the status
//! backwards, never be deleted while in force, and never reuse an id. Optionally, the approver
//! must not have authored the change. Findings accepted on the record become notes
//! ([`super::accepted`]).

use super::accepted::{Finding, Findings};
use super::judged::{self, Step};
use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule, Span};
use crate::model::{Change, Document, Revision, RevisionMeta, Status};

pub struct DocumentControl;

impl Check for DocumentControl {
    fn rules(&self) -> &'static [Rule] {
        &[
            Rule::VersionNotBumped,
            Rule::VersionDecreased,
            Rule::ApprovalNotRenewed,
            Rule::StatusRegressed,
            Rule::ControlledDocumentDeleted,
            Rule::IdReused,
            Rule::ApproverIsAuthor,
            Rule::HistoryIncomplete,
            Rule::FindingAccepted,
            Rule::StaleAcceptance,
            Rule::SinceNotFound,
        ]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let Some(history) = ctx.history else { return };
        for note in &history.notes {
            out.push(Diagnostic::new(Rule::HistoryIncomplete, note.clone()));
        }
        if let Some(since) = &history.unknown_since {
            out.push(
                Diagnostic::new(
                    Rule::SinceNotFound,
                    format!("`[history] since = \"{}\"` names no commit of this repository", since.value),
                )
                .at(Span::new(ctx.config_file, since.range.clone()))
                .help("name the commit that put the set under control (its id or a tag), or remove the line"),
            );
        }
        // The mainline is always judged: its findings are what `[[history.accepted]]` entries
        // are matched against, in pull-request mode too.
        let mut mainline = Findings::default();
        let mut pull_request = ctx.history_scope.map(|_| Findings::default());
        for (id, revisions) in &history.documents {
            let current = ctx.register.by_id(id);
            Walk { ctx, id, current, out: &mut mainline }.run(&judged::mainline(revisions));
            if let (Some(scope), Some(out)) = (ctx.history_scope, pull_request.as_mut()) {
                Walk { ctx, id, current, out }.run(&judged::pull_request(revisions, scope));
            }
        }
        super::accepted::report(ctx, history, self.rules(), (mainline, pull_request), out);
    }
}

/// The rules over one document's steps, oldest first.
struct Walk<'a, 'b> {
    ctx: &'a CheckContext<'a>,
    id: &'a str,
    current: Option<&'a Document>,
    out: &'b mut Findings,
}

impl Walk<'_, '_> {
    fn run(&mut self, steps: &[Step]) {
        // The last released step since the document (re)appeared, and the first step of the
        // change that leads to the next approval.
        let mut released: Option<usize> = None;
        let mut start = 0;
        for (index, step) in steps.iter().enumerate() {
            let (revision, judged) = (step.revision, step.judged);
            if revision.change == Change::Deleted {
                if judged && revision.meta.status.is_some_and(Status::is_released) {
                    self.report_deleted(revision);
                }
                released = None;
                start = index + 1;
                continue;
            }
            if let Some(previous) = index.checked_sub(1).map(|i| steps[i].revision) {
                if previous.change == Change::Deleted {
                    if judged && previous.meta.title != revision.meta.title {
                        self.report_reused(previous, revision);
                    }
                } else if judged {
                    self.compare_neighbours(previous, revision);
                }
            }
            if !revision.meta.status.is_some_and(Status::is_released) {
                continue;
            }
            let last = released.map(|i| steps[i].revision);
            let new_approval = last.is_none_or(|last| {
                last.meta.version != revision.meta.version || last.meta.approved != revision.meta.approved
            });
            if let (Some(last), true) = (last, judged) {
                self.compare_releases(last, revision);
            }
            if new_approval {
                if judged {
                    self.check_segregation(&steps[start..=index], revision);
                }
                start = index + 1;
            }
            released = Some(index);
        }
    }

    fn span(&self, field: &str) -> Option<Span> {
        self.current.map(|document| document.field_span(field))
    }

    /// Reports `rule` about the change `revision` made.
    fn push(&mut self, rule: Rule, revision: &Revision, message: &str, field: &str, help: String) {
        let mut diagnostic = Diagnostic::new(rule, format!("{}: {message}", self.id)).help(help);
        if let Some(span) = self.span(field) {
            diagnostic = diagnostic.at(span).field(field);
        }
        self.record(diagnostic, revision);
    }

    fn record(&mut self, diagnostic: Diagnostic, revision: &Revision) {
        let commit = revision.commit_id().map(str::to_owned);
        self.out.push(Finding { document: self.id.to_owned(), commit, diagnostic });
    }

    fn compare_neighbours(&mut self, old: &Revision, new: &Revision) {
        if let (Some(before), Some(after)) = (&old.meta.version, &new.meta.version)
            && after < before
        {
            self.push(
                Rule::VersionDecreased,
                new,
                &format!("version went from {before} to {after} in {}", commit(new)),
                "version",
                format!("use a version above {before}"),
            );
        }
        let (Some(from), Some(to)) = (old.meta.status, new.meta.status) else { return };
        let same_version = old.meta.version == new.meta.version;
        let resurrected = from == Status::Obsolete && to != Status::Obsolete;
        if resurrected || (same_version && from.is_released() && to < from) {
            self.push(
                Rule::StatusRegressed,
                new,
                &format!(
                    "status went from {from} to {to} in {}{}",
                    commit(new),
                    if same_version {
                        format!(" while the version stayed {}", version(&new.meta))
                    } else {
                        String::new()
                    }
                ),
                "status",
                if resurrected {
                    "an obsolete document stays obsolete; issue its replacement under a new id".to_owned()
                } else {
                    "start the rework as a new version with status `draft`".to_owned()
                },
            );
        }
    }

    /// Two released revisions in a row.
    fn compare_releases(&mut self, last: &Revision, new: &Revision) {
        let (Some(before), Some(after)) = (&last.meta.version, &new.meta.version) else { return };
        if before == after && last.meta.body_hash != new.meta.body_hash {
            self.push(
                Rule::VersionNotBumped,
                new,
                &format!("content changed in {} but the version stayed {after}", commit(new)),
                "version",
                format!("bump the version above {after} and record the approval of the change"),
            );
        }
        if after > before && !matches!((last.meta.approved, new.meta.approved), (Some(old), Some(new)) if new > old) {
            let old = last.meta.approved.map_or_else(|| "none".to_owned(), |d| d.to_string());
            let now = new.meta.approved.map_or_else(|| "none".to_owned(), |d| d.to_string());
            self.push(
                Rule::ApprovalNotRenewed,
                new,
                &format!(
                    "version {after} was released in {} with approval date {now}, not after version {before}'s ({old})",
                    commit(new)
                ),
                "approved",
                format!("set `approved` to the date version {after} was approved"),
            );
        }
    }

    fn report_deleted(&mut self, revision: &Revision) {
        let status = revision.meta.status.map_or("", Status::as_str);
        let diagnostic = Diagnostic::new(
            Rule::ControlledDocumentDeleted,
            format!("{} ({}) was deleted while {status} in {}", self.id, revision.path, commit(revision)),
        )
        .help(format!("restore {} with `status: obsolete` and `superseded_by` or `withdrawn`", revision.path));
        self.record(diagnostic, revision);
    }

    fn report_reused(&mut self, deleted: &Revision, added: &Revision) {
        let old = deleted.meta.title.as_deref().unwrap_or("untitled");
        let new = added.meta.title.as_deref().unwrap_or("untitled");
        self.push(
            Rule::IdReused,
            added,
            &format!(
                "the id named \"{old}\" (deleted in {}) and now names \"{new}\" ({})",
                commit(deleted),
                commit(added)
            ),
            "id",
            "give the new document an id that was never used".to_owned(),
        );
    }

    /// The approver of `released` must not have written any of `change` (its steps).
    fn check_segregation(&mut self, change: &[Step], released: &Revision) {
        let Some(approver) = &released.meta.approver else { return };
        let people = self.ctx.roles.get(approver).cloned().unwrap_or_else(|| vec![approver.clone()]);
        let authored = change.iter().flat_map(|step| step.authors.iter().copied()).find(|commit| {
            people.iter().any(|person| {
                person.eq_ignore_ascii_case(&commit.author.name) || person.eq_ignore_ascii_case(&commit.author.email)
            })
        });
        if let Some(commit_info) = authored {
            self.push(
                Rule::ApproverIsAuthor,
                released,
                &format!(
                    "version {} is approved by {approver}, who authored {} ({})",
                    version(&released.meta),
                    short(&commit_info.id),
                    commit_info.summary
                ),
                "approver",
                "have a second person approve the version".to_owned(),
            );
        }
    }
}

fn version(meta: &RevisionMeta) -> String {
    meta.version.as_ref().map_or_else(|| "(none)".to_owned(), ToString::to_string)
}

fn short(id: &str) -> &str {
    &id[..id.len().min(7)]
}

/// `a1b2c3d (2026-03-01, Jane Smith: "Fix typo")`, or `the working tree`.
fn commit(revision: &Revision) -> String {
    match &revision.commit {
        Some(commit) => {
            format!("{} ({}, {}: \"{}\")", short(&commit.id), commit.date, commit.author.name, commit.summary)
        }
        None => "the working tree (uncommitted)".to_owned(),
    }
}
