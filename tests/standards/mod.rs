//! Standards and gap analysis: required documents, applicability, integrated management
//! systems, organization catalogs, the Statement of Applicability and `qms trace`; the built-in
//! catalogs added for ISO 50001, 22000, 13485 and ISO/IEC 27701 in `builtin`.

mod builtin;

use crate::support::{TODAY, TestQms, example_qms, qms_in, valid_doc};

fn qms_9001(extra_toml: &str) -> TestQms {
    let qms = TestQms::new();
    qms.write("qms.toml", format!("[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n{extra_toml}"));
    qms
}

fn cite(id: &str, doc_type: &str, clauses: &str) -> String {
    valid_doc(id, &format!("type: {doc_type}\nclauses: {{\"iso9001:2015\": [{clauses}]}}"), "Body.")
}

/// The documents a 9001 set needs, minus those named in `leave_out`.
fn qms_9001_without(leave_out: &[&str], extra_toml: &str) -> TestQms {
    let qms = qms_9001(extra_toml);
    let all = [
        ("SCP-1", "scope", "\"4.3\""),
        ("QM-1", "manual", "\"4.4\", \"4.4.2\""),
        ("POL-1", "policy", "\"5.2\", \"5.2.2\""),
        ("OBJ-1", "objectives", "\"6.2.1\""),
        ("SOP-1", "procedure", "\"8.5.1\""),
    ];
    for (id, doc_type, clauses) in all.iter().filter(|(id, _, _)| !leave_out.contains(id)) {
        qms.write(&format!("docs/{id}.md"), cite(id, doc_type, clauses));
    }
    qms
}

fn missing_clauses(run: &crate::support::Run) -> Vec<String> {
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "missing-required-document")
        .map(|d| d["message"].as_str().unwrap().split(' ').nth(1).unwrap().to_owned())
        .collect()
}

