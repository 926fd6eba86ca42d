//! The Statement of Applicability (ISO/IEC 27001 6.1.3 d): a controlled register document whose
//! front matter says `soa: iso27001:2022` and whose body holds one table, a row per Annex A
//! control: control id, applicable (yes/no), justification, implementation status.

use super::{Document, TableRow};
use std::ops::Range;

/// One row of the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoaEntry {
    pub control: String,
    /// `None` when the cell cannot be read as yes or no.
    pub applicable: Option<bool>,
    pub applicable_text: String,
    pub justification: String,
    pub status: Option<String>,
    pub range: Range<usize>,
}

/// The statement as read from its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Soa {
    /// The standard whose Annex A the statement covers.
    pub standard: String,
    pub entries: Vec<SoaEntry>,
}

/// Why a document meant as a statement could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoaShape {
    /// No table has both a control column and an applicability column.
    NoTable,
}

/// Reads the statement from `document` (which has the `soa` field).
pub fn read_soa(document: &Document) -> Option<Result<Soa, SoaShape>> {
    let standard = document.meta.soa.as_ref()?.value.clone();
    let table = document.tables.iter().find(|t| t.column(&["control"]).is_some() && t.column(&["applicab"]).is_some());
    let Some(table) = table else { return Some(Err(SoaShape::NoTable)) };
    let column = |names: &[&str]| table.column(names);
    let control = column(&["control"]).unwrap_or(0);
    let applicable = column(&["applicab"]).unwrap_or(1);
    let justification = column(&["justification", "reason"]);
    let status = column(&["status", "implementation"]);
    let cell = |row: &TableRow, index: Option<usize>| index.and_then(|i| row.cells.get(i)).cloned().unwrap_or_default();
    let entries = table
        .rows
        .iter()
        .map(|row| {
            let applicable_text = cell(row, Some(applicable));
            SoaEntry {
                control: first_word(&cell(row, Some(control))),
                applicable: yes_no(&applicable_text),
                applicable_text,
                justification: cell(row, justification),
                status: Some(cell(row, status)).filter(|s| !s.is_empty()),
                range: row.range.clone(),
            }
        })
        .collect();
    Some(Ok(Soa { standard, entries }))
}

/// `A.5.1 Policies…` → `A.5.1`.
fn first_word(text: &str) -> String {
    text.split_whitespace().next().unwrap_or_default().to_owned()
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "applicable" | "included" | "✓" | "✔" | "x" => Some(true),
        "no" | "n" | "false" | "not applicable" | "n/a" | "excluded" | "✗" | "✘" | "-" => Some(false),
        _ => None,
    }
}
