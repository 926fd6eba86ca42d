//! Records of the certification cycle: loading from `[qms] records` with file:line findings,
//! and the record rules of `qms check` on real files.

use crate::support::TestQms;

/// A held internal audit of ISO 9001 7.5 and 8.4.
pub const AUDIT: &str = "---
record: audit
id: AUD-001
title: Internal audit of document control
kind: internal
planned: 2026-03-10
date: 2026-03-12
clauses:
  iso9001:2015: [\"7.5\", \"8.4\"]
auditors: [\"Ada Lovelace\"]
findings:
  - {id: F-1, kind: observation, clause: \"iso9001:2015 7.5\"}
---

# Findings

Document control works as described.
";

/// A closed and verified minor nonconformity.
pub const NONCONFORMITY: &str = "---
record: nonconformity
id: NC-001
title: Obsolete form in use at goods-in
raised: 2026-03-12
source: AUD-001
clause: iso9001:2015 7.5.3
grade: minor
owner: Quality Manager
due: 2026-04-30
closed: 2026-04-20
verified: 2026-06-01
verified_by: Ada Lovelace
---

Root cause and correction.
";

fn qms_with(records: &[(&str, &str)]) -> TestQms {
    let qms = TestQms::new();
    for (path, text) in records {
        qms.write(path, text);
    }
    qms
}

fn finding(file: &str, line: u64, code: &str) -> (String, u64, String) {
    (file.to_owned(), line, code.to_owned())
}

#[test]
fn correct_records_load_without_findings() {
    let qms = qms_with(&[("records/aud-001.md", AUDIT), ("records/nc-001.md", NONCONFORMITY)]);
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [], "{}", run.stdout);
}

#[test]
fn an_unknown_record_field_is_reported_at_its_line_with_a_suggestion() {
    let audit = AUDIT.replace("auditors:", "auditor:");
    let qms = qms_with(&[("records/aud-001.md", &audit)]);
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [finding("records/aud-001.md", 10, "unknown-field")]);
    assert!(run.stdout.contains("did you mean `auditors`"), "{}", run.stdout);
}

#[test]
fn bad_dates_kinds_and_missing_fields_name_the_line() {
    let audit = AUDIT.replace("date: 2026-03-12", "date: 2026-02-30").replace("kind: internal", "kind: internel");
    let nonconformity = NONCONFORMITY.replace("owner: Quality Manager\n", "");
    let unknown = "---\nrecord: complaint\nid: C-1\n---\n";
    let qms =
        qms_with(&[("records/aud-001.md", &audit), ("records/nc-001.md", &nonconformity), ("records/c-1.md", unknown)]);
    let run = qms.check_json(&[]);
    assert_eq!(
        run.findings(),
        [
            finding("records/aud-001.md", 5, "invalid-field-value"),
            finding("records/aud-001.md", 7, "invalid-date"),
            finding("records/c-1.md", 2, "invalid-field-value"),
            finding("records/nc-001.md", 1, "missing-field"),
        ]
    );
    assert!(run.stdout.contains("did you mean `internal`"), "{}", run.stdout);
}

#[test]
fn records_inside_the_documents_folder_are_not_read_as_documents() {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \".\"\nrecords = \"records\"\n");
    qms.write("records/aud-001.md", AUDIT);
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [], "{}", run.stdout);
}

#[test]
fn objectives_are_read_from_an_objectives_document() {
    let qms = TestQms::new();
    qms.doc(
        "OBJ-1",
        "type: objectives\nobjectives: [{id: Q1, objective: On-time delivery, measure: share of orders on time, target: \">= 97\", unit: \"%\", due: 2026-12-31, owner: Logistics, results: [{date: 2026-06-30, value: 96.5}]}]",
        "",
    );
    assert_eq!(qms.check_json(&[]).findings(), []);
    qms.doc("OBJ-1", "type: objectives\nobjectives: [{id: Q1, objective: On time, measure: orders on time, due: 2027-06-30, target: \"most\"}]", "");
    assert_eq!(qms.check_json(&[]).findings(), [finding("docs/OBJ-1.md", 11, "invalid-field-value")]);
}

#[test]
fn record_rules_point_at_the_field_and_follow_today() {
    let overdue = NONCONFORMITY.replace("closed: 2026-04-20\nverified: 2026-06-01\nverified_by: Ada Lovelace\n", "");
    let planned = AUDIT.replace("date: 2026-03-12\n", "").replace("planned: 2026-03-10", "planned: 2026-11-20");
    let qms = qms_with(&[("records/nc-001.md", &overdue), ("records/aud-002.md", &planned)]);
    assert_eq!(
        qms.check_json(&[]).findings(),
        [finding("records/aud-002.md", 6, "audit-overdue"), finding("records/nc-001.md", 10, "nonconformity-overdue")]
    );
    // On an earlier day neither is late.
    let run = qms.run(&["check", "--today", "2026-04-01", "--format", "json"]);
    assert_eq!(run.findings(), []);
}

