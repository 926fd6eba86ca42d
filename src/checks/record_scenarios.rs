//! The record rules on values (DESIGN §7), each firing on its bad case and quiet on the good
//! one, as of the scenarios' day (2026-11-27).

use super::scenarios::{Scenario, fires};
use crate::diag::Rule;

/// A record `records/<name>.md` with the given front-matter lines.
fn record(scenario: Scenario, name: &str, front: &str) -> Scenario {
    scenario.file(&format!("records/{name}.md"), &format!("---\n{front}\n---\n\nNotes.\n"))
}

fn with(name: &str, front: &str) -> Scenario {
    record(Scenario::new(), name, front)
}

const NC_OPEN: &str = "record: nonconformity\nid: NC-1\ntitle: Calibration overdue\nraised: 2026-10-01\nsource: AUD-1\ngrade: minor\nowner: QM\ndue: 2026-12-31";

#[test]
fn records_of_every_kind_load_clean() {
    let scenario = with(
        "aud-1",
        "record: audit\nid: AUD-1\ntitle: Internal audit\nkind: internal\nplanned: 2026-03-01\ndate: 2026-03-02\nclauses: {\"iso9001:2015\": [\"7.5\"]}\nfindings: [{id: F-1, kind: nonconformity, nonconformity: NC-1}]",
    );
    let scenario = record(scenario, "nc-1", NC_OPEN);
    let scenario = record(
        scenario,
        "cert-1",
        "record: certificate\nid: CERT-1\nstandard: \"iso9001:2015\"\nbody: Cert Body\nnumber: \"Q 123\"\nscope: Design and manufacture\nissued: 2026-05-01\nexpires: 2029-04-30\nsurveillance: [2027-04-15]",
    );
    let scenario = record(
        scenario,
        "mr-1",
        "record: management-review\nid: MR-1\ntitle: Review 2026\ndate: 2026-01-20\nstandards: [\"iso9001:2015\"]\ninputs: {\"iso9001:2015\": [a, b, c1, c2, c3, c4, c5, c6, c7, d, e, f]}\nactions: [{id: A-1, action: Train buyers, owner: QM, due: 2026-12-31}]",
    );
    assert_eq!(scenario.findings(), []);
}

#[test]
fn loader_rules_on_records() {
    fires(Rule::InvalidFieldValue, &with("x", "record: complaint\nid: C-1"), &with("x", NC_OPEN));
    fires(Rule::MissingField, &with("x", &NC_OPEN.replace("owner: QM\n", "")), &with("x", NC_OPEN));
    fires(Rule::UnknownField, &with("x", &format!("{NC_OPEN}\nowner_name: QM")), &with("x", NC_OPEN));
    fires(Rule::InvalidDate, &with("x", &NC_OPEN.replace("2026-12-31", "2026-13-01")), &with("x", NC_OPEN));
    fires(Rule::MissingFrontMatter, &Scenario::new().file("records/x.md", "Notes\n"), &with("x", NC_OPEN));
    let amended = |entry: &str| with("x", &format!("{NC_OPEN}\namendments: [{{{entry}}}]"));
    fires(Rule::MissingField, &amended("date: 2026-11-01, by: QM"), &amended("date: 2026-11-01, by: QM, reason: Typo"));
    fires(
        Rule::InvalidDate,
        &amended("date: 2026-11-31, by: QM, reason: Typo"),
        &amended("date: 2026-11-30, by: QM, reason: Typo"),
    );
    fires(Rule::DuplicateRecordId, &record(with("a", NC_OPEN), "b", NC_OPEN), &with("a", NC_OPEN));
}

#[test]
fn audits_overdue_and_findings_without_their_nonconformity() {
    let audit = |extra: &str| {
        with(
            "aud-1",
            &format!(
                "record: audit\nid: AUD-1\ntitle: Internal audit\nclauses: {{\"iso9001:2015\": [\"8.4\"]}}\n{extra}"
            ),
        )
    };
    fires(Rule::AuditOverdue, &audit("planned: 2026-11-01"), &audit("planned: 2026-11-01\ndate: 2026-11-03"));
    fires(Rule::AuditOverdue, &audit("planned: 2026-11-01"), &audit("planned: 2026-12-01"));
    let finding = |nc: &str| {
        audit(&format!("planned: 2026-03-01\ndate: 2026-03-01\nfindings: [{{id: F-1, kind: nonconformity{nc}}}]"))
    };
    fires(Rule::FindingWithoutNonconformity, &finding(""), &record(finding(", nonconformity: NC-1"), "nc-1", NC_OPEN));
    fires(
        Rule::FindingWithoutNonconformity,
        &finding(", nonconformity: NC-9"),
        &record(finding(", nonconformity: NC-1"), "nc-1", NC_OPEN),
    );
}

