//! Broken and hostile files: each gives a clear diagnostic naming the file, the other documents
//! are still checked, and the tool never panics.

use crate::support::{TestQms, valid_doc};

/// A set holding one good document with a broken link (so we see it was still checked) plus the
/// bad file; returns the findings of `check`.
fn check_beside_bad_file(name: &str, bytes: &[u8]) -> (crate::support::Run, Vec<(String, u64, String)>) {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "[missing](nothing.md)");
    qms.write(&format!("docs/{name}"), bytes);
    let run = qms.check_json(&[]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let findings = run.findings();
    assert!(
        findings.contains(&("docs/SOP-1.md".into(), 15, "broken-link".into())),
        "the good document was still checked: {findings:?}"
    );
    (run, findings)
}

fn finding(file: &str, line: u64, code: &str) -> (String, u64, String) {
    (format!("docs/{file}"), line, code.to_owned())
}

#[test]
fn invalid_utf8_names_the_line_of_the_first_bad_byte() {
    let mut bytes = valid_doc("SOP-2", "", "Caf").into_bytes();
    bytes.extend_from_slice(b"\xe9 latin-1\n");
    let (run, findings) = check_beside_bad_file("SOP-2.md", &bytes);
    assert_eq!(run.code, 1);
    assert!(findings.contains(&finding("SOP-2.md", 16, "invalid-utf8")), "{findings:?}");
    let message =
        run.json()["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "invalid-utf8").unwrap()["message"]
            .clone();
    assert_eq!(message, "the document is not valid UTF-8 (first bad byte on line 16)");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = valid_doc("SOP-2", "", "Body [self](#sop-2).").replace('\n', "\r\n");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let (_, findings) = check_beside_bad_file("SOP-2.md", &bytes);
    assert_eq!(findings.len(), 1, "only the good document's broken link: {findings:?}");
}

#[test]
fn empty_and_whitespace_only_files() {
    let (_, findings) = check_beside_bad_file("empty.md", b"");
    assert!(findings.contains(&finding("empty.md", 1, "empty-document")), "{findings:?}");
    let (_, findings) = check_beside_bad_file("blank.md", b" \n\t\n\n");
    assert!(findings.contains(&finding("blank.md", 1, "empty-document")), "{findings:?}");
}

#[test]
fn unclosed_front_matter() {
    let (_, findings) = check_beside_bad_file("open.md", b"---\nid: SOP-2\ntitle: Open\n\n# Body\n");
    assert!(findings.contains(&finding("open.md", 1, "unclosed-front-matter")), "{findings:?}");
}

#[test]
fn yaml_that_is_a_list_or_a_scalar() {
    let (_, findings) = check_beside_bad_file("list.md", b"---\n- a\n- b\n---\n");
    assert!(findings.contains(&finding("list.md", 2, "front-matter-not-mapping")), "{findings:?}");
    let (_, findings) = check_beside_bad_file("scalar.md", b"---\n42\n---\n");
    assert!(findings.contains(&finding("scalar.md", 2, "front-matter-not-mapping")), "{findings:?}");
}

#[test]
fn a_yaml_alias_bomb_is_refused_without_expansion() {
    let mut yaml = String::from(
        "---\nid: SOP-2\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        yaml.push_str(&format!("a{level}: &a{level} [{}]\n", vec![previous; 9].join(",")));
    }
    yaml.push_str("---\n");
    let (_, findings) = check_beside_bad_file("bomb.md", yaml.as_bytes());
    assert!(findings.contains(&finding("bomb.md", 3, "unsupported-yaml")), "{findings:?}");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let yaml = format!("---\nid: SOP-2\nx: {}{}\n---\n", "[".repeat(5000), "]".repeat(5000));
    let (_, findings) = check_beside_bad_file("deep.md", yaml.as_bytes());
    assert!(findings.contains(&finding("deep.md", 3, "unsupported-yaml")), "{findings:?}");
}

#[test]
fn unquoted_version_1_10_stays_1_10() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "version: 1.10", "Body.");
    qms.doc("SOP-2", "version: 1.1", "Body.");
    assert_eq!(qms.check_json(&[]).codes(), Vec::<String>::new());
    qms.doc("SOP-3", "version: 1.10.2", "Body.");
    let findings = qms.check_json(&[]).findings();
    assert_eq!(findings, [finding("SOP-3.md", 5, "invalid-version")]);
}

#[test]
fn a_20_mb_document_is_reported_not_read() {
    let mut big = valid_doc("SOP-2", "", "").into_bytes();
    big.resize(20 * 1024 * 1024, b'x');
    let (run, findings) = check_beside_bad_file("big.md", &big);
    assert!(findings.contains(&finding("big.md", 1, "document-too-large")), "{findings:?}");
    assert_eq!(run.json()["summary"]["documents"], 1);
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_and_never_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), valid_doc("SEC-1", "", "[x](missing-secret-link.md)")).unwrap();
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "[missing](nothing.md)");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), qms.join("docs/secret.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), qms.join("docs/outside-dir")).unwrap();
    std::os::unix::fs::symlink(qms.join("docs/loop"), qms.join("docs/loop")).unwrap();
    std::os::unix::fs::symlink(qms.join("docs/SOP-1.md"), qms.join("docs/inside.md")).unwrap();
    let run = qms.check_json(&[]);
    let findings = run.findings();
    assert_eq!(
        findings,
        [
            finding("SOP-1.md", 15, "broken-link"),
            finding("inside.md", 1, "symlink-not-followed"),
            finding("loop", 1, "symlink-not-followed"),
            finding("outside-dir", 1, "symlink-not-followed"),
            finding("secret.md", 1, "symlink-not-followed"),
        ]
    );
    assert!(
        !run.stdout.contains("SEC-1") && !run.stdout.contains("missing-secret-link"),
        "nothing was read through a link"
    );
    let secret = run.json()["diagnostics"].as_array().unwrap().iter().find(|d| d["file"] == "docs/secret.md").unwrap()
        ["message"]
        .clone();
    assert_eq!(secret, "symbolic link pointing outside the QMS root (or nowhere) was not followed");
}

#[cfg(unix)]
#[test]
fn a_link_through_a_symlinked_folder_is_broken() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("target.md"), "x").unwrap();
    let qms = TestQms::new();
    std::os::unix::fs::symlink(outside.path(), qms.join("linked")).unwrap();
    qms.doc("SOP-1", "", "[through](../linked/target.md)");
    assert_eq!(qms.check_json(&[]).findings(), [finding("SOP-1.md", 15, "broken-link")]);
}

#[test]
fn file_names_with_spaces_and_non_ascii() {
    let qms = TestQms::new();
    qms.write(
        "docs/Qualité policy.md",
        valid_doc("POL-1", "", "[me](Qualit%C3%A9%20policy.md) [other](<Other doc.md#other>)"),
    );
    qms.write("docs/Other doc.md", valid_doc("POL-2", "", "## Other"));
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), Vec::<String>::new(), "{}", run.stdout);
}
