//! Browser tests: the built site opened from `file://` in headless Chromium. They need a
//! Chromium, so they are ignored by default:
//! `cargo test --test integration build::in_a_browser -- --ignored`.

mod accessibility;
mod devtools;

use super::build;
use crate::support::example_qms;
use std::path::Path;

/// Runs headless Chromium (by any of its usual names) offline, with a profile of its own, on
/// `url` with `extra` arguments.
fn chromium(extra: &[&str], url: &str) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|browser| {
            std::process::Command::new(browser)
                .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                .args(["--no-first-run", "--virtual-time-budget=5000"])
                .args(extra)
                .arg(format!("--user-data-dir={}", profile.path().display()))
                .arg(url)
                .output()
                .ok()
        })
        .expect("chromium runs")
}

/// Runs a page of the built site in headless Chromium with `probe` (a JavaScript function run on
/// load, handed a `done(text)` callback) and returns the text it reported.
fn probe_in_chromium(page: &Path, probe: &str) -> String {
    probe_in_chromium_at(page, "", probe)
}

/// [`probe_in_chromium`] with a `#fragment` (or `""`) on the page's URL.
fn probe_in_chromium_at(page: &Path, fragment: &str, probe: &str) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let script = format!(
        "<script>window.addEventListener('load', function () {{ ({probe})(function (text) {{ \
         var out = document.createElement('pre'); out.id = 'probe'; out.textContent = text; \
         document.body.appendChild(out); }}); }});</script></body>"
    );
    let probe_page = page.with_file_name("probe.html");
    std::fs::write(&probe_page, html.replace("</body>", &script)).unwrap();
    let output = chromium(&["--dump-dom"], &format!("file://{}{fragment}", probe_page.display()));
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    let start = dom.find("<pre id=\"probe\">").unwrap_or_else(|| panic!("no probe output:\n{dom}"));
    let end = dom[start..].find("</pre>").unwrap();
    dom[start + "<pre id=\"probe\">".len()..start + end].replace("&amp;", "&")
}

#[test]
#[ignore = "needs a headless Chromium"]
fn search_sorting_and_versions_work_offline_from_file_urls() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(out.path(), &example_qms(), &site).code, 0);
    let found = probe_in_chromium(
        &site.join("current/documents/SOP-003.html"),
        "function (done) { \
           var input = document.getElementById('qms-search-input'); \
           input.value = 'calibration'; input.dispatchEvent(new Event('input')); \
           setTimeout(function () { \
             var first = document.querySelector('#qms-search-results a'); \
             var requests = performance.getEntriesByType('resource').map(function (r) { return r.name; }) \
               .filter(function (n) { return n.indexOf('file://') !== 0; }); \
             done([document.documentElement.className, document.body.getAttribute('data-version'), \
               first ? first.getAttribute('href') + ' ' + first.textContent : 'no results', \
               'outside:' + requests.join(',')].join('|')); }, 500); }",
    );
    assert!(found.starts_with("js|current|../documents/SOP-007.html SOP-007Calibration"), "{found}");
    assert!(found.ends_with("|outside:"), "requests left the site: {found}");
    let found = probe_in_chromium(
        &site.join("current/register.html"),
        "function (done) { \
           var id = document.querySelector('#qms-register thead th'); id.click(); id.click(); \
           done(document.querySelector('#qms-register tbody td').textContent.trim()); }",
    );
    assert_eq!(found, "WI-006", "sorted by id, descending");
}

#[test]
#[ignore = "needs a headless Chromium"]
fn the_switcher_says_when_a_document_is_not_in_a_version() {
    let repo = super::releases::releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(super::releases::build_into(&repo, &site, &[]).code, 0);
    let options = probe_in_chromium_at(
        &site.join("v1.0/documents/SOP-002.html"),
        "",
        "function (done) { done(Array.prototype.map.call(document.querySelectorAll('#qms-version option'), \
           function (o) { return o.textContent; }).join('|') + '|' + \
           document.querySelector('#qms-nav li a[aria-current]').textContent); }",
    );
    assert_eq!(
        options,
        "current (unreleased) — no SOP-002|v2.0/final (latest) — no SOP-002|v1.0|SOP-002 Supplier Approval"
    );
    let notice = probe_in_chromium_at(
        &site.join("current/index.html"),
        "#qms-missing=SOP-002",
        "function (done) { done(document.querySelector('.notice-missing').textContent); }",
    );
    assert_eq!(notice, "SOP-002 does not exist in version current; this is the home page of that version.");
}

