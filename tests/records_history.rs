//! `record-altered` on scripted git histories: a held audit, a closed nonconformity or a
//! management review changed after the fact needs a new `amendments:` entry; the mainline is
//! judged change by change (a merge once), a pull request by its net change, and a finding can
//! be accepted on the record.

use crate::records::{AUDIT, NONCONFORMITY};
use crate::support::git::TestRepo;
use crate::support::{Run, TODAY, qms_in};

const FILE: &str = "records/aud-001.md";
const CONFIG: &str = "[organization]\nname = \"Test Ltd\"\n\n[qms]\ndocuments = \"docs\"\n";

fn check(repo: &TestRepo, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--today", TODAY, "--format", "json"];
    args.extend_from_slice(extra);
    let run = qms_in(&repo.root(), &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run
}

/// `(line, severity, message)` of every `record-altered` or `finding-accepted` diagnostic,
/// all of them about the audit.
fn altered(run: &Run) -> Vec<(u64, String, String)> {
    let found = altered_in(run, &[]);
    found
        .into_iter()
        .map(|(file, line, severity, message)| {
            assert_eq!(file, FILE, "{message}");
            (line, severity, message)
        })
        .collect()
}

/// `(file, line, severity, message)` of every `record-altered` or `finding-accepted`
/// diagnostic, and of every diagnostic whose code is in `also`.
fn altered_in(run: &Run, also: &[&str]) -> Vec<(String, u64, String, String)> {
    let json = run.json();
    let list = json["diagnostics"].as_array().unwrap().iter();
    let wanted = |code: &str| code == "record-altered" || code == "finding-accepted" || also.contains(&code);
    list.filter(|d| wanted(d["code"].as_str().unwrap_or_default()))
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            (text("file"), d["line"].as_u64().unwrap_or(0), text("severity"), text("message"))
        })
        .collect()
}

/// The audit with `body` in place of its findings text and `amendments` (YAML list items)
/// before the end of its front matter.
fn audit(body: &str, amendments: &[&str]) -> String {
    let mut text = AUDIT.replace("Document control works as described.", body);
    if !amendments.is_empty() {
        let list: String = amendments.iter().map(|a| format!("  - {{{a}}}\n")).collect();
        text = text.replacen("---\n\n# Findings", &format!("amendments:\n{list}---\n\n# Findings"), 1);
    }
    text
}

/// A repository whose first commit (2026-03-12) holds the held audit AUD-001.
fn held() -> TestRepo {
    let repo = TestRepo::new();
    repo.write_root(FILE, audit("Document control works as described.", &[]));
    repo.commit("Record the internal audit AUD-001", "Ada Lovelace", "2026-03-12");
    repo
}

#[test]
fn a_held_audit_edited_later_without_an_amendment_is_an_error_naming_the_commit() {
    let repo = held();
    repo.write_root(FILE, audit("Document control works, mostly.", &[]));
    let edit = repo.commit("Soften the audit findings", "Grace Hopper", "2026-05-03");
    let run = check(&repo, &[]);
    let found = altered(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, severity, message) = &found[0];
    assert_eq!((*line, severity.as_str()), (1, "error"), "no `amendments:`: the file's first line");
    assert!(message.contains("AUD-001") && message.contains("held audit"), "{message}");
    assert!(message.contains(&edit[..7]) && message.contains("2026-05-03") && message.contains("Grace Hopper"));
    assert_eq!(run.code, 1);

    // An amendment dated before the previous version documents some other change.
    repo.write_root(FILE, audit("Document control works, mostly.", &["date: 2026-03-01, by: QM, reason: typo"]));
    repo.commit("Backdate an amendment", "Grace Hopper", "2026-05-04");
    let found = altered(&check(&repo, &[]));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [13, 13], "at the `amendments:` line");
}

#[test]
fn a_held_audit_edited_with_an_amendment_is_clean() {
    let repo = held();
    let amendment = "date: 2026-05-02, by: Quality Manager, reason: corrected the auditee's name";
    repo.write_root(FILE, audit("Document control works as described (auditee corrected).", &[amendment]));
    repo.commit("Correct the auditee of AUD-001", "Grace Hopper", "2026-05-03");
    let run = check(&repo, &[]);
    assert_eq!(altered(&run), []);

    // A second change needs a second entry.
    let second = "date: 2026-06-01, by: Quality Manager, reason: added the evidence reference";
    repo.write_root(FILE, audit("Evidence: form F-12.", &[amendment, second]));
    repo.commit("Add the evidence to AUD-001", "Grace Hopper", "2026-06-01");
    assert_eq!(altered(&check(&repo, &[])), []);
    repo.write_root(FILE, audit("Evidence: form F-13.", &[amendment, second]));
    repo.commit("Fix the form number", "Grace Hopper", "2026-06-02");
    assert_eq!(altered(&check(&repo, &[])).len(), 1);
}

