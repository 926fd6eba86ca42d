//! `qms init` and `qms new`: new QMS roots and documents that check as what they are.

use crate::support::{TODAY, TestQms, qms_in};
use std::path::Path;

fn markdown_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("docs"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

/// Turns every draft under `root` into an effective, approved document.
fn approve_all(root: &Path) {
    for file in markdown_files(root) {
        let path = root.join(&file);
        let text = std::fs::read_to_string(&path).unwrap();
        let approved = text.replacen(
            "status: draft\n",
            "status: effective\napprover: Managing Director\napproved: 2026-11-02\neffective: 2026-11-09\n",
            1,
        );
        std::fs::write(&path, approved).unwrap();
    }
}

#[test]
fn init_writes_a_skeleton_of_every_required_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new-qms");
    let run = qms_in(
        dir.path(),
        &["init", "new-qms", "--standards", "iso9001:2015,iso14001:2015,iso45001:2018", "--name", "Acme Castings Ltd"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("created a QMS for iso9001:2015, iso14001:2015, iso45001:2018 in new-qms:\n  qms.toml\n")
    );
    let config = std::fs::read_to_string(root.join("qms.toml")).unwrap();
    assert!(config.contains("name = \"Acme Castings Ltd\""));
    assert!(config.contains("standards = [\"iso9001:2015\", \"iso14001:2015\", \"iso45001:2018\"]\nintegrated = true"));
    let files = markdown_files(&root);
    assert!(
        files.contains(&"docs/policies/POL-001-quality-environmental-and-health-and-safety-policy.md".to_owned()),
        "{files:?}"
    );
    assert!(
        files.contains(&"docs/registers/REG-002-environmental-aspects-and-impacts-register.md".to_owned()),
        "{files:?}"
    );
    let policy = std::fs::read_to_string(
        root.join("docs/policies/POL-001-quality-environmental-and-health-and-safety-policy.md"),
    )
    .unwrap();
    assert!(
        policy.contains(
            "  \"iso9001:2015\": [\"5.2.2\"]\n  \"iso14001:2015\": [\"5.2\"]\n  \"iso45001:2018\": [\"5.2\"]\n"
        ),
        "{policy}"
    );
    assert!(policy.contains("## 1. Commitments\n\n> Guidance: "));

    // As drafts, every required document is reported once, as not yet in force.
    let check = qms_in(&root, &["check", "--today", TODAY, "--format", "json", "--no-history"]);
    assert_eq!(check.code, 1);
    let json = check.json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 5 + 11 + 10, "every document item of the three standards");
    for diagnostic in diagnostics {
        assert_eq!(diagnostic["code"], "missing-required-document");
        assert!(diagnostic["message"].as_str().unwrap().contains("but is not in force"), "{diagnostic}");
    }

    // Once a person approves them, the set checks clean.
    approve_all(&root);
    let check = qms_in(&root, &["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn init_for_27001_adds_a_statement_of_applicability_to_decide() {
    let dir = tempfile::tempdir().unwrap();
    let run = qms_in(dir.path(), &["init", "--standards", "iso27001:2022"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let soa = std::fs::read_to_string(dir.path().join("docs/registers/REG-001-statement-of-applicability.md")).unwrap();
    assert!(soa.contains("soa: iso27001:2022\n"));
    assert_eq!(soa.lines().filter(|l| l.starts_with("| A.")).count(), 93);
    let check = qms_in(dir.path(), &["check", "--today", TODAY, "--format", "json"]);
    assert!(check.codes().contains(&"missing-soa".to_owned()));
    assert!(!check.stdout.contains("A.5.1 requires"), "controls wait for the statement");
}

#[test]
fn init_refuses_an_existing_qms_and_unknown_standards() {
    let qms = TestQms::new();
    let run = qms.run(&["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("qms.toml already exists"), "{}", run.stderr);
    let bare = TestQms::bare();
    let run = bare.run(&["init", "--standards", "iso9001:2016"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `iso9001:2015`?"), "{}", run.stderr);
    assert!(!bare.join("qms.toml").exists(), "nothing written");
}

#[test]
fn new_takes_the_next_free_id_and_the_usual_folder() {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n\n[checks]\nallow = [\"missing-required-document\"]\n");
    qms.write("docs/sops/SOP-0007.md", crate::support::valid_doc("SOP-0007", "", "Seven."));
    qms.write("docs/sops/SOP-0041.md", crate::support::valid_doc("SOP-0041", "", "Forty-one."));
    let run = qms.run(&[
        "new",
        "procedure",
        "Calibration: gauges & CMM",
        "--clause",
        "iso9001:2015:7.1.5",
        "--owner",
        "Quality Manager",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "created SOP-0042 Calibration: gauges & CMM: docs/sops/SOP-0042-calibration-gauges--cmm.md\n"
    );
    let text = std::fs::read_to_string(qms.join("docs/sops/SOP-0042-calibration-gauges--cmm.md")).unwrap();
    assert!(text.starts_with("---\nid: SOP-0042\ntitle: \"Calibration: gauges & CMM\"\ntype: procedure\nversion: \"0.1\"\nstatus: draft\nowner: Quality Manager\nclauses:\n  \"iso9001:2015\": [\"7.1.5\"]\n---\n"), "{text}");
    assert_eq!(qms.check_json(&[]).codes(), Vec::<String>::new(), "a new draft checks clean");

    let run = qms.run(&["new", "work-instruction", "Deburring"]);
    assert_eq!(run.stdout, "created WI-001 Deburring: docs/work-instructions/WI-001-deburring.md\n");
}

#[test]
fn new_refuses_unknown_types_and_clauses() {
    let qms = TestQms::new();
    let run = qms.run(&["new", "procedur", "X"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown document type \"procedur\", did you mean `procedure`?"), "{}", run.stderr);
    let run = qms.run(&["new", "procedure", "X", "--clause", "iso9001:2015:7.5.9"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("iso9001:2015 has no clause 7.5.9"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(qms.join("docs")).unwrap().count(), 0, "nothing written");
}

#[test]
fn new_never_reuses_the_id_of_a_deleted_document() {
    let repo = crate::support::git::TestRepo::new();
    repo.doc("docs/procedures/SOP-001.md", "SOP-001", "", "One.");
    repo.doc("docs/procedures/SOP-002.md", "SOP-002", "status: draft", "Two, abandoned.");
    repo.commit("Two procedures", "Ada Lovelace", "2026-06-01");
    repo.rm("docs/procedures/SOP-002.md");
    repo.commit("Abandon SOP-002", "Ada Lovelace", "2026-06-02");
    let run = qms_in(&repo.root(), &["new", "procedure", "Internal Audit"]);
    assert_eq!(
        run.stdout, "created SOP-003 Internal Audit: docs/procedures/SOP-003-internal-audit.md\n",
        "{}",
        run.stderr
    );
}

#[test]
fn init_names_the_system_after_every_standard() {
    let dir = tempfile::tempdir().unwrap();
    let run = qms_in(dir.path(), &["init", "--standards", "iso14001:2015,iso50001:2018", "--name", "Acme Ltd"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = std::fs::read_to_string(dir.path().join("qms.toml")).unwrap();
    assert!(config.contains("title = \"Acme Ltd Environmental and Energy Management System\""), "{config}");
    let files = markdown_files(dir.path());
    assert!(files.contains(&"docs/policies/POL-001-environmental-and-energy-policy.md".to_owned()), "{files:?}");
    assert!(files.contains(&"docs/plans/PLN-001-energy-data-collection-plan.md".to_owned()), "{files:?}");
    let policy =
        std::fs::read_to_string(dir.path().join("docs/policies/POL-001-environmental-and-energy-policy.md")).unwrap();
    assert!(policy.contains("  \"iso14001:2015\": [\"5.2\"]\n  \"iso50001:2018\": [\"5.2\"]\n"), "{policy}");

    // Two standards with Annex A controls: a statement each, named for its discipline.
    let dir = tempfile::tempdir().unwrap();
    let run = qms_in(dir.path(), &["init", "--standards", "iso27001:2022,iso27701:2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = markdown_files(dir.path());
    for (file, standard) in [
        ("docs/registers/REG-001-statement-of-applicability-information-security.md", "iso27001:2022"),
        ("docs/registers/REG-002-statement-of-applicability-privacy.md", "iso27701:2025"),
    ] {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap_or_else(|_| panic!("{file} in {files:?}"));
        assert!(text.contains(&format!("soa: {standard}\n")), "{text}");
    }
    let config = std::fs::read_to_string(dir.path().join("qms.toml")).unwrap();
    assert!(config.contains("Information Security and Privacy Management System\""), "{config}");
}

/// `init` writes one example of each kind of record under `records/examples/`, excluded from
/// loading: a new set reports only its missing documents. A copy of each example with a real
/// id is a record `check` validates without a finding of its own.
#[test]
fn init_writes_example_records_to_copy_that_are_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let run = qms_in(root, &["init", "--standards", "iso9001:2015,iso14001:2015", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let examples = [
        "records/examples/AUD-EXAMPLE-internal-audit.md",
        "records/examples/NC-EXAMPLE-nonconformity.md",
        "records/examples/MR-EXAMPLE-management-review.md",
        "records/examples/CERT-EXAMPLE-certificate.md",
    ];
    for file in examples.iter().chain(&["records/README.md"]) {
        assert!(run.stdout.contains(&format!("\n  {file}\n")), "init lists {file}: {}", run.stdout);
    }
    let config = std::fs::read_to_string(root.join("qms.toml")).unwrap();
    assert!(config.contains("records = \"records\""), "{config}");
    assert!(config.contains("exclude = [\"**/README.md\", \"records/examples/**\"]"), "{config}");
    let readme = std::fs::read_to_string(root.join("records/README.md")).unwrap();
    for kind in ["audit", "nonconformity", "management-review", "certificate"] {
        assert!(readme.contains(&format!("`qms new {kind} \"Title\"`")), "{readme}");
    }
    let audit = std::fs::read_to_string(root.join(examples[0])).unwrap();
    assert!(audit.contains("title: \"Example: internal audit"), "{audit}");
    assert!(audit.contains("**Example to copy, not a record.**"), "{audit}");

    // Neither the examples nor the README are loaded: only the missing documents are reported.
    let check = qms_in(root, &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(check.code, 1);
    let codes: std::collections::BTreeSet<String> = check.codes().into_iter().collect();
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["missing-required-document"]);
    let cycle = qms_in(root, &["cycle", "--today", TODAY, "--format", "json"]).json();
    for section in ["certificates", "audit_programme", "nonconformities", "management_reviews"] {
        assert_eq!(cycle[section].as_array().map(Vec::len), Some(0), "{section}: {cycle}");
    }
    let run = qms_in(root, &["new", "audit", "First internal audit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("created AUD-001 First internal audit: records/AUD-001-"), "{}", run.stdout);
    std::fs::remove_file(root.join("records/AUD-001-first-internal-audit.md")).unwrap();

    // Copied out of examples/ with real ids, each example is a loaded record without a finding
    // of its own (the programme of one audit leaves clauses unaudited: that is qms.toml's).
    for file in examples {
        let text = std::fs::read_to_string(root.join(file)).unwrap().replace("-EXAMPLE", "-001");
        std::fs::write(root.join(file.replace("examples/", "").replace("-EXAMPLE", "-001")), text).unwrap();
    }
    let check = qms_in(root, &["check", "--today", TODAY, "--format", "json"]);
    let at_records: Vec<_> = check.findings().into_iter().filter(|(file, _, _)| file.starts_with("records/")).collect();
    assert_eq!(at_records, Vec::<(String, u64, String)>::new(), "{}", check.stdout);
    let cycle = qms_in(root, &["cycle", "--today", TODAY, "--format", "json"]).json();
    let ids = |section: &str| -> Vec<String> {
        cycle[section].as_array().unwrap().iter().map(|row| row["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids("certificates"), ["CERT-001"]);
    assert_eq!(ids("audit_programme"), ["AUD-001"]);
    assert_eq!(ids("nonconformities"), ["NC-001"]);
    assert_eq!(ids("management_reviews"), ["MR-001"]);
    assert_eq!(cycle["management_reviews"][0]["inputs"], "iso9001:2015 12/12; iso14001:2015 13/13");
    let run = qms_in(root, &["new", "nonconformity", "Second"]);
    assert!(run.stdout.starts_with("created NC-002 Second"), "{}", run.stdout);
}

/// The pattern `init` writes for the example records names them from the QMS root: a
/// `docs/examples/` folder of controlled documents stays controlled, `records/examples/` stays
/// out.
#[test]
fn init_excludes_only_the_example_records_not_a_documents_examples_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let run = qms_in(root, &["init", "--standards", "iso9001:2015", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = qms_in(root, &["check", "--today", TODAY, "--format", "json"]).codes();
    let policy = markdown_files(root).into_iter().find(|f| f.starts_with("docs/policies/")).unwrap();
    let moved = policy.replace("docs/policies/", "docs/examples/");
    std::fs::create_dir_all(root.join("docs/examples")).unwrap();
    std::fs::rename(root.join(&policy), root.join(&moved)).unwrap();
    let register = qms_in(root, &["register", "--today", TODAY, "--format", "json"]).json();
    let paths: Vec<&str> =
        register["documents"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&moved.as_str()), "{moved} is a document: {paths:?}");
    assert!(!paths.iter().any(|p| p.starts_with("records/")), "{paths:?}");
    let check = qms_in(root, &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(check.codes(), before, "the moved policy still answers for its clauses: {}", check.stdout);
    assert!(!check.findings().iter().any(|(file, _, _)| file.starts_with("records/")), "{}", check.stdout);
    let cycle = qms_in(root, &["cycle", "--today", TODAY, "--format", "json"]).json();
    assert_eq!(cycle["nonconformities"].as_array().map(Vec::len), Some(0), "{cycle}");
}
