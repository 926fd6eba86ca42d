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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SoaShape {
    /// No table has both a control column and an applicability column; the header of its
    /// largest table, if it has one.
    NoTable { columns: Vec<String> },
}

/// Header words of the column holding control ids, as statements name it.
pub const CONTROL_COLUMNS: &[&str] = &["control", "ref", "id", "annex", "no.", "number"];
/// Header words of the column saying whether a control applies.
pub const APPLICABLE_COLUMNS: &[&str] = &["applicab", "included", "include", "selected", "in scope"];
const JUSTIFICATION_COLUMNS: &[&str] = &["justification", "reason", "comment", "rationale", "why"];
const STATUS_COLUMNS: &[&str] = &["status", "implementation", "implemented"];

/// The column of `table` holding control ids: of the columns whose header names one, the one
/// whose cells most often start with a control id (`Ref` beside a `Control` column of titles).
fn control_column(table: &super::Table) -> Option<usize> {
    let candidates: Vec<usize> = table
        .header
        .iter()
        .enumerate()
        .filter(|(_, cell)| {
            let cell = cell.trim().to_lowercase();
            CONTROL_COLUMNS.iter().any(|name| cell.starts_with(name))
        })
        .map(|(i, _)| i)
        .collect();
    let ids_in = |column: usize| {
        table
            .rows
            .iter()
            .filter(|row| row.cells.get(column).is_some_and(|c| looks_like_control(&first_word(c))))
            .count()
    };
    candidates.iter().copied().max_by_key(|&c| (ids_in(c), std::cmp::Reverse(c)))
}

/// `A.5.1`, `5.1`, `8.34`: a control id, with or without the `A.`.
fn looks_like_control(id: &str) -> bool {
    let bare = id.strip_prefix("A.").unwrap_or(id);
    bare.contains('.') && bare.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads the statement from `document` (which has the `soa` field).
pub fn read_soa(document: &Document) -> Option<Result<Soa, SoaShape>> {
    let standard = document.meta.soa.as_ref()?.value.clone();
    let table = document.tables.iter().find(|t| control_column(t).is_some() && t.column(APPLICABLE_COLUMNS).is_some());
    let Some(table) = table else {
        let largest = document.tables.iter().max_by_key(|t| t.rows.len());
        let columns = largest.map(|t| t.header.iter().map(|c| c.trim().to_owned()).collect()).unwrap_or_default();
        return Some(Err(SoaShape::NoTable { columns }));
    };
    let control = control_column(table).unwrap_or(0);
    let applicable = table.column(APPLICABLE_COLUMNS).unwrap_or(1);
    let justification = table.column(JUSTIFICATION_COLUMNS);
    let status = table.column(STATUS_COLUMNS);
    let cell = |row: &TableRow, index: Option<usize>| index.and_then(|i| row.cells.get(i)).cloned().unwrap_or_default();
    let entries = table
        .rows
        .iter()
        .filter_map(|row| {
            let applicable_text = cell(row, Some(applicable));
            let control = control_id(&cell(row, Some(control)));
            // A row naming a category ("5 Organizational controls") with nothing decided.
            if !looks_like_control(&control) && applicable_text.trim().is_empty() {
                return None;
            }
            Some(SoaEntry {
                control,
                applicable: yes_no(&applicable_text),
                applicable_text,
                justification: cell(row, justification),
                status: Some(cell(row, status)).filter(|s| !s.is_empty()),
                range: row.range.clone(),
            })
        })
        .collect();
    Some(Ok(Soa { standard, entries }))
}

/// `A.5.1 Policies…` → `A.5.1`.
fn first_word(text: &str) -> String {
    text.split_whitespace().next().unwrap_or_default().trim_matches(|c| c == '*' || c == '_').to_owned()
}

/// The control id of a cell, `A.` added where the statement leaves it out (`5.1` → `A.5.1`):
/// the statement lists Annex A controls, whose ids all start so.
fn control_id(text: &str) -> String {
    let id = first_word(text);
    if looks_like_control(&id) && !id.starts_with("A.") { format!("A.{id}") } else { id }
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "applicable" | "included" | "selected" | "✓" | "✔" | "x" => Some(true),
        "no" | "n" | "false" | "not applicable" | "n/a" | "excluded" | "not selected" | "✗" | "✘" | "-" => {
            Some(false)
        }
        _ => None,
    }
}
