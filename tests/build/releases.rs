//! `qms build` over a git history: one site per release tag read from git objects, plus the
//! working tree; `versions.json`, the banner, revision history, changes with a redline, the
//! manifest, determinism, atomicity, and a repository left exactly as it was.

use super::tree;
use crate::support::git::TestRepo;
use crate::support::{Run, TODAY, qms_in};
use std::path::Path;

/// A repository with a tag before `qms.toml` existed (`v0.9`), two releases (`v1.0`, and
/// `v2.0/final`, whose folder is `v2.0-final`) and an uncommitted change to SOP-001.
pub(super) fn releases() -> TestRepo {
    let repo = TestRepo::new();
    let config = std::fs::read_to_string(repo.root().join("qms.toml")).unwrap();
    repo.remove("qms.toml");
    repo.write("README.md", "The manual, as code.\n");
    repo.commit("Start the repository", "Ada Lovelace", "2026-01-05");
    repo.tag("v0.9", None);

    repo.write_root("qms.toml", format!("{config}\n[releases]\ntags = \"v*\"\n"));
    repo.doc("docs/SOP-001.md", "SOP-001", "title: Management Review", "## Scope\n\nThe review is held yearly.");
    repo.doc("docs/SOP-002.md", "SOP-002", "title: Supplier Approval", "## Scope\n\nSuppliers are approved.");
    repo.doc("docs/SOP-003.md", "SOP-003", "title: Purchasing", "## Scope\n\nOrders are placed.");
    repo.commit("Issue the manual", "Ada Lovelace", "2026-02-02");
    repo.tag("v1.0", Some("Release 1.0"));

    let revised = "title: Management Review\nversion: \"1.1\"\napproved: 2026-03-01\neffective: 2026-03-02";
    repo.doc("docs/SOP-001.md", "SOP-001", revised, "## Scope\n\nThe review is held every quarter.");
    repo.rm("docs/SOP-002.md");
    let obsolete = "title: Purchasing\nversion: \"1.1\"\nstatus: obsolete\nsuperseded_by: SOP-004";
    repo.doc("docs/SOP-003.md", "SOP-003", obsolete, "## Scope\n\nOrders are placed.");
    let pending = "title: Buying\nstatus: approved\napproved: 2026-02-20\neffective: 2026-12-01\nsupersedes: SOP-003";
    repo.doc("docs/SOP-004.md", "SOP-004", pending, "## Scope\n\nOrders are placed through the ERP.");
    repo.commit("Quarterly reviews; purchasing in the ERP", "Grace Hopper", "2026-03-02");
    repo.tag("v2.0/final", None);

    let draft = "title: Management Review\nversion: \"1.2\"\nstatus: draft";
    repo.doc("docs/SOP-001.md", "SOP-001", draft, "## Scope\n\nThe review is held every month.");
    repo
}

