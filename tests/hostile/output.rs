//! User content on its way out (DESIGN.md §9): control characters are shown, never sent raw to
//! a terminal; CSV cells are defused; Markdown keeps HTML and table syntax as text; one finding
//! is one line in the short and github formats; SARIF uris are percent-encoded; a huge commit
//! subject is cut; a line of 40,000 broken links prints in linear time.

use crate::support::git::TestRepo;
use crate::support::{TODAY, TestQms, qms_in, valid_doc};

/// Characters a terminal acts on: ESC, BEL, CR, the C1 CSI, a bidi override.
const RAW: [char; 5] = ['\x1b', '\x07', '\r', '\u{9b}', '\u{202e}'];

fn assert_no_raw_controls(what: &str, text: &str) {
    for c in RAW {
        assert!(!text.contains(c), "{what} prints {c:?} raw:\n{}", text.escape_debug());
    }
}

/// A repository whose id, title, owner, file name, body, commit message, author and tag carry
/// terminal escapes (a screen clear, an OSC 8 hyperlink, BEL, CR, C1 CSI, a bidi override).
fn repo_with_escapes() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n");
    let front = "id: \"SOP-1\\e]8;;http://evil.example\\e\\\\x\\e]8;;\\e\\\\\"\n\
        title: \"Title \\e[2J\\e[H cleared \\a bell \\r over \\u009b31m\"\n\
        owner: \"Owner \\e[31mred \\u202e\"\n\
        clauses: {\"iso9001:2015\": [\"7.5\"]}";
    let name = "docs/sop-\x1b[31m1\x07.md";
    repo.write(name, valid_doc("unused", front, "Raw \x1b[2J\x07 body [x](#missing)"));
    repo.doc("docs/sop-2.md", "SOP-2", "", "Two.");
    repo.commit("Initial", "Ada Lovelace", "2026-06-01");
    repo.tag("v1", None);
    // The first document changes without a new version (a finding quoting the commit), the
    // second is revised (a row of the change notice listing it).
    repo.write(name, valid_doc("unused", front, "Raw \x1b[2J\x07 body changed [x](#missing)"));
    repo.doc("docs/sop-2.md", "SOP-2", "version: \"1.1\"", "Two, revised.");
    repo.commit("Fix \x1b[2J\x1b[Hcleared \x07 \u{9b}31m", "Eve \x1b[31mRed\u{202e}", "2026-06-02");
    repo.tag("v2\u{9b}31m", None);
    repo
}

