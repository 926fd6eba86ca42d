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
    qms.doc("OBJ-1", "type: objectives\nobjectives: [{id: Q1, objective: On time, target: \"most\"}]", "");
    assert_eq!(qms.check_json(&[]).findings(), [finding("docs/OBJ-1.md", 11, "invalid-field-value")]);
}
