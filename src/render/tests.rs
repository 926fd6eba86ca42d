//! Renders the example QMS as the publisher will: an older release with history, other versions
//! and changes since the release before it.

use super::*;
use crate::model::review_schedule;
use crate::project::Project;
use std::path::PathBuf;

fn example() -> Project {
    Project::open(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("example-qms")).unwrap()
}

fn version(label: &str, released: bool, is_latest: bool, documents: &[(&str, &str)]) -> VersionView {
    VersionView {
        label: label.to_owned(),
        commit: released.then(|| format!("{label:0>40}").replace('.', "0")),
        released,
        is_latest,
        date: Some(jiff::civil::date(2026, 6, 1)),
        documents: documents.iter().map(|(id, v)| ((*id).to_owned(), (*v).to_owned())).collect(),
    }
}

#[test]
fn a_release_with_history_changes_and_other_versions() {
    let project = example();
    let today = jiff::civil::date(2026, 11, 27);
    let matrix = project.trace(today);
    let register = &project.loaded.register;
    let reviews = review_schedule(register, &project.config.review, today, project.config.review.due_soon);
    let theme = Theme::builtin().unwrap();
    let this = version("v2.0", true, false, &[("SOP-003", "2.0")]);
    let versions = vec![
        version("current", false, false, &[("SOP-003", "2.0")]),
        version("v3.0", true, true, &[("SOP-003", "2.1")]),
        this.clone(),
        version("v1.0", true, false, &[("SOP-003", "1.0"), ("SOP-099", "1.0")]),
    ];
    let revisions = BTreeMap::from([(
        "SOP-003".to_owned(),
        vec![
            RevisionRow {
                version: "1.0".into(),
                date: "2025-01-10".into(),
                author: "Jo Bloggs".into(),
                approver: "Managing Director".into(),
                commit: "a".repeat(40),
                message: "First issue <b>bold</b>".into(),
                ..RevisionRow::default()
            },
            RevisionRow {
                version: "2.0".into(),
                date: "2026-01-19".into(),
                author: "Jo Bloggs".into(),
                approver: "Managing Director".into(),
                commit: "b".repeat(40),
                message: "One integrated review".into(),
                ..RevisionRow::default()
            },
        ],
    )]);
    let changes = ChangesView {
        previous_label: "v1.0".into(),
        added: vec![ChangedDocument {
            id: "SOP-015".into(),
            title: "Purchasing".into(),
            version: "1.0".into(),
            ..Default::default()
        }],
        withdrawn: vec![ChangedDocument {
            id: "SOP-099".into(),
            title: "Old <thing>".into(),
            version: "1.0".into(),
            ..Default::default()
        }],
        revised: vec![RevisedDocument {
            id: "SOP-003".into(),
            title: "Management Review".into(),
            old_version: "1.0".into(),
            new_version: "2.0".into(),
            old_markdown: "## Scope\n\nSeparate quality and environmental reviews are held yearly.\n".into(),
            new_markdown: "## Scope\n\nOne integrated review is held yearly, with quarterly reviews.\n".into(),
            ..Default::default()
        }],
    };
    let read_file = |_: &str| None;
    let input = SiteInput {
        config: &project.config,
        register,
        files: project.files(),
        matrix: &matrix,
        records: &project.loaded.records,
        catalogs: project.enabled_standards(),
        reviews: &reviews,
        today,
        version: this,
        versions,
        revisions,
        changes: Some(changes),
        read_file: &read_file,
        theme: &theme,
        cache: &RenderCache::default(),
        digests: None,
        progress: &crate::progress::Quiet,
    };
    let dir = tempfile::tempdir().unwrap();
    let rendered = render_version(&input, dir.path()).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    assert!(rendered.files.windows(2).all(|w| w[0].path < w[1].path), "files are sorted");
    let read = |page: &str| std::fs::read_to_string(dir.path().join(page)).unwrap();

    let document = read("documents/SOP-003.html");
    assert!(document.contains("release <strong>v2.0</strong>"), "the release banner");
    // Whether it is the latest, and the other versions, come from the site's versions.js: a
    // release's pages do not change when a newer one is tagged.
    assert!(!document.contains("v3.0") && !document.contains("v1.0"), "no other version on a release's page");
    assert!(document.contains(r#"href="../../versions.html""#), "every version, without script");
    assert!(document.contains("<code title=\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\">bbbbbbbbbb</code>"));
    assert!(document.find("One integrated review") < document.find("First issue"), "newest revision first");
    assert!(document.contains("First issue &lt;b&gt;bold&lt;/b&gt;"), "revision messages are escaped");

    let changes = read("changes.html");
    assert!(
        changes.contains("<del>Separate quality and environmental reviews are held yearly.</del> <ins>One"),
        "{changes}"
    );
    assert!(changes.contains(r#"href="../v1.0/index.html""#));
    assert!(
        changes.contains(r#"href="../v1.0/documents/SOP-099.html""#),
        "withdrawn documents link to the previous version"
    );
    assert!(changes.contains("Old &lt;thing&gt;"));

    // The version list is the site's, written once at its root: no page or script carries it.
    assert!(!dir.path().join("versions.js").exists());
    assert!(document.contains(r#"data-version="v2.0""#) && document.contains(r#"src="../../versions.js""#));
    assert_eq!(document.matches("<option ").count(), 1, "the switcher's options come from versions.js");
    let versions = super::root::versions_js(&input.versions);
    assert!(versions.starts_with(r#"window.QMS_VERSIONS = {"versions":[{"#), "{versions}");
    assert!(versions.contains(r#""docs":{"SOP-003":"1.0","SOP-099":"1.0"}"#), "{versions}");
}

/// A page of the working tree lists the versions near its own and the latest release; the
/// others are on the site root's list. A release's pages list only itself (the script adds the
/// others from the site's list).
#[test]
fn pages_list_the_versions_near_theirs() {
    let versions: Vec<VersionView> = std::iter::once(version("current", false, false, &[]))
        .chain((1..=20).rev().map(|n| version(&format!("v{n}"), true, n == 20, &[])))
        .collect();
    let labels = |current: &str| -> Vec<String> {
        let current = versions.iter().find(|v| v.label == current).unwrap();
        super::site::nearby(&versions, current).map(|v| v.label.clone()).collect()
    };
    assert_eq!(labels("v10"), ["v10"]);
    assert_eq!(labels("current"), ["current", "v20", "v19", "v18"]);
    assert_eq!(labels("v1"), ["v1"]);
}

#[test]
fn every_heading_gets_the_anchor_the_checker_computed() {
    let project = example();
    let pages = std::sync::Arc::new(BTreeMap::new());
    let placement = super::placement::Placement { root: String::new(), print: None };
    let mut headings = 0;
    for document in project.loaded.register.documents() {
        let text = &project.files().get(document.file).text;
        let body = markdown::render(&text[document.front_matter.end..], &document.path, &pages, &placement);
        for heading in &document.headings {
            assert!(
                body.html.contains(&format!(" id=\"{}\"", heading.anchor)),
                "{}: {}",
                document.path,
                heading.anchor
            );
            headings += 1;
        }
    }
    assert!(headings > 300, "{headings}");
}

/// Depth-first search; a module met again on the current path closes a cycle.
fn visit(
    module: &str,
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut std::collections::BTreeSet<String>,
) {
    if let Some(at) = path.iter().position(|m| m == module) {
        panic!("render modules form a cycle: {} → {module}", path[at..].join(" → "));
    }
    if done.contains(module) {
        return;
    }
    path.push(module.to_owned());
    for next in &graph[module] {
        visit(next, graph, path, done);
    }
    path.pop();
    done.insert(module.to_owned());
}

/// The render modules form no cycle: the site context, the views and the body path are leaves
/// the page modules use, and only the orchestrator calls the page modules. Read from the source,
/// so a `use super::…` that closes a cycle fails here.
#[test]
fn the_render_modules_form_no_cycle() {
    use std::collections::{BTreeMap, BTreeSet};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else { continue };
        if path.extension().is_none_or(|e| e != "rs") || stem == "mod" || stem == "tests" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut uses = BTreeSet::new();
        for (at, _) in text.match_indices("super::") {
            let rest = &text[at + "super::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(list) => list[..list.find('}').unwrap_or(0)].split(',').collect(),
                None => vec![rest],
            };
            for name in names {
                let name: String = name.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name != "super" && name != "self" && name != stem {
                    uses.insert(name);
                }
            }
        }
        graph.insert(stem, uses);
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for uses in graph.values_mut() {
        uses.retain(|name| modules.contains(name));
    }
    assert!(graph.len() > 15, "{graph:?}");
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done);
    }
    assert!(graph["pages"].contains("document") && !graph["site"].contains("pages"), "{graph:?}");
}
