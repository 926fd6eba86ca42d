//! The JSON format of DESIGN.md §3: `{"diagnostics": [...], "summary": {...}}`, absent values
//! as `null`.

use super::{CheckReport, escape};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<&'a str>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let location = report.location(diagnostic);
            JsonDiagnostic {
                code: diagnostic.rule.code(),
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                file: location.map(|(path, _, _)| path),
                line: location.map(|(_, line, _)| line),
                column: location.map(|(_, _, column)| column),
                field: diagnostic.field.as_deref(),
                help: diagnostic.help.as_deref(),
            }
        })
        .collect();
    let counts = report.counts();
    let output = Output {
        diagnostics,
        summary: Summary {
            documents: report.documents,
            errors: counts.errors,
            warnings: counts.warnings,
            notes: counts.notes,
        },
    };
    escape::write_json(out, &output)
}
