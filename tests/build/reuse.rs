//! Released versions are immutable, so a build reuses a release's folder from the previous site
//! or from `--cache DIR` when nothing it depends on changed: the proof that the result is the
//! site a build from scratch makes, byte for byte; and that a damaged, tampered or outdated
//! folder is rendered again instead.

use super::releases::{build_into, releases};
use super::tree;
use crate::support::Run;
use crate::support::git::TestRepo;
use std::collections::BTreeMap;
use std::path::Path;

/// The labels the build summary marks as reused, and those it does not.
fn reused(run: &Run) -> (Vec<String>, Vec<String>) {
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for line in run.stdout.lines().filter(|l| l.starts_with("  ") && l.contains(" documents, ")) {
        let label = line.split_whitespace().next().unwrap().to_owned();
        if line.ends_with(", reused)") { yes.push(label) } else { no.push(label) }
    }
    (yes, no)
}

fn folder(files: &BTreeMap<String, Vec<u8>>, dir: &str) -> BTreeMap<String, Vec<u8>> {
    files.iter().filter(|(path, _)| path.starts_with(&format!("{dir}/"))).map(|(p, b)| (p.clone(), b.clone())).collect()
}

/// A third release on top of [`releases`].
fn add_release(repo: &TestRepo) {
    let body = "## Scope\n\nThe review is held every month.";
    let meta = "title: Management Review\nversion: \"1.2\"\napproved: 2026-04-01\neffective: 2026-04-02";
    repo.doc("docs/SOP-001.md", "SOP-001", meta, body);
    // A release warns about what it leaves out: a reused one says it again.
    #[cfg(unix)]
    std::os::unix::fs::symlink("SOP-001.md", repo.root().join("docs/SOP-009.md")).unwrap();
    repo.commit("Monthly reviews", "Ada Lovelace", "2026-04-02");
    repo.tag("v3.0", Some("Release 3.0"));
}

fn assert_same_site(built: &Path, scratch: &Path) {
    let (built, scratch) = (tree(built), tree(scratch));
    let keys = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&built), keys(&scratch), "the same files");
    for (path, bytes) in &scratch {
        assert!(built[path] == *bytes, "{path} differs from the build from scratch");
    }
}

