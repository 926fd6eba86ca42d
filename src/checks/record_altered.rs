//! `record-altered` (DESIGN §7, ISO 9001 7.5.3.2): a record that was fixed evidence (a closed
//! nonconformity, a held audit, a management review) at some mainline version and changed in a
//! later one without a new `amendments:` entry. Each mainline version is judged against the one
//! before it (a merge once, by its net effect); in pull-request mode, the net change from the
//! merge base; uncommitted changes last. Findings accepted on the record become notes.

use super::accepted::{Finding, Findings};
use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule, Span};
use crate::model::{Line, Record, RecordKind, RecordRevision, RecordState};
use std::collections::BTreeSet;

pub struct RecordAltered;

impl Check for RecordAltered {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::RecordAltered]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let Some(history) = ctx.history else { return };
        let mut mainline = Findings::default();
        let mut pull_request = ctx.history_scope.map(|_| Findings::default());
        for (key, revisions) in &history.records {
            // A record gone from the working tree has no place to report at.
            let Some(record) = ctx.records.iter().find(|r| r.id() == Some(key.as_str()) || r.path == *key) else {
                continue;
            };
            judge(record, key, &mainline_steps(revisions), &mut mainline);
            if let (Some(scope), Some(findings)) = (ctx.history_scope, pull_request.as_mut()) {
                judge(record, key, &pull_request_steps(revisions, scope), findings);
            }
        }
        super::accepted::report(ctx, history, self.rules(), (mainline, pull_request), out);
    }
}

/// Every controlled mainline version, each judged.
fn mainline_steps(revisions: &[RecordRevision]) -> Vec<(&RecordRevision, bool)> {
    let controlled = revisions.iter().filter(|r| !r.before_control && r.line == Line::Mainline);
    controlled.map(|revision| (revision, true)).collect()
}

/// The mainline versions before `scope` (`base..HEAD`), unjudged; the newest version in scope
/// (on the mainline if there is one), judged; the working tree, judged.
fn pull_request_steps<'a>(
    revisions: &'a [RecordRevision],
    scope: &BTreeSet<String>,
) -> Vec<(&'a RecordRevision, bool)> {
    let controlled = || revisions.iter().filter(|r| !r.before_control);
    let in_scope = |r: &RecordRevision| r.commit.as_ref().is_some_and(|c| scope.contains(&c.id));
    let mut steps: Vec<_> = controlled()
        .filter(|r| r.commit.is_some() && r.line == Line::Mainline && !in_scope(r))
        .map(|revision| (revision, false))
        .collect();
    let changed: Vec<&RecordRevision> = controlled().filter(|r| in_scope(r)).collect();
    if let Some(net) = changed.iter().rev().find(|r| r.line == Line::Mainline).or(changed.last()) {
        steps.push((net, true));
    }
    if let Some(revision) = revisions.last().filter(|r| r.commit.is_none()) {
        steps.push((revision, true));
    }
    steps
}

/// Compares each step with the one before; a judged change to a record that was fixed before
/// it, without an amendment, is a finding.
fn judge(record: &Record, key: &str, steps: &[(&RecordRevision, bool)], out: &mut Findings) {
    let mut fixed = false;
    let mut previous: Option<(&RecordRevision, &RecordState)> = None;
    for &(revision, judged) in steps {
        let Some(state) = &revision.state else {
            previous = None;
            continue;
        };
        if let Some((before, earlier)) = previous {
            let since = before.commit.as_ref().map(|commit| commit.date);
            let amended = since.is_some_and(|since| state.amends(earlier, since));
            if judged && fixed && state.hash != earlier.hash && !amended {
                out.push(finding(record, key, revision, since));
            }
        }
        fixed |= state.fixed;
        previous = Some((revision, state));
    }
}

