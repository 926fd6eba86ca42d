//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, which the
//! runner turns into annotations on the pull request's changed lines. One finding is one line:
//! the message and properties are encoded by [`github_data`] and [`github_property`].

use super::CheckReport;
use super::escape::{MESSAGE_LIMIT, clip, github_data, github_property};
use crate::diag::Severity;
use std::io::{self, Write};

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = Vec::new();
        if let Some((path, line, column)) = report.location(diagnostic) {
            properties.push(format!("file={}", github_property(path)));
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
        }
        properties.push(format!("title={}", github_property(&format!("qms {}", diagnostic.rule.code()))));
        let mut message = clip(&diagnostic.message, MESSAGE_LIMIT).into_owned();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(&clip(help, MESSAGE_LIMIT));
        }
        writeln!(out, "::{command} {}::{}", properties.join(","), github_data(&message))?;
    }
    let counts = report.counts();
    writeln!(
        out,
        "qms: {} documents, {} errors, {} warnings, {} notes",
        report.documents, counts.errors, counts.warnings, counts.notes
    )
}