#[test]
fn the_audit_programme_covers_every_applicable_clause_in_the_cycle() {
    const CONFIG: &str = "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n";
    let all = "4.1, 4.2, 4.3, 4.4, 5.1, 5.2, 5.3, 6.1, 6.2, 6.3, 7.1, 7.2, 7.3, 7.4, 7.5, 8.1, 8.2, 8.3, 8.4, 8.5, 8.6, 8.7, 9.1, 9.2, 9.3, 10.1, 10.2, 10.3";
    let audit = |clauses: &str, dates: &str| {
        with(
            "aud-1",
            &format!(
                "record: audit\nid: AUD-1\ntitle: Internal audit\n{dates}\nclauses: {{\"iso9001:2015\": [{clauses}]}}"
            ),
        )
        .config(CONFIG)
    };
    let held = "planned: 2026-03-01\ndate: 2026-03-01";
    let covered = audit(all, held);
    let without_83 = audit(&all.replace(" 8.3,", ""), held);
    fires(Rule::AuditProgrammeGap, &without_83, &covered);
    // Planned before the cycle ends counts; a whole clause covers the clauses below it.
    fires(Rule::AuditProgrammeGap, &without_83, &audit(&all.replace("8.3", "8"), "planned: 2027-02-01"));
    // Declared not applicable: no gap.
    let excluded = audit(&all.replace(" 8.3,", ""), held).config(&format!(
        "{CONFIG}\n[applicability.\"iso9001:2015\"]\n\"8.3\" = \"We build to customer designs only.\"\n"
    ));
    assert!(!excluded.has(Rule::AuditProgrammeGap), "{:?}", excluded.findings());
    // A set without audit records has no programme to judge.
    assert!(!Scenario::new().config(CONFIG).has(Rule::AuditProgrammeGap));
}

#[test]
fn certificates_expiring_expired_and_surveillance() {
    let cert = |dates: &str| {
        with(
            "cert-1",
            &format!(
                "record: certificate\nid: CERT-1\nstandard: \"iso9001:2015\"\nbody: CB\nnumber: \"1\"\nscope: All\n{dates}"
            ),
        )
    };
    let review = |s: Scenario| {
        record(s, "mr-1", "record: management-review\nid: MR-1\ntitle: R\ndate: 2026-06-01\nstandards: []\ninputs: {}")
    };
    let good = review(cert("issued: 2026-05-01\nexpires: 2029-04-30"));
    fires(Rule::ManagementReviewOverdue, &cert("issued: 2026-05-01\nexpires: 2029-04-30"), &good);
    fires(Rule::CertificateExpired, &review(cert("issued: 2023-05-01\nexpires: 2026-04-30")), &good);
    fires(
        Rule::CertificateExpiring,
        &review(cert("issued: 2024-01-10\nexpires: 2027-01-09\nsurveillance: [2025-01-05, 2026-01-06]")),
        &good,
    );
    fires(
        Rule::SurveillanceOverdue,
        &review(cert("issued: 2025-06-01\nexpires: 2028-05-31")),
        &review(cert("issued: 2025-06-01\nexpires: 2028-05-31\nsurveillance: [2026-05-20]")),
    );
    fires(
        Rule::SurveillanceOverdue,
        &review(cert("issued: 2026-05-01\nexpires: 2029-04-30\nsurveillance: [2027-09-01]")),
        &review(cert("issued: 2026-05-01\nexpires: 2029-04-30\nsurveillance: [2027-04-20]")),
    );
    let major = NC_OPEN.replace("grade: minor", "grade: major");
    let soon = review(cert("issued: 2026-01-10\nexpires: 2029-01-09\nsurveillance: [2026-12-15]"));
    fires(
        Rule::MajorNonconformityOpen,
        &record(soon, "nc-1", &major),
        &record(review(cert("issued: 2026-01-10\nexpires: 2029-01-09\nsurveillance: [2026-12-15]")), "nc-1", NC_OPEN),
    );
}

