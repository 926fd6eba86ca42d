//! Which revisions the history rules judge (DESIGN §4 "Which history is judged"): on the
//! mainline, each first-parent commit (a merge is one change, its net effect) and the working
//! tree; in pull-request mode, each document's net change from the merge base to HEAD plus the
//! working tree, after the revisions that set the scene. Revisions before `[history] since`
//! are left out: the first controlled revision has no predecessor to be judged against.

use crate::model::{CommitInfo, Line, Revision};
use std::collections::BTreeSet;

/// One revision as the rules see it.
#[derive(Debug)]
pub struct Step<'a> {
    pub revision: &'a Revision,
    /// Findings about this step are reported; otherwise it only sets the scene (the state
    /// before a pull request).
    pub judged: bool,
    /// The commits that wrote this step's change: its own (unless it is a merge) and those of
    /// the branch it merged. Their authors are the change's authors.
    pub authors: Vec<&'a CommitInfo>,
}

fn written(revision: &Revision) -> Option<&CommitInfo> {
    revision.commit.as_deref().filter(|commit| !commit.merge)
}

/// The mainline steps of one document's revisions (oldest first): every mainline revision,
/// each carrying the authors of the merged-branch commits before it.
pub fn mainline(revisions: &[Revision]) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    let mut branch: Vec<&CommitInfo> = Vec::new();
    for revision in revisions.iter().filter(|r| !r.before_control) {
        match revision.line {
            Line::MergedBranch => branch.extend(written(revision)),
            Line::Mainline => {
                let mut authors = std::mem::take(&mut branch);
                authors.extend(written(revision));
                steps.push(Step { revision, judged: true, authors });
            }
        }
    }
    steps
}

/// The pull-request steps of one document: the revisions not in `scope` (`base..HEAD`: the
/// state at the merge base and before), unjudged; then the net change, the newest revision in
/// `scope` (on the mainline if there is one), judged, written by every commit in `scope`; then
/// the working tree, judged.
pub fn pull_request<'a>(revisions: &'a [Revision], scope: &BTreeSet<String>) -> Vec<Step<'a>> {
    let controlled = || revisions.iter().filter(|r| !r.before_control);
    let in_scope = |r: &Revision| r.commit.as_ref().is_some_and(|c| scope.contains(&c.id));
    let mut steps: Vec<Step<'a>> = controlled()
        .filter(|r| r.commit.is_some() && !in_scope(r))
        .map(|revision| Step { revision, judged: false, authors: written(revision).into_iter().collect() })
        .collect();
    let changed: Vec<&Revision> = controlled().filter(|r| in_scope(r)).collect();
    let net = changed.iter().rev().find(|r| r.line == Line::Mainline).or(changed.last());
    if let Some(revision) = net {
        let authors = changed.iter().filter_map(|r| written(r)).collect();
        steps.push(Step { revision, judged: true, authors });
    }
    if let Some(revision) = revisions.last().filter(|r| r.is_uncommitted()) {
        steps.push(Step { revision, judged: true, authors: Vec::new() });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, Date, Person, RevisionMeta};

    fn revision(id: Option<&str>, line: Line, merge: bool) -> Revision {
        let person = Person { name: "Ada".into(), email: "ada@example.com".into() };
        Revision {
            commit: id.map(|id| {
                std::sync::Arc::new(CommitInfo {
                    id: id.to_owned(),
                    time: 0,
                    date: Date::constant(2026, 1, 2),
                    author: person.clone(),
                    committer: person.clone(),
                    summary: id.to_owned(),
                    message: String::new(),
                    merge,
                })
            }),
            path: "docs/a.md".into(),
            change: Change::Modified,
            meta: RevisionMeta::default(),
            line,
            before_control: false,
        }
    }

    fn ids(steps: &[Step]) -> Vec<(String, bool, Vec<String>)> {
        let label = |r: &Revision| r.commit.as_ref().map_or_else(|| "tree".to_owned(), |c| c.id.clone());
        let row = |s: &Step| (label(s.revision), s.judged, s.authors.iter().map(|c| c.id.clone()).collect());
        steps.iter().map(row).collect()
    }

    #[test]
    fn a_merge_is_one_step_written_by_its_branch() {
        let mut revisions = vec![
            revision(Some("a"), Line::Mainline, false),
            revision(Some("wip"), Line::MergedBranch, false),
            revision(Some("fix"), Line::MergedBranch, false),
            revision(Some("m"), Line::Mainline, true),
            revision(None, Line::Mainline, false),
        ];
        let steps = ids(&mainline(&revisions));
        assert_eq!(
            steps,
            [
                ("a".into(), true, vec!["a".into()]),
                ("m".into(), true, vec!["wip".into(), "fix".into()]),
                ("tree".into(), true, vec![]),
            ]
        );
        revisions[0].before_control = true;
        assert_eq!(ids(&mainline(&revisions))[0].0, "m", "before control, judged by no rule");
    }

    #[test]
    fn a_pull_request_is_judged_on_its_net_change() {
        let revisions = vec![
            revision(Some("a"), Line::Mainline, false),
            revision(Some("b"), Line::Mainline, false),
            revision(Some("c"), Line::Mainline, false),
        ];
        let scope = BTreeSet::from(["b".to_owned(), "c".to_owned()]);
        assert_eq!(
            ids(&pull_request(&revisions, &scope)),
            [("a".into(), false, vec!["a".into()]), ("c".into(), true, vec!["b".into(), "c".into()])]
        );
        assert_eq!(ids(&pull_request(&revisions, &BTreeSet::new())).len(), 3);
    }
}
