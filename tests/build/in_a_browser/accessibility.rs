//! Accessibility as an auditor's browser sees it: axe-core run in headless Chromium over every
//! page type of the example site (two releases and the working tree), in light and dark colours
//! and in print media; and the site used with the keyboard alone.
//!
//! axe-core is a pinned npm package that `.ci/run` installs under `target/axe`; it is read from
//! disk and injected into each page, so nothing is fetched while the tests run.

use super::devtools::Browser;
use crate::support::example_qms;
use std::path::{Path, PathBuf};

/// The pinned release `.ci/run` installs.
const AXE_PACKAGE: &str = "axe-core@4.14.1";

fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; install it with `npm install --no-save --prefix target/axe {AXE_PACKAGE}`", path.display())
    })
}

/// The example site as the README's demo builds it: `example-qms/releases.sh`, then
/// `qms build` (releases v2026.1 and v2026.2 and the working tree). Returns the folder
/// holding it and the site's path.
fn example_site_with_releases() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let script = std::process::Command::new("bash")
        .arg(example_qms().join("releases.sh"))
        .arg(&repo)
        .output()
        .expect("bash runs");
    assert!(script.status.success(), "{}", String::from_utf8_lossy(&script.stderr));
    let site = dir.path().join("site");
    let args = ["build", "repo", "--out", "site", "--today", "2026-11-27"];
    let run = crate::support::qms_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, site)
}

/// One page of each type, by the name the report gives it.
const PAGES: &[(&str, &str)] = &[
    ("home", "v2026.2/index.html"),
    ("document", "v2026.2/documents/SOP-004.html"),
    ("document with a form", "v2026.2/documents/FRM-001.html"),
    ("obsolete document", "v2026.2/documents/SOP-006.html"),
    ("draft document", "current/documents/WI-006.html"),
    ("register", "v2026.2/register.html"),
    ("type page", "v2026.2/types/procedure.html"),
    ("clause matrix", "v2026.2/standards/iso9001-2015.html"),
    ("review schedule", "v2026.2/reviews.html"),
    ("changes", "v2026.2/changes.html"),
    ("print view", "v2026.2/print.html"),
    ("certification", "current/certification.html"),
    ("older release", "v2026.1/index.html"),
    ("versions", "versions.html"),
    ("root redirect", "index.html"),
];

/// The media and colour schemes each page is judged in.
const MODES: &[(&str, &str)] = &[("screen", "light"), ("screen", "dark"), ("print", "light"), ("print", "dark")];

/// Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices: every rule it runs by
/// default) on the open page; one line per violation: rule, impact, node count and the first
/// nodes with what is wrong.
const RUN_AXE: &str = r"
axe.run(document, { resultTypes: ['violations'] }).then(function (results) {
  return results.violations.map(function (v) {
    var nodes = v.nodes.slice(0, 3).map(function (n) {
      var why = (n.failureSummary || '').split('\n').slice(1, 2).join(' ').trim();
      return '      ' + n.target.join(' ') + ' ' + n.html.slice(0, 160) + ' — ' + why;
    });
    return v.id + ' (' + v.impact + ', ' + v.nodes.length + ' nodes): ' + v.help + '\n' + nodes.join('\n');
  });
})";

