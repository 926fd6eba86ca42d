//! The terminal reports and the site show the same decisions: each is made once in the model
//! (`trace`, `model`), and both outputs only format it.

use crate::support::{TODAY, example_qms, qms_in};

/// The status of every clause row in a standard's matrix page, in page order (`n/a` as `na`).
fn page_statuses(html: &str) -> Vec<String> {
    html.match_indices(" row-")
        .filter(|(at, _)| html[..*at].ends_with(|c: char| c.is_ascii_digit()))
        .map(|(at, _)| html[at + 5..].chars().take_while(|c| c.is_ascii_alphabetic()).collect())
        .collect()
}

#[test]
fn trace_json_and_the_sites_matrix_agree_clause_for_clause() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let root = example_qms();
    let root = root.to_str().unwrap();
    let build = qms_in(out.path(), &["build", root, "--out", site.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let trace = qms_in(out.path(), &["trace", root, "--today", TODAY, "--format", "json"]).json();
    let standards = trace["standards"].as_array().unwrap();
    assert!(standards.len() >= 2);
    for standard in standards {
        let id = standard["id"].as_str().unwrap();
        let page = site.join(format!("current/standards/{}.html", id.replace(':', "-")));
        let html = std::fs::read_to_string(&page).unwrap();
        let from_json: Vec<String> = standard["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["status"].as_str().unwrap().replace("n/a", "na"))
            .collect();
        assert_eq!(page_statuses(&html), from_json, "{id}");
        assert!(from_json.len() > 20, "{id}: {} rows", from_json.len());
    }
}

/// The id and state of every row of the site's register page, in page order.
fn page_register(html: &str) -> Vec<(String, String)> {
    html.split("<tr class=\"state-")
        .skip(1)
        .map(|row| {
            let state: String = row.chars().take_while(|c| *c != '"').collect();
            let link = &row[row.find("<a href=").unwrap()..];
            let id: String = link[link.find('>').unwrap() + 1..].chars().take_while(|c| *c != '<').collect();
            (id, state)
        })
        .collect()
}

#[test]
fn register_json_and_the_sites_register_agree_row_for_row() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let root = example_qms();
    let root = root.to_str().unwrap();
    // A day on which one document of the example is approved but not yet effective (pending).
    let today = "2026-11-27";
    let build = qms_in(out.path(), &["build", root, "--out", site.to_str().unwrap(), "--today", today]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let json = qms_in(out.path(), &["register", root, "--today", today, "--format", "json"]).json();
    let from_json: Vec<(String, String)> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_owned(), d["state"].as_str().unwrap().to_owned()))
        .collect();
    let html = std::fs::read_to_string(site.join("current/register.html")).unwrap();
    assert_eq!(page_register(&html), from_json);
    assert!(from_json.len() >= 30);
    assert!(from_json.iter().any(|(_, state)| state == "pending"), "{from_json:?}");
}

#[test]
fn ids_are_in_one_natural_order_in_the_register_and_on_the_site() {
    let qms = crate::support::TestQms::new();
    for id in ["SOP-10", "SOP-9", "WI-2", "SOP-1"] {
        qms.doc(id, "", "Text.");
    }
    let json = qms.run(&["register", "--today", TODAY, "--format", "json"]).json();
    let ids: Vec<&str> = json["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["SOP-1", "SOP-9", "SOP-10", "WI-2"]);
    assert_eq!(qms.run(&["build", "--today", TODAY]).code, 0);
    let html = std::fs::read_to_string(qms.join("site/current/register.html")).unwrap();
    let on_site: Vec<String> = page_register(&html).into_iter().map(|(id, _)| id).collect();
    assert_eq!(on_site, ids);
}
