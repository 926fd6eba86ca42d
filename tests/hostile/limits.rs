//! Limits: a catalog whose parents loop or nest deep, raw HTML nested past reason, many release
//! tags, and values at the edge of what a field can hold. Every command finishes in about
//! linear time and names what it refused.

use crate::support::git::TestRepo;
use crate::support::{TODAY, TestQms};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run that had to finish in time did.
struct Timed {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `qms` with `args` in `dir`, killed after `limit` (the test fails then: the command hung
/// or took far longer than linear). Output goes to files, so a large one cannot stall it.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Timed {
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::from(std::fs::File::create(&stdout).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&stderr).unwrap()))
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("qms {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Timed {
        code: status.code().expect("exits normally"),
        stdout: std::fs::read_to_string(stdout).unwrap(),
        stderr: std::fs::read_to_string(stderr).unwrap(),
    }
}

/// A QMS enabling the organization's catalog `standards/own.toml` (`own:1`) with `clauses`.
fn with_catalog(clauses: &str) -> TestQms {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"own:1\"]\n");
    qms.write("standards/own.toml", format!("[standard]\nid = \"own:1\"\ntitle = \"Own\"\n\n{clauses}"));
    qms.doc("SOP-1", "clauses: {\"own:1\": [\"4\"]}", "Text.");
    qms
}

fn clause(id: &str, parent: Option<&str>) -> String {
    let parent = parent.map(|p| format!("parent = \"{p}\"\n")).unwrap_or_default();
    format!("[[clause]]\nid = \"{id}\"\ntitle = \"Clause {id}\"\n{parent}\n")
}

#[test]
fn a_parent_cycle_in_a_catalog_stops_check_trace_and_build_with_the_chain() {
    let cycle = with_catalog(&[clause("4", None), clause("4.1", Some("4.2")), clause("4.2", Some("4.1"))].concat());
    let itself = with_catalog(&[clause("4", None), clause("4.1", Some("4.1"))].concat());
    for (qms, line, chain) in [(&cycle, 9, "4.1 → 4.2 → 4.1"), (&itself, 9, "4.1 → 4.1")] {
        let out = qms.join("site").to_string_lossy().into_owned();
        for args in [&["check", "--today", TODAY][..], &["trace"], &["build", "--today", TODAY, "--out", &out]] {
            let run = run_within(qms.path(), args, Duration::from_secs(60));
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            let expected = format!("standards/own.toml:{line}:1: clause \"4.1\" is its own ancestor: {chain};");
            assert!(run.stderr.contains(&expected), "{args:?}: {}", run.stderr);
        }
    }
}

#[test]
fn a_catalog_of_20000_clauses_in_one_chain_is_checked_traced_and_built_in_linear_time() {
    let mut clauses = String::from(
        "[[clause]]\nid = \"c0\"\ntitle = \"Top\"\ndocumented_information = [{ kind = \"document\", what = \"x\" }]\n\n",
    );
    for n in 1..20_000 {
        clauses.push_str(&clause(&format!("c{n}"), Some(&format!("c{}", n - 1))));
    }
    let qms = with_catalog(&clauses);
    qms.doc("SOP-1", "clauses: {\"own:1\": [\"c19999\"]}", "Cites the deepest clause.");
    let out = qms.join("site").to_string_lossy().into_owned();
    // Before, each clause walked its ancestors (and more): `check` took minutes.
    let limit = Duration::from_secs(60);
    let check = run_within(qms.path(), &["check", "--today", TODAY, "--format", "json"], limit);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let trace = run_within(qms.path(), &["trace", "--today", TODAY, "--format", "json"], limit);
    assert_eq!(trace.code, 0, "{}", trace.stderr);
    let json: serde_json::Value = serde_json::from_str(&trace.stdout).unwrap();
    let top = &json["standards"][0]["clauses"][0];
    assert_eq!((&top["id"], &top["addressed"]), (&"c0".into(), &true.into()), "addressed from 20,000 levels below");
    assert_eq!(top["requirements"][0]["met_by"], serde_json::json!(["SOP-1"]));
    let build = run_within(qms.path(), &["build", "--versions", "current", "--today", TODAY, "--out", &out], limit);
    assert_eq!(build.code, 0, "{}", build.stderr);
}

#[test]
fn a_body_of_100000_nested_divs_builds_in_linear_time_flattened_and_safe() {
    let qms = TestQms::new();
    let depth = 100_000;
    let nested = format!("{}deep <script>alert(1)</script>{}", "<div>".repeat(depth), "</div>".repeat(depth));
    qms.doc("SOP-1", "", &nested);
    qms.doc("SOP-2", "", "A sane document.");
    let out = qms.join("site").to_string_lossy().into_owned();
    // Before, the HTML parser looked down 100,000 open elements for every tag: over a minute.
    let build = run_within(
        qms.path(),
        &["build", "--versions", "current", "--today", TODAY, "--out", &out],
        Duration::from_secs(60),
    );
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(qms.join("site/current/documents/SOP-1.html")).unwrap();
    assert!(page.contains("deep"), "the text inside is kept");
    assert!(!page.contains("<script>alert"), "and still sanitized");
    let divs = page.matches("<div").count();
    assert!((256..300).contains(&divs), "nesting is cut at 256 levels: {divs} divs");
    assert!(qms.join("site/current/documents/SOP-2.html").is_file());
}