/// axe-core's violations on `page` of `site` in one mode. The root page redirects at once, so it
/// is judged as a copy without its refresh.
fn violations(browser: &mut Browser, axe: &str, site: &Path, page: &str) -> Vec<String> {
    let mut path = site.join(page);
    if page == "index.html" {
        let html = std::fs::read_to_string(&path).unwrap();
        let refresh = html.lines().find(|l| l.contains("http-equiv=\"refresh\"")).expect("the root page redirects");
        assert!(refresh.contains("content=\"0; url=v2026.2/index.html\""), "{refresh}");
        path = site.join("root-without-refresh.html");
        std::fs::write(&path, html.replace(refresh, "")).unwrap();
    }
    browser.open(&path);
    browser.eval(axe);
    let found = browser.eval(RUN_AXE);
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

#[test]
#[ignore = "needs a headless Chromium and axe-core"]
fn every_page_type_passes_axe_core_in_light_dark_and_print() {
    let axe = axe_source();
    let (_dir, site) = example_site_with_releases();
    let mut browser = Browser::launch(1280, 900);
    let mut report = Vec::new();
    let mut counts = Vec::new();
    for (media, scheme) in MODES {
        browser.emulate(media, scheme);
        for (name, page) in PAGES {
            let found = violations(&mut browser, &axe, &site, page);
            counts.push(format!("{name} [{media}, {scheme}]: {}", found.len()));
            report.extend(found.into_iter().map(|v| format!("{name} ({page}) [{media}, {scheme}]: {v}")));
        }
    }
    // A phone (390 CSS pixels wide), with the documents menu open.
    let mut phone = Browser::launch(390, 800);
    for (name, page) in PAGES.iter().filter(|(name, _)| ["home", "document", "changes"].contains(name)) {
        phone.open(&site.join(page));
        phone.eval("document.getElementById('qms-nav-toggle').click()");
        let found = violations(&mut phone, &axe, &site, page);
        counts.push(format!("{name} [phone, menu open]: {}", found.len()));
        report.extend(found.into_iter().map(|v| format!("{name} ({page}) [phone, menu open]: {v}")));
    }
    assert!(report.is_empty(), "{}\n\n{}", counts.join("\n"), report.join("\n"));
}

/// The example has no objectives: the Certification page of a set with an objective's chart
/// (inline SVG with a title and a description) and an overdue audit, in every mode.
#[test]
#[ignore = "needs a headless Chromium and axe-core"]
fn the_certification_page_with_a_chart_passes_axe_core() {
    let axe = axe_source();
    let repo = crate::build::certification::repo_with_records();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = crate::build::releases::build_into(&repo, &site, &["--versions", "current"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = "current/certification.html";
    assert!(std::fs::read_to_string(site.join(page)).unwrap().contains("<svg class=\"objective-chart\""));
    let mut browser = Browser::launch(1280, 900);
    let mut report = Vec::new();
    for (media, scheme) in MODES {
        browser.emulate(media, scheme);
        let found = violations(&mut browser, &axe, &site, page);
        report.extend(found.into_iter().map(|v| format!("[{media}, {scheme}]: {v}")));
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// Insertions and deletions differ by more than colour: struck through or underlined, and each
/// says what it is to a screen reader (generated text, not copied with the page's text); a
/// legend above the redlines says the same to everyone.
#[test]
#[ignore = "needs a headless Chromium"]
fn the_redline_reads_without_colour() {
    let (_dir, site) = example_site_with_releases();
    let mut browser = Browser::launch(1280, 900);
    browser.open(&site.join("v2026.2/changes.html"));
    let marks = browser.eval(
        "['del', 'ins'].map(function (tag) { \
           var e = document.querySelector('.redline ' + tag), style = getComputedStyle(e); \
           return [tag, style.textDecorationLine, getComputedStyle(e, '::before').content, \
             getComputedStyle(e, '::after').content].join(' | '); }).join('\\n')",
    );
    assert_eq!(marks, "del | line-through | \" [deleted: \" | \"] \"\nins | underline | \" [inserted: \" | \"] \"");
    let legend = browser.eval("document.querySelector('.redline-legend').textContent");
    assert_eq!(legend, "In each redline, struck-through text was removed and underlined text was added.");
}

/// What has the focus, and whether a person sees where it is: an outline of at least 2 px on
/// the element (on its label, for the menu's checkbox, which its label draws) and a box on screen.
const FOCUS: &str = r"(function () {
  var e = document.activeElement;
  var drawn = e.id === 'qms-nav-toggle' ? document.querySelector('label[for=qms-nav-toggle]') : e;
  var style = getComputedStyle(drawn), box = drawn.getBoundingClientRect();
  var seen = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && box.width > 0 &&
    box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  var name = e.id || (e.getAttribute('href') || '').replace(/^.*\//, '') || e.textContent.trim();
  return (seen ? '' : 'unseen ') + e.tagName.toLowerCase() + ' ' + name;
})()";

/// Presses Tab (Shift+Tab if `back`) until the focus is on an element `wanted` matches, at most
/// `limit` times; every stop on the way must show where the focus is. Returns the stops.
fn tab_to(browser: &mut Browser, wanted: &str, limit: usize) -> Vec<String> {
    let mut stops = Vec::new();
    for _ in 0..limit {
        browser.press("Tab", false);
        let stop = browser.eval(FOCUS).as_str().unwrap().to_owned();
        assert!(!stop.starts_with("unseen"), "the focus cannot be seen: {stop} after {stops:?}");
        stops.push(stop);
        if browser.eval(&format!("document.activeElement.matches({wanted:?})")) == serde_json::json!(true) {
            return stops;
        }
    }
    panic!("{limit} presses of Tab never reached {wanted}: {stops:?}");
}

fn location(browser: &mut Browser) -> String {
    let href = browser.eval("location.pathname").as_str().unwrap().to_owned();
    href.rsplit('/').take(3).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("/")
}

#[test]
#[ignore = "needs a headless Chromium"]
fn search_the_switcher_the_menu_and_sorting_work_with_the_keyboard_alone() {
    let (_dir, site) = example_site_with_releases();
    let mut browser = Browser::launch(1280, 900);
    browser.open(&site.join("v2026.2/documents/SOP-003.html"));
    let stops = tab_to(&mut browser, "#qms-search-input", 6);
    assert_eq!(stops[0], "a #qms-main", "the first stop skips to the content: {stops:?}");

    browser.type_text("calibration");
    let status = browser.eval(
        "new Promise(function (done) { var tries = 0; (function wait() { \
           var list = document.getElementById('qms-search-results'); \
           if (!list.hidden || tries++ > 100) done(document.getElementById('qms-search-status').textContent); \
           else setTimeout(wait, 50); })(); })",
    );
    assert!(
        status.as_str().unwrap().ends_with("documents found; the down arrow key moves to the results."),
        "{status}"
    );
    browser.press("ArrowDown", false);
    assert_eq!(browser.eval(FOCUS), "a SOP-007.html", "the first result has the focus");
    browser.press("ArrowDown", false);
    browser.press("ArrowUp", false);
    assert_eq!(browser.eval(FOCUS), "a SOP-007.html");
    browser.press("Enter", false);
    browser.wait_for("Page.loadEventFired");
    assert_eq!(location(&mut browser), "v2026.2/documents/SOP-007.html");

    // The switcher: the arrow keys choose a version without leaving the page, Enter goes there.
    tab_to(&mut browser, "#qms-version", 8);
    browser.press("ArrowDown", false);
    assert_eq!(browser.eval("document.getElementById('qms-version').value"), "v2026.1");
    assert_eq!(location(&mut browser), "v2026.2/documents/SOP-007.html", "browsing the versions stays");
    browser.press("Enter", false);
    browser.wait_for("Page.loadEventFired");
    assert_eq!(location(&mut browser), "v2026.1/documents/SOP-007.html");

    // The register: past the sidebar by the skip link; each column heading is a button.
    browser.open(&site.join("v2026.2/register.html"));
    tab_to(&mut browser, ".skip", 1);
    browser.press("Enter", false);
    let stops = tab_to(&mut browser, "#qms-register th button", 4);
    assert_eq!(stops[0], "input qms-register-filter", "{stops:?}");
    browser.press("Enter", false);
    browser.press("Enter", false);
    let sorted = browser.eval(
        "document.querySelector('#qms-register thead th').getAttribute('aria-sort') + ' ' + \
         document.querySelector('#qms-register tbody td').textContent.trim()",
    );
    assert_eq!(sorted, "descending WI-005");

    // On a phone the documents are a menu: Space on its button opens it, Tab walks into it.
    let mut phone = Browser::launch(390, 800);
    phone.open(&site.join("v2026.2/documents/SOP-003.html"));
    tab_to(&mut phone, "#qms-nav-toggle", 3);
    let menu = "getComputedStyle(document.querySelector('.sidebar')).display";
    assert_eq!(phone.eval(menu), "none");
    phone.press(" ", false);
    assert_eq!(phone.eval(menu), "block");
    let stops = tab_to(&mut phone, ".sidebar a", 8);
    assert_eq!(stops.last().unwrap(), "a index.html", "{stops:?}");
}
