//! Hostile and broken input, for every command that reads documents: each command finishes
//! with a documented exit code, names the bad files, and still processes the good one.

mod limits;
mod output;
mod scaffold;
mod site_folder;
mod symlinks;

use crate::support::{TODAY, TestQms, valid_doc};

/// Every kind of broken file at once, beside one good document (`SOP-1`).
fn hostile_qms() -> TestQms {
    let qms = TestQms::new();
    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n");
    qms.doc("SOP-1", "clauses: {\"iso9001:2015\": [\"7.5\"]}", "## Good\n\n[self](#good)");
    let mut invalid_utf8 = valid_doc("BAD-1", "", "Caf").into_bytes();
    invalid_utf8.extend_from_slice(b"\xe9\n");
    qms.write("docs/invalid-utf8.md", invalid_utf8);
    let mut bom_crlf = b"\xef\xbb\xbf".to_vec();
    bom_crlf.extend_from_slice(valid_doc("BAD-2", "", "CRLF body.").replace('\n', "\r\n").as_bytes());
    qms.write("docs/bom-crlf.md", bom_crlf);
    qms.write("docs/empty.md", "");
    qms.write("docs/blank.md", " \n\t\n");
    qms.write("docs/unclosed.md", "---\nid: BAD-3\n");
    qms.write("docs/two-blocks.md", format!("{}---\nid: BAD-99\n---\n", valid_doc("BAD-4", "", "")));
    qms.write("docs/list.md", "---\n- a\n- b\n---\n");
    qms.write("docs/scalar.md", "---\njust text\n---\n");
    qms.write("docs/deep.md", format!("---\nid: BAD-5\nx: {}{}\n---\n", "[".repeat(10_000), "]".repeat(10_000)));
    let mut bomb = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        bomb.push_str(&format!("a{level}: &a{level} [{}]\n", vec![format!("*a{}", level - 1); 9].join(", ")));
    }
    qms.write("docs/bomb.md", format!("{bomb}---\n"));
    qms.write("docs/duplicate-keys.md", "---\nid: BAD-6\nid: BAD-7\n---\n");
    qms.write("docs/dates.md", valid_doc("BAD-8", "approved: 2026-02-30\neffective: 2026-13-01", ""));
    qms.write("docs/version.md", valid_doc("BAD-9", "version: 1.10", ""));
    let mut huge = valid_doc("BAD-10", "", "").into_bytes();
    huge.resize(20 * 1024 * 1024, b'a');
    qms.write("docs/huge.md", huge);
    let table: String = (0..10_000).map(|i| format!("| {i} | [link](#missing-{i}) |\n")).collect();
    qms.write("docs/table.md", valid_doc("BAD-11", "", &format!("| a | b |\n|---|---|\n{table}")));
    let headings: String = (0..5_000).map(|i| format!("## Section {i}\n\n[next](#section-{})\n\n", i + 1)).collect();
    qms.write("docs/headings.md", valid_doc("BAD-15", "", &headings));
    let nested = format!("{}deep\n\n{}quoted\n", "- ".repeat(5_000), "> ".repeat(5_000));
    qms.write("docs/nested.md", valid_doc("BAD-12", "", &nested));
    qms.write(
        "docs/links.md",
        valid_doc(
            "BAD-13",
            "",
            "[up](../../../../etc/passwd) [abs](/etc/passwd) [file](file:///etc/passwd) [js](javascript:alert(1)) [win](C:\\x.md)",
        ),
    );
    qms.write("docs/Qualité policy with spaces.md", valid_doc("BAD-14", "", "Unicode name."));
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap().keep();
        std::fs::write(outside.join("secret.md"), valid_doc("SECRET-1", "", "secret")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.md"), qms.join("docs/link-file.md")).unwrap();
        std::os::unix::fs::symlink(&outside, qms.join("docs/link-dir")).unwrap();
        std::os::unix::fs::symlink(qms.join("docs/loop"), qms.join("docs/loop")).unwrap();
    }
    qms
}

