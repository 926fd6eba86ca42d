//! Accessibility as an auditor's browser sees it: axe-core run in headless Chromium over every
//! page type of the example site (two releases and the working tree), in light and dark colours
//! and in print media; and the site used with the keyboard alone.
//!
//! axe-core is a pinned npm package that `.ci/run` installs under `target/axe` (or the file
//! named by `QMS_AXE_CORE`); it is read from disk and injected into each page, so nothing is
//! fetched while the tests run.

use super::devtools::Browser;
use crate::support::example_qms;
use std::path::{Path, PathBuf};

/// The pinned release `.ci/run` installs.
const AXE_PACKAGE: &str = "axe-core@4.14.1";

fn axe_source() -> String {
    let path = std::env::var_os("QMS_AXE_CORE").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; install it with `npm install --no-save --prefix target/axe {AXE_PACKAGE}`", path.display())
    })
}

/// The example site as the README's demo builds it: `example-qms/releases.sh`, then
/// `qms build` (releases v2026.1 and v2026.2 and the working tree). Returns the folder
/// holding it and the site's path.
pub(super) fn example_site_with_releases() -> (tempfile::TempDir, PathBuf) {
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
    assert!(report.is_empty(), "{}\n\n{}", counts.join("\n"), report.join("\n"));
}
