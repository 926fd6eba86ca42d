//! The records folder `qms init` writes: a README saying what each kind of record is for, and
//! one complete example of each kind under `records/examples/` to copy. The examples are dated
//! from the day of `init`, name only standards and clauses of the chosen catalogs, and refer to
//! each other (the audit's finding raised the nonconformity), so a copy with a new id checks
//! clean; the generated `qms.toml` excludes them from loading, since an example certificate or
//! nonconformity in a new QMS would be fake evidence.

use super::text::yaml_text;
use crate::model::{Date, Interval, Standard};
use std::fmt::Write as _;

/// The examples' folder below the records folder, as `[qms] exclude` names it.
pub const EXAMPLES_FOLDER: &str = "examples";

/// The note every example opens with.
fn copy_me(kind: &str) -> String {
    format!(
        "> **Example to copy, not a record.** Files under `records/examples/` are not loaded \
         (`[qms] exclude` in `qms.toml`). Start a real record with `qms new {kind} \"Title\"`, which \
         takes the next free id, or copy this file into `records/`, give it that id and replace every value."
    )
}

/// `(file name, contents)` of the example records and the records README, relative to the
/// records folder.
pub fn record_files(standards: &[&Standard], today: Date) -> Vec<(String, String)> {
    let later = |interval: Interval| interval.after(today).unwrap_or(today);
    let first = standards.first().map_or("iso9001:2015", |s| s.id.as_str());
    let audited: Vec<(String, Vec<String>)> = standards.iter().map(|s| (s.id.clone(), audited_clauses(s))).collect();
    let finding_clause = audited.first().and_then(|(_, c)| c.first().cloned()).unwrap_or_else(|| "7.5".to_owned());
    let observed_clause = audited.first().and_then(|(_, c)| c.last().cloned()).unwrap_or_else(|| "9.2".to_owned());
    let expires = Interval::Years(3).after(today).and_then(|d| d.yesterday().ok()).unwrap_or(today);
    let files = vec![
        (
            format!("{EXAMPLES_FOLDER}/AUD-EXAMPLE-internal-audit.md"),
            audit(today, &audited, first, &finding_clause, &observed_clause),
        ),
        (
            format!("{EXAMPLES_FOLDER}/NC-EXAMPLE-nonconformity.md"),
            nonconformity(today, later(Interval::Days(30)), first, &finding_clause),
        ),
        (
            format!("{EXAMPLES_FOLDER}/MR-EXAMPLE-management-review.md"),
            review(today, later(Interval::Months(3)), standards),
        ),
        (
            format!("{EXAMPLES_FOLDER}/CERT-EXAMPLE-certificate.md"),
            certificate(today, expires, later(Interval::Months(11)), first),
        ),
        ("README.md".to_owned(), readme()),
    ];
    files
}

/// The clauses the example audit covers: documented information and internal audit where the
/// catalog has them (every ISO management-system standard does), else its first two.
fn audited_clauses(standard: &Standard) -> Vec<String> {
    let wanted: Vec<String> =
        ["7.5", "9.2"].iter().filter(|id| standard.clause(id).is_some()).map(|id| (*id).to_owned()).collect();
    if !wanted.is_empty() {
        return wanted;
    }
    crate::model::programme_clauses(standard).take(2).map(str::to_owned).collect()
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|item| format!("\"{item}\"")).collect::<Vec<_>>().join(", ")
}

fn audit(
    today: Date,
    audited: &[(String, Vec<String>)],
    first: &str,
    finding_clause: &str,
    observed_clause: &str,
) -> String {
    let note = copy_me("audit");
    let mut text = String::from("---\nrecord: audit\nid: AUD-EXAMPLE\n");
    let _ =
        writeln!(text, "title: {}", yaml_text("Example: internal audit of documented information and internal audit"));
    let _ = writeln!(text, "kind: internal   # internal, certification, surveillance, recertification, supplier");
    let _ = writeln!(
        text,
        "planned: {today}\ndate: {today}     # the day it was held; leave out while only planned\nclauses:"
    );
    for (standard, clauses) in audited {
        let _ = writeln!(text, "  \"{standard}\": [{}]", quoted(clauses));
    }
    text.push_str(
        "auditors: [\"Internal Auditor\"]\nauditees: [\"Quality Manager\", \"Document Controller\"]\nfindings:\n",
    );
    let _ = writeln!(
        text,
        "  - {{id: F-1, kind: nonconformity, clause: \"{first} {finding_clause}\", nonconformity: NC-EXAMPLE}}"
    );
    let _ = writeln!(text, "  - {{id: F-2, kind: observation, clause: \"{first} {observed_clause}\"}}");
    let _ = write!(
        text,
        "---\n\n# AUD-EXAMPLE Example: internal audit of documented information and internal audit\n\n{note}\n\n\
         ## Scope and criteria\n\nThe clauses under `clauses:`, against the procedures that address them. Sample: \
         ten documents at their points of use, the last three audit reports.\n\n\
         ## Findings\n\n- **F-1 (minor nonconformity).** Two copies of a superseded work instruction at a \
         workstation. Raised as NC-EXAMPLE.\n- **F-2 (observation).** Audit reports are filed, but their \
         distribution to the auditees is not recorded.\n\n\
         ## Conclusion\n\nThe audited processes are effective apart from F-1.\n"
    );
    text
}

