//! Which history the document-control rules judge, as a team works: the mainline (a merge is
//! one change, its branch's commits are work in progress), pull-request mode (the net change
//! from the merge base), findings accepted on the record, `[history] since`, and the reason for
//! a change (`change`) in the notice, the site and `missing-change-reason`.

use crate::support::git::TestRepo;
use crate::support::{TODAY, qms_in};
use qms::model::Line;

const DOC: &str = "docs/sop-1.md";
const RELEASED: &str = "version: \"1.0\"\napproved: 2026-06-01\neffective: 2026-06-08";
const REVISED: &str = "version: \"1.1\"\napproved: 2026-07-10\neffective: 2026-07-10";
const CONFIG: &str = "[organization]\nname = \"Test Ltd\"\n\n[qms]\ndocuments = \"docs\"\n";

fn check(repo: &TestRepo, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["check", "--today", TODAY, "--format", "json"];
    args.extend_from_slice(extra);
    let run = qms_in(&repo.root(), &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run
}

/// `(code, severity, message)` of every diagnostic, notes included.
fn diagnostics(run: &crate::support::Run) -> Vec<(String, String, String)> {
    let json = run.json();
    let list = json["diagnostics"].as_array().unwrap().iter();
    list.map(|d| {
        let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
        (text("code"), text("severity"), text("message"))
    })
    .collect()
}

/// SOP-1 1.0, effective, committed on main.
fn released() -> TestRepo {
    let repo = TestRepo::new();
    repo.doc(DOC, "SOP-1", RELEASED, "First text.");
    repo.commit("Issue SOP-1 1.0", "Ada Lovelace", "2026-06-08");
    repo
}

#[test]
fn a_merge_commit_is_one_change_and_its_branch_commits_are_work_in_progress() {
    let repo = released();
    repo.branch("revise");
    repo.doc(DOC, "SOP-1", RELEASED, "Work in progress.");
    let wip = repo.commit("WIP", "Grace Hopper", "2026-07-01");
    repo.doc(DOC, "SOP-1", REVISED, "Final text.");
    repo.commit("Revise SOP-1 to 1.1", "Grace Hopper", "2026-07-10");
    repo.switch("main");
    let merge = repo.merge("revise", "2026-07-11");

    let run = check(&repo, &[]);
    assert_eq!(run.findings(), [], "the WIP commit alone is never a finding");
    assert_eq!(run.code, 0);

    let history = repo.history();
    let lines: Vec<(String, Line)> =
        history.revisions("SOP-1").iter().map(|r| (r.commit.as_ref().unwrap().summary.clone(), r.line)).collect();
    assert_eq!(lines[1], ("WIP".to_owned(), Line::MergedBranch));
    assert_eq!(lines.last().unwrap().1, Line::Mainline);
    assert_eq!(history.revisions("SOP-1").last().unwrap().commit_id(), Some(merge.as_str()));
    assert_eq!(history.revisions("SOP-1")[1].commit_id(), Some(wip.as_str()));

    // The merge is judged as one change: its net effect here is a body change without a bump.
    let bad = released();
    bad.branch("tweak");
    bad.doc(DOC, "SOP-1", RELEASED, "Changed text.");
    bad.commit("Tweak", "Grace Hopper", "2026-07-01");
    bad.switch("main");
    let merge = bad.merge("tweak", "2026-07-02");
    let run = check(&bad, &[]);
    assert_eq!(run.codes(), ["version-not-bumped"]);
    let messages: Vec<String> = diagnostics(&run).into_iter().map(|(_, _, m)| m).collect();
    assert!(messages.iter().any(|m| m.contains(&merge[..7])), "the merge is named: {messages:?}");
}

#[test]
fn a_pull_request_whose_approval_lands_in_a_later_commit_passes_in_pull_request_mode() {
    let repo = released();
    repo.branch("pr");
    repo.doc(DOC, "SOP-1", "version: \"1.1\"\napproved: 2026-06-01\neffective: 2026-06-08", "New text.");
    repo.commit("Revise SOP-1", "Grace Hopper", "2026-07-01");
    repo.doc(DOC, "SOP-1", REVISED, "New text.");
    repo.commit("Record the approval of SOP-1 1.1", "Grace Hopper", "2026-07-10");
    let run = check(&repo, &["--base", "main"]);
    assert_eq!(run.findings(), [], "judged on its net change from the merge base");
    assert_eq!(run.code, 0);

    // The net change is still judged: approval never recorded.
    let bad = released();
    bad.branch("pr");
    bad.doc(DOC, "SOP-1", "version: \"1.1\"\napproved: 2026-06-01\neffective: 2026-06-08", "New text.");
    bad.commit("Revise SOP-1", "Grace Hopper", "2026-07-01");
    bad.doc(DOC, "SOP-1", "version: \"1.1\"\napproved: 2026-06-01\neffective: 2026-06-08", "Newer text.");
    bad.commit("Polish", "Grace Hopper", "2026-07-02");
    assert_eq!(check(&bad, &["--base", "main"]).codes(), ["approval-not-renewed"]);
}

fn accepted(commit: &str, code: &str) -> String {
    format!(
        "{CONFIG}\n[[history.accepted]]\ncode = \"{code}\"\ndocument = \"SOP-1\"\ncommit = \"{}\"\nreason = \"Typo fix merged without a bump; content reviewed, no change of meaning\"\nby = \"Quality Manager\"\ndate = 2026-11-29\n",
        &commit[..7]
    )
}

#[test]
fn a_slip_on_main_is_red_until_accepted_then_green_with_a_note() {
    let repo = released();
    repo.doc(DOC, "SOP-1", RELEASED, "First text, typo fixed.");
    let slip = repo.commit("Fix a typo", "Ada Lovelace", "2026-07-01");
    repo.doc(DOC, "SOP-1", REVISED, "First text, typo fixed, revised.");
    repo.commit("Revise SOP-1 to 1.1", "Ada Lovelace", "2026-07-10");
    let red = check(&repo, &[]);
    assert_eq!((red.code, red.codes()), (1, vec!["version-not-bumped".to_owned()]), "{}", red.stdout);

    repo.write_root("qms.toml", accepted(&slip, "version-not-bumped"));
    repo.commit("Accept the typo fix on SOP-1", "Ada Lovelace", "2026-11-29");
    let green = check(&repo, &["--deny", "warnings"]);
    assert_eq!(green.code, 0, "{}", green.stdout);
    let notes: Vec<_> = diagnostics(&green).into_iter().filter(|(code, _, _)| code == "finding-accepted").collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (_, severity, message) = &notes[0];
    assert_eq!(severity, "note");
    for part in [
        "version-not-bumped",
        &slip[..7],
        "accepted by Quality Manager on 2026-11-29",
        "Typo fix merged without a bump; content reviewed, no change of meaning",
    ] {
        assert!(message.contains(part), "{part} in {message}");
    }

    let register = qms_in(&repo.root(), &["register", "--format", "json"]).json();
    let acceptance = &register["documents"][0]["accepted"][0];
    assert_eq!(acceptance["code"], "version-not-bumped");
    assert_eq!(acceptance["by"], "Quality Manager");
    assert_eq!(acceptance["date"], "2026-11-29");

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build =
        qms_in(&repo.root(), &["build", "--out", site.to_str().unwrap(), "--versions", "current", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(site.join("current/documents/SOP-1.html")).unwrap();
    assert!(page.contains("accepted by Quality Manager on 2026-11-29"), "the revision history shows it");

    let explain = qms_in(&repo.root(), &["explain", "version-not-bumped"]);
    assert!(explain.stdout.contains("[[history.accepted]]"), "{}", explain.stdout);
}

#[test]
fn an_acceptance_that_matches_no_finding_is_a_stale_warning() {
    let repo = released();
    repo.doc(DOC, "SOP-1", REVISED, "Revised properly.");
    let clean = repo.commit("Revise SOP-1 to 1.1", "Ada Lovelace", "2026-07-10");
    repo.write_root("qms.toml", accepted(&clean, "version-not-bumped"));
    repo.commit("Accept what needs no acceptance", "Ada Lovelace", "2026-11-29");
    let run = check(&repo, &[]);
    assert_eq!(run.findings(), [("qms.toml".to_owned(), 10, "stale-acceptance".to_owned())]);
    assert_eq!(run.code, 0);
    assert_eq!(check(&repo, &["--deny", "warnings"]).code, 1);
    // Pull-request mode judges the acceptance against the whole mainline too.
    repo.branch("pr");
    repo.doc("docs/sop-2.md", "SOP-2", "", "New.");
    repo.commit("Add SOP-2", "Ada Lovelace", "2026-11-30");
    assert_eq!(check(&repo, &["--base", "main"]).codes(), ["stale-acceptance"]);
}

#[test]
fn an_accepted_slip_stays_green_in_pull_request_mode() {
    let repo = released();
    repo.doc(DOC, "SOP-1", RELEASED, "First text, typo fixed.");
    let slip = repo.commit("Fix a typo", "Ada Lovelace", "2026-07-01");
    repo.write_root("qms.toml", accepted(&slip, "version-not-bumped"));
    repo.commit("Accept the typo fix on SOP-1", "Ada Lovelace", "2026-11-29");
    repo.branch("pr");
    repo.doc("docs/sop-2.md", "SOP-2", "", "New.");
    repo.commit("Add SOP-2", "Ada Lovelace", "2026-11-30");
    let run = check(&repo, &["--base", "main", "--deny", "warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn revisions_before_since_are_before_control_and_judged_by_no_rule() {
    let repo = TestRepo::new();
    repo.doc(DOC, "SOP-1", RELEASED, "Old text.");
    repo.commit("Import the procedures", "Ada Lovelace", "2026-01-05");
    repo.doc(DOC, "SOP-1", RELEASED, "Old text, edited.");
    repo.commit("Edit before adoption", "Ada Lovelace", "2026-02-05");
    repo.doc(DOC, "SOP-1", REVISED, "Adopted text.");
    let adoption = repo.commit("Bring the set under control", "Ada Lovelace", "2026-03-05");
    assert_eq!(check(&repo, &[]).codes(), ["version-not-bumped"], "without since, the old edit is judged");

    repo.write_root("qms.toml", format!("{CONFIG}\n[history]\nsince = \"{}\"\n", &adoption[..9]));
    repo.commit("Record the adoption point", "Ada Lovelace", "2026-03-06");
    let run = check(&repo, &["--deny", "warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);

    let history = repo.history();
    let before: Vec<bool> = history.revisions("SOP-1").iter().map(|r| r.before_control).collect();
    assert_eq!(before, [true, true, false]);

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build =
        qms_in(&repo.root(), &["build", "--out", site.to_str().unwrap(), "--versions", "current", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(site.join("current/documents/SOP-1.html")).unwrap();
    assert!(page.contains("before control"), "the revision history says so");

    repo.write_root("qms.toml", format!("{CONFIG}\n[history]\nsince = \"no-such-commit\"\n"));
    let run = check(&repo, &[]);
    assert_eq!(run.code, 1);
    assert!(run.findings().contains(&("qms.toml".to_owned(), 8, "since-not-found".to_owned())), "{}", run.stdout);
    assert!(diagnostics(&run).iter().any(|(_, _, m)| m.contains("no-such-commit")));
}

#[test]
fn the_reason_for_a_change_is_in_the_notice_the_site_and_the_revision_history() {
    let repo = released();
    repo.tag("v1", None);
    let reason = "Quarterly reviews after audit finding NC-12 | see <minutes>";
    repo.doc(DOC, "SOP-1", &format!("{REVISED}\nchange: \"{reason}\""), "Revised text.");
    repo.commit("Revise SOP-1 to 1.1", "Grace Hopper", "2026-07-10");
    repo.tag("v2", None);

    let markdown = qms_in(&repo.root(), &["changes", "v1..v2"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert!(
        markdown.stdout.contains("Quarterly reviews after audit finding NC-12 \\| see &lt;minutes&gt;"),
        "escaped for Markdown: {}",
        markdown.stdout
    );
    let json = qms_in(&repo.root(), &["changes", "v1..v2", "--format", "json"]).json();
    assert_eq!(json["revised"][0]["after"]["change"], reason);

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = qms_in(&repo.root(), &["build", "--out", site.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let escaped = "Quarterly reviews after audit finding NC-12 | see &lt;minutes&gt;";
    let changes = std::fs::read_to_string(site.join("v2/changes.html")).unwrap();
    assert!(changes.contains(escaped), "the changes page");
    let page = std::fs::read_to_string(site.join("v2/documents/SOP-1.html")).unwrap();
    assert!(page.contains(escaped), "the revision history");
}

#[test]
fn missing_change_reason_is_off_by_default_and_warns_when_enabled() {
    let repo = released();
    repo.doc(DOC, "SOP-1", REVISED, "Revised text.");
    repo.commit("Revise SOP-1 to 1.1", "Grace Hopper", "2026-07-10");
    assert_eq!(check(&repo, &[]).findings(), []);
    repo.write_root("qms.toml", format!("{CONFIG}\n[checks]\nwarn = [\"missing-change-reason\"]\n"));
    repo.commit("Ask for reasons", "Grace Hopper", "2026-07-11");
    assert_eq!(check(&repo, &[]).findings(), [(DOC.to_owned(), 5, "missing-change-reason".to_owned())]);
    repo.doc(DOC, "SOP-1", &format!("{REVISED}\nchange: Reviews are held quarterly"), "Revised text.");
    repo.commit("Give the reason", "Grace Hopper", "2026-07-12");
    assert_eq!(check(&repo, &[]).findings(), []);
}