pub(super) fn build_into(repo: &TestRepo, out: &Path, extra: &[&str]) -> Run {
    let root = repo.root();
    let mut args = vec!["build", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    qms_in(repo.path(), &args)
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn every_release_and_the_working_tree_get_a_site() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("release v0.9") && run.stderr.contains("no qms.toml"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stdout.contains("v2.0/final") && run.stdout.contains("v1.0"), "{}", run.stdout);
    let files = tree(&site);
    for page in ["v1.0/documents/SOP-002.html", "v2.0-final/documents/SOP-004.html", "current/documents/SOP-004.html"] {
        assert!(files.contains_key(page), "no {page}");
    }
    assert!(
        !files.contains_key("v2.0-final/documents/SOP-002.html") && !files.contains_key("v1.0/documents/SOP-004.html")
    );
    assert!(!files.keys().any(|p| p.starts_with("v0.9")), "the tag without qms.toml is skipped");

    let versions: serde_json::Value = serde_json::from_str(&read(&site, "versions.json")).unwrap();
    let commit = |tag: &str| repo.rev_parse(&format!("{tag}^{{commit}}"));
    assert_eq!(
        versions,
        serde_json::json!({
            "default": "v2.0/final",
            "versions": [
                { "label": "current", "commit": repo.rev_parse("HEAD"), "date": TODAY, "released": false,
                  "latest": false, "path": "current/index.html", "uncommitted_changes": true },
                { "label": "v2.0/final", "commit": commit("v2.0/final"), "date": "2026-03-02", "released": true,
                  "latest": true, "path": "v2.0-final/index.html" },
                { "label": "v1.0", "commit": commit("v1.0"), "date": "2026-02-02", "released": true,
                  "latest": false, "path": "v1.0/index.html" },
            ]
        })
    );
    let root = read(&site, "index.html");
    assert!(root.contains(r#"url=v2.0-final/index.html""#), "the root opens the latest release: {root}");
    let switcher = read(&site, "versions.js");
    let docs = r#"{"date":"2026-02-02","dir":"v1.0","docs":{"SOP-001":"1.0","SOP-002":"1.0","SOP-003":"1.0"},"label":"v1.0","latest":false"#;
    assert!(switcher.contains(docs), "{switcher}");
    assert!(read(&site, "versions.html").contains(r#"<a href="v2.0-final/index.html">v2.0/final</a>"#));

    // The banner: a release's pages say which release they are and link every version; whether
    // it is the latest, and the other versions, come from the site's list (versions.js), so the
    // pages need not change when a newer release is tagged (the browser tests run the script).
    let old = read(&site, "v1.0/documents/SOP-001.html");
    assert!(old.contains("You are reading release <strong>v1.0</strong> of 2026-02-02"), "{old}");
    assert!(old.contains(r#"href="../../versions.html">All versions</a>"#), "{old}");
    assert!(!old.contains("v2.0-final"), "a release's pages name no newer release: {old}");
    assert!(!read(&site, "v2.0-final/documents/SOP-001.html").contains("banner-old"));
    assert!(read(&site, "current/register.html").contains("not a released version of the manual"));
    let current = read(&site, "current/documents/SOP-001.html");
    assert!(current.contains(r#"href="../../v2.0-final/index.html""#), "the working tree links the latest release");
    assert!(current.contains(r#"href="../../v1.0/documents/SOP-001.html""#), "the same document in other versions");
    assert!(old.contains(r#"<script src="../../versions.js" defer>"#), "the switcher reads the site's list");
    assert!(read(&site, "versions.json").contains(r#""latest": true"#));
}

#[test]
fn document_pages_show_the_revisions_up_to_their_release() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build_into(&repo, &site, &[]).code, 0);
    let rows = |page: &str| {
        let html = read(&site, page);
        let start = html.find(r#"id="qms-history""#).unwrap();
        let table = &html[start..html[start..].find("</table>").map_or(start, |end| start + end)];
        table.matches("<tr><td>").count()
    };
    assert_eq!(rows("v1.0/documents/SOP-001.html"), 1);
    assert_eq!(rows("v2.0-final/documents/SOP-001.html"), 2);
    assert_eq!(rows("current/documents/SOP-001.html"), 3, "the uncommitted change is the newest revision");
    let page = read(&site, "v2.0-final/documents/SOP-001.html");
    let first = repo.rev_parse("v1.0^{commit}");
    assert!(
        page.contains(&format!(
            "<tr><td>1.1</td><td class=\"nowrap\">2026-03-02</td><td>Grace Hopper</td><td>Managing Director</td><td><code title=\"{}\">",
            repo.rev_parse("v2.0/final^{commit}")
        )),
        "{page}"
    );
    assert!(page.contains(&format!("<code title=\"{first}\">{}</code></td><td>Issue the manual</td>", &first[..10])));
    assert!(read(&site, "current/documents/SOP-001.html").contains("uncommitted"));
}

#[test]
fn the_changes_page_redlines_each_revised_document() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build_into(&repo, &site, &[]).code, 0);
    let changes = read(&site, "v2.0-final/changes.html");
    assert!(changes.contains("compared with <a href=\"../v1.0/index.html\">v1.0</a>: 1 added, 2 withdrawn, 1 revised"));
    assert!(changes.contains("<del>yearly.</del> <ins>every quarter.</ins>"), "{changes}");
    assert!(changes.contains("<strong>SOP-004</strong> Buying"), "added");
    assert!(changes.contains(r#"href="../v1.0/documents/SOP-002.html""#), "withdrawn, linked where it last was");
    assert!(changes.contains("<strong>SOP-003</strong> Purchasing"), "made obsolete");
    assert!(read(&site, "v1.0/changes.html").contains("There is no earlier release"));
    let current = read(&site, "current/changes.html");
    assert!(current.contains("compared with <a href=\"../v2.0-final/index.html\">v2.0/final</a>"), "{current}");
    assert!(current.contains("<del>quarter.</del> <ins>month.</ins>"), "{current}");

    // Each release as of its own date: SOP-004 was pending on 2026-03-02; SOP-003 obsolete.
    assert!(read(&site, "v2.0-final/documents/SOP-004.html").contains("This version becomes effective on 2026-12-01"));
    assert!(read(&site, "v2.0-final/documents/SOP-003.html").contains("Obsolete — do not use"));
    assert!(!read(&site, "v1.0/documents/SOP-003.html").contains("Obsolete — do not use"));
}

#[test]
fn the_manifest_lists_every_file_with_its_sha256() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build_into(&repo, &site, &[]).code, 0);
    let manifest: serde_json::Value = serde_json::from_str(&read(&site, "manifest.json")).unwrap();
    let mut files = tree(&site);
    files.remove("manifest.json");
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len(), files.len());
    for entry in listed {
        let path = entry["path"].as_str().unwrap();
        let hash = sha256(&files[path]);
        assert_eq!(entry["sha256"].as_str(), Some(hash.as_str()), "{path}");
    }
    let sources: Vec<_> = manifest["versions"].as_array().unwrap().iter().map(|v| v["commit"].clone()).collect();
    assert_eq!(sources[1], repo.rev_parse("v2.0/final^{commit}"));
}

/// SHA-256 with the system's `sha256sum`, so the test does not share the code it checks.
fn sha256(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum runs");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8(output.stdout).unwrap().split_whitespace().next().unwrap().to_owned()
}

#[test]
fn two_builds_are_byte_identical_and_the_repository_is_untouched() {
    let repo = releases();
    let state = || {
        let index = std::fs::read(repo.path().join(".git/index")).unwrap();
        (
            repo.git(&["status", "--porcelain", "--untracked-files=all"]),
            repo.rev_parse("HEAD"),
            repo.git(&["show-ref"]),
            index,
        )
    };
    let before = state();
    let out = tempfile::tempdir().unwrap();
    let (first, second) = (out.path().join("one"), out.path().join("two"));
    assert_eq!(build_into(&repo, &first, &[]).code, 0);
    assert_eq!(build_into(&repo, &second, &[]).code, 0);
    assert_eq!(state(), before, "git status, HEAD, refs and the index are as they were");
    let (first, second) = (tree(&first), tree(&second));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs");
    }
}

/// Blobs are read through `git cat-file` when git is installed, else through libgit2: the
/// history, the releases and so the whole site are the same either way.
#[test]
fn without_git_installed_the_site_and_the_check_are_the_same() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let (with, without) = (out.path().join("with"), out.path().join("without"));
    assert_eq!(build_into(&repo, &with, &[]).code, 0);
    let root = repo.root();
    let args = ["build", root.to_str().unwrap(), "--out", without.to_str().unwrap(), "--today", TODAY];
    let run = crate::support::qms_without_git_in(repo.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (with, without) = (tree(&with), tree(&without));
    assert_eq!(with.keys().collect::<Vec<_>>(), without.keys().collect::<Vec<_>>());
    for (path, bytes) in &with {
        assert!(without[path] == *bytes, "{path} differs");
    }
    assert!(String::from_utf8_lossy(&with["v1.0/documents/SOP-001.html"]).contains("Issue the manual"));
    let check = ["check", root.to_str().unwrap(), "--today", TODAY, "--format", "json"];
    let (one, two) = (qms_in(repo.path(), &check), crate::support::qms_without_git_in(repo.path(), &check));
    assert_eq!((one.code, &one.stdout), (two.code, &two.stdout));
    assert!(one.stdout.contains("SOP-001"), "{}", one.stdout);
    // A git that fails, that says every object is missing, that answers with another object,
    // or that stops halfway: what it could not give is read with libgit2.
    #[cfg(unix)]
    for script in [
        "exit 1",
        "while read id; do echo \"$id missing\"; done",
        "while read id; do echo \"0000000000000000000000000000000000000001 blob 3\"; echo abc; done",
        "read id; exec git-does-not-exist",
    ] {
        let faked = crate::support::qms_with_fake_git_in(repo.path(), &check, script);
        assert_eq!((faked.code, &faked.stdout), (one.code, &one.stdout), "with a git that runs `{script}`");
    }
    // The changes of each commit come from `git rev-list | git diff-tree` when git is there: a
    // git whose walk fails, stops halfway (saying it succeeded or not) or leaves a commit out
    // gives way to libgit2's tree diffs, blobs still coming from the real git.
    #[cfg(unix)]
    {
        #[allow(clippy::disallowed_methods)] // The test finds the real git as the binary would.
        let real = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|dir| dir.join("git"))
            .find(|git| git.is_file())
            .expect("git is installed");
        let real = real.display();
        for walk in [
            "*rev-list*) exit 1 ;;",
            "*diff-tree*) \"$git\" \"$@\" | head -c 300; exit 1 ;;",
            "*diff-tree*) \"$git\" \"$@\" | head -c 300 ;;",
            "*rev-list*) \"$git\" \"$@\" | tail -n +2 ;;",
        ] {
            let script = format!("git='{real}'\ncase \"$*\" in\n{walk}\n*) exec \"$git\" \"$@\" ;;\nesac");
            let faked = crate::support::qms_with_fake_git_in(repo.path(), &check, &script);
            assert_eq!((faked.code, &faked.stdout), (one.code, &one.stdout), "with a git whose walk runs `{walk}`");
        }
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build_into(&repo, &site, &[]).code, 0);
    let before = tree(&site);
    // Renders the working tree, then fails in the first release's document pages.
    repo.write_root("theme/document.html", "{% if site.version.released %}{{ no_such.field }}{% endif %}");
    let run = build_into(&repo, &site, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("theme/document.html"), "{}", run.stderr);
    assert_eq!(tree(&site), before);
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["site"], "no staging folder is left behind");
}

#[test]
fn versions_selects_what_is_built() {
    let repo = releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &["--versions", "v1.0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dirs: Vec<_> = tree(&site).keys().filter_map(|p| p.split_once('/').map(|(d, _)| d.to_owned())).collect();
    assert!(dirs.iter().all(|d| d == "v1.0"), "{dirs:?}");
    assert!(read(&site, "index.html").contains("url=v1.0/index.html"));
    assert!(read(&site, "versions.js").contains(r#""label":"v1.0","latest":false"#), "v1.0 is still not the latest");

    let run = build_into(&repo, &site, &["--versions", "current,v2.0/final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let versions: serde_json::Value = serde_json::from_str(&read(&site, "versions.json")).unwrap();
    let labels: Vec<_> = versions["versions"].as_array().unwrap().iter().map(|v| v["label"].clone()).collect();
    assert_eq!(labels, ["current", "v2.0/final"]);
    let changes = read(&site, "v2.0-final/changes.html");
    assert!(changes.contains("compared with v1.0:"), "compared with a release that was not built: {changes}");

    let run = build_into(&repo, &site, &["--versions", "v3.0"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`v3.0` is not a release") && run.stderr.contains("v1.0, v2.0/final"),
        "{}",
        run.stderr
    );
    assert_eq!(build_into(&repo, &site, &["--versions", "v1.0,"]).code, 2, "an empty item");
}

#[test]
fn a_qms_in_a_subfolder_is_read_from_that_folder_of_each_release() {
    let repo = TestRepo::with_root("qms");
    repo.write("docs/OTHER-1.md", crate::support::valid_doc("OTHER-1", "", "Not part of the QMS."));
    repo.doc("docs/SOP-001.md", "SOP-001", "", "First issue.");
    repo.commit("Issue", "Ada Lovelace", "2026-02-02");
    repo.tag("v1.0", None);
    repo.doc("docs/SOP-001.md", "SOP-001", "version: \"1.1\"", "Second issue.");
    repo.commit("Revise", "Ada Lovelace", "2026-03-02");
    repo.tag("v1.1", None);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = tree(&site);
    assert!(files.contains_key("v1.0/documents/SOP-001.html") && files.contains_key("v1.1/documents/SOP-001.html"));
    assert!(!files.keys().any(|p| p.contains("OTHER-1")), "{:?}", files.keys());
    assert!(read(&site, "v1.0/documents/SOP-001.html").contains("First issue."));
    assert!(read(&site, "v1.1/changes.html").contains("<del>First</del> <ins>Second</ins>"));
}

#[test]
fn a_qms_without_git_builds_the_working_tree_only() {
    let qms = crate::support::TestQms::new();
    qms.doc("SOP-001", "", "Text.");
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let versions: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(qms.join("site/versions.json")).unwrap()).unwrap();
    assert_eq!(versions["default"], "current");
    assert_eq!(qms.run(&["build", "--versions", "v1.0", "--today", TODAY]).code, 2);
}

/// A symlink committed in the documents folder is not a document of the release: it is left
/// out with a warning naming it, and the other documents are built.
#[cfg(unix)]
#[test]
fn a_symlink_in_a_release_is_left_out_with_a_warning() {
    let repo = TestRepo::new();
    repo.doc("docs/SOP-001.md", "SOP-001", "", "The real one.");
    std::os::unix::fs::symlink("SOP-001.md", repo.root().join("docs/SOP-002.md")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", repo.root().join("docs/SOP-003.md")).unwrap();
    repo.commit("Issue", "Ada Lovelace", "2026-02-02");
    repo.tag("v1.0", None);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &["--versions", "v1.0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for path in ["docs/SOP-002.md", "docs/SOP-003.md"] {
        assert!(
            run.stderr.contains(&format!("release v1.0: {path} is a symbolic link in git")),
            "{path}: {}",
            run.stderr
        );
    }
    let files = tree(&site);
    assert!(files.contains_key("v1.0/documents/SOP-001.html"));
    assert!(!files.keys().any(|p| p.contains("SOP-002") || p.contains("SOP-003")), "{:?}", files.keys());
    assert!(!files.values().any(|bytes| String::from_utf8_lossy(bytes).contains("root:x:0")));
}

#[test]
fn the_print_view_holds_each_body_in_its_place_whatever_the_titles_say() {
    let repo = TestRepo::new();
    // The print view is written with a placeholder for each body; a title holding one is shown
    // as written, and the bodies stay in their places.
    repo.doc("docs/SOP-001.md", "SOP-001", "title: \"Odd \u{E000}qms-print-body-1\u{E001} title\"", "First body.");
    repo.doc("docs/SOP-002.md", "SOP-002", "", "Second body.");
    repo.commit("Issue", "Ada Lovelace", "2026-02-02");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &["--versions", "current"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let print = read(&site, "current/print.html");
    let (first, second) = (print.find("<p>First body.</p>").unwrap(), print.find("<p>Second body.</p>").unwrap());
    assert!(first < second, "{print}");
    assert_eq!(print.matches("Odd \u{E000}qms-print-body-1\u{E001} title").count(), 3, "{print}");
    assert_eq!(print.matches("Second body.").count(), 1, "{print}");

    // A theme's print view sees the bodies themselves.
    repo.write_root("theme/print.html", "{% for doc in print.documents %}[{{ doc.body }}]{% endfor %}");
    let run = build_into(&repo, &site, &["--versions", "current"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let print = read(&site, "current/print.html");
    assert!(print.contains("&lt;p&gt;First body.&lt;") && print.contains("&lt;p&gt;Second body.&lt;"), "{print}");
    assert!(!print.contains('\u{E000}'), "{print}");
}

#[test]
fn a_release_shows_its_committed_text_beside_a_working_tree_edit_of_the_same_size() {
    let repo = TestRepo::new();
    let config = std::fs::read_to_string(repo.root().join("qms.toml")).unwrap();
    repo.write_root("qms.toml", format!("{config}\n[releases]\ntags = \"v*\"\n"));
    repo.doc("docs/SOP-001.md", "SOP-001", "title: Management Review", "## Scope\n\nThe review is held yearly.");
    repo.doc("docs/SOP-002.md", "SOP-002", "title: Supplier Approval", "## Scope\n\nSuppliers are approved.");
    repo.commit("Issue the manual", "Ada Lovelace", "2026-02-02");
    repo.tag("v1.0", None);
    // The same number of bytes, other words: only the blob's id tells them apart.
    repo.doc("docs/SOP-001.md", "SOP-001", "title: Management Review", "## Scope\n\nThe review is held weekly.");

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo, &site, &["--versions", "all"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let release = read(&site, "v1.0/documents/SOP-001.html");
    assert!(release.contains("held yearly") && !release.contains("held weekly"), "{release}");
    let current = read(&site, "current/documents/SOP-001.html");
    assert!(current.contains("held weekly") && !current.contains("held yearly"), "{current}");
    for version in ["v1.0", "current"] {
        let unchanged = read(&site, &format!("{version}/documents/SOP-002.html"));
        assert!(unchanged.contains("Suppliers are approved."), "{version}: {unchanged}");
    }
}