fn nonconformity(today: Date, due: Date, first: &str, clause: &str) -> String {
    let note = copy_me("nonconformity");
    let mut text = String::from("---\nrecord: nonconformity\nid: NC-EXAMPLE\n");
    let _ = writeln!(text, "title: {}", yaml_text("Example: superseded work instruction in use at a workstation"));
    let _ = writeln!(text, "raised: {today}\nsource: AUD-EXAMPLE   # the audit, complaint or incident it came from");
    let _ = writeln!(
        text,
        "clause: \"{first} {clause}\"\ngrade: minor   # minor or major\nowner: Quality Manager\ndue: {due}"
    );
    text.push_str(
        "correction: The superseded copies were withdrawn the same day.\n\
         root_cause: Paper copies are not recalled when a work instruction is revised.\n\
         corrective_action: Work instructions are read at the workstation's terminal; paper copies are stamped uncontrolled.\n\
         # Once the corrective action is done and its effectiveness checked:\n\
         # closed: YYYY-MM-DD\n# verified: YYYY-MM-DD\n# verified_by: Quality Manager\n",
    );
    let _ = write!(
        text,
        "---\n\n# NC-EXAMPLE Example: superseded work instruction in use at a workstation\n\n{note}\n\n\
         ## Description\n\nAudit AUD-EXAMPLE, finding F-1: two copies of a superseded work instruction at a \
         workstation.\n\n## Verification of effectiveness\n\nThree months after closing, sample the points of use \
         again; record the result and set `verified` and `verified_by`.\n"
    );
    text
}

fn review(today: Date, due: Date, standards: &[&Standard]) -> String {
    let note = copy_me("management-review");
    let ids: Vec<String> = standards.iter().map(|s| s.id.clone()).collect();
    let mut text = String::from("---\nrecord: management-review\nid: MR-EXAMPLE\n");
    let _ = writeln!(text, "title: {}", yaml_text("Example: annual management review"));
    let _ = writeln!(text, "date: {today}\nstandards: [{}]", quoted(&ids));
    text.push_str("attendees: [\"Managing Director\", \"Quality Manager\"]\ninputs:   # the catalog's inputs this review covered\n");
    for standard in standards {
        let inputs: Vec<&str> = standard.management_review_inputs.iter().map(|i| i.id.as_str()).collect();
        let _ = writeln!(text, "  \"{}\": [{}]", standard.id, inputs.join(", "));
    }
    let _ = writeln!(
        text,
        "actions:\n  - {{id: A-1, action: \"Audit document control at every workstation\", owner: Quality Manager, due: {due}}}"
    );
    let _ = write!(
        text,
        "---\n\n# MR-EXAMPLE Example: annual management review\n\n{note}\n\n\
         ## Inputs\n\nEach input of `inputs:` in the order the standard lists them: what was presented and \
         what it showed.\n\n## Decisions and actions\n\nA-1: audit document control at every workstation \
         (from AUD-EXAMPLE).\n"
    );
    text
}

fn certificate(today: Date, expires: Date, surveillance: Date, first: &str) -> String {
    let note = copy_me("certificate");
    let mut text = String::from("---\nrecord: certificate\nid: CERT-EXAMPLE\n");
    let _ = writeln!(text, "title: {}", yaml_text("Example: certificate"));
    let _ = writeln!(
        text,
        "standard: \"{first}\"\nbody: Example Certification Ltd\naccreditation: UKAS\nnumber: \"EXAMPLE-0000\""
    );
    let _ = writeln!(text, "scope: {}", yaml_text("The scope exactly as the certificate states it"));
    let _ = writeln!(
        text,
        "issued: {today}\nexpires: {expires}\nsurveillance: [{surveillance}]   # audits held or planned, one a year"
    );
    let _ = write!(
        text,
        "---\n\n# CERT-EXAMPLE Example: certificate\n\n{note}\n\nCopy the details from the certificate the \
         certification body issued; keep its scan outside the records folder and link to it here.\n"
    );
    text
}

fn readme() -> String {
    "# Records of the certification cycle\n\n\
     Records are evidence that the management system runs: retained, not revised. Each is a Markdown \
     file with front matter; `record:` gives its kind, `id` identifies it, and `qms check` judges it \
     with the documents.\n\n\
     | kind | what it is for | start one |\n|---|---|---|\n\
     | `audit` | an audit of the programme (internal, certification, surveillance): the clauses covered, the findings | `qms new audit \"Title\"` |\n\
     | `nonconformity` | a nonconformity and its correction, root cause, corrective action and verification | `qms new nonconformity \"Title\"` |\n\
     | `management-review` | a management review: the inputs covered, the actions decided | `qms new management-review \"Title\"` |\n\
     | `certificate` | a certificate: its standard, body, scope, expiry and surveillance audits | `qms new certificate \"Title\"` |\n\n\
     `examples/` holds one complete example of each kind to copy from. It is not loaded (`[qms] exclude` \
     in `qms.toml`), and neither is this README: an example certificate or nonconformity would be \
     false evidence.\n"
        .to_owned()
}