#[test]
fn a_planned_audit_may_change_until_it_is_held() {
    let repo = TestRepo::new();
    let planned = |body: &str| audit(body, &[]).replace("date: 2026-03-12\n", "");
    repo.write_root(FILE, planned("Scope to be agreed."));
    repo.commit("Plan AUD-001", "Ada Lovelace", "2026-02-01");
    repo.write_root(FILE, planned("Scope: goods-in and document control."));
    repo.commit("Agree the scope of AUD-001", "Ada Lovelace", "2026-02-15");
    repo.write_root(FILE, audit("Document control works as described.", &[]));
    repo.commit("Record AUD-001 as held", "Ada Lovelace", "2026-03-12");
    assert_eq!(altered(&check(&repo, &[])), [], "planning and holding the audit are not alterations");

    repo.write_root(FILE, audit("Document control works, mostly.", &[]));
    let run = check(&repo, &[]);
    let found = altered(&run);
    assert_eq!(found.len(), 1, "uncommitted changes are judged too: {found:?}");
    assert!(found[0].2.contains("uncommitted"), "{}", found[0].2);
}

#[test]
fn an_accepted_alteration_is_a_note() {
    let repo = held();
    repo.write_root(FILE, audit("Document control works, mostly.", &[]));
    let edit = repo.commit("Soften the audit findings", "Grace Hopper", "2026-05-03");
    repo.write_root(
        "qms.toml",
        format!(
            "{CONFIG}\n[[history.accepted]]\ncode = \"record-altered\"\ndocument = \"AUD-001\"\ncommit = \"{}\"\nreason = \"Wording only, reviewed with the auditor\"\nby = \"Quality Manager\"\ndate = 2026-05-10\n",
            &edit[..10]
        ),
    );
    repo.commit("Accept the edit of AUD-001", "Ada Lovelace", "2026-05-10");
    let run = check(&repo, &[]);
    let found = altered(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "note");
    assert!(found[0].2.contains("accepted by Quality Manager on 2026-05-10"), "{}", found[0].2);
    assert!(!run.codes().contains(&"stale-acceptance".to_owned()), "{:?}", run.codes());
}