#[test]
fn a_management_review_missing_inputs_names_them_at_its_inputs_line() {
    let review = "---
record: management-review
id: MR-2026
title: Management review 2026
date: 2026-01-20
standards: [\"iso9001:2015\"]
inputs:
  iso9001:2015: [a, b, c1, c2, c3, c4, c5, c6, d, e, f]
---
";
    let qms = qms_with(&[("records/mr-2026.md", review)]);
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [finding("records/mr-2026.md", 8, "management-review-input-missing")]);
    assert!(run.stdout.contains("c7 (the performance of external providers)"), "{}", run.stdout);
    qms.write("records/mr-2026.md", review.replace("c6,", "c6, c7,"));
    assert_eq!(qms.check_json(&[]).findings(), []);
}

#[test]
fn record_rules_are_explained() {
    let qms = TestQms::new();
    let run = qms.run(&["explain", "finding-without-nonconformity"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("10.2"), "{}", run.stdout);
}

#[test]
fn a_records_folder_outside_the_root_is_refused() {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nrecords = \"../elsewhere\"\n");
    let run = qms.run(&["check", "--today", "2026-11-27"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("records folder"), "{}", run.stderr);
}

#[test]
fn a_symbolic_link_among_the_records_is_reported_and_not_followed() {
    let qms = qms_with(&[("records/aud-001.md", AUDIT)]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), NONCONFORMITY.replace("NC-001", "SECRET-1")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), qms.join("records/link.md")).unwrap();
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [finding("records/link.md", 1, "symlink-not-followed")]);
    let cycle = qms.run(&["cycle", "--today", "2026-11-27", "--format", "json"]);
    assert!(!cycle.stdout.contains("SECRET-1"), "{}", cycle.stdout);
}

#[test]
fn a_records_folder_reached_through_a_link_is_refused() {
    let qms = TestQms::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("aud-001.md"), AUDIT).unwrap();
    std::os::unix::fs::symlink(outside.path(), qms.join("records")).unwrap();
    let run = qms.run(&["check", "--today", "2026-11-27"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("records folder") && run.stderr.contains("symbolic link"), "{}", run.stderr);
}

#[test]
fn new_records_take_the_next_id_of_their_kind_and_load_clean() {
    let qms = qms_with(&[("records/aud-001.md", &AUDIT.replace("AUD-001", "AUD-007"))]);
    let run = qms.run(&["new", "audit", "Purchasing and supplier control", "--clause", "iso9001:2015:8.4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "created AUD-008 Purchasing and supplier control: records/AUD-008-purchasing-and-supplier-control.md"
        ),
        "{}",
        run.stdout
    );
    let run = qms.run(&["new", "nonconformity", "Gauge out of calibration", "--owner", "Inspection Team Leader"]);
    assert!(run.stdout.starts_with("created NC-001 Gauge out of calibration: records/NC-001-"), "{}", run.stdout);
    let text = std::fs::read_to_string(qms.join("records/AUD-008-purchasing-and-supplier-control.md")).unwrap();
    assert!(text.contains("record: audit\nid: AUD-008\n") && text.contains("\"iso9001:2015\": [\"8.4\"]"), "{text}");
    assert_eq!(qms.check_json(&[]).findings(), []);
}

#[test]
fn an_organization_catalog_declares_its_management_review_inputs() {
    let qms = TestQms::new();
    qms.write(
        "standards/acme.toml",
        "[standard]\nid = \"acme:1\"\ntitle = \"ACME supplier requirements\"\n\n[[clause]]\nid = \"1\"\ntitle = \"Quality\"\n\n\
         [[management_review_input]]\nid = \"scorecard\"\nwhat = \"the ACME supplier scorecard\"\n\n\
         [[management_review_input]]\nid = \"escapes\"\nwhat = \"escapes to ACME lines\"\n",
    );
    qms.write(
        "records/mr-1.md",
        "---\nrecord: management-review\nid: MR-1\ntitle: Review\ndate: 2026-06-01\nstandards: [\"acme:1\"]\ninputs: {\"acme:1\": [scorecard]}\n---\n",
    );
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [finding("records/mr-1.md", 7, "management-review-input-missing")]);
    assert!(run.stdout.contains("escapes (escapes to ACME lines)"), "{}", run.stdout);
}
