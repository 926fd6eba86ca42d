//! Diagnostics → text for terminals and CI. One [`Diagnostic`] value feeds every format.

pub mod changes;
pub mod cycle;
pub mod escape;
mod github;
mod human;
mod json;
mod junit;
pub mod matrix;
pub mod register;
mod sarif;
pub mod schedule;
mod short;

use crate::diag::{Counts, Diagnostic};
use crate::source::SourceFiles;
use std::io::{self, Write};

/// Output formats of `qms check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col`, the source line with a caret, and help.
    Human,
    /// One line per finding: `file:line:col: severity[code] message`.
    Short,
    /// One JSON object: `{"diagnostics": [...], "summary": {...}}`.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: one test case per document, failures for its errors.
    Junit,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

/// What a check run found, ready to print.
#[derive(Debug, Clone, Copy)]
pub struct CheckReport<'a> {
    pub files: &'a SourceFiles,
    pub diagnostics: &'a [Diagnostic],
    /// Number of documents checked.
    pub documents: usize,
    /// The path of every document checked, sorted (JUnit lists each as a test case).
    pub checked: &'a [String],
}

impl CheckReport<'_> {
    pub fn counts(&self) -> Counts {
        Counts::of(self.diagnostics)
    }

    /// Path, 1-based line and column of a finding, where it has a place.
    fn location(&self, diagnostic: &Diagnostic) -> Option<(&str, usize, usize)> {
        let span = diagnostic.span.as_ref()?;
        let file = self.files.get(span.file);
        let (line, column) = file.line_col(span.range.start);
        Some((file.path.as_str(), line, column))
    }
}

/// Writes `report` in `format`.
pub fn write_check(format: Format, report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out),
        Format::Short => short::write(report, out),
        Format::Json => json::write(report, out),
        Format::Github => github::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Sarif => sarif::write(report, out),
    }
}

/// "3 errors, 1 warning".
fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}
