//! The clause × document matrix of `qms trace`: terminal table, Markdown, CSV and JSON.

use super::escape;
use crate::model::{RequirementKind, Status};
use crate::trace::{Applicability, Citation, ClauseStatus, Coverage, Exclusion, RequirementState, Row, StandardTrace};
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of `qms trace`, `register` and `reviews`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for the terminal.
    Table,
    /// GitHub-flavoured Markdown tables (for a wiki page or a pull-request comment).
    Markdown,
    /// Comma-separated values with a header row (for a spreadsheet).
    Csv,
    /// One JSON object.
    Json,
}

/// Whether `--gaps` shows the row.
pub fn is_gap(row: &Row) -> bool {
    row.status() == ClauseStatus::Gap
}

fn citation_label(citation: &Citation) -> String {
    let status = if citation.in_force {
        String::new()
    } else {
        format!(" ({})", citation.status.map_or("no status", Status::as_str))
    };
    let via = citation.via.as_ref().map_or(String::new(), |(standard, clause)| format!(" [via {standard} {clause}]"));
    format!("{}{status}{via}", citation.id)
}

fn documents(row: &Row) -> String {
    row.citations.iter().map(citation_label).collect::<Vec<_>>().join(", ")
}

/// The documents column of the terminal table: at most four, then a count.
fn documents_short(row: &Row) -> String {
    let label = |c: &Citation| {
        let status =
            if c.in_force { String::new() } else { format!(" ({})", c.status.map_or("no status", |s| s.as_str())) };
        format!("{}{}{status}", c.id, if c.via.is_some() { "*" } else { "" })
    };
    let mut labels: Vec<String> = row.citations.iter().take(4).map(label).collect();
    if row.citations.len() > 4 {
        labels.push(format!("+{} more", row.citations.len() - 4));
    }
    labels.join(", ")
}

fn required(row: &Row) -> String {
    required_with(row, str::to_owned)
}

