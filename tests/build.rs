//! `qms build`: the static site of the working tree — pages, safety of user content,
//! determinism, links, the atomic swap and theme overrides; releases from git in [`releases`],
//! the site in a browser in [`in_a_browser`].

mod certification;
mod in_a_browser;
mod releases;
mod reuse;
mod theme;
mod unreadable;

use crate::support::{TODAY, TestQms, example_qms, qms_in, valid_doc};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by `/`-separated relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `qms build PATH --out OUT --today TODAY`, run from `dir`.
fn build(dir: &Path, root: &Path, out: &Path) -> crate::support::Run {
    qms_in(dir, &["build", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", TODAY])
}

/// Every file of the `example-qms` site (the working tree only), by path.
fn example_site() -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(out.path(), &example_qms(), &site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    tree(&site)
}

fn example_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for entry in walkdir::WalkDir::new(example_qms().join("docs")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let id = text.lines().find_map(|l| l.strip_prefix("id: ")).unwrap();
            ids.push(id.trim().to_owned());
        }
    }
    ids.sort();
    ids
}

#[test]
fn the_example_site_has_every_page() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(out.path(), &example_qms(), &site);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let files = tree(&site);
    let ids = example_ids();
    assert_eq!(ids.len(), 36);
    for id in &ids {
        let page = format!("current/documents/{id}.html");
        let html = String::from_utf8(files.get(&page).unwrap_or_else(|| panic!("no {page}")).clone()).unwrap();
        assert!(html.contains("Revision history"), "{page}");
    }
    for page in [
        "index.html",
        "current/index.html",
        "current/register.html",
        "current/standards/iso9001-2015.html",
        "current/standards/iso14001-2015.html",
        "current/reviews.html",
        "current/changes.html",
        "current/certification.html",
        "current/print.html",
        "current/search-index.js",
        "versions.js",
        "versions.html",
        "current/assets/qms.css",
        "current/assets/qms.js",
    ] {
        assert!(files.contains_key(page), "no {page}");
    }
    let text = |page: &str| String::from_utf8(files[page].clone()).unwrap();
    assert!(text("index.html").contains("current/index.html"));
    let register = text("current/register.html");
    assert!(ids.iter().all(|id| register.contains(&format!("documents/{id}.html"))));
    let matrix = text("current/standards/iso9001-2015.html");
    assert!(matrix.contains(r#"id="c-7.1.5.2""#) && matrix.contains("badge-gap"), "the gap is marked");
    assert!(matrix.contains("Parts are machined to customer drawings"), "the exclusion is justified");
    let index = text("current/search-index.js");
    assert!(index.starts_with("window.QMS_SEARCH = {"), "{}", &index[..40]);
    assert!(index.contains(r#"["SOP-003","Management Review","documents/SOP-003.html","Procedures"]"#));
    let print = text("current/print.html");
    assert!(print.contains("Uncontrolled when printed"));
    assert!(print.contains(r#"id="doc-SOP-003""#) && !print.contains(r#"id="doc-PLN-001""#), "drafts are not printed");
    let obsolete = text("current/documents/SOP-006.html");
    assert!(obsolete.contains("Obsolete — do not use") && obsolete.contains(r#"href="../documents/SOP-015.html""#));
    let pending = text("current/documents/SOP-007.html");
    assert!(pending.contains("This version becomes effective on 2026-12-07"));
    let reviews = text("current/reviews.html");
    assert!(reviews.contains("2027-01-19") && reviews.contains("Upcoming"));
}

/// The sidebar lists every document by type in the page's HTML (no script needed), with the
/// page's own document marked, and each type has a register page of its own.
#[test]
fn the_sidebar_lists_documents_by_type_without_javascript() {
    let files = example_site();
    let text = |page: &str| String::from_utf8(files[page].clone()).unwrap();
    let page = text("current/documents/SOP-003.html");
    assert!(!page.contains("nav.js") && !files.contains_key("current/nav.js"), "the sidebar needs no script");
    let sidebar = &page[page.find(r#"<div id="qms-nav""#).unwrap()..page.find("</nav>").unwrap()];
    for id in example_ids() {
        assert!(sidebar.contains(&format!(r#"href="../documents/{id}.html""#)), "{id} is in the sidebar");
    }
    let current: Vec<&str> = sidebar.match_indices(r#"aria-current="page""#).map(|(i, _)| &sidebar[..i]).collect();
    assert_eq!(current.len(), 1, "one entry is the page itself");
    assert!(current[0].ends_with(r#"href="../documents/SOP-003.html" "#), "{}", &current[0][current[0].len() - 80..]);
    let (procedures, forms) = (sidebar.find(">Procedures<").unwrap(), sidebar.find(">Forms<").unwrap());
    assert!(procedures < sidebar.find("SOP-003.html").unwrap() && sidebar.find("SOP-003.html").unwrap() < forms);
    let procedure_page = text("current/types/procedure.html");
    assert!(
        procedure_page.contains("<h1>Procedures</h1>")
            && procedure_page.contains(r#"href="../documents/SOP-003.html""#)
    );
    assert!(!procedure_page.contains(r#"href="../documents/POL-001.html">POL-001"#), "only procedures");
    let row = |id: &str| format!(r#"<td class="nowrap"><a href="../documents/{id}.html">"#);
    assert!(text("current/types/obsolete.html").contains(&row("SOP-006")), "obsolete documents have their group");
    assert!(procedure_page.contains(&row("SOP-003")) && !procedure_page.contains(&row("SOP-006")));
}

/// Above a few hundred documents, listing all of them in every page would make each page
/// heavier than its content: the sidebar lists the types, each linking to its page.
#[test]
fn a_large_set_has_a_sidebar_of_types() {
    let qms = TestQms::new();
    for n in 0..260 {
        let (id, doc_type) =
            if n < 200 { (format!("SOP-{n:03}"), "procedure") } else { (format!("FRM-{n:03}"), "form") };
        qms.doc(&id, &format!("type: {doc_type}"), "Body.\n");
    }
    let site = qms.join("out");
    let run = qms.run(&["build", "--versions", "current", "--today", TODAY, "--out", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(site.join("current/documents/SOP-007.html")).unwrap();
    let sidebar = &page[page.find(r#"<div id="qms-nav""#).unwrap()..page.find("</nav>").unwrap()];
    assert!(!sidebar.contains("SOP-008"), "documents are not listed one by one");
    let own_group = r#"href="../types/procedure.html" class="nav-in">Procedures <span class="nav-count">200</span>"#;
    assert!(sidebar.contains(own_group), "the document's own group is marked: {sidebar}");
    assert!(sidebar.contains(r#"href="../types/form.html">Forms <span class="nav-count">60</span>"#), "{sidebar}");
    let forms = std::fs::read_to_string(site.join("current/types/form.html")).unwrap();
    assert_eq!(forms.matches(r#"<td class="nowrap"><a href="../documents/FRM-"#).count(), 60);
}

#[test]
fn headings_get_the_anchors_the_checker_computes() {
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &example_qms(), &out.path().join("site"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |page: &str| std::fs::read_to_string(out.path().join("site/current").join(page)).unwrap();
    assert!(read("documents/SOP-003.html").contains(r#"<h3 id="53-inputs">"#));
    assert!(read("documents/OBJ-001.html").contains(r#"href="../documents/SOP-003.html#53-inputs""#));
    assert!(read("print.html").contains(r##"href="#SOP-003--53-inputs""##), "links stay on the print view");
}

#[test]
fn links_in_the_site_resolve_to_files_and_anchors_in_it() {
    let files = example_site();
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for url in attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src")) {
            if url.starts_with("https:") || url.starts_with("http:") || url.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = url.split_once('#').unwrap_or((&url, ""));
            let target = if file.is_empty() { path.clone() } else { resolve(path, file) };
            // The version switcher's links to other versions would point outside this one.
            let target_html = files.get(&target).unwrap_or_else(|| panic!("{path} links to {url}: no {target}"));
            if !fragment.is_empty() {
                let target_html = String::from_utf8_lossy(target_html);
                assert!(target_html.contains(&format!("id=\"{fragment}\"")), "{path} links to {url}: no anchor");
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

/// The values of `attribute="…"` in `html`, entities for `&` decoded.
fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// `relative` (percent-encoded) from the page at `page`, both relative to the site root.
fn resolve(page: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in relative.split('/') {
        match part {
            ".." => {
                parts.pop().expect("the link stays in the site");
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/").replace("%20", " ")
}

const HOSTILE_BODY: &str = r#"
<script>alert("body-script")</script>

<img src="x.png" onerror="alert('img-onerror')"> [click](javascript:alert('js-link'))

<iframe src="https://evil.example/frame"></iframe>

<svg onload="alert('svg-onload')"><script>alert('svg-script')</script></svg>

<base href="https://evil.example/base/">

<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> <a href="../../../../etc/passwd">escape</a>

<style>body { background: url(https://evil.example/style.png) }</style>

<a id="qms-search" href="JaVaScRiPt:alert('mixed-case')">mixed</a> <input type="text" onfocus="alert('focus')">

![tracker](https://evil.example/track.png) ![diagram](evil.svg) ![ok](good.svg)

<object data="evil.swf"></object><embed src="evil.swf"><form action="https://evil.example/post"><button formaction="javascript:alert('fa')">go</button></form>
"#;

#[test]
fn hostile_content_has_none_of_its_payloads_in_the_site() {
    let qms = TestQms::new();
    qms.write(
        "docs/SOP-666.md",
        valid_doc("SOP-666", "title: \"Hostile <script>alert('title-script')</script>\"", HOSTILE_BODY),
    );
    qms.write("docs/evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('file-svg')</script></svg>");
    qms.write("docs/good.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>");
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("evil.svg"), "the unsafe SVG is reported: {}", run.stderr);
    let files = tree(&qms.join("site"));
    assert!(files.contains_key("current/files/docs/good.svg") && !files.contains_key("current/files/docs/evil.svg"));
    let payloads = [
        "body-script",
        "onerror",
        "img-onerror",
        "javascript:",
        "js-link",
        "<iframe",
        "evil.example",
        "<svg",
        "svg-onload",
        "svg-script",
        "<base",
        "data:text",
        "etc/passwd",
        "<style",
        "mixed-case",
        "onfocus",
        "<object",
        "<embed",
        "formaction",
        "file-svg",
        "<script>alert",
    ];
    for (path, bytes) in files.iter().filter(|(p, _)| !p.starts_with("current/files/")) {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for payload in payloads {
            assert!(!text.contains(&payload.to_lowercase()), "{payload} in {path}");
        }
    }
    let page = String::from_utf8_lossy(&files["current/documents/SOP-666.html"]).into_owned();
    assert!(page.contains("Hostile &lt;script&gt;"), "the title is escaped");
    let body = &page[page.find(r#"<div class="body">"#).unwrap()..page.find(r#"<section class="history">"#).unwrap()];
    assert_eq!(qms::render::unsafe_parts(body), Vec::<String>::new(), "{body}");
    assert_eq!(page.matches("id=\"qms-search\"").count(), 1, "content cannot take the site's ids");
}

#[test]
fn two_builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let (first, second) = (out.path().join("one"), out.path().join("two"));
    assert_eq!(build(out.path(), &example_qms(), &first).code, 0);
    assert_eq!(build(out.path(), &example_qms(), &second).code, 0);
    let (first, second) = (tree(&first), tree(&second));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let qms = TestQms::new();
    qms.doc("SOP-001", "", "## Purpose\n\nText.");
    assert_eq!(qms.run(&["build", "--today", TODAY]).code, 0);
    let before = tree(&qms.join("site"));
    qms.doc("SOP-002", "", "## Purpose\n\nMore text.");
    qms.write("theme/document.html", "{% if %}broken");
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("theme/document.html"), "{}", run.stderr);
    assert_eq!(tree(&qms.join("site")), before);

    // A template that compiles but fails while rendering: the half-built site is removed.
    qms.write("theme/document.html", "{{ no_such_variable.field }}");
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("theme/document.html"), "{}", run.stderr);
    assert_eq!(tree(&qms.join("site")), before);
    let leftovers: Vec<_> = std::fs::read_dir(qms.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!leftovers.iter().any(|n| n.to_string_lossy().starts_with(".site")), "{leftovers:?}");

    qms.write("out.txt", "not a folder");
    let run = qms.run(&["build", "--out", "out.txt", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(qms.join("out.txt")).unwrap(), "not a folder");
}

#[test]
fn it_never_replaces_a_folder_it_did_not_build() {
    let qms = TestQms::new();
    qms.doc("SOP-001", "", "Text.");
    for out in ["docs", ".", "notes"] {
        qms.write("notes/keep.txt", "mine");
        let run = qms.run(&["build", "--out", out, "--today", TODAY]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
    }
    assert!(qms.join("docs/SOP-001.md").is_file() && qms.join("notes/keep.txt").is_file());
}

#[test]
fn a_site_inside_the_documents_folder_is_never_read_back() {
    let qms = TestQms::bare();
    qms.write("qms.toml", "[qms]\ndocuments = \".\"\n");
    qms.write("SOP-001.md", valid_doc("SOP-001", "", "Text with [a file](notes.md.txt)."));
    qms.write("notes.md.txt", "attachment");
    assert_eq!(qms.run(&["build", "--today", TODAY]).code, 0);
    let first = tree(&qms.join("site"));
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("1 documents"), "{}", run.stdout);
    assert_eq!(tree(&qms.join("site")), first);
    assert!(first.keys().all(|p| !p.to_lowercase().ends_with(".md")), "{:?}", first.keys());
    let check = qms.check_json(&[]);
    assert_eq!(check.json()["summary"]["documents"], 1, "{}", check.stdout);
}

#[test]
fn a_release_uses_its_own_organization_catalogs() {
    let repo = crate::support::git::TestRepo::new();
    let catalog = |title: &str| {
        format!("[standard]\nid = \"acme:1\"\ntitle = \"{title}\"\n\n[[clause]]\nid = \"1\"\ntitle = \"Quality\"\n")
    };
    repo.write_root("standards/acme.toml", catalog("ACME requirements, issue A"));
    repo.write_root("qms.toml", "[qms]\ndocuments = \"docs\"\nstandards = [\"acme:1\"]\n");
    repo.doc("docs/sop-1.md", "SOP-1", "clauses: {\"acme:1\": [\"1\"]}", "One.");
    repo.commit("Release 1", "Ada Lovelace", "2026-06-08");
    repo.tag("v1", None);
    repo.write_root("standards/acme.toml", catalog("ACME requirements, issue B"));
    repo.commit("Issue B of the customer requirements", "Ada Lovelace", "2026-07-01");
    let site = repo.path().join("site");
    let run = crate::support::qms_in(&repo.root(), &["build", "--today", TODAY, "--out", &site.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |version: &str| std::fs::read_to_string(site.join(version).join("standards/acme-1.html")).unwrap();
    assert!(page("v1").contains("issue A") && !page("v1").contains("issue B"));
    assert!(page("current").contains("issue B"));
}
