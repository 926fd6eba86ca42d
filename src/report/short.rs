//! One line per finding, `file:line:col: severity[code] message`, for editors and grep. A line
//! feed in a file name or message is shown as `\n` ([`escape::terminal`]), so it cannot forge a
//! second finding.

use super::{CheckReport, escape, plural};
use std::io::{self, Write};

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        if let Some((path, line, column)) = report.location(diagnostic) {
            write!(out, "{}:{line}:{column}: ", escape::terminal(path))?;
        }
        let message = escape::terminal_message(&diagnostic.message);
        writeln!(out, "{}[{}] {message}", diagnostic.severity, diagnostic.rule.code())?;
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