#[test]
fn a_new_release_leaves_the_older_ones_byte_for_byte_and_reuses_them() {
    let repo = releases();
    let dir = tempfile::tempdir().unwrap();
    let (site, scratch, cache) = (dir.path().join("site"), dir.path().join("scratch"), dir.path().join("cache"));
    let first = build_into(&repo, &site, &[]);
    assert_eq!(reused(&first).0, Vec::<String>::new(), "nothing to reuse in a first build");
    let before = tree(&site);
    let manifest: serde_json::Value = serde_json::from_slice(&before["manifest.json"]).unwrap();
    let keys: Vec<Option<&str>> = manifest["versions"].as_array().unwrap().iter().map(|v| v["key"].as_str()).collect();
    assert!(keys[0].is_none() && keys[1..].iter().all(|k| k.is_some_and(|k| k.len() == 64)), "{manifest}");

    add_release(&repo);
    let second = build_into(&repo, &site, &[]);
    assert_eq!(
        reused(&second),
        (vec!["v2.0/final".to_owned(), "v1.0".to_owned()], vec!["current".to_owned(), "v3.0".to_owned()])
    );
    let after = tree(&site);
    for dir in ["v1.0", "v2.0-final"] {
        assert!(folder(&before, dir) == folder(&after, dir), "{dir} did not change when v3.0 was tagged");
    }
    let old = String::from_utf8(after["v1.0/documents/SOP-001.html"].clone()).unwrap();
    assert!(old.contains("You are reading release <strong>v1.0</strong> of 2026-02-02"), "{old}");
    assert!(old.contains(r#"href="../../versions.html">All versions</a>"#), "without script, the list of versions");
    let versions = String::from_utf8(after["versions.js"].clone()).unwrap();
    assert!(
        versions.contains(r#""dir":"v3.0""#) && versions.contains(r#""latest":true,"released":true"#),
        "{versions}"
    );

    // From scratch, the same site and the same warnings; through a cache, too.
    let from_scratch = build_into(&repo, &scratch, &[]);
    assert_same_site(&site, &scratch);
    assert!(cfg!(not(unix)) || from_scratch.stderr.contains("release v3.0: docs/SOP-009.md is a symbolic link"));
    let cache_arg = ["--cache", cache.to_str().unwrap()];
    let fresh = dir.path().join("fresh");
    assert_eq!(reused(&build_into(&repo, &fresh, &cache_arg)).0, Vec::<String>::new());
    assert!(cache.join("v1.0/cache.json").is_file() && !cache.join("current").exists());
    let again = dir.path().join("again");
    let through_cache = build_into(&repo, &again, &cache_arg);
    assert_eq!(reused(&through_cache).0, ["v3.0", "v2.0/final", "v1.0"]);
    assert_same_site(&again, &scratch);
    assert_eq!(through_cache.stderr, from_scratch.stderr, "a reused release warns as it did");
    let run = build_into(&repo, &again, &cache_arg);
    assert_eq!(reused(&run).0, ["v3.0", "v2.0/final", "v1.0"], "again, from the site and the cache");
    assert_same_site(&again, &scratch);
}

#[test]
fn a_tampered_file_or_a_changed_theme_renders_the_release_again() {
    let repo = releases();
    let dir = tempfile::tempdir().unwrap();
    let (site, scratch) = (dir.path().join("site"), dir.path().join("scratch"));
    build_into(&repo, &site, &[]);
    build_into(&repo, &scratch, &[]);
    let page = site.join("v1.0/documents/SOP-001.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, text.replace("yearly", "never")).unwrap();
    assert_eq!(
        reused(&build_into(&repo, &site, &[])),
        (vec!["v2.0/final".to_owned()], vec!["current".to_owned(), "v1.0".to_owned()])
    );
    assert_same_site(&site, &scratch);
    std::fs::remove_file(site.join("v2.0-final/register.html")).unwrap();
    assert_eq!(reused(&build_into(&repo, &site, &[])).0, ["v1.0"], "a missing file");
    assert_same_site(&site, &scratch);

    repo.write_root("theme/assets/qms.css", "body { color: black; }\n");
    let run = build_into(&repo, &site, &[]);
    assert_eq!(reused(&run).0, Vec::<String>::new(), "the theme is part of every release's key");
    let css = std::fs::read_to_string(site.join("v1.0/assets/qms.css")).unwrap();
    assert_eq!(css, "body { color: black; }\n");
}

#[test]
fn a_reused_folder_holding_more_than_its_files_is_reused_without_what_it_holds_more() {
    let repo = releases();
    let dir = tempfile::tempdir().unwrap();
    let (site, scratch) = (dir.path().join("site"), dir.path().join("scratch"));
    build_into(&repo, &site, &[]);
    build_into(&repo, &scratch, &[]);
    // Nothing the manifest lists changed: the folder is reused, but what it holds more is not
    // part of the site a build from scratch makes.
    std::fs::write(site.join("v1.0/notes.txt"), "mine").unwrap();
    std::fs::create_dir_all(site.join("v2.0-final/empty/folder")).unwrap();
    let run = build_into(&repo, &site, &[]);
    assert_eq!(reused(&run), (vec!["v2.0/final".to_owned(), "v1.0".to_owned()], vec!["current".to_owned()]));
    assert_same_site(&site, &scratch);
    assert!(!site.join("v2.0-final/empty").exists());
    // And a folder holding exactly its files moves over whole, again and again.
    for _ in 0..2 {
        let run = build_into(&repo, &site, &[]);
        assert_eq!(reused(&run).0, ["v2.0/final", "v1.0"]);
        assert_same_site(&site, &scratch);
    }
}

#[test]
fn a_release_tagged_between_two_renders_the_next_one_again() {
    let repo = releases();
    let dir = tempfile::tempdir().unwrap();
    let (site, scratch) = (dir.path().join("site"), dir.path().join("scratch"));
    build_into(&repo, &site, &[]);
    // At the commit of v1.0, so ordered after it and before v2.0/final: their changes page compares with it.
    let v1 = repo.rev_parse("v1.0^{commit}");
    repo.git(&["tag", "v1.5", &v1]);
    let run = build_into(&repo, &site, &[]);
    assert_eq!(
        reused(&run),
        (vec!["v1.0".to_owned()], vec!["current".to_owned(), "v2.0/final".to_owned(), "v1.5".to_owned()])
    );
    let changes = std::fs::read_to_string(site.join("v2.0-final/changes.html")).unwrap();
    assert!(changes.contains(r#"compared with <a href="../v1.5/index.html">v1.5</a>"#), "{changes}");
    build_into(&repo, &scratch, &[]);
    assert_same_site(&site, &scratch);
}

#[cfg(unix)]
#[test]
fn a_cache_with_links_or_garbage_is_rendered_around() {
    let repo = releases();
    let dir = tempfile::tempdir().unwrap();
    let (cache, scratch) = (dir.path().join("cache"), dir.path().join("scratch"));
    let cache_arg = ["--cache", cache.to_str().unwrap()];
    build_into(&repo, &dir.path().join("one"), &cache_arg);
    build_into(&repo, &scratch, &[]);
    // The same bytes, through a symbolic link: never followed.
    let index = cache.join("v1.0/files/index.html");
    let outside = dir.path().join("outside.html");
    std::fs::copy(&index, &outside).unwrap();
    std::fs::remove_file(&index).unwrap();
    std::os::unix::fs::symlink(&outside, &index).unwrap();
    std::fs::write(cache.join("v2.0-final/cache.json"), "{ not json").unwrap();
    let two = dir.path().join("two");
    assert_eq!(reused(&build_into(&repo, &two, &cache_arg)).0, Vec::<String>::new());
    assert_same_site(&two, &scratch);
    // The cache was stored again, whole: the next build reuses it.
    assert!(!cache.join("v1.0/files/index.html").is_symlink());
    let three = dir.path().join("three");
    assert_eq!(reused(&build_into(&repo, &three, &cache_arg)).0, ["v2.0/final", "v1.0"]);
    assert_same_site(&three, &scratch);

    // A folder of links in place of a whole entry, and an entry that is a link.
    std::fs::remove_dir_all(cache.join("v1.0")).unwrap();
    std::os::unix::fs::symlink(three.join("v1.0"), cache.join("v1.0")).unwrap();
    std::fs::remove_dir_all(cache.join("v2.0-final/files/documents")).unwrap();
    std::os::unix::fs::symlink(three.join("v2.0-final/documents"), cache.join("v2.0-final/files/documents")).unwrap();
    let four = dir.path().join("four");
    assert_eq!(reused(&build_into(&repo, &four, &cache_arg)).0, Vec::<String>::new());
    assert_same_site(&four, &scratch);
    assert!(three.join("v1.0/index.html").is_file(), "what a link in the cache pointed to is left alone");

    let inside = build_into(&repo, &four, &["--cache", four.join("cache").to_str().unwrap()]);
    assert_eq!(inside.code, 2, "{}", inside.stderr);
    assert!(inside.stderr.contains("--cache"), "{}", inside.stderr);
}

#[cfg(unix)]
#[test]
fn the_cache_forgets_deleted_tags_and_serves_one_build_at_a_time() {
    let repo = releases();
    add_release(&repo);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cache_arg = ["--cache", cache.to_str().unwrap()];
    build_into(&repo, &dir.path().join("one"), &cache_arg);
    assert!(cache.join("v1.0/cache.json").is_file() && cache.join("v3.0/cache.json").is_file());
    // What is not an entry is the user's and stays; what a stopped build left half-written goes.
    std::fs::write(cache.join("notes.txt"), "kept\n").unwrap();
    std::fs::create_dir_all(cache.join("mine")).unwrap();
    std::fs::create_dir_all(cache.join(".v1.0.new-99999/files")).unwrap();

    // v2.0/final is compared with v1.0, so it renders again; v3.0 is reused.
    repo.git(&["tag", "-d", "v1.0"]);
    let two = build_into(&repo, &dir.path().join("two"), &cache_arg);
    assert_eq!(reused(&two).0, ["v3.0"], "{}", two.stdout);
    assert!(!cache.join("v1.0").exists(), "the entry of a deleted tag is removed");
    assert!(!cache.join(".v1.0.new-99999").exists(), "a half-written entry is removed");
    assert!(cache.join("v2.0-final/cache.json").is_file() && cache.join("v3.0/cache.json").is_file());
    assert!(cache.join("notes.txt").is_file() && cache.join("mine").is_dir(), "the user's files are left alone");

    // Another build holds the cache: this one neither reads nor stores it, and says so.
    std::fs::remove_dir_all(cache.join("v3.0")).unwrap();
    let lock = std::fs::File::create(cache.join(".qms-cache.lock")).unwrap();
    lock.lock().unwrap();
    let three = build_into(&repo, &dir.path().join("three"), &cache_arg);
    assert_eq!(reused(&three).0, Vec::<String>::new(), "{}", three.stdout);
    assert!(three.stderr.contains("is in use by another build"), "{}", three.stderr);
    assert!(!cache.join("v3.0").exists(), "nothing stored while another build holds the cache");
    drop(lock);
    let four = build_into(&repo, &dir.path().join("four"), &cache_arg);
    assert_eq!(reused(&four).0, ["v2.0/final"], "{}", four.stdout);
    assert!(cache.join("v3.0/cache.json").is_file(), "stored again once the cache is free");
}