#[test]
fn a_merge_carrying_the_edit_is_judged_once() {
    let repo = held();
    repo.branch("tidy");
    repo.write_root(FILE, audit("Document control works, mostly.", &[]));
    repo.commit("Soften the audit findings", "Grace Hopper", "2026-05-03");
    repo.write_root(FILE, audit("Document control works, mostly!", &[]));
    repo.commit("And again", "Grace Hopper", "2026-05-04");
    let run = check(&repo, &["--base", "main"]);
    assert_eq!(altered(&run).len(), 1, "a pull request is judged on its net change");
    repo.switch("main");
    let merge = repo.merge("tidy", "2026-05-05");
    let found = altered(&check(&repo, &[]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains(&merge[..7]), "the merge is named: {}", found[0].2);
}

#[test]
fn a_closed_nonconformity_and_a_management_review_are_fixed_too() {
    let repo = TestRepo::new();
    let nc = "records/nc-001.md";
    let open = NONCONFORMITY.replace("closed: 2026-04-20\nverified: 2026-06-01\nverified_by: Ada Lovelace\n", "");
    repo.write_root(nc, &open);
    repo.commit("Raise NC-001", "Ada Lovelace", "2026-03-12");
    repo.write_root(nc, open.replace("Root cause and correction.", "Root cause: no withdrawal step."));
    repo.commit("Record the root cause of NC-001", "Ada Lovelace", "2026-03-20");
    repo.write_root(nc, NONCONFORMITY);
    repo.commit("Close NC-001", "Ada Lovelace", "2026-04-20");
    assert_eq!(altered_in(&check(&repo, &[]), &[]), [], "an open nonconformity is worked on");
    repo.write_root(nc, NONCONFORMITY.replace("grade: minor", "grade: major"));
    repo.commit("Regrade NC-001", "Grace Hopper", "2026-07-01");

    let review = "records/mr-2026.md";
    let minutes = "---\nrecord: management-review\nid: MR-2026\ntitle: Review 2026\ndate: 2026-06-01\nstandards: [\"iso9001:2015\"]\ninputs: {\"iso9001:2015\": [a]}\n---\n\nMinutes.\n";
    repo.write_root(review, minutes);
    repo.commit("Minutes of MR-2026", "Ada Lovelace", "2026-06-02");
    repo.write_root(review, minutes.replace("Minutes.", "Minutes, revised."));
    repo.commit("Revise the minutes", "Grace Hopper", "2026-06-03");

    let found = altered_in(&check(&repo, &[]), &[]);
    let about: Vec<(&str, bool)> = found.iter().map(|f| (f.0.as_str(), f.3.contains("closed nonconformity"))).collect();
    assert_eq!(about, [(review, false), (nc, true)], "{found:?}");
    assert!(found[0].3.contains("management review"), "{}", found[0].3);
}

#[test]
fn an_acceptance_of_no_alteration_is_stale_once() {
    let repo = held();
    let commit = repo.rev_parse("HEAD");
    repo.write_root(
        "qms.toml",
        format!(
            "{CONFIG}\n[[history.accepted]]\ncode = \"record-altered\"\ndocument = \"AUD-001\"\ncommit = \"{}\"\nreason = \"Nothing\"\nby = \"Quality Manager\"\ndate = 2026-05-10\n",
            &commit[..10]
        ),
    );
    let found = altered_in(&check(&repo, &[]), &["stale-acceptance"]);
    let codes: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(codes, [("qms.toml", "warning")], "{found:?}");
}

#[test]
fn unreadable_versions_in_history_are_never_fixed_and_never_fail_the_check() {
    let repo = TestRepo::new();
    repo.write_root(FILE, b"\xff\xfe---\nrecord: [unclosed\n".as_slice());
    repo.commit("Garbage", "Ada Lovelace", "2026-03-01");
    repo.write_root(FILE, "---\nrecord: audit\nid: AUD-001\nplanned: [\n---\n");
    repo.commit("Broken YAML", "Ada Lovelace", "2026-03-02");
    repo.write_root(FILE, audit("Document control works as described.", &[]));
    repo.commit("Record AUD-001", "Ada Lovelace", "2026-03-12");
    assert_eq!(altered(&check(&repo, &[])), [], "no readable fixed version before the last");
    repo.write_root(FILE, "---\nrecord: audit\nid: AUD-001\nplanned: [\n---\n");
    repo.commit("Break it again", "Grace Hopper", "2026-04-01");
    let run = check(&repo, &[]);
    let json = run.json();
    let codes: Vec<&str> = json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(
        !codes.contains(&"record-altered"),
        "the record cannot be read now, so there is no place to report: {codes:?}"
    );
}

#[test]
fn changes_up_to_history_since_are_not_judged() {
    let repo = held();
    repo.write_root(FILE, audit("Document control works, mostly.", &[]));
    let adopted = repo.commit("Tidy the records before adoption", "Grace Hopper", "2026-05-03");
    repo.write_root("qms.toml", format!("{CONFIG}\n[history]\nsince = \"{adopted}\"\n"));
    repo.commit("Put the set under control", "Ada Lovelace", "2026-05-04");
    assert_eq!(altered(&check(&repo, &[])), [], "the first controlled version has nothing to be judged against");
    repo.write_root(FILE, audit("Document control works, now and then.", &[]));
    let later = repo.commit("Edit after adoption", "Grace Hopper", "2026-05-05");
    let found = altered(&check(&repo, &[]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains(&later[..7]), "{}", found[0].2);
}

#[test]
fn records_of_a_qms_in_a_subfolder_are_judged_too() {
    let repo = TestRepo::with_root("qms");
    repo.write("src/main.c", "int main(void) { return 0; }\n");
    repo.write_root(FILE, audit("Document control works as described.", &[]));
    repo.commit("Record AUD-001", "Ada Lovelace", "2026-03-12");
    repo.write("src/main.c", "int main(void) { return 1; }\n");
    repo.commit("Unrelated code", "Grace Hopper", "2026-04-01");
    assert_eq!(altered(&check(&repo, &[])), []);
    repo.write_root(FILE, audit("Document control works, mostly.", &[]));
    let edit = repo.commit("Soften the audit findings", "Grace Hopper", "2026-05-03");
    let found = altered(&check(&repo, &[]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains(&edit[..7]), "{}", found[0].2);
}

/// `[qms] exclude` leaves the same files out of the history as out of the loaded set: a pattern
/// matched from the QMS root (`records/examples/**`, `docs/old/**`) in a QMS in a subfolder.
#[test]
fn excluded_files_have_no_history() {
    let repo = TestRepo::with_root("qms");
    repo.write_root(
        "qms.toml",
        format!("{CONFIG}exclude = [\"**/README.md\", \"records/examples/**\", \"docs/old/**\"]\n"),
    );
    repo.doc("docs/sop-1.md", "SOP-1", "", "Text.");
    repo.doc("docs/old/sop-9.md", "SOP-9", "", "Old text.");
    repo.doc("docs/examples/sop-2.md", "SOP-2", "", "An example procedure, controlled.");
    repo.write_root(FILE, AUDIT);
    repo.write_root("records/examples/aud-example.md", AUDIT.replace("AUD-001", "AUD-EXAMPLE"));
    repo.commit("Set up", "Ada Lovelace", "2026-03-12");
    let history = repo.history();
    assert_eq!(history.documents.keys().collect::<Vec<_>>(), ["SOP-1", "SOP-2"]);
    assert_eq!(history.records.keys().collect::<Vec<_>>(), ["AUD-001"]);
}
