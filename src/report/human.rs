//! The terminal format: each finding with its place, the source line, a caret and help.

use super::{CheckReport, plural};
use crate::diag::{Diagnostic, floor_char_boundary};
use std::io::{self, Write};

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        write_one(report, diagnostic, out)?;
        writeln!(out)?;
    }
    let counts = report.counts();
    let verdict = if counts.errors + counts.warnings + counts.notes == 0 { "no problems found" } else { "found" };
    let mut parts = Vec::new();
    if counts.errors > 0 {
        parts.push(plural(counts.errors, "error"));
    }
    if counts.warnings > 0 {
        parts.push(plural(counts.warnings, "warning"));
    }
    if counts.notes > 0 {
        parts.push(plural(counts.notes, "note"));
    }
    writeln!(
        out,
        "checked {}: {verdict}{}{}",
        plural(report.documents, "document"),
        if parts.is_empty() { "" } else { " " },
        parts.join(", ")
    )
}

fn write_one(report: &CheckReport, diagnostic: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}[{}]: {}", diagnostic.severity, diagnostic.rule.code(), diagnostic.message)?;
    if let Some(span) = &diagnostic.span {
        let file = report.files.get(span.file);
        let (line, column) = file.line_col(span.range.start);
        let gutter = " ".repeat(line.to_string().len());
        writeln!(out, "{gutter}--> {}:{line}:{column}", file.path)?;
        let text = file.line_index().line_text(&file.text, line);
        if !text.is_empty() || file.text.is_empty() {
            // Underline the span on its first line (at least one caret).
            let line_start = file.line_index().line_start(line);
            let end_in_line = span.range.end.min(line_start + text.len()).max(span.range.start);
            let width = file.text
                [floor_char_boundary(&file.text, span.range.start)..floor_char_boundary(&file.text, end_in_line)]
                .chars()
                .count()
                .max(1);
            let shown = text.replace('\t', " ");
            writeln!(out, "{gutter} |")?;
            writeln!(out, "{line} | {shown}")?;
            writeln!(out, "{gutter} | {}{}", " ".repeat(column - 1), "^".repeat(width))?;
        }
        if let Some(help) = &diagnostic.help {
            writeln!(out, "{gutter} = help: {help}")?;
        }
    } else if let Some(help) = &diagnostic.help {
        writeln!(out, "  = help: {help}")?;
    }
    Ok(())
}
