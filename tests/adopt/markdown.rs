//! Plain Markdown sets: a Word export with numbered headings, a template set with a mapping
//! table; dry runs and failed runs that leave everything as it was.

use super::{body_after_front_matter, front_matter_findings, read, revisions, run};
use crate::support::TODAY;
use crate::support::git::TestRepo;

const MANUAL: &str = "# Quality Manual\n\n## 1. Scope\n\nWe make precision parts.\n\n## 2. Policy\n\nQuality first.\n";
const PROCEDURE: &str = "# 1. Purpose\r\n\r\nHow documents are controlled.\r\n\r\n# 2. Scope\r\n\r\nAll documents.\r\n";
const INSTRUCTION: &str = "**Calibration**\n\n1. Take the gauge.\n2. Check it.\n";

/// A Word export kept in git for a while by three people: three documents, a README.
fn word_export() -> TestRepo {
    let repo = TestRepo::bare_worktree();
    repo.write("README.md", "# Our documents\n");
    repo.write("docs/quality-manual.md", MANUAL);
    repo.write("docs/procedures/SOP-004 Document Control.md", PROCEDURE);
    repo.commit("Export the manual and the document procedure from Word", "Ada Lovelace", "2024-01-10");
    repo.write(
        "docs/procedures/SOP-004 Document Control.md",
        PROCEDURE.replace("All documents.", "All documents and records."),
    );
    repo.commit("Records too", "Grace Hopper", "2024-03-02");
    repo.write("docs/work-instructions/calibration.md", INSTRUCTION);
    repo.commit("Add the calibration instruction", "Ada Lovelace", "2024-05-20");
    repo.write("docs/quality-manual.md", format!("{MANUAL}\n## 3. Objectives\n\nOn time.\n"));
    repo.commit("Objectives in the manual", "Katherine Johnson", "2024-09-01");
    repo
}

