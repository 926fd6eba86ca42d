//! Symbolic links anywhere `qms` reads: none is followed, each is reported once with its path,
//! and nothing outside the QMS root reaches the output.
#![cfg(unix)]

use crate::support::{TODAY, TestQms};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// A folder outside the QMS root holding a secret document, a secret file and a theme file.
fn outside() -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    std::fs::write(dir.join("secret.txt"), "SECRET-TOKEN-1234").unwrap();
    std::fs::write(dir.join("secret.md"), crate::support::valid_doc("SECRET-1", "", "SECRET-TOKEN-1234")).unwrap();
    std::fs::create_dir_all(dir.join("procedures")).unwrap();
    std::fs::write(dir.join("procedures/secret.md"), crate::support::valid_doc("SECRET-2", "", "secret")).unwrap();
    dir
}

/// Every file under `dir`, as text (lossy), with its path.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned()))
        .collect()
}

fn assert_nothing_secret_in(site: &Path) {
    for (path, text) in files_under(site) {
        assert!(!text.contains("SECRET-TOKEN-1234"), "{} holds a file from outside the root", path.display());
        assert!(!text.contains("SECRET-2"), "{} holds a document from outside the root", path.display());
        assert!(!text.contains("[core]"), "{} holds .git/config", path.display());
    }
}