#[test]
fn every_command_survives_every_hostile_file() {
    let qms = hostile_qms();
    let out = qms.join("site").to_string_lossy().into_owned();
    let commands: [(&[&str], i32); 6] = [
        (&["check", "--today", TODAY, "--format", "json"], 1),
        (&["trace", "--today", TODAY, "--format", "json"], 0),
        (&["reviews", "--today", TODAY, "--format", "json"], 0),
        (&["trace", "--today", TODAY, "--gaps"], 0),
        (&["register", "--format", "csv"], 0),
        (&["build", "--today", TODAY, "--out", &out], 0),
    ];
    for (args, code) in commands {
        let run = qms.run(args);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains("SECRET-1"), "{args:?} read through a symlink");
    }
    assert!(qms.join("site/current/documents/SOP-1.html").is_file(), "the good document is published");
    assert!(!std::fs::read_to_string(qms.join("site/current/search-index.js")).unwrap().contains("secret"));
    let check = qms.check_json(&[]);
    let findings = check.findings();
    let codes_for = |file: &str| -> Vec<&str> {
        findings.iter().filter(|(f, _, _)| f == &format!("docs/{file}")).map(|(_, _, c)| c.as_str()).collect()
    };
    assert_eq!(codes_for("invalid-utf8.md"), ["invalid-utf8"]);
    assert_eq!(codes_for("bom-crlf.md"), Vec::<&str>::new());
    assert_eq!(codes_for("empty.md"), ["empty-document"]);
    assert_eq!(codes_for("blank.md"), ["empty-document"]);
    assert_eq!(codes_for("unclosed.md"), ["unclosed-front-matter"]);
    assert_eq!(codes_for("list.md"), ["front-matter-not-mapping"]);
    assert_eq!(codes_for("scalar.md"), ["front-matter-not-mapping"]);
    assert_eq!(codes_for("deep.md"), ["unsupported-yaml"]);
    assert_eq!(codes_for("bomb.md"), ["unsupported-yaml"]);
    assert_eq!(codes_for("duplicate-keys.md"), ["duplicate-field"]);
    assert_eq!(codes_for("dates.md"), ["invalid-date", "invalid-date"]);
    assert_eq!(codes_for("version.md"), Vec::<&str>::new());
    assert_eq!(codes_for("huge.md"), ["document-too-large"]);
    assert_eq!(codes_for("table.md").len(), 10_000, "every broken anchor of the long table");
    assert!(codes_for("table.md").iter().all(|c| *c == "broken-anchor"));
    assert_eq!(codes_for("nested.md"), Vec::<&str>::new());
    assert_eq!(codes_for("headings.md"), ["broken-anchor"], "only the link past the last of 5,000 headings");
    assert_eq!(
        codes_for("links.md"),
        ["absolute-link", "absolute-link", "link-outside-root", "unsafe-link", "unsafe-link"]
    );
    assert_eq!(codes_for("Qualité policy with spaces.md"), Vec::<&str>::new());
    if cfg!(unix) {
        for link in ["link-file.md", "link-dir", "loop"] {
            assert_eq!(codes_for(link), ["symlink-not-followed"], "{link}");
        }
    }
    assert_eq!(codes_for("SOP-1.md"), Vec::<&str>::new(), "the good document is checked and clean");
    // The second front-matter block is body text (a rule and a paragraph), not a new document.
    assert_eq!(codes_for("two-blocks.md"), Vec::<&str>::new());
    let trace: serde_json::Value =
        serde_json::from_str(&qms.run(&["trace", "--today", TODAY, "--format", "json"]).stdout).unwrap();
    let row = trace["standards"][0]["clauses"].as_array().unwrap().iter().find(|c| c["id"] == "7.5").unwrap().clone();
    assert_eq!(row["documents"][0]["id"], "SOP-1", "the good document is traced");
}

/// Inputs the fuzzers (`fuzz/`) found interesting, kept as regressions: the whole set checks
/// and traces without a panic, and every configuration text is an error or a configuration.
#[test]
fn fuzz_corpus_regressions() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let qms = TestQms::new();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\", \"iso27001:2022\"]\nintegrated = true\n",
    );
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for print in [false, true] {
            let html = qms::render::body_html(&String::from_utf8_lossy(&bytes), "docs/fuzz.md", print);
            assert_eq!(qms::render::unsafe_parts(&html), Vec::<String>::new(), "{}", path.display());
        }
        qms.write(&format!("docs/{}", path.file_name().unwrap().to_string_lossy()), bytes);
        count += 1;
    }
    assert!(count >= 20);
    for args in [
        &["check", "--today", TODAY, "--format", "json"][..],
        &["trace", "--today", TODAY],
        &["reviews", "--today", TODAY],
    ] {
        let run = qms.run(args);
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    }
    for entry in std::fs::read_dir(fixtures.join("config")).unwrap() {
        let path = entry.unwrap().path();
        let bare = TestQms::bare();
        bare.write("qms.toml", std::fs::read(&path).unwrap());
        std::fs::create_dir_all(bare.join("docs")).unwrap();
        let run = bare.run(&["check", "--today", TODAY]);
        assert!([0, 1, 2].contains(&run.code), "{}: {}", path.display(), run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}: {}", path.display(), run.stderr);
    }
}

