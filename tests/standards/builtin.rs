//! The built-in catalogs of ISO 50001, ISO 22000, ISO 13485 and ISO/IEC 27701: each scaffolds and
//! checks, each standard's own exclusion rule holds, integrated pairs credit one document, and
//! standards no organization is certified to are explained.

use crate::support::{TODAY, TestQms, qms_in};
use std::path::Path;

/// `qms init` for `standards` in a new folder of `dir`; returns the QMS root.
fn init(dir: &Path, standards: &str) -> std::path::PathBuf {
    let run = qms_in(dir, &["init", "new-qms", "--standards", standards, "--name", "Acme Ltd"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir.join("new-qms")
}

/// Approves every skeleton under `root`; with `soa`, decides every row of each Statement of
/// Applicability: `no` with a justification, except the controls named, `yes`.
fn approve_all(root: &Path, included: &[&str]) {
    for entry in walkdir::WalkDir::new(root.join("docs")).into_iter().map(Result::unwrap) {
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Approved documents hold their own text, not the scaffold's guidance (guidance-left).
        let text: String = text.lines().filter(|l| !l.starts_with("> Guidance:")).map(|l| format!("{l}\n")).collect();
        let mut text = text.replacen(
            "status: draft\n",
            "status: effective\napprover: Managing Director\napproved: 2026-11-02\neffective: 2026-11-09\n",
            1,
        );
        if text.contains("\nsoa: ") {
            text = text
                .lines()
                .map(|line| match line.strip_prefix("| A.").and_then(|rest| rest.split_once(' ')) {
                    Some((id, _)) if line.ends_with("|  |  |  |") => {
                        let decided = if included.contains(&format!("A.{id}").as_str()) {
                            "| yes | Risk treatment R-1. | implemented |"
                        } else {
                            "| no | We process no PII of this kind. | |"
                        };
                        line.replace("|  |  |  |", decided)
                    }
                    _ => line.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
        std::fs::write(entry.path(), text).unwrap();
    }
}

fn codes(root: &Path) -> Vec<String> {
    qms_in(root, &["check", "--today", TODAY, "--format", "json", "--no-history"]).codes()
}

#[test]
fn each_new_standard_scaffolds_its_required_documents_and_then_checks_clean() {
    // (standard, its required documents outside "only if …" and Annex A)
    for (standard, required) in
        [("iso50001:2018", 8), ("iso22000:2018", 20), ("iso13485:2016", 34), ("iso27701:2025", 7)]
    {
        let dir = tempfile::tempdir().unwrap();
        let root = init(dir.path(), standard);
        let drafts = codes(&root);
        let missing = drafts.iter().filter(|c| *c == "missing-required-document").count();
        assert_eq!(missing, required, "{standard}: {drafts:?}");
        approve_all(&root, &[]);
        assert_eq!(codes(&root), Vec::<String>::new(), "{standard} checks clean once approved");
    }
}

#[test]
fn an_included_iso27701_control_needs_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = init(dir.path(), "iso27701:2025");
    let soa = std::fs::read_to_string(root.join("docs/registers/REG-001-statement-of-applicability.md")).unwrap();
    assert!(soa.contains("soa: iso27701:2025\n"));
    assert_eq!(soa.lines().filter(|l| l.starts_with("| A.")).count(), 78);
    approve_all(&root, &["A.1.2.2", "A.1.3.4"]);
    let run = qms_in(&root, &["check", "--today", TODAY, "--format", "json", "--no-history"]);
    assert_eq!(run.codes(), ["missing-required-document"], "{}", run.stdout);
    assert!(
        run.stdout.contains("iso27701:2025 A.1.2.2 requires a document (Specific purposes for which PII is processed)")
    );
}

#[test]
fn iso13485_allows_exclusions_in_clauses_6_to_8_only() {
    let qms = TestQms::new();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"iso13485:2016\"]\n\n[checks]\nallow = [\"missing-required-document\"]\n\n[applicability.\"iso13485:2016\"]\n\"7.3\" = \"We make devices to our customers' designs; design and development is excluded.\"\n\"7.5.5\" = \"We supply no sterile devices.\"\n\"6.4.2\" = \"No product can be contaminated.\"\n\"5.6.2\" = \"Too small.\"\n",
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [("qms.toml".into(), 12, "clause-not-excludable".into())], "{}", run.stdout);
    let finding = &run.json()["diagnostics"][0];
    assert_eq!(
        finding["message"],
        "clause 5.6.2 of iso13485:2016 cannot be declared not applicable (its catalog marks clause 5 and every clause below it not excludable)"
    );
    assert!(
        finding["help"]
            .as_str()
            .unwrap()
            .starts_with("ISO 13485:2016 (1, 4.2.2) lets a requirement of clauses 6, 7 or 8")
    );
}

#[test]
fn an_organization_catalog_decides_its_own_excludability() {
    let qms = TestQms::new();
    qms.write(
        "standards/acme.toml",
        "[standard]\nid = \"acme:2024\"\ntitle = \"ACME Requirements\"\n\n[[clause]]\nid = \"4\"\ntitle = \"System\"\nexcludable = false\n\n[[clause]]\nid = \"4.1\"\ntitle = \"Records\"\nparent = \"4\"\n\n[[clause]]\nid = \"4.2\"\ntitle = \"Labels\"\nparent = \"4\"\nexcludable = true\n\n[[clause]]\nid = \"9\"\ntitle = \"Audits\"\n",
    );
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"acme:2024\"]\n\n[applicability.\"acme:2024\"]\n\"4.1\" = \"No records.\"\n\"4.2\" = \"We sell unlabelled bulk.\"\n\"9\" = \"The customer audits us.\"\n",
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [("qms.toml".into(), 6, "clause-not-excludable".into())], "{}", run.stdout);
    assert!(run.stdout.contains("its catalog marks clause 4 and every clause below it not excludable"));

    qms.write("standards/acme.toml", "[standard]\nid = \"acme:2024\"\ntitle = \"ACME\"\n\n[[clause]]\nid = \"4\"\ntitle = \"S\"\nexcludable = \"no\"\n");
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("acme.toml:8:14: invalid type: string \"no\", expected a boolean"), "{}", run.stderr);
}

fn trace(qms: &TestQms) -> serde_json::Value {
    serde_json::from_str(&qms.run(&["trace", "--today", TODAY, "--format", "json"]).stdout).unwrap()
}

#[test]
fn iso14001_and_50001_integrated_credit_one_document_across_both() {
    let qms = TestQms::new();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"iso14001:2015\", \"iso50001:2018\"]\nintegrated = true\n",
    );
    let iso14001 = |clauses: &str| format!("clauses: {{\"iso14001:2015\": [{clauses}]}}");
    qms.doc("SCP-1", &format!("type: scope\n{}", iso14001("\"4.3\"")), "Scope.");
    qms.doc("POL-1", &format!("type: policy\n{}", iso14001("\"5.2\"")), "Policy.");
    qms.doc("OBJ-1", &format!("type: objectives\n{}", iso14001("\"6.2\", \"6.2.1\"")), "Objectives.");
    qms.doc("SOP-1", &iso14001("\"8.1\""), "Operational control.");
    qms.doc("SOP-2", &iso14001("\"10.2\""), "Nonconformity and corrective action.");
    let json = trace(&qms);
    let energy = &json["standards"][1];
    assert_eq!(energy["id"], "iso50001:2018");
    let row = |id: &str| energy["clauses"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    for (clause, via) in [("4.3", "4.3"), ("5.2", "5.2"), ("6.2", "6.2"), ("8.1", "8.1"), ("10.1", "10.2")] {
        assert_eq!(row(clause)["status"], "addressed", "{clause}");
        assert_eq!(row(clause)["documents"][0]["via"]["clause"], via, "{clause}");
    }
    // The energy review, EnPIs, baseline and data collection plan have no counterpart in 14001.
    assert_eq!(energy["coverage"]["required_documents"], 8);
    assert_eq!(energy["coverage"]["met_documents"], 4);
    assert_eq!(json["standards"][0]["coverage"]["met_documents"], 4, "{}", json["standards"][0]["coverage"]);
}

#[test]
fn iso27001_and_27701_each_need_their_own_statement_of_applicability() {
    let qms = TestQms::new();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"iso27001:2022\", \"iso27701:2025\"]\n\n[checks]\nallow = [\"missing-required-document\"]\n",
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), ["missing-soa", "missing-soa"], "{}", run.stdout);
    qms.doc(
        "REG-1",
        "type: register\nsoa: iso27701:2025",
        "| Control | Applicable | Justification |\n|---|---|---|\n| A.1.2.2 | yes | R-1 |\n| A.5.1 | yes | R-2 |\n",
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), ["invalid-soa", "missing-soa", "soa-incomplete"], "{}", run.stdout);
    assert!(run.stdout.contains("`A.5.1` is not an Annex A control of iso27701:2025"));
    assert!(run.stdout.contains("leaves out 77 of 78 controls"));
}

