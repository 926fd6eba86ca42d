//! Fixture cases with their expectations written next to the offending line.
//!
//! Each folder under `tests/fixtures/check/` is a QMS root. A comment holding `expect: CODE`
//! (`# expect: …` in front matter or qms.toml, `<!-- expect: … -->` in a body) says that the next line must
//! carry a diagnostic of that code; `expect@N: CODE` names line N of the same file. The case
//! passes when `qms check --format json` reports exactly the expected (file, line, code) set.

use crate::support::{TODAY, qms_in};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// `(file, line, code)` expectations written in the files of `root`.
fn expectations(root: &Path) -> Vec<(String, u64, String)> {
    let mut expected = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md" && e != "toml") {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (index, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("expect") {
                rest = &rest[at + "expect".len()..];
                let (target_line, after) = if let Some(explicit) = rest.strip_prefix('@') {
                    let digits: String = explicit.chars().take_while(char::is_ascii_digit).collect();
                    (digits.parse::<u64>().unwrap(), &explicit[digits.len()..])
                } else {
                    (index as u64 + 2, rest)
                };
                let Some(codes) = after.strip_prefix(':') else { continue };
                let codes = codes.split("-->").next().unwrap();
                for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    expected.push((relative.clone(), target_line, code.to_owned()));
                }
                break;
            }
        }
    }
    expected.sort();
    expected
}

#[test]
fn every_fixture_case_reports_exactly_its_expectations() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 5, "fixture cases are present");
    let mut failures = Vec::new();
    for case in &cases {
        let expected = expectations(case);
        // The fixtures' git history is this project's development history: not a document set's.
        let run = qms_in(case, &["check", "--today", TODAY, "--format", "json", "--no-history"]);
        let got = run.findings();
        let expected_code = if expected.is_empty() { 0 } else { 1 };
        if got != expected || run.code != expected_code {
            let name = case.file_name().unwrap().to_string_lossy();
            let missing: Vec<_> = expected.iter().filter(|e| !got.contains(e)).collect();
            let unexpected: Vec<_> = got.iter().filter(|g| !expected.contains(g)).collect();
            failures.push(format!(
                "case {name}: exit {} (want {expected_code})\n  missing: {missing:?}\n  unexpected: {unexpected:?}\n{}",
                run.code, run.stdout
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
