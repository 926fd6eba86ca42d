//! What starting and adopting run into: `init` over existing documents points to `adopt`, `init`
//! writes a `.gitignore` for the site, and `[qms] exclude` keeps notes out of the checked set.

use crate::support::{TODAY, TestQms};

#[test]
fn init_over_existing_documents_points_to_adopt_and_writes_nothing() {
    let qms = TestQms::bare();
    qms.write("README.md", "# About\n");
    qms.write("policies/quality-policy.md", "# Quality Policy\n");
    let refused = qms.run(&["init", "."]);
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("already holds 1 Markdown documents (policies/quality-policy.md)")
            && refused.stderr.contains("run `qms adopt .`"),
        "{}",
        refused.stderr
    );
    let mut left: Vec<String> = walkdir::WalkDir::new(qms.path())
        .into_iter()
        .skip(1)
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["README.md", "policies", "quality-policy.md"]);
}

#[test]
fn init_ignores_the_site_it_builds() {
    let qms = TestQms::bare();
    qms.write("README.md", "# About\n");
    let created = qms.run(&["init", "."]);
    assert_eq!(created.code, 0, "{}", created.stderr);
    assert_eq!(std::fs::read_to_string(qms.join(".gitignore")).unwrap(), "# The site `qms build` writes.\n/site/\n");
    // An existing one is the user's and stays.
    let other = TestQms::bare();
    other.write(".gitignore", "target/\n");
    assert_eq!(other.run(&["init", "."]).code, 0);
    assert_eq!(std::fs::read_to_string(other.join(".gitignore")).unwrap(), "target/\n");
}

#[test]
fn excluded_files_are_not_documents() {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nexclude = [\"**/README.md\", \"drafts/**\"]\n");
    qms.doc("SOP-1", "", "Body.");
    qms.write("docs/README.md", "How this folder works.\n");
    qms.write("docs/procedures/README.md", "Procedures.\n");
    qms.write("docs/drafts/idea.md", "An idea.\n");
    let check = qms.check_json(&[]);
    assert_eq!(check.findings(), [], "{}", check.stdout);
    assert_eq!(check.json()["summary"]["documents"], 1);
    let bad = TestQms::new();
    bad.write("qms.toml", "[qms]\nexclude = [\"../outside.md\"]\n");
    let refused = bad.run(&["check", "--today", TODAY]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("qms.toml:2:") && refused.stderr.contains("leaves the documents folder"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_approved_document_still_holding_the_scaffolds_guidance_is_a_warning() {
    let qms = TestQms::bare();
    assert_eq!(qms.run(&["init", ".", "--standards", "iso9001:2015"]).code, 0);
    let scope = walkdir::WalkDir::new(qms.join("docs"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.to_string_lossy().contains("SCP-"))
        .unwrap();
    let draft = qms.check_json(&[]);
    assert!(!draft.codes().contains(&"guidance-left".to_owned()), "a draft may hold it: {}", draft.stdout);
    let text = std::fs::read_to_string(&scope).unwrap().replace(
        "status: draft\n",
        "status: effective\napprover: Managing Director\napproved: 2026-06-01\neffective: 2026-06-01\n",
    );
    std::fs::write(&scope, &text).unwrap();
    let line = text.lines().position(|l| l.starts_with("> Guidance:")).unwrap() as u64 + 1;
    let released = qms.check_json(&[]);
    let relative = scope.strip_prefix(qms.path()).unwrap().to_string_lossy().into_owned();
    assert!(released.findings().contains(&(relative, line, "guidance-left".to_owned())), "{}", released.stdout);
}
