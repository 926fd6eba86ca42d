//! JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure): one test case per
//! document checked (passing ones too, as those systems count them) and per other file with
//! findings (`qms.toml`, a catalog), one failure per error or warning.

use super::CheckReport;
use super::escape::xml;
use crate::diag::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> =
        report.checked.iter().map(|path| (path.as_str(), Vec::new())).collect();
    // Notes are information, not failures.
    for diagnostic in report.diagnostics.iter().filter(|d| d.severity > Severity::Note) {
        let path = report.location(diagnostic).map_or("(document set)", |(path, _, _)| path);
        by_file.entry(path).or_default().push(diagnostic);
    }
    let counts = report.counts();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="qms check" tests="{}" failures="{}">"#,
        by_file.len().max(1),
        counts.errors + counts.warnings
    )?;
    writeln!(
        out,
        r#"  <testsuite name="qms check" tests="{}" failures="{}">"#,
        by_file.len().max(1),
        counts.errors + counts.warnings
    )?;
    if by_file.is_empty() {
        writeln!(out, r#"    <testcase name="{} documents" classname="qms"/>"#, report.documents)?;
    }
    for (path, diagnostics) in by_file {
        if diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="{}" classname="qms" file="{}"/>"#, xml(path), xml(path))?;
            continue;
        }
        writeln!(out, r#"    <testcase name="{}" classname="qms" file="{}">"#, xml(path), xml(path))?;
        for diagnostic in diagnostics {
            let place = report.location(diagnostic).map_or(String::new(), |(p, l, c)| format!("{p}:{l}:{c}: "));
            let help = diagnostic.help.as_deref().map_or(String::new(), |h| format!("\nhelp: {h}"));
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}{}{}</failure>"#,
                diagnostic.rule.code(),
                xml(&format!("{}: {}", diagnostic.severity, diagnostic.message)),
                xml(&place),
                xml(&diagnostic.message),
                xml(&help)
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