/// A repository with five documents and `tags` release tags on commits that change no document.
fn releases(tags: usize) -> TestRepo {
    let repo = TestRepo::new();
    for n in 1..=5 {
        repo.doc(&format!("docs/sop-{n}.md"), &format!("SOP-{n}"), "", "Text.");
    }
    repo.commit("Documents", "Ada Lovelace", "2026-06-01");
    for n in 1..=tags {
        repo.write("notes.txt", format!("release {n}\n"));
        repo.commit(
            &format!("Release {n}"),
            "Ada Lovelace",
            &format!("2026-06-{:02}T{:02}:00:00+00:00", 2 + n / 24, n % 24),
        );
        repo.tag(&format!("v{n}"), None);
    }
    repo
}

fn site_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

#[test]
fn the_site_grows_linearly_with_release_tags() {
    let mut sizes = Vec::new();
    for tags in [10, 40] {
        let repo = releases(tags);
        let site = repo.path().join("site");
        let run = crate::support::qms_in(&repo.root(), &["build", "--today", TODAY, "--out", &site.to_string_lossy()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let page = std::fs::read_to_string(site.join("v5/documents/SOP-1.html")).unwrap();
        assert_eq!(page.matches("<option").count(), 1, "the switcher's list is the site's versions.js");
        assert!(page.matches("documents/SOP-1.html\"").count() < 12, "nearby versions only");
        let list = std::fs::read_to_string(site.join("versions.html")).unwrap();
        assert_eq!(list.matches("<tr><td><a href=").count(), tags + 1, "every version once, at the root");
        sizes.push(site_bytes(&site));
    }
    // 41 versions against 11: linear is about 3.7 times the bytes, quadratic (every page listing
    // every version) about 14.
    let ratio = sizes[1] as f64 / sizes[0] as f64;
    assert!(ratio < 4.5, "{sizes:?}: {ratio:.1} times the bytes for 3.7 times the versions");
}

#[test]
fn blank_required_fields_are_as_missing_whatever_the_status() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "title: \"\"\nowner: \"   \"", "Effective.");
    qms.doc("SOP-2", "status: draft\ntitle: \" \"", "Draft.");
    let run = qms.check_json(&[]);
    let found: Vec<(String, u64, String, String)> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "missing-field")
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            (text("file"), d["line"].as_u64().unwrap(), text("field"), text("message"))
        })
        .collect();
    assert_eq!(
        found,
        [
            ("docs/SOP-1.md".into(), 3, "title".into(), "required field `title` is empty".into()),
            ("docs/SOP-1.md".into(), 7, "owner".into(), "required field `owner` is empty".into()),
            ("docs/SOP-2.md".into(), 3, "title".into(), "required field `title` is empty".into()),
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn review_intervals_out_of_range_are_reported_not_dropped() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "review_interval: 7974 years", "");
    qms.doc("SOP-2", "review_interval: 0 months", "");
    qms.doc("SOP-3", "last_reviewed: 9999-06-01", "");
    qms.doc("SOP-4", "", "");
    let run = qms.check_json(&[]);
    let intervals: Vec<(String, u64, String, String)> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "invalid-interval")
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            (text("file"), d["line"].as_u64().unwrap(), text("field"), text("message"))
        })
        .collect();
    assert_eq!(
        intervals,
        [
            (
                "docs/SOP-1.md".into(),
                11,
                "review_interval".into(),
                "review interval `7974 years` is longer than 100 years".into()
            ),
            (
                "docs/SOP-2.md".into(),
                11,
                "review_interval".into(),
                "review interval `0 months` is zero; an interval is at least one day".into()
            ),
            (
                "docs/SOP-3.md".into(),
                11,
                "last_reviewed".into(),
                "the next review (9999-06-01 plus 12 months) falls after 9999-12-31 and cannot be scheduled".into()
            ),
        ]
    );
    // The documents whose own interval is refused are scheduled with the default one.
    let reviews = qms.run(&["reviews", "--today", TODAY, "--format", "json"]).json();
    let ids: Vec<&str> = reviews["reviews"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["SOP-1", "SOP-2", "SOP-4"]);
}

#[test]
fn a_release_tag_too_long_for_a_folder_is_skipped_and_the_others_still_build() {
    let repo = TestRepo::new();
    repo.doc("docs/sop-1.md", "SOP-1", "", "Text.");
    let commit = repo.commit("First release", "Ada Lovelace", "2026-06-01");
    repo.tag("v1", None).tag("v2", Some("Second release"));
    // git cannot make such a tag itself (a loose ref is a file), but packed-refs can hold one.
    let long = format!("v{}", "x".repeat(300));
    let packed = repo.path().join(".git/packed-refs");
    let mut refs = std::fs::read_to_string(&packed).unwrap_or_default();
    refs.push_str(&format!("{commit} refs/tags/{long}\n"));
    std::fs::write(&packed, refs).unwrap();
    let site = repo.path().join("site");
    let run = crate::support::qms_in(&repo.root(), &["build", "--today", TODAY, "--out", &site.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.join("v1/documents/SOP-1.html").is_file() && site.join("v2/documents/SOP-1.html").is_file());
    let shown = format!("release tag v{}… is skipped: its name is 301 bytes long", "x".repeat(39));
    assert!(run.stderr.contains(&shown), "{}", run.stderr);
    assert!(!run.stderr.contains(&long), "the name is shortened for display");
}
