//! `qms new` and `qms init` given hostile titles, names and folders: what they write is valid
//! and reads back as given, ids stay unique under concurrency, nothing is written through a
//! symbolic link, and a failed `init` leaves nothing behind.

use crate::support::{TestQms, qms_in};
use std::path::Path;

/// Every file and folder under `dir`, relative and sorted (symlinks listed, not followed).
fn listing(dir: &Path) -> Vec<String> {
    let mut paths: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    paths.sort();
    paths
}

/// (id, title) of every document in `qms register --format json`.
fn register_titles(qms: &TestQms) -> Vec<(String, String)> {
    let run = qms.run(&["register", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut rows: Vec<(String, String)> = run.json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_owned(), d["title"].as_str().unwrap_or("<no title>").to_owned()))
        .collect();
    rows.sort();
    rows
}

#[test]
fn new_writes_titles_with_yaml_syntax_that_read_back_unchanged() {
    let titles = [
        "He said \"no\": revision #2",
        "- starts like a list item",
        "#1 priority",
        "Back\\slash and 'single' quotes",
        "null",
        "true",
        "1.0",
        "~",
        "key: value",
        "[bracketed]",
        "{braced}",
        "&anchor",
        "*alias",
        "!tag",
        "%directive",
        "@at",
        "`tick`",
        "| pipe",
        "> folded",
        "? question",
        " leading space",
        "trailing space ",
        "ends with a colon:",
        "Qualité — 品質",
    ];
    let qms = TestQms::new();
    for title in titles {
        let run = qms.run(&["new", "procedure", "--", title]);
        assert_eq!(run.code, 0, "{title:?}: {}", run.stderr);
    }
    // Spaces around a title are never meant: `new` trims them, as the register does.
    let mut expected: Vec<(String, String)> =
        titles.iter().enumerate().map(|(n, t)| (format!("SOP-{:03}", n + 1), t.trim().to_owned())).collect();
    expected.sort();
    assert_eq!(register_titles(&qms), expected, "every title reads back as given, each with its own id");
    let check = qms.check_json(&[]);
    assert_eq!(check.codes(), Vec::<String>::new(), "every new draft checks clean: {}", check.stdout);
}