#[test]
fn nonconformities_overdue_and_verified() {
    fires(Rule::NonconformityOverdue, &with("nc", &NC_OPEN.replace("2026-12-31", "2026-11-01")), &with("nc", NC_OPEN));
    let closed = format!("{}\nclosed: 2026-06-01", NC_OPEN.replace("2026-12-31", "2026-06-30"));
    fires(Rule::NonconformityOverdue, &with("nc", &NC_OPEN.replace("2026-12-31", "2026-11-01")), &with("nc", &closed));
    fires(
        Rule::NonconformityNotVerified,
        &with("nc", &closed),
        &with("nc", &format!("{closed}\nverified: 2026-08-01\nverified_by: QM")),
    );
    let recent = format!("{NC_OPEN}\nclosed: 2026-11-01");
    assert!(!with("nc", &recent).has(Rule::NonconformityNotVerified));
}

#[test]
fn management_reviews_overdue_inputs_and_actions() {
    let review = |date: &str, inputs: &str, actions: &str| {
        with(
            "mr-1",
            &format!(
                "record: management-review\nid: MR-1\ntitle: R\ndate: {date}\nstandards: [\"iso14001:2015\"]\ninputs: {{\"iso14001:2015\": [{inputs}]}}\nactions: [{actions}]"
            ),
        )
    };
    let all = "a, b1, b2, b3, b4, c, d1, d2, d3, d4, e, f, g";
    let action = "{id: A-1, action: Audit the waste contractor, owner: EHS, due: 2026-09-30";
    fires(Rule::ManagementReviewOverdue, &review("2025-10-01", all, ""), &review("2026-01-20", all, ""));
    fires(
        Rule::ManagementReviewInputMissing,
        &review("2026-01-20", &all.replace("d3, ", ""), ""),
        &review("2026-01-20", all, ""),
    );
    fires(
        Rule::ManagementReviewInputMissing,
        &review("2026-01-20", &format!("{all}, z9"), ""),
        &review("2026-01-20", all, ""),
    );
    fires(
        Rule::ManagementReviewActionOverdue,
        &review("2026-01-20", all, &format!("{action}}}")),
        &review("2026-01-20", all, &format!("{action}, closed: 2026-09-15}}")),
    );
}

#[test]
fn objectives_measurable_and_on_target() {
    let objectives =
        |entry: &str| Scenario::new().doc("OBJ-1", &format!("type: objectives\nobjectives: [{entry}]"), "");
    let base = "id: Q1, objective: On-time delivery, measure: orders on time, unit: \"%\", owner: Logistics";
    fires(
        Rule::ObjectiveNotMeasurable,
        &objectives(&format!("{{{base}}}")),
        &objectives(&format!("{{{base}, target: \">= 97\", due: 2027-06-30}}")),
    );
    let results = "results: [{date: 2026-09-30, value: 98}, {date: 2026-10-31, value: 95.5}]";
    fires(
        Rule::ObjectiveOffTarget,
        &objectives(&format!("{{{base}, target: \">= 97\", due: 2026-10-31, {results}}}")),
        &objectives(&format!("{{{base}, target: \">= 95\", due: 2026-10-31, {results}}}")),
    );
    // Before its due date an objective may still be short of its target.
    assert!(
        !objectives(&format!("{{{base}, target: \">= 97\", due: 2027-06-30, {results}}}"))
            .has(Rule::ObjectiveOffTarget)
    );
}

#[test]
fn records_name_known_standards_and_clauses() {
    let audit = |clauses: &str| {
        with("aud-1", &format!("record: audit\nid: AUD-1\ntitle: A\nplanned: 2027-01-10\nclauses: {{{clauses}}}"))
    };
    fires(Rule::UnknownClause, &audit("\"iso9001:2015\": [\"8.44\"]"), &audit("\"iso9001:2015\": [\"8.4\"]"));
    fires(Rule::UnknownStandard, &audit("\"iso9001:2016\": [\"8.4\"]"), &audit("\"iso9001:2015\": [\"8.4\"]"));
    let nc = |clause: &str| with("nc", &format!("{NC_OPEN}\nclause: \"{clause}\""));
    fires(Rule::UnknownClause, &nc("iso9001:2015 8.4.9"), &nc("iso9001:2015 8.4.1"));
    fires(Rule::UnknownStandard, &nc("iso9000:2015 8.4.1"), &nc("iso9001:2015 8.4.1"));
    fires(Rule::InvalidFieldValue, &nc("8.4.1"), &nc("iso9001:2015 8.4.1"));
}
