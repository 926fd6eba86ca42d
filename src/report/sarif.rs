//! SARIF 2.1.0, the format code-scanning services read (GitHub code scanning, GitLab, Azure).
//! Rules used by the results are described from the same table as `qms explain`. Texts are
//! exact (JSON escapes them); file paths are URI references, percent-encoded.

use super::{CheckReport, escape};
use crate::diag::{Rule, Severity};
use serde_json::json;
use std::collections::BTreeSet;
use std::io::{self, Write};

pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let used: BTreeSet<Rule> = report.diagnostics.iter().map(|d| d.rule).collect();
    let rules: Vec<_> = used
        .iter()
        .map(|rule| {
            let doc = rule.doc();
            json!({
                "id": rule.code(),
                "shortDescription": {"text": doc.summary},
                "fullDescription": {"text": doc.why},
                "help": {"text": doc.fix},
                "defaultConfiguration": {"level": level(rule.default_severity())},
            })
        })
        .collect();
    let results: Vec<_> = report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": diagnostic.rule.code(),
                "level": level(diagnostic.severity),
                "message": {"text": text},
            });
            if let Some((path, line, column)) = report.location(diagnostic) {
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {"uri": escape::uri_path(path)},
                        "region": {"startLine": line, "startColumn": column},
                    }
                }]);
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "qms", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "results": results,
        }],
    });
    escape::write_json(out, &sarif)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}