/// Two builds at once into the same folder: the second stops with a clear error or waits for
/// nothing; the site left behind is whole. A lock left by a killed build is taken over.
#[test]
fn two_builds_at_once_do_not_corrupt_the_site() {
    let qms = TestQms::new();
    for n in 1..=20 {
        qms.doc(&format!("SOP-{n}"), "", &"A paragraph of procedure text.\n\n".repeat(50));
    }
    let out = qms.join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_qms"))
            .args(["build", "--today", TODAY, "--out", &out_arg])
            .current_dir(qms.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(), spawn());
    let outputs = [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()];
    for output in &outputs {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        match output.status.code() {
            Some(0) => {}
            Some(2) => assert!(stderr.contains("another qms build"), "{stderr}"),
            other => panic!("exit {other:?}: {stderr}"),
        }
    }
    assert!(outputs.iter().any(|o| o.status.success()), "at least one build finished");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert!(out.join("current/documents/SOP-20.html").is_file());
    assert!(manifest.to_string().contains("SOP-20.html"));
    let leftovers: Vec<_> = std::fs::read_dir(qms.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "no staging folder or lock left behind");

    // A lock whose process is gone (a killed build) does not block the next build.
    std::fs::write(qms.join(".site.lock"), "4000000").unwrap();
    let run = qms.run(&["build", "--today", TODAY, "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!qms.join(".site.lock").exists());
}

/// Script in front matter, file names and commit messages never reaches the site.
#[test]
fn payloads_in_metadata_file_names_and_commit_messages_are_escaped() {
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "\"><iframe src=javascript:alert(1)>",
        "<base href=//evil.example/>",
    ];
    let repo = crate::support::git::TestRepo::new();
    for (n, payload) in payloads.iter().enumerate() {
        let quoted = payload.replace('\\', "\\\\").replace('"', "\\\"");
        repo.doc(
            &format!("docs/sop-{n}.md"),
            &format!("SOP-{n}"),
            &format!("title: \"Title {quoted}\"\nowner: \"Owner {quoted}\"\napprover: \"Approver {quoted}\""),
            &format!("Body text {payload} and [link](javascript:alert({n}))."),
        );
    }
    repo.doc("docs/<b onmouseover=alert(9)>name.md", "SOP-9", "", "File name payload.");
    repo.commit("Release <script>alert('commit')</script>", "Eve <img src=x onerror=alert(2)>", "2026-06-08");
    repo.tag("v1", Some("Release 1"));
    let out = repo.path().join("out-site");
    let run = crate::support::qms_in(&repo.root(), &["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = html_pages(&out);
    for (path, html) in &pages {
        // Escaped text (`&lt;img onerror=…&gt;`) is harmless; a live tag or attribute is not.
        for needle in ["<script>alert", "<iframe", "<base href", "<svg onload", "<img src=x", "<b onmouseover"] {
            assert!(!html.contains(needle), "{needle} in {}", path.display());
        }
        for attribute in ["onerror=", "onload=", "onmouseover=", "href=\"javascript:", "src=javascript:"] {
            assert!(!inside_a_tag(html, attribute), "{attribute} inside a tag in {}", path.display());
        }
    }
    assert!(pages.len() > 10, "{} pages checked", pages.len());
}

/// Every HTML page under `dir`, lower-cased.
fn html_pages(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "html"))
        .map(|path| {
            let html = std::fs::read_to_string(&path).unwrap().to_lowercase();
            (path, html)
        })
        .collect()
}

/// Whether `needle` occurs inside a tag (after a `<` with no `>` in between).
fn inside_a_tag(html: &str, needle: &str) -> bool {
    html.match_indices(needle).any(|(at, _)| {
        let before = &html[..at];
        before.rfind('<').is_some_and(|open| before.rfind('>').is_none_or(|close| close < open))
    })
}

/// A git submodule inside the documents folder, and a tag pointing at a commit from before
/// qms.toml existed: every command that reads history finishes, the submodule's files are not
/// read as documents.
#[test]
fn submodules_and_a_tag_without_qms_toml() {
    let inner = crate::support::git::TestRepo::new();
    inner.doc("docs/sop-9.md", "SUB-9", "", "In the submodule.");
    inner.commit("Submodule content", "Ada Lovelace", "2026-05-01");

    let repo = crate::support::git::TestRepo::bare_worktree();
    repo.write("README.md", "Before the QMS.\n");
    repo.commit("Before qms.toml", "Ada Lovelace", "2026-05-01");
    repo.tag("v0", None);
    repo.write("qms.toml", "[qms]\ndocuments = \"docs\"\n");
    repo.doc("docs/sop-1.md", "SOP-1", "", "Main.");
    let url = format!("file://{}", inner.path().display());
    repo.git(&["-c", "protocol.file.allow=always", "submodule", "--quiet", "add", &url, "docs/vendor"]);
    repo.commit("QMS with a submodule", "Ada Lovelace", "2026-06-08");
    repo.tag("v1", None);
    let out = repo.path().join("site").to_string_lossy().into_owned();
    for args in [
        &["check", "--today", TODAY, "--format", "json"][..],
        &["trace", "--today", TODAY],
        &["register", "--as-of", "2026-06-30"],
        &["register"],
        &["changes", "v0..v1"],
        &["build", "--today", TODAY, "--out", &out],
    ] {
        let run = crate::support::qms_in(repo.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(!run.stdout.contains("SUB-9"), "{args:?} read the submodule: {}", run.stdout);
    }
    assert!(repo.path().join("site/v1/documents/SOP-1.html").is_file());
    assert!(!repo.path().join("site/v0").exists(), "the tag before qms.toml is skipped");
}

/// OWASP XSS filter-evasion vectors that apply to Markdown and HTML, in a document body and in
/// its title: none survives into any page as a live tag, attribute or script URL.
#[test]
fn owasp_filter_evasion_vectors_do_not_survive() {
    let vectors = [
        "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<svg/onload=alert('XSS')>",
        "<svg><script>alert(1)</script></svg>",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<DIV STYLE=\"width: expression(alert('XSS'));\">",
        "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.example/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv\" AllowScriptAccess=\"always\"></EMBED>",
        "<a href=\"javas&#99;ript:alert(1)\">click</a>",
        "[markdown link](javascript:alert(1))",
        "[encoded](jav&#x61;script:alert(1))",
        "![image](javascript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ];
    let qms = TestQms::new();
    for (n, vector) in vectors.iter().enumerate() {
        let title = vector.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ");
        qms.doc(&format!("SOP-{n}"), &format!("title: \"{title}\""), &format!("Before.\n\n{vector}\n\nAfter."));
    }
    let out = qms.join("site");
    let run = qms.run(&["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = html_pages(&out);
    for (path, html) in &pages {
        for tag in
            ["<script>alert", "<script/", "<iframe", "<base ", "<object", "<embed", "<details open", "<svg", "<math"]
        {
            assert!(!html.contains(tag), "{tag} in {}", path.display());
        }
        for attribute in [
            "xss.example",
            "url=javascript",
            "action=\"javascript",
            "onload",
            "onerror",
            "ontoggle",
            "style=\"width: expression",
            "href=\"javascript:",
            "src=\"javascript:",
            "href=\"data:",
            "src=\"data:",
        ] {
            assert!(!inside_a_tag(html, attribute), "{attribute} in a tag in {}", path.display());
        }
    }
    assert!(pages.len() > vectors.len(), "{} pages checked", pages.len());
    // Each body on its own, as a page and on the print view, read by the independent check;
    // and with no raw HTML around it, by the path that writes Markdown straight.
    for vector in vectors {
        for print in [false, true] {
            for text in [format!("Before.\n\n{vector}\n\nAfter."), vector.replace(['<', '>'], "")] {
                let html = qms::render::body_html(&text, "docs/SOP-1.md", print);
                assert_eq!(qms::render::unsafe_parts(&html), Vec::<String>::new(), "{text} gave {html}");
            }
        }
    }
}
