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
        if !text.is_empty() {
            // Underline the span on its first line (at least one caret).
            let line_start = file.line_index().line_start(line);
            let end_in_line = span.range.end.min(line_start + text.len()).max(span.range.start);
            let start = floor_char_boundary(&file.text, span.range.start);
            let width = file.text[start..floor_char_boundary(&file.text, end_in_line)].chars().count().max(1);
            let (shown, caret_at, width) = window(text, column - 1, width);
            writeln!(out, "{gutter} |")?;
            writeln!(out, "{line} | {shown}")?;
            writeln!(out, "{gutter} | {}{}", " ".repeat(caret_at), "^".repeat(width))?;
        }
        if let Some(help) = &diagnostic.help {
            writeln!(out, "{gutter} = help: {help}")?;
        }
    } else if let Some(help) = &diagnostic.help {
        writeln!(out, "  = help: {help}")?;
    }
    Ok(())
}

/// Lines longer than this are shown as a window around the finding.
const MAX_SHOWN: usize = 110;

/// The part of `text` to show, where the caret starts in it, and the caret's width: long lines
/// (wide Markdown tables) are cut to a window around the column, marked with `…`.
fn window(text: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    if chars.len() <= MAX_SHOWN {
        return (chars.into_iter().collect(), column, width);
    }
    let start = column.saturating_sub(30).min(chars.len().saturating_sub(MAX_SHOWN));
    let end = (start + MAX_SHOWN).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let caret_at = column - start + usize::from(start > 0);
    (shown, caret_at, width.min(end.saturating_sub(column)).max(1))
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_windowed_around_the_column() {
        let short = "status: efective";
        assert_eq!(window(short, 8, 8), (short.to_owned(), 8, 8));
        let long = format!("{}[x](missing.md){}", "a".repeat(200), "b".repeat(200));
        let (shown, caret_at, width) = window(&long, 200, 15);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().skip(caret_at).take(width).collect::<String>(), "[x](missing.md)");
    }
}
