//! The terminal format: each finding with its place, the source line, a caret and help.

use super::{CheckReport, escape, plural};
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
    let message = escape::terminal_message(&diagnostic.message);
    writeln!(out, "{}[{}]: {message}", diagnostic.severity, diagnostic.rule.code())?;
    let help = diagnostic.help.as_deref().map(escape::terminal_message);
    if let Some(span) = &diagnostic.span {
        let file = report.files.get(span.file);
        let (line, column) = file.line_col(span.range.start);
        let gutter = " ".repeat(line.to_string().len());
        writeln!(out, "{gutter}--> {}:{line}:{column}", escape::terminal(&file.path))?;
        let text = file.line_index().line_text(&file.text, line);
        if !text.is_empty() {
            // Underline the span on its first line (at least one caret).
            let line_start = file.line_index().line_start(line);
            let in_line =
                |offset: usize| floor_char_boundary(&file.text, offset.min(file.text.len())).saturating_sub(line_start);
            let start = in_line(span.range.start).min(text.len());
            let end = in_line(span.range.end).clamp(start, text.len());
            let (shown, caret_at, width) = window(text, start, end);
            writeln!(out, "{gutter} |")?;
            writeln!(out, "{line} | {shown}")?;
            writeln!(out, "{gutter} | {}{}", " ".repeat(caret_at), "^".repeat(width))?;
        }
        if let Some(help) = help {
            writeln!(out, "{gutter} = help: {help}")?;
        }
    } else if let Some(help) = help {
        writeln!(out, "  = help: {help}")?;
    }
    Ok(())
}

/// Characters of a long line shown around the finding.
const MAX_SHOWN: usize = 110;
/// Of those, the characters before the finding (more when the line ends soon after it).
const SHOWN_BEFORE: usize = 30;

/// The part of `line` to show for a span from byte `start` to byte `end` of it (char
/// boundaries), where the caret starts in it, and the caret's width. Long lines (wide Markdown
/// tables) are cut to a window around the span, marked with `…`; the work is proportional to
/// the window, not the line. Tabs show as spaces, other controls in the terminal convention
/// ([`escape::terminal`]), and the caret counts what is shown.
fn window(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let mut from = start;
    let mut count = 0;
    for (at, _) in line[..start].char_indices().rev().take(SHOWN_BEFORE) {
        from = at;
        count += 1;
    }
    let mut to = start;
    for (at, c) in line[start..].char_indices().take(MAX_SHOWN - count) {
        to = start + at + c.len_utf8();
        count += 1;
    }
    if to == line.len() {
        for (at, _) in line[..from].char_indices().rev().take(MAX_SHOWN - count) {
            from = at;
        }
    }
    let show = |part: &str| escape::terminal(&part.replace('\t', " ")).into_owned();
    let (before, span, after) =
        (show(&line[from..start]), show(&line[start..end.min(to)]), show(&line[end.min(to)..to]));
    let open = if from > 0 { "…" } else { "" };
    let close = if to < line.len() { "…" } else { "" };
    let caret_at = open.chars().count() + before.chars().count();
    let width = span.chars().count().max(1);
    (format!("{open}{before}{span}{after}{close}"), caret_at, width)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        let short = "status: efective";
        assert_eq!(window(short, 8, 16), (short.to_owned(), 8, 8));
        let long = format!("{}[x](missing.md){}", "a".repeat(200), "b".repeat(200));
        let (shown, caret_at, width) = window(&long, 200, 215);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), 112);
        assert_eq!(shown.chars().skip(caret_at).take(width).collect::<String>(), "[x](missing.md)");
    }

    #[test]
    fn the_window_reaches_back_at_the_end_of_a_line() {
        let long = format!("{}[x]", "é".repeat(300));
        let (shown, caret_at, width) = window(&long, 600, 603);
        assert_eq!(shown.chars().count(), 111);
        assert!(shown.starts_with('…') && shown.ends_with("[x]"));
        assert_eq!((caret_at, width), (108, 3));
    }

    #[test]
    fn controls_are_shown_and_the_caret_follows() {
        let line = "a\x1b[2J\tb [x](#m)";
        let (shown, caret_at, width) = window(line, 8, 15);
        assert_eq!(shown, "a\\x1b[2J b [x](#m)");
        assert_eq!(shown.chars().skip(caret_at).take(width).collect::<String>(), "[x](#m)");
    }
}
