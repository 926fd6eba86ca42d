//! `example-qms`, the demo company: on the fixed date its documents check clean and one
//! corrective action runs late; it is a real document set.

use crate::support::{TODAY, example_qms, qms_in};

/// The one finding of the demo: nonconformity NCR-2026-027 is past its due date, not closed.
#[test]
fn example_qms_reports_only_its_overdue_nonconformity() {
    let run = qms_in(&example_qms(), &["check", "--today", TODAY, "--format", "json", "--deny", "warnings"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let json = run.json();
    let documents = json["summary"]["documents"].as_u64().unwrap();
    assert!((25..=40).contains(&documents), "25 to 40 documents, found {documents}");
    // Notes (a shallow clone, uncommitted edits) may say what history could not prove.
    assert_eq!(
        run.findings(),
        [(
            "records/nonconformities/NCR-2026-027-fai-training-records.md".to_owned(),
            10,
            "nonconformity-overdue".to_owned()
        )]
    );
}

/// The README shows `qms check` on the example as it prints.
#[test]
fn the_readme_shows_the_examples_check_as_qms_check_prints_it() {
    let readme = std::fs::read_to_string(example_qms().join("../README.md")).unwrap();
    let after = readme.split("cargo run -- check example-qms --today 2026-11-27\n").nth(1).unwrap();
    let after = after.split("The first command\nprints").nth(1).expect("the README shows the check's output");
    let shown = after.split("```text\n").nth(1).and_then(|block| block.split("```").next()).unwrap();
    let run = qms_in(&example_qms().join(".."), &["check", "example-qms", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, shown);
}

#[test]
fn example_qms_is_cross_linked_and_uses_every_status() {
    let mut links = 0;
    let mut statuses = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(example_qms().join("docs")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            links += text.matches("](../").count();
            if let Some(status) = text.lines().find_map(|l| l.strip_prefix("status: ")) {
                statuses.insert(status.trim().to_owned());
            }
        }
    }
    assert!(links >= 50, "the documents cross-reference each other ({links} links)");
    let all: std::collections::BTreeSet<String> =
        ["approved", "draft", "effective", "in-review", "obsolete"].iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(statuses, all);
}

#[test]
fn a_broken_example_copy_fails_with_the_file_and_line() {
    let copy = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(example_qms()) {
        let entry = entry.unwrap();
        let target = copy.path().join(entry.path().strip_prefix(example_qms()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let policy = walkdir::WalkDir::new(copy.path().join("docs/policies"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&policy).unwrap();
    let broken = text.replacen("status: effective", "status: efective", 1);
    assert_ne!(text, broken);
    std::fs::write(&policy, broken).unwrap();
    let run = qms_in(copy.path(), &["check", "--today", TODAY, "--format", "short"]);
    assert_eq!(run.code, 1);
    let relative = policy.strip_prefix(copy.path()).unwrap().to_string_lossy().replace('\\', "/");
    let line = text.lines().position(|l| l.starts_with("status: effective")).unwrap() + 1;
    assert!(
        run.stdout.contains(&format!(
            "{relative}:{line}:9: error[invalid-status] unknown status `efective`, did you mean `effective`?"
        )),
        "{}",
        run.stdout
    );
}

/// The README's demo: `example-qms/releases.sh` makes two releases, and `qms build` prints the
/// versions and file counts the README shows.
#[test]
fn the_readme_demo_builds_what_the_readme_shows() {
    let readme = std::fs::read_to_string(example_qms().join("../README.md")).unwrap();
    let after = readme.split("`qms build` then prints:").nth(1).expect("the README shows the build's output");
    let shown = after.split("```text\n").nth(1).and_then(|block| block.split("```").next()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("target/example-site-repo");
    let script = std::process::Command::new("bash")
        .arg(example_qms().join("releases.sh"))
        .arg(&repo)
        .output()
        .expect("bash runs");
    assert!(script.status.success(), "{}", String::from_utf8_lossy(&script.stderr));
    let run = qms_in(dir.path(), &["build", "target/example-site-repo", "--today", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, shown);
}

/// The README shows `qms cycle` on the example as it prints.
#[test]
fn the_readme_shows_the_examples_certification_cycle_as_qms_cycle_prints_it() {
    let readme = std::fs::read_to_string(example_qms().join("../README.md")).unwrap();
    let after = readme
        .split("`qms cycle example-qms --today 2026-11-27` prints")
        .nth(1)
        .expect("the README shows qms cycle's output");
    let shown = after.split("```text\n").nth(1).and_then(|block| block.split("```").next()).unwrap();
    let run = qms_in(&example_qms().join(".."), &["cycle", "example-qms", "--today", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The README's block cannot end with the blank line that closes the last section.
    assert_eq!(run.stdout.trim_end(), shown.trim_end());
}
