//! `aliases:` (an adopted set's acronyms): a name that links, search, the register and
//! `qms reviewed` resolve like the id, and that names one document only.

use crate::support::{TODAY, TestQms};

/// POL-001 answers to AOTP; SOP-001 links to it by that name, by its id and by a name no
/// document has.
fn set() -> TestQms {
    let qms = TestQms::new();
    qms.doc("POL-001", "title: Access Onboarding and Termination Policy\naliases: [AOTP]", "## Scope\n\nAll staff.");
    qms.doc("SOP-001", "", "See [the policy](AOTP), [its scope](AOTP#scope) and [by id](POL-001).");
    qms
}

#[test]
fn a_link_naming_an_alias_or_an_id_resolves_to_the_document() {
    let qms = set();
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), Vec::<(String, u64, String)>::new(), "{}", run.stdout);

    qms.doc("SOP-002", "", "See [nothing](NOPE) and [a lost anchor](AOTP#purpose).");
    let run = qms.check_json(&[]);
    assert_eq!(
        run.findings(),
        [
            ("docs/SOP-002.md".to_owned(), 15, "broken-anchor".to_owned()),
            ("docs/SOP-002.md".to_owned(), 15, "broken-link".to_owned()),
        ]
    );
}

#[test]
fn an_alias_names_one_document() {
    let qms = set();
    qms.doc("POL-002", "aliases: [AOTP, SOP-001]", "Two.");
    let run = qms.check_json(&[]);
    let json = run.json();
    let found: Vec<(String, u64, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "duplicate-alias")
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap().to_owned();
            (text("file"), d["line"].as_u64().unwrap(), text("field"), text("message"))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "docs/POL-002.md".to_owned(),
                11,
                "aliases".to_owned(),
                "alias `AOTP` is an alias of POL-001 (docs/POL-001.md)".to_owned()
            ),
            (
                "docs/POL-002.md".to_owned(),
                11,
                "aliases".to_owned(),
                "alias `SOP-001` is the id of SOP-001 (docs/SOP-001.md)".to_owned()
            ),
        ],
        "{}",
        run.stdout
    );

    let qms = TestQms::new();
    qms.doc("POL-001", "aliases: {a: b}", "One.");
    assert_eq!(qms.check_json(&[]).codes(), ["invalid-field-type"]);
}

#[test]
fn the_site_links_shows_and_finds_a_document_by_its_alias() {
    let qms = set();
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = qms.join("site/current");
    let sop = std::fs::read_to_string(site.join("documents/SOP-001.html")).unwrap();
    let link = |href: &str, text: &str| format!("<a href=\"{href}\" rel=\"noopener noreferrer\">{text}</a>");
    assert!(sop.contains(&link("../documents/POL-001.html", "the policy")), "{sop}");
    assert!(sop.contains(&link("../documents/POL-001.html#scope", "its scope")), "{sop}");
    assert!(sop.contains(&link("../documents/POL-001.html", "by id")), "{sop}");
    let policy = std::fs::read_to_string(site.join("documents/POL-001.html")).unwrap();
    assert!(policy.contains("<dt>Also known as</dt><dd>AOTP</dd>"), "{policy}");
    let print = std::fs::read_to_string(site.join("print.html")).unwrap();
    assert!(print.contains(&link("#doc-POL-001", "the policy")), "the print view resolves it too: {print}");
    assert!(print.contains(&link("#POL-001--scope", "its scope")), "{print}");
    let index = std::fs::read_to_string(site.join("search-index.js")).unwrap();
    assert!(index.contains("\"aotp\":[0,"), "{index}");
}

#[test]
fn the_register_lists_aliases_and_reviewed_takes_one() {
    let qms = set();
    let json = qms.run(&["register", "--today", TODAY, "--format", "json"]).json();
    assert_eq!(json["documents"][0]["id"], "POL-001");
    assert_eq!(json["documents"][0]["aliases"], serde_json::json!(["AOTP"]));
    assert_eq!(json["documents"][1]["aliases"], serde_json::json!([]));

    let run = qms.run(&["reviewed", "aotp", "--date", "2026-11-20", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = std::fs::read_to_string(qms.join("docs/POL-001.md")).unwrap();
    assert!(policy.contains("last_reviewed: 2026-11-20"), "{policy}");
    let run = qms.run(&["reviewed", "AOPT", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `AOTP`?"), "{}", run.stderr);
}
