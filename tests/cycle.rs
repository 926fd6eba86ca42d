//! `qms cycle`: the certification cycle on a day, in every format, from real record files.

use crate::records::{AUDIT, NONCONFORMITY};
use crate::support::TestQms;

const CERTIFICATE: &str = "---
record: certificate
id: CERT-9001
standard: \"iso9001:2015\"
body: Example Certification Ltd
number: \"Q 4711\"
scope: Design and manufacture of garden furniture
issued: 2026-01-10
expires: 2029-01-09
surveillance: [2026-12-15]
---
";

const OPEN_NC: &str = "---
record: nonconformity
id: NC-002
title: \"Supplier | evaluation \u{1b}[31m missing\"
raised: 2026-10-28
source: AUD-001
grade: minor
owner: Purchasing
due: 2026-12-31
---
";

fn cycle_qms() -> TestQms {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n");
    qms.write("records/aud-001.md", AUDIT);
    qms.write("records/nc-001.md", NONCONFORMITY);
    qms.write("records/nc-002.md", OPEN_NC);
    qms.write("records/cert-9001.md", CERTIFICATE);
    qms
}

#[test]
fn the_table_shows_certificates_coverage_and_nonconformities_with_their_age() {
    let qms = cycle_qms();
    let run = qms.run(&["cycle", "--today", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = |start: &str| run.stdout.lines().find(|l| l.starts_with(start)).unwrap_or_default().to_owned();
    let words = |line: String| line.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(words(line("CERT-9001"))[..3], ["CERT-9001", "iso9001:2015", "Example"], "{}", run.stdout);
    assert!(line("CERT-9001").ends_with("2026-01-10  2029-01-09  2026-12-15         valid"), "{}", run.stdout);
    // Open first, with its age in days since raised; the closed one counts raised to closed.
    let nc = run.stdout.find("NC-002").unwrap();
    assert!(nc < run.stdout.find("NC-001").unwrap(), "{}", run.stdout);
    assert_eq!(words(line("NC-002"))[..6], ["NC-002", "minor", "2026-10-28", "2026-12-31", "open", "30"]);
    assert_eq!(words(line("NC-001"))[..6], ["NC-001", "minor", "2026-03-12", "2026-04-30", "verified", "39"]);
    // The audit covered 7.5 and 8.4; the other 26 second-level clauses are gaps.
    assert_eq!(
        words(line("iso9001:2015  2026"))[..8],
        ["iso9001:2015", "2026-01-10", "to", "2029-01-09", "2", "0", "26", "4.1,"]
    );
    // A title's control characters are shown, not sent to the terminal.
    assert!(!run.stdout.contains('\u{1b}') && run.stdout.contains("\\x1b[31m"), "{}", run.stdout);
}

#[test]
fn markdown_and_json_carry_the_same_answers() {
    let qms = cycle_qms();
    let markdown = qms.run(&["cycle", "--today", "2026-11-27", "--format", "markdown"]);
    assert!(markdown.stdout.contains("## Nonconformities (2)"), "{}", markdown.stdout);
    assert!(
        markdown
            .stdout
            .contains("| NC-002 | minor | 2026-10-28 | 2026-12-31 | open | 30 | Purchasing | Supplier \\| evaluation"),
        "{}",
        markdown.stdout
    );
    let json = qms.run(&["cycle", "--today", "2026-11-27", "--format", "json"]).json();
    assert_eq!(json["today"], "2026-11-27");
    assert_eq!(json["certificates"][0]["next_surveillance"], "2026-12-15");
    assert_eq!(json["nonconformities"][0]["id"], "NC-002");
    assert_eq!(json["nonconformities"][0]["age_days"], 30);
    assert_eq!(json["nonconformities"][0]["title"], "Supplier | evaluation \u{1b}[31m missing");
    assert_eq!(json["audit_coverage_in_the_cycle"][0]["gaps"], 26);
    assert_eq!(json["audit_programme"][0]["state"], "held");
}

#[test]
fn a_set_without_records_has_an_empty_cycle() {
    let qms = TestQms::new();
    let run = qms.run(&["cycle", "--today", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Certificates (0)\n\nAudit programme (0)\n"), "{}", run.stdout);
}

#[test]
fn the_example_keeps_its_certification_cycle() {
    let run =
        crate::support::qms_in(&crate::support::example_qms(), &["cycle", "--today", "2026-11-27", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let ids = |section: &str| -> Vec<String> {
        json[section].as_array().unwrap().iter().map(|row| row["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids("certificates"), ["CERT-14001", "CERT-9001"]);
    assert_eq!(ids("audit_programme"), ["IA-2026-03", "IA-2026-05", "IA-2026-09", "IA-2026-11", "IA-2027-02"]);
    assert_eq!(ids("nonconformities"), ["NCR-2026-027", "NCR-2026-011", "NCR-2026-019"]);
    assert_eq!(json["nonconformities"][0]["state"], "overdue");
    assert_eq!(json["management_reviews"][0]["inputs"], "iso9001:2015 12/12; iso14001:2015 13/13");
    for coverage in json["audit_coverage_in_the_cycle"].as_array().unwrap() {
        assert_eq!(coverage["gaps"], 0, "{coverage}");
    }
}