#[test]
fn a_folder_symlink_inside_docs_is_never_followed_by_build_or_check() {
    let qms = TestQms::new();
    let outside = outside();
    std::fs::create_dir_all(qms.join("docs/procedures")).unwrap();
    symlink(&outside, qms.join("docs/procedures/self")).unwrap();
    symlink("../../.git", qms.join("docs/procedures/repo")).unwrap();
    std::fs::create_dir_all(qms.join(".git")).unwrap();
    std::fs::write(qms.join(".git/config"), "[core]\n\tbare = false\n").unwrap();
    qms.write(
        "docs/procedures/SOP-1.md",
        crate::support::valid_doc(
            "SOP-1",
            "",
            "[secret](self/secret.txt) [doc](self/procedures/secret.md) [git](repo/config) ![img](self/secret.txt)",
        ),
    );
    let out = qms.join("site");
    let run = qms.run(&["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("current/documents/SOP-1.html").is_file());
    assert_nothing_secret_in(&out);
    assert!(!out.join("current/files/docs/procedures/self").exists());
    assert!(!out.join("current/files/docs/procedures/repo").exists());
    assert!(run.stderr.contains("docs/procedures/self"), "the symlink is named: {}", run.stderr);

    let check = qms.check_json(&[]);
    assert_eq!(check.json()["summary"]["documents"], 1, "only the real document is counted");
    let findings = check.findings();
    let symlinks: Vec<_> = findings.iter().filter(|(_, _, code)| code == "symlink-not-followed").collect();
    assert_eq!(symlinks.len(), 2, "each symlink reported once: {findings:?}");
    // The links through the symlinks are broken links, not files found.
    let broken: Vec<_> =
        findings.iter().filter(|(f, _, c)| f == "docs/procedures/SOP-1.md" && c != "symlink-not-followed").collect();
    assert_eq!(broken.len(), 4, "{findings:?}");
    assert!(!check.stdout.contains("SECRET"), "{}", check.stdout);
}

#[test]
fn theme_symlinks_are_never_followed() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    let outside = outside();
    std::fs::create_dir_all(qms.join("theme/assets")).unwrap();
    symlink(outside.join("secret.txt"), qms.join("theme/assets/qms.css")).unwrap();
    symlink(outside.join("secret.txt"), qms.join("theme/document.html")).unwrap();
    let out = qms.join("site");
    let run = qms.run(&["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_nothing_secret_in(&out);
    assert!(run.stderr.contains("theme/assets/qms.css"), "{}", run.stderr);
    assert!(run.stderr.contains("theme/document.html"), "{}", run.stderr);
    let css = std::fs::read_to_string(out.join("current/assets/qms.css")).unwrap();
    assert!(css.contains('{'), "the built-in stylesheet is used");

    // The theme folder itself as a symlink out of the repository.
    std::fs::remove_dir_all(qms.join("theme")).unwrap();
    let theme = tempfile::tempdir().unwrap().keep();
    std::fs::create_dir_all(theme.join("assets")).unwrap();
    std::fs::write(theme.join("assets/qms.css"), "SECRET-TOKEN-1234").unwrap();
    symlink(&theme, qms.join("theme")).unwrap();
    let run = qms.run(&["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_nothing_secret_in(&out);
    assert_eq!(run.stderr.matches("theme is a symbolic link").count(), 1, "reported once: {}", run.stderr);
}

#[test]
fn a_symlinked_documents_folder_is_refused_by_every_command() {
    let qms = TestQms::bare();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\n");
    let outside = outside();
    symlink(outside.join("procedures"), qms.join("docs")).unwrap();
    let out = qms.join("site").to_string_lossy().into_owned();
    for args in [
        &["check", "--today", TODAY][..],
        &["check", "--today", TODAY, "--format", "json"],
        &["trace", "--today", TODAY],
        &["register"],
        &["reviews", "--today", TODAY],
        &["build", "--today", TODAY, "--out", &out],
    ] {
        let run = qms.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("docs") && run.stderr.contains("symbolic link"), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains("SECRET"), "{args:?}: {}", run.stdout);
    }
    assert!(!qms.join("site").exists());
}

#[test]
fn symlinked_catalogs_and_a_symlinked_standards_folder_are_not_read() {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n");
    qms.doc("SOP-1", "", "Body.");
    let outside = tempfile::tempdir().unwrap().keep();
    let catalog =
        "[standard]\nid = \"secret:1\"\ntitle = \"SECRET-TOKEN-1234\"\n\n[[clause]]\nid = \"1\"\ntitle = \"Scope\"\n";
    std::fs::write(outside.join("secret.toml"), catalog).unwrap();
    std::fs::create_dir_all(qms.join("standards")).unwrap();
    symlink(outside.join("secret.toml"), qms.join("standards/secret.toml")).unwrap();
    let check = qms.check_json(&[]);
    let findings = check.findings();
    assert!(
        findings.contains(&("standards/secret.toml".to_owned(), 1, "symlink-not-followed".to_owned())),
        "{findings:?}"
    );
    let trace = qms.run(&["trace", "--today", TODAY, "--format", "json"]);
    assert!(!trace.stdout.contains("SECRET") && !trace.stdout.contains("secret:1"), "{}", trace.stdout);

    std::fs::remove_dir_all(qms.join("standards")).unwrap();
    symlink(&outside, qms.join("standards")).unwrap();
    let findings = qms.check_json(&[]).findings();
    assert!(findings.contains(&("standards".to_owned(), 1, "symlink-not-followed".to_owned())), "{findings:?}");
    let run = qms.run(&["trace", "--today", TODAY, "--format", "json"]);
    assert!(!run.stdout.contains("SECRET"), "{}", run.stdout);
}

/// A committed folder replaced by a symbolic link in the working tree: the uncommitted state of
/// its documents is "gone", never the files the link points to.
#[test]
fn a_committed_folder_replaced_by_a_symlink_is_not_read_for_uncommitted_changes() {
    let repo = crate::support::git::TestRepo::new();
    repo.doc("docs/procedures/sop-1.md", "SOP-1", "", "Committed text.");
    repo.commit("SOP-1", "Ada Lovelace", "2026-06-08");
    let outside = outside();
    std::fs::write(
        outside.join("procedures/sop-1.md"),
        crate::support::valid_doc("SOP-1", "title: SECRET-TOKEN-1234\nversion: \"9.9\"", "SECRET-TOKEN-1234"),
    )
    .unwrap();
    std::fs::remove_dir_all(repo.root().join("docs/procedures")).unwrap();
    symlink(outside.join("procedures"), repo.root().join("docs/procedures")).unwrap();
    let out = repo.path().join("out-site");
    let run = crate::support::qms_in(&repo.root(), &["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_nothing_secret_in(&out);
    let check = crate::support::qms_in(&repo.root(), &["check", "--today", TODAY, "--format", "json"]);
    assert!(!check.stdout.contains("SECRET") && !check.stdout.contains("9.9"), "{}", check.stdout);
    assert!(check.stdout.contains("symlink-not-followed"), "{}", check.stdout);
}