fn finding(record: &Record, key: &str, revision: &RecordRevision, since: Option<crate::model::Date>) -> Finding {
    let what = match record.kind() {
        RecordKind::Audit => "held audit",
        RecordKind::Nonconformity => "closed nonconformity",
        RecordKind::ManagementReview | RecordKind::Certificate => "management review",
    };
    let when = match &revision.commit {
        Some(commit) => {
            let short = &commit.id[..commit.id.len().min(7)];
            format!("in commit {short} ({}, {})", commit.date, commit.author.name)
        }
        None => "in uncommitted changes".to_owned(),
    };
    let message = format!("{key}: the {what} was changed {when} without a new `amendments:` entry");
    let dated = since.map_or_else(String::new, |since| format!(", dated {since} or later"));
    let span = record.amendments_key.clone().map_or_else(|| Span::file_start(record.file), |key| record.span(key));
    let diagnostic = Diagnostic::new(Rule::RecordAltered, message).at(span).field("amendments").help(format!(
        "add an `amendments:` entry saying what changed and why (`{{date: …, by: …, reason: …}}`{dated}), or undo the \
         change; once on the mainline, accept it under `[[history.accepted]]` in qms.toml"
    ));
    Finding { document: key.to_owned(), commit: revision.commit.as_ref().map(|c| c.id.clone()), diagnostic }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::model::{CommitInfo, Date, Person};

    fn revision(id: Option<&str>, line: Line, fixed: bool, hash: u64) -> RecordRevision {
        let person = Person { name: "Ada".into(), email: "ada@example.com".into() };
        RecordRevision {
            commit: id.map(|id| {
                std::sync::Arc::new(CommitInfo {
                    id: id.to_owned(),
                    time: 0,
                    date: Date::constant(2026, 5, 1),
                    author: person.clone(),
                    committer: person.clone(),
                    summary: id.to_owned(),
                    message: String::new(),
                    merge: false,
                })
            }),
            line,
            before_control: false,
            path: "records/aud-1.md".into(),
            state: Some(RecordState { fixed, amendments: Vec::new(), hash }),
        }
    }

    fn audit() -> Record {
        let text = "---\nrecord: audit\nid: AUD-1\ntitle: A\nplanned: 2026-03-01\ndate: 2026-03-02\nclauses: {}\n---\n";
        crate::load::records::parse_record(FileId(0), "records/aud-1.md", text, &mut Vec::new()).unwrap()
    }

    fn commits(findings: &Findings) -> Vec<Option<String>> {
        findings.iter().map(|finding| finding.commit.clone()).collect()
    }

    #[test]
    fn only_changes_after_the_record_was_fixed_are_findings() {
        let revisions = vec![
            revision(Some("plan"), Line::Mainline, false, 1),
            revision(Some("hold"), Line::Mainline, true, 2),
            revision(Some("wip"), Line::MergedBranch, true, 3),
            revision(Some("merge"), Line::Mainline, true, 4),
            revision(Some("same"), Line::Mainline, true, 4),
            revision(None, Line::Mainline, true, 5),
        ];
        let mut out = Findings::default();
        judge(&audit(), "AUD-1", &mainline_steps(&revisions), &mut out);
        assert_eq!(commits(&out), [Some("merge".to_owned()), None], "the merge once, then the working tree");
    }

    #[test]
    fn a_pull_request_is_judged_on_its_net_change() {
        let revisions = vec![
            revision(Some("hold"), Line::Mainline, true, 1),
            revision(Some("edit"), Line::Mainline, true, 2),
            revision(Some("undo"), Line::Mainline, true, 1),
        ];
        let scope = BTreeSet::from(["edit".to_owned(), "undo".to_owned()]);
        let mut out = Findings::default();
        judge(&audit(), "AUD-1", &pull_request_steps(&revisions, &scope), &mut out);
        assert_eq!(commits(&out), [], "the net change is none");
        let scope = BTreeSet::from(["edit".to_owned()]);
        judge(&audit(), "AUD-1", &pull_request_steps(&revisions[..2], &scope), &mut out);
        assert_eq!(commits(&out), [Some("edit".to_owned())]);
    }
}
