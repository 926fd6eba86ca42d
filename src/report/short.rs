//! One line per finding, `file:line:col: severity[code] message`, for editors and grep.

use super::{CheckReport, plural};
use std::io::{self, Write};

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        if let Some((path, line, column)) = report.location(diagnostic) {
            write!(out, "{path}:{line}:{column}: ")?;
        }
        writeln!(out, "{}[{}] {}", diagnostic.severity, diagnostic.rule.code(), diagnostic.message)?;
    }
    let counts = report.counts();
    writeln!(
        out,
        "{}, {}, {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note")
    )
}