#[test]
fn a_standard_no_one_is_certified_to_is_explained_not_corrected() {
    let qms = TestQms::new();
    for name in ["iso26000:2010", "ISO 26000"] {
        qms.write("qms.toml", format!("[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\", \"{name}\"]\n"));
        let run = qms.run(&["check"]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains(&format!("qms.toml:3:30: no catalog defines the standard \"{name}\"; ISO 26000:2010 is guidance on social responsibility")),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
    }
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n\n[checks]\nallow = [\"missing-required-document\"]\n");
    qms.doc("SOP-1", "clauses: {\"ISO/IEC 25010\": [\"4\"]}", "Product quality.");
    let run = qms.check_json(&[]);
    let finding = &run.json()["diagnostics"][0];
    assert_eq!(finding["code"], "unknown-standard");
    assert_eq!(finding["message"], "no catalog defines the standard `ISO/IEC 25010`");
    assert!(finding["help"].as_str().unwrap().starts_with("ISO/IEC 25010 is a product quality model"), "{finding}");

    // Halal schemes: the organization's own catalog, not a did-you-mean.
    let bare = TestQms::bare();
    let run = bare.run(&["init", "--standards", "MS 1500:2019"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("MS 1500 is the Malaysian halal food standard"), "{}", run.stderr);
    assert!(run.stderr.contains("standards/<name>.toml"), "{}", run.stderr);
    assert!(!bare.join("qms.toml").exists());
}
