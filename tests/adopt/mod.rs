//! `qms adopt` on scripted repositories that look like the sets users arrive with: Markdown
//! exported from Word with numbered headings, a template set with a mapping table, and a
//! strongDM comply set; each adopted in one command, with its history kept before control.

mod commit;
mod comply;
mod init;
mod markdown;
mod soa;

use crate::support::git::TestRepo;
use crate::support::{Run, qms_in};
use std::path::Path;

/// Front-matter problems `check` must not report after adoption.
const FRONT_MATTER_CODES: &[&str] = &[
    "missing-front-matter",
    "missing-field",
    "unknown-field",
    "invalid-value",
    "invalid-yaml",
    "duplicate-id",
    "invalid-id",
    "unknown-clause",
    "unknown-standard",
];

fn run(repo: &TestRepo, args: &[&str]) -> Run {
    qms_in(repo.path(), args)
}

/// The body of an adopted file: what follows the closing `---` of its front matter.
fn body_after_front_matter(text: &str) -> &str {
    let rest = text.strip_prefix("---\n").expect("the file starts with front matter");
    let end = rest.find("\n---\n").expect("the front matter is closed");
    &rest[end + 5..]
}

fn read(root: &Path, relative: &str) -> String {
    std::fs::read_to_string(root.join(relative)).unwrap()
}

/// The codes `check --format json` reports that concern front matter.
fn front_matter_findings(run: &Run) -> Vec<(String, u64, String)> {
    run.findings().into_iter().filter(|(_, _, code)| FRONT_MATTER_CODES.contains(&code.as_str())).collect()
}

/// `id → revisions` of `register --format json`.
fn revisions(repo: &TestRepo, args: &[&str]) -> Vec<(String, u64)> {
    let mut all = vec!["register", "--format", "json"];
    all.extend_from_slice(args);
    let json = run(repo, &all).json();
    json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_owned(), d["revisions"].as_u64().unwrap()))
        .collect()
}