#[test]
fn gap_analysis_reports_exactly_the_missing_policy_and_objectives() {
    let qms = qms_9001_without(
        &["POL-1", "OBJ-1"],
        "\n[applicability.\"iso9001:2015\"]\n\"8.3\" = \"We make parts to customer drawings; no design.\"\n",
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(run.codes(), ["missing-required-document", "missing-required-document"], "{}", run.stdout);
    assert_eq!(missing_clauses(&run), ["5.2.2", "6.2.1"]);
    let first = &run.json()["diagnostics"][0];
    assert_eq!(first["file"], "qms.toml");
    assert_eq!(first["line"], 3);
    assert!(first["message"].as_str().unwrap().contains("(Quality policy)"));
    assert!(
        first["help"].as_str().unwrap().starts_with("write a policy with `clauses: {\"iso9001:2015\": [\"5.2.2\"]}`")
    );

    let gaps = qms.run(&["trace", "--today", TODAY, "--gaps", "--format", "json"]);
    assert_eq!(gaps.code, 0, "trace exits 0 even with gaps");
    let json: serde_json::Value = serde_json::from_str(&gaps.stdout).unwrap();
    let clauses: Vec<&str> =
        json["standards"][0]["clauses"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(clauses.contains(&"5.2.2") && clauses.contains(&"6.2.1"), "{clauses:?}");
    assert!(!clauses.iter().any(|c| c.starts_with("8.3")), "8.3 is not applicable, not a gap: {clauses:?}");
}

#[test]
fn a_complete_set_passes_and_drafts_do_not_count() {
    let qms = qms_9001_without(&[], "");
    assert_eq!(qms.check_json(&[]).codes(), Vec::<String>::new());
    qms.write("docs/OBJ-1.md", cite("OBJ-1", "objectives", "\"6.2.1\"").replace("status: effective", "status: draft"));
    let run = qms.check_json(&[]);
    assert_eq!(missing_clauses(&run), ["6.2.1"]);
    let message = run.json()["diagnostics"][0]["message"].as_str().unwrap().to_owned();
    assert!(message.ends_with("OBJ-1 cites it but is not in force"), "{message}");
}

#[test]
fn citing_the_parent_clause_or_a_sub_clause_counts() {
    let qms = qms_9001_without(&["POL-1", "OBJ-1"], "");
    qms.write("docs/POL-1.md", cite("POL-1", "policy", "\"5.2\""));
    qms.write("docs/OBJ-1.md", cite("OBJ-1", "objectives", "\"6.2\""));
    assert_eq!(qms.check_json(&[]).codes(), Vec::<String>::new());
    // The top-level clause is too broad to stand in for a required document.
    qms.write("docs/OBJ-1.md", cite("OBJ-1", "objectives", "\"6\""));
    assert_eq!(missing_clauses(&qms.check_json(&[])), ["6.2.1"]);
}

#[test]
fn integrated_systems_credit_the_same_hs_clause_across_standards() {
    let qms = TestQms::new();
    let toml = |integrated: bool| {
        format!(
            "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\", \"iso27001:2022\"]\nintegrated = {integrated}\n\n[checks]\nallow = [\"missing-required-document\", \"missing-soa\"]\n"
        )
    };
    // Continual improvement is 10.1 in ISO/IEC 27001 and 10.3 in ISO 9001.
    qms.write("docs/SOP-1.md", valid_doc("SOP-1", "clauses: {\"iso27001:2022\": [\"10.1\"]}", "Improvement."));
    qms.write("qms.toml", toml(true));
    let row = |json: &serde_json::Value, standard: usize, clause: &str| {
        json["standards"][standard]["clauses"].as_array().unwrap().iter().find(|c| c["id"] == clause).unwrap().clone()
    };
    let trace = |qms: &TestQms| -> serde_json::Value {
        serde_json::from_str(&qms.run(&["trace", "--today", TODAY, "--format", "json"]).stdout).unwrap()
    };
    let json = trace(&qms);
    let improvement = row(&json, 0, "10.3");
    assert_eq!(improvement["status"], "addressed");
    assert_eq!(improvement["documents"][0]["via"]["standard"], "iso27001:2022");
    assert_eq!(improvement["documents"][0]["via"]["clause"], "10.1");
    // 9001's own 10.1 (General) is not the HS 10.1.
    assert_eq!(row(&json, 0, "10.1")["documents"].as_array().unwrap().len(), 0);

    qms.write("qms.toml", toml(false));
    assert_eq!(row(&trace(&qms), 0, "10.3")["status"], "gap");
}

#[test]
fn applicability_entries_are_checked() {
    let qms = qms_9001_without(
        &[],
        "\n[applicability.\"iso9001:2015\"]\n\"8.3\" = \"No design.\"\n\"9.2\" = \"Too small for audits.\"\n\"8.33\" = \"Typo.\"\n",
    );
    let findings = qms.check_json(&[]).findings();
    assert_eq!(
        findings,
        [
            ("qms.toml".into(), 7, "clause-not-excludable".into()),
            ("qms.toml".into(), 8, "invalid-applicability".into()),
        ]
    );
}

#[test]
fn organization_catalogs_are_loaded_and_validated() {
    let qms = TestQms::new();
    qms.write(
        "standards/customer-acme.toml",
        r#"[standard]
id = "acme:2024"
title = "ACME Supplier Quality Requirements"

[[clause]]
id = "1"
title = "Quality system"

[[clause]]
id = "1.1"
title = "First article inspection"
parent = "1"
documented_information = [{ kind = "document", what = "First article inspection procedure" }]

[[clause]]
id = "1.2"
title = "Records"
parent = "1"
"#,
    );
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"acme:2024\"]\n");
    qms.doc("SOP-1", "clauses: {\"acme:2024\": [\"1.2\", \"1.3\"]}", "Records.");
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), ["missing-required-document", "unknown-clause"], "{}", run.stdout);
    assert!(run.stdout.contains("acme:2024 1.1 requires a document (First article inspection procedure)"));

    qms.doc("SOP-2", "clauses: {\"acme:2024\": [\"1.1\"]}", "FAI.");
    assert_eq!(qms.check_json(&[]).codes(), ["unknown-clause"]);

    qms.write(
        "standards/broken.toml",
        "[standard]\nid = \"b:1\"\ntitle = \"B\"\n\n[[clause]]\nid = \"2.1\"\ntitle = \"T\"\nparent = \"2\"\n",
    );
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.toml:5:1: clause \"2.1\" names the parent \"2\""), "{}", run.stderr);
}

#[test]
fn an_unknown_enabled_standard_stops_the_run() {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2008\"]\n");
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("qms.toml:3:14: no catalog defines the standard \"iso9001:2008\", did you mean `iso9001:2015`?"),
        "{}",
        run.stderr
    );
}

/// A Statement of Applicability with every ISO/IEC 27001 control, `excluded` ones marked no.
fn soa_table(excluded: &[&str], leave_out: &[&str]) -> String {
    let catalog = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/standards/catalogs/iso27001-2022.toml"),
    )
    .unwrap();
    let mut table = String::from("| Control | Applicable | Justification | Status |\n|---|---|---|---|\n");
    for line in catalog.lines().filter(|l| l.starts_with("id = \"A.") && l.matches('.').count() == 2) {
        let control = line.trim_start_matches("id = \"").trim_end_matches('"');
        if leave_out.contains(&control) {
            continue;
        }
        let (applicable, why) =
            if excluded.contains(&control) { ("no", "No such activity.") } else { ("yes", "Risk treatment R-1.") };
        table.push_str(&format!("| {control} | {applicable} | {why} | implemented |\n"));
    }
    table
}

