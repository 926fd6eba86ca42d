//! Snapshots: every report format of every command, and a small site's pages, compared byte
//! for byte with `tests/fixtures/snapshot/expected/`. The fixture QMS (`snapshot/qms/`) is
//! copied to a temp folder outside any repository, and its path is written `[ROOT]`.
//!
//! A deliberate change of output is accepted by running the tests with
//! `QMS_SNAPSHOTS=overwrite`, which rewrites the expected files (and removes stale ones); review
//! the diff before committing it. An expected file no case produces fails the run.

use crate::support::qms_in;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-27";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot")
}

/// The fixture QMS, copied into a temp folder (no git repository around it).
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture().join("qms");
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

/// The command lines whose output is kept, by expected file name.
fn cases() -> Vec<(String, Vec<&'static str>)> {
    let mut cases = Vec::new();
    for format in ["human", "short", "json", "github", "junit", "sarif"] {
        cases.push((format!("check.{format}"), vec!["check", "--today", TODAY, "--format", format]));
    }
    for format in ["table", "markdown", "json"] {
        cases.push((format!("cycle.{format}"), vec!["cycle", "--today", TODAY, "--format", format]));
    }
    for command in ["trace", "register", "reviews"] {
        for format in ["table", "markdown", "csv", "json"] {
            cases.push((format!("{command}.{format}"), vec![command, "--today", TODAY, "--format", format]));
        }
    }
    cases.push(("trace-gaps.table".to_owned(), vec!["trace", "--today", TODAY, "--gaps"]));
    cases.push(("explain.unknown-field".to_owned(), vec!["explain", "unknown-field"]));
    for case in &mut cases {
        // `register` has no `--today`.
        if case.1[0] == "register" {
            case.1.retain(|arg| *arg != "--today" && *arg != TODAY);
        }
    }
    cases
}

/// The site pages kept, relative to the site folder.
const PAGES: &[&str] = &[
    "current/index.html",
    "current/documents/SOP-001.html",
    "current/register.html",
    "current/standards/iso9001-2015.html",
    "current/reviews.html",
    "current/certification.html",
    "versions.json",
];

/// Whether the run rewrites the expected files (`QMS_SNAPSHOTS=overwrite`).
#[allow(clippy::disallowed_methods)]
fn overwrite() -> bool {
    std::env::var("QMS_SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

fn normalize(text: &str, root: &Path) -> String {
    text.replace(&root.display().to_string(), "[ROOT]")
}

/// Compares `actual` with the expected file `name`, or rewrites it when asked to.
fn compare(name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = fixture().join("expected").join(name);
    if overwrite() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .map_or_else(|| expected.lines().count().min(actual.lines().count()) + 1, |index| index + 1);
            failures.push(format!(
                "{name} differs from its snapshot, first at line {line}:\n  expected: {}\n  actual:   {}",
                expected.lines().nth(line - 1).unwrap_or("(end)"),
                actual.lines().nth(line - 1).unwrap_or("(end)")
            ));
        }
        Err(_) => failures.push(format!("{name} has no snapshot yet (run with QMS_SNAPSHOTS=overwrite)")),
    }
}

#[test]
fn every_report_format_and_the_sites_pages_match_their_snapshots() {
    let copy = fixture_copy();
    let root = copy.path();
    let mut failures = Vec::new();
    let mut produced = BTreeSet::new();
    for (name, args) in cases() {
        let run = qms_in(root, &args);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        let mut text = format!("exit {}\n", run.code);
        text.push_str(&run.stdout);
        if !run.stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&run.stderr);
        }
        compare(&name, &normalize(&text, root), &mut failures);
        produced.insert(name);
    }
    let site = root.join("site");
    let build = qms_in(root, &["build", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for page in PAGES {
        let text = std::fs::read_to_string(site.join(page)).unwrap();
        let name = format!("site/{page}");
        compare(&name, &normalize(&text, root), &mut failures);
        produced.insert(name);
    }
    // An expected file no case produces is stale.
    let expected = fixture().join("expected");
    for entry in walkdir::WalkDir::new(&expected).into_iter().map(|e| e.unwrap()).filter(|e| e.file_type().is_file()) {
        let name = entry.path().strip_prefix(&expected).unwrap().to_string_lossy().replace('\\', "/");
        if !produced.contains(&name) {
            if overwrite() {
                std::fs::remove_file(entry.path()).unwrap();
            } else {
                failures.push(format!("{name} is a stale snapshot: no case produces it"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