#[test]
fn control_characters_in_user_content_never_reach_the_terminal_raw() {
    let repo = repo_with_escapes();
    let root = repo.root();
    let runs: [&[&str]; 20] = [
        &["check", "--today", TODAY],
        &["check", "--today", TODAY, "--format", "short"],
        &["check", "--today", TODAY, "--format", "github"],
        &["check", "--today", TODAY, "--format", "junit"],
        &["check", "--today", TODAY, "--format", "json"],
        &["check", "--today", TODAY, "--format", "sarif"],
        &["register"],
        &["register", "--format", "markdown"],
        &["register", "--format", "csv"],
        &["register", "--format", "json"],
        &["reviews", "--today", TODAY],
        &["reviews", "--today", TODAY, "--format", "markdown"],
        &["reviews", "--today", TODAY, "--format", "json"],
        &["trace", "--today", TODAY],
        &["trace", "--today", TODAY, "--format", "markdown"],
        &["trace", "--today", TODAY, "--format", "json"],
        &["changes", "v1..v2\u{9b}31m"],
        &["changes", "v1..HEAD"],
        &["changes", "v1..HEAD", "--format", "json"],
        &["changes", "v1..v9\x1b[2J"],
    ];
    for args in runs {
        let run = qms_in(&root, args);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        assert_no_raw_controls(&format!("{args:?} stdout"), &run.stdout);
        assert_no_raw_controls(&format!("{args:?} stderr"), &run.stderr);
    }
    let out = repo.path().join("out-site").to_string_lossy().into_owned();
    let build = qms_in(&root, &["build", "--today", TODAY, "--out", &out]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_no_raw_controls("build stdout", &build.stdout);
    assert_no_raw_controls("build stderr", &build.stderr);
    assert!(build.stdout.contains("  v2\\x9b31m "), "{}", build.stdout);
    // What was neutralised is shown, in one convention, not dropped.
    let human = qms_in(&root, &["check", "--today", TODAY]).stdout;
    assert!(human.contains("docs/sop-\\x1b[31m1\\x07.md:"), "{human}");
    assert!(human.contains("\\x1b]8;;http://evil.example\\x1b\\"), "{human}");
    assert!(human.contains("Raw \\x1b[2J\\x07 body"), "{human}");
    assert!(human.contains("Eve \\x1b[31mRed\\u{202e}: \"Fix \\x1b[2J\\x1b[Hcleared \\x07 \\x9b31m\""), "{human}");
    let register = qms_in(&root, &["register"]).stdout;
    assert!(register.contains("Title \\x1b[2J\\x1b[H cleared \\x07 bell \\r over \\x9b31m"), "{register}");
    assert!(register.contains("Owner \\x1b[31mred \\u{202e}"), "{register}");
    let changes = qms_in(&root, &["changes", "v1..HEAD"]).stdout;
    // Markdown escapes the brackets: `\[` renders as `[`.
    assert!(
        changes.contains("Fix \\x1b\\[2J\\x1b\\[Hcleared \\x07 \\x9b31m (Eve \\x1b\\[31mRed\\u{202e}, 2026-06-02)"),
        "{changes}"
    );
    // JSON is exact: the escapes decode to the very characters.
    let json = qms_in(&root, &["changes", "v1..HEAD", "--format", "json"]).json();
    assert_eq!(
        json["revised"][0]["commits"][0].as_str().unwrap().split_once(' ').unwrap().1,
        "Fix \x1b[2J\x1b[Hcleared \x07 \u{9b}31m (Eve \x1b[31mRed\u{202e}, 2026-06-02)"
    );
    let missing = qms_in(&root, &["changes", "v1..v9\x1b[2J"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("v9\\x1b[2J"), "{}", missing.stderr);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_evaluate_are_defused() {
    let qms = TestQms::new();
    qms.doc(
        "SOP-1",
        "title: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\"\nowner: \"@SUM(1+1)*cmd|' /C calc'!A0\"",
        "x",
    );
    qms.doc("SOP-2", "title: \"+1\"\nowner: \"-- draft\"", "x");
    for args in [&["register", "--format", "csv"][..], &["reviews", "--today", TODAY, "--format", "csv"]] {
        let run = qms.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let csv = run.stdout;
        assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), "{args:?}: {csv}");
        assert!(csv.contains(",\"'@SUM(1+1)*cmd|' /C calc'!A0\","), "{args:?}: {csv}");
        assert!(csv.contains(",\"'+1\",") && csv.contains(",\"'-- draft\","), "{args:?}: {csv}");
        for line in csv.lines() {
            for start in [",=", ",+", ",-", ",@", ",\"=", ",\"+", ",\"-", ",\"@"] {
                assert!(!line.contains(start), "{args:?}: a live formula in {line}");
            }
        }
    }
}

/// A title that closes the table and opens a script, and one that holds a pipe and a line break.
const HOSTILE_TITLE: &str = "</td></tr></table><script>alert(1)</script> a | b \\n # c";

fn assert_markdown_rows_intact(what: &str, text: &str, columns: usize) {
    assert!(!text.contains("<script") && !text.contains("</td>"), "{what}: raw HTML in\n{text}");
    assert!(
        text.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt; a \\| b"),
        "{what}: {text}"
    );
    for row in text.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Id") && !l.starts_with("| Document")) {
        let cells = row.replace("\\|", "").matches('|').count() - 1;
        if row.contains("SOP-1") {
            assert_eq!(cells, columns, "{what}: {row}");
        }
    }
}

#[test]
fn markdown_output_keeps_html_and_table_syntax_as_text() {
    let repo = TestRepo::new();
    repo.write("qms.toml", "[qms]\ndocuments = \"docs\"\n");
    repo.doc("docs/sop-1.md", "SOP-1", "", "One.");
    repo.commit("Initial", "Ada Lovelace", "2026-06-01");
    repo.tag("v1", None);
    let title = format!(
        "title: \"{HOSTILE_TITLE}\"\nversion: \"1.1\"\napprover: \"<img src=x onerror=alert(2)>\"\nchange: \"<img src=y onerror=alert(4)> | z\""
    );
    repo.doc("docs/sop-1.md", "SOP-1", &title, "One, revised.");
    repo.commit("Revise </td><script>alert(3)</script> | x", "Grace <b>Hopper</b>", "2026-06-02");
    repo.tag("v2", None);
    let root = repo.root();
    let changes = qms_in(&root, &["changes", "v1..v2"]);
    assert_eq!(changes.code, 0, "{}", changes.stderr);
    assert_markdown_rows_intact("changes", &changes.stdout, 8);
    assert!(!changes.stdout.contains("<img") && !changes.stdout.contains("<b>"), "{}", changes.stdout);
    let register = qms_in(&root, &["register", "--format", "markdown"]);
    assert_markdown_rows_intact("register", &register.stdout, 13);
    let reviews = qms_in(&root, &["reviews", "--today", TODAY, "--format", "markdown"]);
    assert_markdown_rows_intact("reviews", &reviews.stdout, 7);
}

