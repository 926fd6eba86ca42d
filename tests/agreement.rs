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