#[test]
fn a_word_export_is_adopted_in_one_command_with_bodies_unchanged() {
    let repo = word_export();
    let before: Vec<(String, String)> = [
        "docs/quality-manual.md",
        "docs/procedures/SOP-004 Document Control.md",
        "docs/work-instructions/calibration.md",
    ]
    .iter()
    .map(|p| ((*p).to_owned(), read(repo.path(), p)))
    .collect();
    let adopted = run(
        &repo,
        &[
            "adopt",
            "--standards",
            "iso9001:2015",
            "--status",
            "effective",
            "--approver",
            "Managing Director",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(adopted.code, 0, "{}{}", adopted.stdout, adopted.stderr);
    for (path, text) in &before {
        assert_eq!(body_after_front_matter(&read(repo.path(), path)), text, "{path} keeps its body byte for byte");
    }
    let config = read(repo.path(), "qms.toml");
    assert!(config.contains("documents = \"docs\""), "{config}");
    assert!(!config.contains("exclude"), "the README is outside docs/: {config}");
    let procedure = read(repo.path(), "docs/procedures/SOP-004 Document Control.md");
    assert!(procedure.starts_with("---\nid: SOP-004\ntitle: Document Control\ntype: procedure\n"), "{procedure}");
    assert!(
        procedure.contains("approved: 2024-03-02\neffective: 2024-03-02\n"),
        "dated by its last commit: {procedure}"
    );
    let manual = read(repo.path(), "docs/quality-manual.md");
    assert!(manual.starts_with("---\nid: QM-001\ntitle: Quality Manual\ntype: manual\n"), "{manual}");
    let instruction = read(repo.path(), "docs/work-instructions/calibration.md");
    assert!(instruction.contains("id: WI-001\ntitle: Calibration\ntype: work-instruction\n"), "{instruction}");
    assert!(
        adopted.stdout.contains("SOP-004") && adopted.stdout.contains("2 commits before control"),
        "{}",
        adopted.stdout
    );

    let check = run(&repo, &["check", "--today", "2024-10-01", "--format", "json"]);
    assert_eq!(front_matter_findings(&check), [], "{}", check.stdout);

    // Committed, each document counts the commits before control and the adoption.
    repo.commit("Put the documents under control", "Quality Manager", "2024-10-01");
    let counted = revisions(&repo, &[]);
    assert_eq!(counted, [("QM-001".into(), 3), ("SOP-004".into(), 3), ("WI-001".into(), 2)]);
    let history = qms::history::read(repo.path(), &qms::config::load(repo.path()).unwrap());
    let manual = history.revisions("QM-001");
    let authors: Vec<(&str, bool)> =
        manual.iter().map(|r| (r.author().unwrap().name.as_str(), r.before_control)).collect();
    assert_eq!(authors, [("Ada Lovelace", true), ("Katherine Johnson", true), ("Quality Manager", false)]);
    assert!(history.unidentified.is_empty(), "{:?}", history.unidentified.keys());
}

#[test]
fn register_as_of_a_day_before_control_says_so() {
    let repo = word_export();
    let adopted = run(&repo, &["adopt", "--today", TODAY]);
    assert_eq!(adopted.code, 0, "{}", adopted.stderr);
    repo.commit("Put the documents under control", "Quality Manager", "2024-10-01");
    let before = run(&repo, &["register", "--as-of", "2024-06-01"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(
        before.stdout.contains("3 documents existed as files not yet under control")
            && before.stdout.contains("the set came under control on 2024-10-01"),
        "{}",
        before.stdout
    );
    let json = run(&repo, &["register", "--as-of", "2024-06-01", "--format", "json"]).json();
    assert_eq!(json["before_control"]["documents"], 3);
    let after = run(&repo, &["register", "--as-of", "2024-10-02", "--format", "json"]).json();
    assert_eq!(after["documents"].as_array().unwrap().len(), 3);
    assert!(after.get("before_control").is_none());
}

#[test]
fn changes_across_adoption_revise_documents_instead_of_adding_them() {
    let repo = word_export();
    let start = repo.rev_parse("HEAD");
    run(&repo, &["adopt", "--today", TODAY]);
    repo.commit("Put the documents under control", "Quality Manager", "2024-10-01");
    let notice = run(&repo, &["changes", &format!("{start}..HEAD"), "--format", "json"]).json();
    assert_eq!(notice["summary"]["added"], 0, "{notice}");
    assert_eq!(notice["summary"]["revised"], 3, "{notice}");
}

#[test]
fn a_template_set_takes_its_clauses_from_its_mapping_table() {
    let repo = TestRepo::bare_worktree();
    repo.write("LICENSE.md", "MIT\n");
    repo.write("templates/qms/sop-capa.md", "# SOP Corrective and Preventive Action (CAPA)\n\nSteps.\n");
    repo.write("templates/qms/sop-internal-audit.md", "## Summary\n\nHow we audit.\n");
    repo.write(
        "templates/qms/13485-mapping.md",
        "# Mapping\n\n| Section | Title | Document |\n|---|---|---|\n| 8.2.4 | Internal audit | *SOP Internal Audit* |\n| 8.5.2 | Corrective action | *SOP Corrective and Preventive Actions*<br>*SOP Feedback* |\n| 6.4 | Work environment | *\\- not applicable \\-* |\n",
    );
    repo.commit("Templates", "Ada Lovelace", "2023-01-19");
    let adopted = run(
        &repo,
        &[
            "adopt",
            "--standards",
            "iso13485:2016",
            "--clause-map",
            "templates/qms/13485-mapping.md",
            "--standard",
            "iso13485:2016",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(adopted.code, 0, "{}{}", adopted.stdout, adopted.stderr);
    let capa = read(repo.path(), "templates/qms/sop-capa.md");
    assert!(capa.contains("clauses:\n  \"iso13485:2016\": [\"8.5.2\"]\n"), "{capa}");
    let audit = read(repo.path(), "templates/qms/sop-internal-audit.md");
    assert!(audit.contains("title: SOP Internal Audit\n") && audit.contains("[\"8.2.4\"]"), "{audit}");
    assert!(
        adopted.stdout.contains("\"SOP Feedback\" (clauses 8.5.2) matches no adopted document"),
        "{}",
        adopted.stdout
    );
    assert!(adopted.stdout.contains("marks 6.4 not applicable"), "{}", adopted.stdout);
    let config = read(repo.path(), "qms.toml");
    assert!(config.contains("documents = \"templates\""), "{config}");
    assert!(config.contains("exclude = [\"qms/13485-mapping.md\"]"), "the map is no document: {config}");
    assert_eq!(read(repo.path(), "templates/qms/13485-mapping.md").lines().next(), Some("# Mapping"));
    let check = run(&repo, &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(front_matter_findings(&check), [], "{}", check.stdout);
}

#[test]
fn a_dry_run_writes_nothing() {
    let repo = word_export();
    let dry = run(&repo, &["adopt", "--dry-run", "--today", TODAY]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("would adopt 3 documents") && dry.stdout.contains("Nothing was written"),
        "{}",
        dry.stdout
    );
    assert_eq!(repo.git(&["status", "--porcelain", "--untracked-files=all"]), "");
}

#[test]
fn a_failed_adoption_leaves_every_file_as_it_was() {
    let repo = word_export();
    // Something in the way of the last document's new text.
    repo.write("docs/work-instructions/.calibration.md.qms-adopt", "in the way");
    let failed = run(&repo, &["adopt", "--today", TODAY]);
    assert_eq!(failed.code, 2, "{}", failed.stdout);
    assert!(failed.stderr.contains(".calibration.md.qms-adopt"), "{}", failed.stderr);
    let status = repo.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status, "?? docs/work-instructions/.calibration.md.qms-adopt\n");
}

#[test]
fn approved_documents_need_an_approver() {
    let repo = word_export();
    let refused = run(&repo, &["adopt", "--status", "effective"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--status effective needs --approver"), "{}", refused.stderr);
    assert!(!repo.path().join("qms.toml").exists());
}
