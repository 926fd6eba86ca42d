//! `qms build` and the records of the certification cycle: each version's Certification page
//! from its own records (a release's read from its git tree), the audit programme grid, the
//! objectives' charts, record text escaped, and the home page's attention list.

use super::releases::build_into;
use super::tree;
use crate::support::git::TestRepo;

const CONFIG: &str = "[organization]\nname = \"Test Ltd\"\n\n[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n\n[releases]\ntags = \"v*\"\n";

const CERTIFICATE: &str = "---\nrecord: certificate\nid: CERT-1\ntitle: ISO 9001 certificate\nstandard: \"iso9001:2015\"\nbody: Northgate Certification\nnumber: Q-1\nissued: 2025-01-15\nexpires: 2027-01-14\nsurveillance: [2027-01-10]\n---\n\nThe certificate.\n";

const AUDIT: &str = "---\nrecord: audit\nid: IA-1\ntitle: Leadership\nkind: internal\nplanned: 2026-03-10\ndate: 2026-03-12\nclauses:\n  \"iso9001:2015\": [\"5.1\", \"9.2\"]\nauditors: [Quality Manager]\nauditees: [Managing Director]\n---\n\nHeld.\n";

/// Raised in the release, still open and past its due date on the day of the build.
const NONCONFORMITY: &str = "---\nrecord: nonconformity\nid: NC-1\ntitle: \"Calibration <script>alert('nc')</script> missed\"\nraised: 2026-03-12\nsource: IA-1\nclause: \"iso9001:2015 7.1.5\"\ngrade: minor\nowner: Quality Manager\ndue: 2026-06-30\n---\n\nOpen.\n";

/// Added after the release: planned, not held, its day past.
const LATE_AUDIT: &str = "---\nrecord: audit\nid: IA-2\ntitle: Operations\nkind: internal\nplanned: 2026-10-01\nclauses:\n  \"iso9001:2015\": [\"8.5\"]\nauditors: [Quality Manager]\nauditees: [Production]\n---\n\nNot held yet.\n";

const OBJECTIVES: &str = "type: objectives\nobjectives: [{id: Q1, objective: On-time delivery, measure: share of orders on time, target: \">= 97\", unit: \"%\", due: 2026-12-31, owner: Logistics, results: [{date: 2026-03-31, value: 94}, {date: 2026-06-30, value: 96.5}]}]";

/// A release `v1` with a certificate, an audit, a nonconformity and an objectives document,
/// and a working tree with one more audit; `v0` before any record.
pub(super) fn repo_with_records() -> TestRepo {
    let repo = TestRepo::new();
    repo.write_root("qms.toml", CONFIG);
    repo.doc("docs/SOP-001.md", "SOP-001", "title: Internal Audit", "## Scope\n\nAudits.");
    repo.commit("Issue the manual", "Ada Lovelace", "2026-01-05");
    repo.tag("v0", None);
    repo.write_root("records/certificates/cert-1.md", CERTIFICATE);
    repo.write_root("records/audits/ia-1.md", AUDIT);
    repo.write_root("records/nonconformities/nc-1.md", NONCONFORMITY);
    repo.doc("docs/OBJ-001.md", "OBJ-001", &format!("title: Quality Objectives\n{OBJECTIVES}"), "Objectives.");
    repo.commit("Records of the first audit", "Ada Lovelace", "2026-07-01");
    repo.tag("v1", None);
    repo.write_root("records/audits/ia-2.md", LATE_AUDIT);
    repo
}