/// A release's pages carry no list of versions of their own: with the script, the banner says
/// whether it is the latest release and links the latest, and the document page and the home
/// page list the nearby versions, all from the site's `versions.js`.
#[test]
#[ignore = "needs a headless Chromium"]
fn a_releases_banner_and_version_lists_come_from_the_sites_list() {
    let repo = super::releases::releases();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(super::releases::build_into(&repo, &site, &[]).code, 0);
    let probe = "function (done) { var banner = document.getElementById('qms-release-banner'); \
           var list = document.getElementById('qms-versions-nearby'); \
           done([banner.hidden ? 'no banner' : banner.className + ': ' + banner.textContent.replace(/\\s+/g, ' ').trim(), \
             list.hidden ? 'no list' : Array.prototype.map.call(list.querySelectorAll('li'), function (li) { \
               return li.textContent + ' ' + li.querySelector('a').getAttribute('href'); }).join(', ')].join('|')); }";
    let old = probe_in_chromium(&site.join("v1.0/documents/SOP-001.html"), probe);
    assert_eq!(
        old,
        "banner banner-old: You are reading release v1.0 of 2026-02-02, which is not the latest. \
         Go to the latest release, v2.0/final.|current (version 1.2, unreleased) ../../current/documents/SOP-001.html, \
         v2.0/final (version 1.1, latest release) ../../v2.0-final/documents/SOP-001.html"
    );
    let latest = probe_in_chromium(&site.join("v2.0-final/index.html"), probe);
    assert_eq!(
        latest,
        "no banner|current (unreleased, 2026-11-27) ../current/index.html, v1.0 (release, 2026-02-02) ../v1.0/index.html"
    );
}

/// The whole manual prints to a PDF of many pages, one document per page break at least.
#[test]
#[ignore = "needs a headless Chromium"]
fn the_print_view_prints_to_pdf() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(out.path(), &example_qms(), &site).code, 0);
    let pdf = out.path().join("manual.pdf");
    let print_to = format!("--print-to-pdf={}", pdf.display());
    let status = chromium(
        &["--no-pdf-header-footer", &print_to],
        &format!("file://{}", site.join("current/print.html").display()),
    );
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = bytes
        .windows(b"/Type /Page\n".len())
        .filter(|w| w.starts_with(b"/Type /Page") && !w.starts_with(b"/Type /Pages"))
        .count();
    let released = 33; // documents in force or pending in example-qms, each starting a page
    assert!(pages > released, "{pages} pages for {released} documents");
}

/// On paper nobody can click to show the register's optional columns: printed on the width of
/// A4 (about 680 CSS pixels inside the margins), every column shows and the table fits; on a
/// screen that narrow they stay hidden until asked for.
#[test]
#[ignore = "needs a headless Chromium"]
fn the_printed_register_shows_every_column_and_fits_the_paper() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(out.path(), &example_qms(), &site).code, 0);
    let mut browser = devtools::Browser::launch(680, 1000);
    let probe = "(function () { \
        var table = document.getElementById('qms-register'), wrap = table.parentElement; \
        var hidden = [].filter.call(table.querySelectorAll('.opt'), function (c) { return getComputedStyle(c).display === 'none'; }); \
        var ids = [].map.call(table.querySelectorAll('tbody td:first-child'), function (c) { return c.getClientRects().length; }); \
        return [hidden.length, table.querySelectorAll('.opt').length > 0, table.scrollWidth <= wrap.clientWidth, \
          Math.max.apply(null, ids), getComputedStyle(document.getElementById('qms-register-filter').closest('p')).display].join(' '); })()";
    browser.emulate("print", "light");
    browser.open(&site.join("current/register.html"));
    assert_eq!(browser.eval(probe), "0 true true 1 none", "every column printed, the table fits, ids on one line");
    browser.emulate("screen", "light");
    let hidden = browser.eval(probe);
    assert!(!hidden.as_str().unwrap().starts_with("0 "), "on a narrow screen the optional columns wait: {hidden}");
}