fn qms_27001() -> TestQms {
    let qms = TestQms::new();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"iso27001:2022\"]\n\n[checks]\nallow = [\"missing-required-document\"]\n",
    );
    qms
}

#[test]
fn iso27001_needs_a_complete_statement_of_applicability() {
    let qms = qms_27001();
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [("qms.toml".into(), 3, "missing-soa".into())]);

    qms.write("docs/REG-1.md", valid_doc("REG-1", "type: register\nsoa: iso27001:2022", &soa_table(&["A.7.10"], &[])));
    assert_eq!(qms.check_json(&[]).codes(), Vec::<String>::new());

    let incomplete =
        soa_table(&[], &["A.5.1", "A.8.34"]).replace("| A.6.1 | yes | Risk treatment R-1. |", "| A.6.1 | maybe |  |");
    qms.write(
        "docs/REG-1.md",
        valid_doc("REG-1", "type: register\nsoa: iso27001:2022", &format!("{incomplete}| A.9.9 | yes | x | |\n")),
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), ["invalid-soa", "invalid-soa", "invalid-soa", "soa-incomplete"], "{}", run.stdout);
    assert!(run.stdout.contains("leaves out 2 of 93 controls: A.5.1, A.8.34"), "{}", run.stdout);
    assert!(run.stdout.contains("cannot read `maybe` as applicable yes or no"));
    assert!(run.stdout.contains("`A.9.9` is not an Annex A control"));
}

#[test]
fn controls_excluded_in_the_statement_need_no_documents() {
    let qms = qms_27001();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso27001:2022\"]\n");
    qms.write(
        "docs/REG-1.md",
        valid_doc(
            "REG-1",
            "type: register\nsoa: iso27001:2022\nclauses: {\"iso27001:2022\": [\"6.1.3\"]}",
            &soa_table(&["A.5.1"], &[]),
        ),
    );
    let json: serde_json::Value =
        serde_json::from_str(&qms.run(&["trace", "--today", TODAY, "--format", "json"]).stdout).unwrap();
    let row =
        |id: &str| json["standards"][0]["clauses"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    assert_eq!(row("A.5.1")["status"], "n/a");
    assert_eq!(row("A.5.1")["excluded_by"], "Statement of Applicability");
    assert_eq!(row("A.5.1")["requirements"][0]["state"], "not-required");
    assert_eq!(row("A.5.9")["requirements"][0]["state"], "missing");
    assert_eq!(json["standards"][0]["statement_of_applicability"], "REG-1");
}

#[test]
fn example_qms_has_full_required_document_coverage() {
    let run = qms_in(&example_qms(), &["trace", "--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<_> = json["standards"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["iso9001:2015", "iso14001:2015"]);
    for standard in json["standards"].as_array().unwrap() {
        let coverage = &standard["coverage"];
        assert!(coverage["required_documents"].as_u64().unwrap() >= 5);
        assert_eq!(coverage["met_documents"], coverage["required_documents"], "{}", standard["id"]);
    }
    assert_eq!(json["standards"][0]["coverage"]["not_applicable_clauses"], 7, "8.3 and its six sub-clauses");
}

#[test]
fn trace_formats_and_options() {
    let qms = qms_9001_without(&["OBJ-1"], "");
    let table = qms.run(&["trace", "--today", TODAY]);
    assert!(table.stdout.starts_with("ISO 9001:2015 Quality management systems — Requirements (iso9001:2015)\n"));
    assert!(table.stdout.contains("required documents met 4/5"), "{}", table.stdout);
    let gap_line = table.stdout.lines().find(|l| l.trim_start().starts_with("6.2.1")).unwrap();
    assert!(gap_line.contains(" gap ") && gap_line.contains("Quality objectives: MISSING"), "{gap_line}");

    let markdown = qms.run(&["trace", "--today", TODAY, "--format", "markdown", "--gaps"]);
    assert!(markdown.stdout.contains("| Clause | Title | Status | Documents | Required documents / justification |"));
    assert!(
        markdown.stdout.contains("| 6.2.1 | Quality objectives and planning to achieve them | gap |"),
        "{}",
        markdown.stdout
    );

    let csv = qms.run(&["trace", "--today", TODAY, "--format", "csv"]);
    let mut lines = csv.stdout.lines();
    assert_eq!(lines.next(), Some("standard,clause,title,status,documents,required_documents,justification"));
    assert!(
        csv.stdout.contains(
            "iso9001:2015,5.2.2,Communicating the quality policy,addressed,POL-1,Quality policy: met by POL-1,"
        )
    );

    assert_eq!(qms.run(&["trace", "--standard", "iso9001:2015"]).code, 0);
    let unknown = qms.run(&["trace", "--standard", "iso14001:2015"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("`iso14001:2015` is not an enabled standard"));
}
