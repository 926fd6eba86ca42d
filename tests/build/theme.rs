//! Theme overrides: a file of `theme/` replaces the built-in one of the same name; one that does
//! not compile stops the build with its source excerpt.

use crate::support::{TODAY, TestQms};

#[test]
fn theme_files_override_the_built_in_ones() {
    let qms = TestQms::new();
    qms.doc("SOP-001", "", "![chart](img/chart.png)");
    qms.write("docs/img/chart.png", [0x89, b'P', b'N', b'G']);
    qms.write("theme/assets/qms.css", "body { color: teal; }");
    qms.write(
        "theme/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>Custom home for {{ site.title }}</p>{% endblock content %}",
    );
    std::fs::create_dir_all(qms.join("theme/register.html")).unwrap();
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning: cannot read the theme file") && run.stderr.contains("register.html"));
    let read = |p: &str| std::fs::read(qms.join("site/current").join(p)).unwrap();
    assert_eq!(read("assets/qms.css"), b"body { color: teal; }");
    assert!(String::from_utf8(read("index.html")).unwrap().contains("<p>Custom home for Test Ltd"));
    assert!(String::from_utf8(read("register.html")).unwrap().contains("Master document register"));
    assert_eq!(read("files/docs/img/chart.png"), [0x89, b'P', b'N', b'G']);
}

/// Each release's clause matrix uses the catalogs as they were at its tag.

#[test]
fn a_broken_theme_override_stops_the_build_with_its_source_excerpt_on_lines_of_its_own() {
    let qms = TestQms::new();
    qms.doc("SOP-001", "", "Body.");
    qms.write("theme/document.html", "{% if %}");
    let run = qms.run(&["build", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines[0].starts_with("error: the theme override theme/document.html could not be used"), "{}", run.stderr);
    assert!(lines.iter().any(|l| l.trim_start().starts_with("--> document.html:1:7")), "{}", run.stderr);
    assert!(!qms.join("site").exists(), "no site is left behind");
}
