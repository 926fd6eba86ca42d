//! Clause maps as template sets ship them (`27001-mapping.md`): a Markdown or CSV table with a
//! clause column (Section, Clause, Control, Ref, …) and a document column (Document, Fulfilled
//! in Document, …) naming documents by id, title or link, several to a cell.

/// One row of a map: the clause and the document references of its document cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line in the map file.
    pub line: usize,
    pub clause: String,
    /// Each reference as written (emphasis removed), with a link's target when it is a link.
    pub references: Vec<Reference>,
    /// The cell said the clause does not apply ("- not applicable -", "N/A").
    pub not_applicable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub text: String,
    pub link: Option<String>,
}

const CLAUSE_HEADERS: &[&str] =
    &["section", "clause", "control", "requirement", "ref", "reference", "id", "no", "number"];
const DOCUMENT_HEADERS: &[&str] =
    &["document", "documents", "fulfilled", "evidence", "addressed", "where", "policy", "procedure"];

fn header_word_match(cell: &str, words: &[&str]) -> bool {
    let lower = clean(cell).to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w))
}

/// The rows of every table in `text` (`csv` for a CSV file) that has a clause and a document
/// column; `Err` says which columns were found when no table has both.
pub fn read(text: &str, csv: bool) -> Result<Vec<Row>, String> {
    let tables = if csv { vec![csv_table(text)] } else { markdown_tables(text) };
    let mut rows = Vec::new();
    let mut headers_seen = Vec::new();
    for table in tables {
        let Some((_, header)) = table.first() else { continue };
        let clause_column = header.iter().position(|c| header_word_match(c, CLAUSE_HEADERS));
        let document_column = header
            .iter()
            .enumerate()
            .position(|(i, c)| Some(i) != clause_column && header_word_match(c, DOCUMENT_HEADERS));
        let (Some(clause_column), Some(document_column)) = (clause_column, document_column) else {
            headers_seen.push(header.iter().map(|c| clean(c)).collect::<Vec<_>>().join(", "));
            continue;
        };
        for (line, cells) in table.iter().skip(1) {
            let clause = cells.get(clause_column).map(|c| clause_id(c)).unwrap_or_default();
            if clause.is_empty() {
                continue;
            }
            let cell = cells.get(document_column).map_or("", String::as_str);
            let says_not_applicable = |text: &str| {
                let lowered = text.to_lowercase();
                lowered.contains("not applicable") || lowered.trim_matches(['-', ' ']) == "n/a"
            };
            let mut references = references(cell);
            let before = references.len();
            references.retain(|r| !says_not_applicable(&r.text));
            let not_applicable = references.is_empty() && before > 0;
            rows.push(Row { line: *line, clause, references, not_applicable });
        }
    }
    if rows.is_empty() && !headers_seen.is_empty() {
        return Err(format!(
            "no table has both a clause column (Section, Clause, Control, Ref) and a document column (Document, Fulfilled in Document); found the columns: {}",
            headers_seen.join(" / ")
        ));
    }
    if rows.is_empty() {
        return Err("it holds no table of clauses and documents".to_owned());
    }
    Ok(rows)
}

/// `**4.2.3**` → `4.2.3`; `A.5.1 Policies` → `A.5.1`; a cell without a digit is no clause.
fn clause_id(cell: &str) -> String {
    let cleaned = clean(cell);
    let first = cleaned.split_whitespace().next().unwrap_or("").trim_end_matches([':', ')']);
    let first = first.trim_end_matches('.');
    if first.chars().any(|c| c.is_ascii_digit()) { first.to_owned() } else { String::new() }
}

/// Emphasis, escapes and surrounding spaces removed.
fn clean(text: &str) -> String {
    text.replace("\\-", "-").replace("\\|", "|").replace(['*', '`'], "").trim().trim_matches('_').trim().to_owned()
}

fn references(cell: &str) -> Vec<Reference> {
    let mut parts = vec![cell.to_owned()];
    for separator in ["<br>", "<br/>", "<br />", "<BR>", ";", ","] {
        parts = parts.iter().flat_map(|p| p.split(separator).map(str::to_owned).collect::<Vec<_>>()).collect();
    }
    parts
        .iter()
        .filter_map(|part| {
            let part = clean(part);
            if part.is_empty() || part.chars().all(|c| c == '-' || c == ' ') {
                return None;
            }
            // `[text](target)`
            if let Some(rest) = part.strip_prefix('[')
                && let Some((text, tail)) = rest.split_once("](")
                && let Some(target) = tail.strip_suffix(')')
            {
                return Some(Reference { text: clean(text), link: Some(target.trim().to_owned()) });
            }
            Some(Reference { text: part, link: None })
        })
        .collect()
}

/// Every pipe table: rows of cells with their line, header first, the separator row left out.
fn markdown_tables(text: &str) -> Vec<Vec<(usize, Vec<String>)>> {
    let mut tables = Vec::new();
    let mut current: Vec<(usize, Vec<String>)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('|') || (current.len() == 1 && trimmed.contains('|')) {
            let cells = split_row(trimmed);
            let separator = cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
            if !separator {
                current.push((index + 1, cells));
            }
        } else if !current.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

fn split_row(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').filter(|s| !s.ends_with('\\')).unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(cell) = cells.last_mut() {
                    cell.push('|');
                }
            }
            '|' => cells.push(String::new()),
            c => {
                if let Some(cell) = cells.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// A CSV file as one table (RFC 4180 quoting; a quoted cell may hold commas and line breaks).
fn csv_table(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted, mut line, mut start_line) = (Vec::new(), String::new(), false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => row.push(std::mem::take(&mut cell)),
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push((start_line, std::mem::take(&mut row)));
                line += 1;
                start_line = line;
            }
            '\r' if !quoted => {}
            c => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((start_line, row));
    }
    rows.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_sets_mapping_table_is_read() {
        let text = "# Mapping\n\n| Section | Title | Document |\n|---|---|---|\n| 4.1 | General | *Quality Manual*<br>*SOP Purchasing* |\n| **4.2.4** | Control | [Document control](qms/sop-doc.md) |\n| 6.4 | Work | *\\- not applicable \\-* |\n| 7.1 | Planning |  |\n";
        let rows = read(text, false).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].clause, "4.1");
        assert_eq!(rows[0].line, 5);
        assert_eq!(
            rows[0].references.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            ["Quality Manual", "SOP Purchasing"]
        );
        assert_eq!(rows[1].references[0].link.as_deref(), Some("qms/sop-doc.md"));
        assert!(rows[2].not_applicable && rows[2].references.is_empty());
        assert!(!rows[3].not_applicable && rows[3].references.is_empty());
    }

    #[test]
    fn csv_maps_and_unknown_headers() {
        let rows = read("Clause,Document\n7.5,\"SOP-001, SOP-002\"\n8.1,Operations\n", true).unwrap();
        assert_eq!(rows[0].references.len(), 2);
        assert_eq!(rows[1].line, 3);
        let error = read("| A | B |\n|---|---|\n| 1 | x |\n", false).unwrap_err();
        assert!(error.contains("found the columns: A, B"), "{error}");
    }
}