#[test]
fn each_version_shows_the_records_of_its_own_tree() {
    let repo = repo_with_records();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let files = tree(&site);
    let text = |page: &str| String::from_utf8(files.get(page).unwrap_or_else(|| panic!("no {page}")).clone()).unwrap();

    let release = text("v1/certification.html");
    assert!(release.contains(r#"id="record-CERT-1""#) && release.contains("Northgate Certification"));
    assert!(release.contains(r#"id="record-IA-1""#) && !release.contains("IA-2"), "the release's records only");
    let current = text("current/certification.html");
    assert!(
        current.contains(r#"id="record-IA-2""#)
            && current.contains(r#"<span class="badge badge-overdue">overdue</span>"#)
    );

    assert!(text("v0/certification.html").contains("This version has no records"), "every version has the page");
    assert!(!text("v0/index.html").contains("certification.html"), "linked only with records");
    assert!(
        text("v1/register.html").contains(r#"href="certification.html">Certification</a>"#),
        "the sidebar links it"
    );
}

#[test]
fn the_page_shows_the_programme_grid_ageing_and_charts() {
    let repo = repo_with_records();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build_into(&repo, &site, &["--versions", "current"]).code, 0);
    let page = std::fs::read_to_string(site.join("current/certification.html")).unwrap();

    // The cycle runs from the certificate's issue; 5.1 was audited in its second year, 8.5 is
    // overdue (not planned ahead), 4.1 was never audited.
    assert!(page.contains("cycle 2025-01-15 to 2028-01-14"), "{page}");
    assert!(page.contains("From 2025-01-15") && page.contains("From 2026-01-15") && page.contains("From 2027-01-15"));
    let row = |clause: &str| {
        let start = page.find(&format!(r#"<th scope="row" class="clause nowrap">{clause}</th>"#)).unwrap();
        page[start..start + page[start..].find("</tr>").unwrap()].to_owned()
    };
    let held = row("5.1");
    assert_eq!(held.matches("badge-held").count(), 2, "the 2026 cell and the cycle: {held}");
    assert!(row("4.1").contains(r#"<span class="badge badge-gap">gap</span>"#));
    assert!(row("8.5").contains("badge-gap"), "an overdue audit covers nothing");

    // NC-1: raised 2026-03-12, open on 2026-11-27: 260 days, overdue.
    let nc = &page[page.find(r#"id="record-NC-1""#).unwrap()..];
    let nc = &nc[..nc.find("</tr>").unwrap()];
    assert!(nc.contains("badge-overdue") && nc.contains(r#"<td class="num">260</td>"#), "{nc}");

    // The objective: a chart with a title and a description, and the numbers in a table.
    assert!(page.contains(r#"role="img" aria-labelledby="objective-OBJ-001-Q1-title objective-OBJ-001-Q1-desc""#));
    assert!(
        page.contains("<title id=\"objective-OBJ-001-Q1-title\">On-time delivery: results against the target</title>")
    );
    assert!(page.contains(r#"<td class="num">96.5</td>"#) && page.contains("badge-behind"));
    assert!(!page.contains("<script>alert"), "record text is escaped");
    let at = page.find("Calibration").unwrap();
    assert!(
        page[at..].starts_with("Calibration &lt;script&gt;alert(&#39;nc&#39;)&lt;/script&gt; missed"),
        "{}",
        &page[at..at + 90]
    );
}

#[test]
fn the_home_page_lists_what_the_cycle_needs() {
    let repo = repo_with_records();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build_into(&repo, &site, &["--versions", "current"]).code, 0);
    let home = std::fs::read_to_string(site.join("current/index.html")).unwrap();
    for (group, link) in [
        ("Audits overdue", "certification.html#record-IA-2"),
        ("Nonconformities overdue", "certification.html#record-NC-1"),
        ("Certificates expiring", "certification.html#record-CERT-1"),
    ] {
        assert!(home.contains(&format!("{group} <span class=\"count\">1</span>")), "{group}: {home}");
        assert!(home.contains(&format!(r#"href="{link}""#)), "{link}");
    }
}

/// A symlink committed in the records folder is not a record of the release: it is left out
/// with a warning naming it, and the release's other records are shown.
#[cfg(unix)]
#[test]
fn a_symlinked_record_in_a_release_is_left_out_with_a_warning() {
    let repo = repo_with_records();
    std::os::unix::fs::symlink("/etc/passwd", repo.root().join("records/audits/ia-9.md")).unwrap();
    std::os::unix::fs::symlink("ia-1.md", repo.root().join("records/audits/ia-copy.md")).unwrap();
    repo.commit("Links among the records", "Ada Lovelace", "2026-08-01");
    repo.tag("v2", None);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &["--versions", "v2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for path in ["records/audits/ia-9.md", "records/audits/ia-copy.md"] {
        let warning = format!("release v2: {path} is a symbolic link in git, not a record");
        assert!(run.stderr.contains(&warning), "{path}: {}", run.stderr);
    }
    let page = std::fs::read_to_string(site.join("v2/certification.html")).unwrap();
    assert_eq!(page.matches(r#"id="record-IA-1""#).count(), 1, "the link is not read as a second IA-1");
    assert!(page.contains(r#"id="record-IA-2""#) && !page.contains("root:"), "nothing read through the link");
}