#[test]
fn new_refuses_a_title_or_owner_with_a_line_break_or_control_character() {
    let qms = TestQms::new();
    for (title, shown) in [
        ("Line one\nline two", "U+000A"),
        ("Carriage\rreturn", "U+000D"),
        ("Clear \u{1b}[2J screen", "U+001B"),
        ("Bell\u{7}", "U+0007"),
        ("Tab\there", "U+0009"),
        ("C1 \u{9b} control", "U+009B"),
        ("Delete\u{7f}", "U+007F"),
    ] {
        let run = qms.run(&["new", "procedure", title]);
        assert_eq!(run.code, 2, "{title:?}: {}", run.stdout);
        assert!(run.stderr.contains("the title") && run.stderr.contains(shown), "{title:?}: {}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'), "the error is printed safely");
    }
    let run = qms.run(&["new", "procedure", " \u{a0} "]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the title is empty"), "{}", run.stderr);
    let run = qms.run(&["new", "procedure", "Fine", "--owner", "Quality\nManager"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--owner") && run.stderr.contains("U+000A"), "{}", run.stderr);
    assert_eq!(listing(&qms.join("docs")), Vec::<String>::new(), "nothing written");
    let run = qms.run(&["new", "procedure", "Line one line two"]);
    assert_eq!(run.stdout, "created SOP-001 Line one line two: docs/procedures/SOP-001-line-one-line-two.md\n");
}

#[test]
fn new_does_not_reuse_the_id_of_a_file_whose_front_matter_is_broken() {
    let qms = TestQms::new();
    qms.write(
        "docs/procedures/SOP-001-broken.md",
        "---\nid: SOP-001\ntitle: Line one\nline two\ntype: procedure\n---\n",
    );
    qms.write("docs/procedures/SOP-002-unclosed.md", "---\nid: SOP-002\n");
    let run = qms.run(&["new", "procedure", "Next"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "created SOP-003 Next: docs/procedures/SOP-003-next.md\n");
}

#[test]
fn six_concurrent_news_take_six_distinct_ids() {
    let qms = TestQms::new();
    let children: Vec<_> = (0..6)
        .map(|n| {
            std::process::Command::new(env!("CARGO_BIN_EXE_qms"))
                .args(["new", "procedure", &format!("Concurrent {n}")])
                .current_dir(qms.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ids = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
        ids.push(stdout.split_whitespace().nth(1).unwrap().to_owned());
    }
    ids.sort();
    assert_eq!(ids, ["SOP-001", "SOP-002", "SOP-003", "SOP-004", "SOP-005", "SOP-006"]);
    assert_eq!(register_titles(&qms).len(), 6, "six documents, six ids");
    if cfg!(unix) {
        assert_eq!(listing(qms.path()).iter().filter(|p| p.starts_with('.')).count(), 0, "no lock file left behind");
    }
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_symlinked_folder() {
    let outside = tempfile::tempdir().unwrap();
    // The type's folder is a link out of the repository.
    let qms = TestQms::new();
    std::os::unix::fs::symlink(outside.path(), qms.join("docs/procedures")).unwrap();
    let run = qms.run(&["new", "procedure", "Escape"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("docs/procedures") && run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(listing(outside.path()), Vec::<String>::new(), "nothing written outside");

    // The documents folder itself is a link out of the repository.
    let qms = TestQms::bare();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\n");
    std::os::unix::fs::symlink(outside.path(), qms.join("docs")).unwrap();
    let run = qms.run(&["new", "procedure", "Escape"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("docs") && run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(listing(outside.path()), Vec::<String>::new(), "nothing written outside");

    // A folder on the way to the documents folder is a link.
    let qms = TestQms::bare();
    qms.write("qms.toml", "[qms]\ndocuments = \"quality/docs\"\n");
    std::fs::create_dir_all(outside.path().join("docs")).unwrap();
    std::os::unix::fs::symlink(outside.path(), qms.join("quality")).unwrap();
    let run = qms.run(&["new", "procedure", "Escape"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("quality") && run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(listing(outside.path()), ["docs"], "nothing written outside");
}

#[test]
fn init_writes_a_name_with_quotes_backslashes_and_line_breaks_that_reads_back_unchanged() {
    let name = "Acme \"Best\" Castings \\ Forge\nLine two 'quoted' # not a comment";
    let dir = tempfile::tempdir().unwrap();
    let run = qms_in(dir.path(), &["init", "--name", name]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = qms::config::load(dir.path()).unwrap_or_else(|e| panic!("qms.toml is invalid: {e}"));
    assert_eq!(config.organization.as_deref(), Some(name));
    assert_eq!(config.site_title.as_deref(), Some(format!("{name} Quality Management System").as_str()));
    let check = qms_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.code, 1, "the drafts are reported, the configuration is read: {}", check.stderr);
}

#[test]
fn a_failed_init_leaves_nothing_behind() {
    // A file stands where the procedures folder must go: init fails part-way.
    let qms = TestQms::bare();
    qms.write("docs/procedures", "not a folder");
    qms.write("notes.txt", "kept");
    let before = listing(qms.path());
    let run = qms.run(&["init"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("docs/procedures"), "{}", run.stderr);
    assert_eq!(listing(qms.path()), before, "neither qms.toml nor any skeleton document is left");

    // A file stands where the records folder must go: the documents written before are removed.
    let qms = TestQms::bare();
    qms.write("records", "not a folder");
    let before = listing(qms.path());
    let run = qms.run(&["init"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("records"), "{}", run.stderr);
    assert_eq!(listing(qms.path()), before, "no document, example record or qms.toml is left");

    let parent = TestQms::bare();
    #[cfg(unix)]
    {
        // The documents folder is a link out of the new QMS: refused, nothing written anywhere.
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(parent.join("new-qms")).unwrap();
        std::os::unix::fs::symlink(outside.path(), parent.join("new-qms/docs")).unwrap();
        let run = qms_in(parent.path(), &["init", "new-qms"]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(run.stderr.contains("docs") && run.stderr.contains("symbolic link"), "{}", run.stderr);
        assert_eq!(listing(outside.path()), Vec::<String>::new(), "nothing written outside");
        assert_eq!(listing(&parent.join("new-qms")), ["docs"], "nothing left beside the link");
    }
}