#[test]
fn one_finding_is_one_line_in_short_and_github_formats() {
    let qms = TestQms::new();
    let forged = "docs/a\nforged.md:1:1: error[forged] fake\n::error file=x::forged\r.md";
    qms.write(forged, valid_doc("SOP-1", "", "[x](#missing)"));
    qms.write("docs/b%2C:,c.md", valid_doc("SOP-2", "", "[y](#missing)"));
    let findings = qms.check_json(&["--no-history"]).json()["diagnostics"].as_array().unwrap().len();
    let short = qms.run(&["check", "--today", TODAY, "--format", "short", "--no-history"]);
    assert_eq!(short.stdout.lines().count(), findings + 1, "{}", short.stdout);
    assert!(!short.stdout.lines().any(|l| l.starts_with("forged.md")), "{}", short.stdout);
    assert!(short.stdout.contains("docs/a\\nforged.md:1:1: error[forged] fake\\n::error file=x::forged\\r.md:"));
    let github = qms.run(&["check", "--today", TODAY, "--format", "github", "--no-history"]);
    assert_eq!(github.stdout.lines().count(), findings + 1, "{}", github.stdout);
    assert!(!github.stdout.lines().any(|l| l.starts_with("::error file=x")), "{}", github.stdout);
    assert!(github.stdout.contains("file=docs/a%0Aforged.md%3A1%3A1%3A error[forged] fake%0A%3A%3Aerror"));
    assert!(github.stdout.contains("file=docs/b%252C%3A%2Cc.md,"), "{}", github.stdout);
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let qms = TestQms::new();
    qms.write("docs/a b#c?d%e.md", valid_doc("SOP-1", "", "[x](#missing)"));
    qms.write("docs/Qualité.md", valid_doc("SOP-2", "", "[y](#missing)"));
    let run = qms.run(&["check", "--today", TODAY, "--format", "sarif", "--no-history"]);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    uris.sort_unstable();
    uris.dedup();
    assert_eq!(uris, ["docs/Qualit%C3%A9.md", "docs/a%20b%23c%3Fd%25e.md"]);
    // JSON stays exact: the path as it is.
    let json = qms.check_json(&["--no-history"]).stdout;
    assert!(json.contains("\"docs/a b#c?d%e.md\"") && json.contains("\"docs/Qualité.md\""), "{json}");
}

#[test]
fn a_huge_commit_subject_is_cut_in_terminal_and_markdown_output() {
    let repo = TestRepo::new();
    repo.write("qms.toml", "[qms]\ndocuments = \"docs\"\n");
    repo.doc("docs/sop-1.md", "SOP-1", "", "One.");
    repo.doc("docs/sop-2.md", "SOP-2", "", "Two.");
    repo.commit("Initial", "Ada Lovelace", "2026-06-01");
    repo.tag("v1", None);
    // SOP-1 changes without a new version (a finding quoting the commit), SOP-2 is revised.
    repo.doc("docs/sop-1.md", "SOP-1", "", "One, changed without a new version.");
    repo.doc("docs/sop-2.md", "SOP-2", "version: \"1.1\"", "Two, revised.");
    let subject = format!("Huge {}", "s".repeat(2_000_000));
    let message = repo.path().join("message.txt");
    std::fs::write(&message, &subject).unwrap();
    repo.git(&["add", "--all"]);
    repo.git(&["commit", "--quiet", "-F", &message.to_string_lossy()]);
    std::fs::remove_file(&message).unwrap();
    let root = repo.root();
    for args in
        [&["check", "--today", TODAY][..], &["check", "--today", TODAY, "--format", "short"], &["changes", "v1..HEAD"]]
    {
        let run = qms_in(&root, args);
        assert!(run.stdout.contains("Huge sss"), "{args:?}: {}", &run.stdout[..run.stdout.len().min(2_000)]);
        assert!(run.stdout.contains("s…"), "{args:?}: the cut is marked");
        assert!(run.stdout.len() < 20_000, "{args:?}: {} bytes printed", run.stdout.len());
    }
    // JSON is data: the subject as git holds it.
    let json = qms_in(&root, &["changes", "v1..HEAD", "--format", "json"]).stdout;
    assert!(json.contains(&subject));
}

#[test]
fn a_line_of_forty_thousand_broken_links_prints_every_finding_with_its_column() {
    let qms = TestQms::new();
    let line = "[x](#m) ".repeat(40_000);
    qms.doc("SOP-1", "", &format!("Ünïcödé {line}"));
    let human = qms.run(&["check", "--today", TODAY, "--no-history"]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human.stdout.ends_with("checked 1 document: found 40000 errors\n"),
        "{}",
        &human.stdout[human.stdout.len() - 200..]
    );
    let body_line = valid_doc("SOP-1", "", "BODY").lines().position(|l| l == "BODY").unwrap() + 1;
    // The last link starts after "Ünïcödé " (8 characters) and 39,999 links of 8 characters.
    let last_column = 8 + 39_999 * 8 + 1;
    assert!(human.stdout.contains(&format!("--> docs/SOP-1.md:{body_line}:{last_column}\n")), "{body_line}");
    let window = human.stdout.lines().rfind(|l| l.starts_with(&format!("{body_line} | "))).unwrap();
    assert!(window.starts_with(&format!("{body_line} | …")) && window.chars().count() < 130, "{window}");
    let short = qms.run(&["check", "--today", TODAY, "--no-history", "--format", "short"]);
    assert!(short.stdout.contains(&format!("docs/SOP-1.md:{body_line}:{last_column}: error[broken-anchor]")));
    assert_eq!(short.stdout.lines().count(), 40_001);
}