fn required_with(row: &Row, what: impl Fn(&str) -> String) -> String {
    row.requirements
        .iter()
        .filter(|r| r.requirement.kind == RequirementKind::Document)
        .map(|r| {
            let state = match &r.state {
                RequirementState::Met { by } => format!("met by {}", by.join(", ")),
                RequirementState::Unmet { .. } => "MISSING".to_owned(),
                RequirementState::NotRequired { .. } => "not required".to_owned(),
                RequirementState::Record => "record".to_owned(),
            };
            format!("{}: {state}", what(&r.requirement.what))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn justification(row: &Row) -> String {
    match &row.applicability {
        Applicability::Applicable => String::new(),
        Applicability::NotApplicable { justification, source: Exclusion::Parent(parent) } => {
            format!("(as {parent}) {justification}")
        }
        Applicability::NotApplicable { justification, .. } => justification.clone(),
    }
}

fn coverage_line(coverage: &Coverage) -> String {
    format!(
        "clauses addressed {}/{} ({}), required documents met {}/{}, not applicable {}",
        coverage.addressed_clauses,
        coverage.applicable_clauses,
        coverage.clause_percent(),
        coverage.met_documents,
        coverage.required_documents,
        coverage.not_applicable_clauses
    )
}

fn shown_rows(trace: &StandardTrace, gaps_only: bool) -> Vec<&Row> {
    trace.rows.iter().filter(|r| !gaps_only || is_gap(r)).collect()
}

/// Writes the matrices of `traces` in `format`; with `gaps_only`, only the gaps.
pub fn write(format: TableFormat, traces: &[&StandardTrace], gaps_only: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        TableFormat::Table => {
            for (index, trace) in traces.iter().enumerate() {
                if index > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{} ({})", escape::terminal(&trace.title), escape::terminal(&trace.id))?;
                writeln!(out, "{}", coverage_line(&trace.coverage()))?;
                let cells: Vec<[String; 5]> = shown_rows(trace, gaps_only)
                    .into_iter()
                    .map(|row| {
                        let indent = "  ".repeat(usize::from(row.level.saturating_sub(1)));
                        let detail = if row.applicability == Applicability::Applicable {
                            required_with(row, |what| truncate(what, 40))
                        } else {
                            truncate(&justification(row), 80)
                        };
                        [
                            format!("{indent}{}", row.clause),
                            truncate(&row.title, 44),
                            row.status().as_str().to_owned(),
                            documents_short(row),
                            detail,
                        ]
                    })
                    .collect();
                if cells.is_empty() {
                    writeln!(out, "no gaps")?;
                    continue;
                }
                write_aligned(out, &["CLAUSE", "TITLE", "STATUS", "DOCUMENTS", "REQUIRED / JUSTIFICATION"], &cells)?;
                if shown_rows(trace, gaps_only).iter().any(|r| r.citations.iter().any(|c| c.via.is_some())) {
                    writeln!(out, "* credited through the Harmonized Structure (integrated = true)")?;
                }
            }
            Ok(())
        }
        TableFormat::Markdown => {
            for trace in traces {
                writeln!(out, "## {} ({})\n", escape::markdown(&trace.title), escape::markdown_code(&trace.id))?;
                writeln!(out, "{}\n", coverage_line(&trace.coverage()))?;
                writeln!(out, "| Clause | Title | Status | Documents | Required documents / justification |")?;
                writeln!(out, "|---|---|---|---|---|")?;
                for row in shown_rows(trace, gaps_only) {
                    let detail =
                        if row.applicability == Applicability::Applicable { required(row) } else { justification(row) };
                    writeln!(
                        out,
                        "| {} | {} | {} | {} | {} |",
                        escape::markdown(&row.clause),
                        escape::markdown(&row.title),
                        row.status().as_str(),
                        escape::markdown(&documents(row)),
                        escape::markdown(&detail)
                    )?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
        TableFormat::Csv => {
            writeln!(out, "standard,clause,title,status,documents,required_documents,justification")?;
            for trace in traces {
                for row in shown_rows(trace, gaps_only) {
                    let fields = [
                        &trace.id,
                        &row.clause,
                        &row.title,
                        row.status().as_str(),
                        &documents(row),
                        &required(row),
                        &justification(row),
                    ];
                    writeln!(out, "{}", fields.iter().map(|f| escape::csv(f)).collect::<Vec<_>>().join(","))?;
                }
            }
            Ok(())
        }
        TableFormat::Json => {
            let standards: Vec<JsonStandard> = traces
                .iter()
                .map(|trace| JsonStandard {
                    id: &trace.id,
                    title: &trace.title,
                    coverage: trace.coverage(),
                    statement_of_applicability: trace.soa.as_ref().map(|(id, _)| id.as_str()),
                    clauses: shown_rows(trace, gaps_only).into_iter().map(json_row).collect(),
                })
                .collect();
            escape::write_json(out, &serde_json::json!({ "standards": standards }))
        }
    }
}

#[derive(Serialize)]
struct JsonStandard<'a> {
    id: &'a str,
    title: &'a str,
    coverage: Coverage,
    statement_of_applicability: Option<&'a str>,
    clauses: Vec<serde_json::Value>,
}

fn json_row(row: &Row) -> serde_json::Value {
    let (applicable, justification, excluded_by) = match &row.applicability {
        Applicability::Applicable => (true, None, None),
        Applicability::NotApplicable { justification, source } => {
            (false, Some(justification.clone()), Some(source.source()))
        }
    };
    let documents: Vec<_> = row
        .citations
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id, "path": c.path, "status": c.status.map(Status::as_str), "in_force": c.in_force,
                "via": c.via.as_ref().map(|(standard, clause)| serde_json::json!({"standard": standard, "clause": clause})),
            })
        })
        .collect();
    let requirements: Vec<_> = row
        .requirements
        .iter()
        .map(|r| {
            serde_json::json!({
                "kind": r.requirement.kind.as_str(),
                "reference": r.requirement.reference, "what": r.requirement.what, "condition": r.requirement.condition,
                "state": r.state.as_str(), "met_by": r.state.met_by(), "pending": r.state.pending(),
                "reason": r.state.reason(),
            })
        })
        .collect();
    serde_json::json!({
        "id": row.clause, "title": row.title, "level": row.level, "status": row.status().as_str(),
        "applicable": applicable, "justification": justification, "excluded_by": excluded_by,
        "addressed": row.addressed, "documents": documents, "requirements": requirements,
    })
}

/// The widest a column of a terminal table gets but the last; longer cells end in `…` (the
/// Markdown, CSV and JSON formats keep them whole).
pub const COLUMN_LIMIT: usize = 48;

/// Columns padded to their widest cell; the last column is not padded. Every cell is cut to
/// [`escape::CELL_LIMIT`] characters (those of other columns than the last to
/// [`COLUMN_LIMIT`]) and shown in the terminal convention ([`escape::terminal`]): the one place
/// terminal tables meet user content.
pub fn write_aligned<const N: usize>(out: &mut dyn Write, header: &[&str; N], rows: &[[String; N]]) -> io::Result<()> {
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|row| {
            let mut index = 0;
            row.each_ref().map(|cell| {
                let limit = if index + 1 == N { escape::CELL_LIMIT } else { COLUMN_LIMIT };
                index += 1;
                // Cut by the characters written, before the escapes that show control characters.
                escape::terminal(&truncate(&escape::clip(cell, escape::CELL_LIMIT), limit)).into_owned()
            })
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (index, cell) in cells.iter().enumerate() {
            if index + 1 == N {
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.push_str(&" ".repeat(widths[index] - cell.chars().count() + 2));
            }
        }
        text.trim_end().to_owned()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_so_rows_stay_readable() {
        let long =
            "Questionnaire on cybersecurity for medical devices, technical documentation and the rest".to_owned();
        let mut out = Vec::new();
        write_aligned(&mut out, &["ID", "TITLE", "PATH"], &[["SOP-1".into(), long.clone(), long.clone()]]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let row = text.lines().nth(1).unwrap();
        let title: String = long.chars().take(COLUMN_LIMIT - 1).collect();
        assert!(row.starts_with(&format!("SOP-1  {title}…  ")), "{row}");
        assert!(row.ends_with(&long), "the last column is whole: {row}");
    }
}
