//! The master document register of `qms register`: table, Markdown, CSV, JSON.

use super::escape;
use super::matrix::{TableFormat, write_aligned};
use crate::model::{BeforeControl, Date, RegisterRow};
use std::io::{self, Write};

fn date(value: Option<Date>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

fn change(row: &RegisterRow) -> String {
    let mut text = row.last_change.as_ref().map(|(commit, date)| format!("{commit} {date}")).unwrap_or_default();
    if row.uncommitted {
        text.push_str(if text.is_empty() { "uncommitted" } else { " + uncommitted" });
    }
    text
}

const HEADER: [&str; 13] = [
    "ID",
    "TITLE",
    "TYPE",
    "VERSION",
    "STATUS",
    "OWNER",
    "APPROVER",
    "APPROVED",
    "EFFECTIVE",
    "LAST REVIEWED",
    "NEXT REVIEW",
    "REVISIONS",
    "LAST CHANGE",
];

fn cells(row: &RegisterRow) -> [String; 13] {
    [
        row.id.clone(),
        row.title.clone(),
        row.doc_type.clone(),
        row.version.clone(),
        row.status.clone(),
        row.owner.clone(),
        row.approver.clone(),
        date(row.approved),
        date(row.effective),
        date(row.last_reviewed),
        date(row.next_review),
        row.revisions.to_string(),
        change(row),
    ]
}

/// The sentence saying which documents of a historical register were not yet under control.
fn before_control_note(before: BeforeControl) -> String {
    let documents =
        if before.documents == 1 { "1 document".to_owned() } else { format!("{} documents", before.documents) };
    let since = before.controlled_from.map(|d| format!("; the set came under control on {d}")).unwrap_or_default();
    format!("{documents} existed as files not yet under control (history before control, not listed){since}")
}

/// Writes the register; `as_of` names the date of a historical register, `before_control`
/// the documents of that day that were not yet under control.
pub fn write(
    format: TableFormat,
    rows: &[RegisterRow],
    as_of: Option<Date>,
    before_control: Option<BeforeControl>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut heading = match as_of {
        Some(date) => format!("Master document register as of {date} ({} documents)", rows.len()),
        None => format!("Master document register ({} documents)", rows.len()),
    };
    if let Some(before) = before_control.filter(|_| format != TableFormat::Json) {
        heading.push('\n');
        heading.push_str(&before_control_note(before));
    }
    match format {
        TableFormat::Table => {
            writeln!(out, "{heading}")?;
            let cells: Vec<[String; 13]> = rows.iter().map(cells).collect();
            write_aligned(out, &HEADER, &cells)
        }
        TableFormat::Markdown => {
            writeln!(out, "## {heading}\n")?;
            writeln!(out, "| {} |", HEADER.map(title_case).join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(HEADER.len()))?;
            for row in rows {
                writeln!(
                    out,
                    "| {} |",
                    cells(row).iter().map(|c| escape::markdown(c)).collect::<Vec<_>>().join(" | ")
                )?;
            }
            Ok(())
        }
        TableFormat::Csv => {
            writeln!(
                out,
                "id,title,type,version,status,owner,approver,approved,effective,last_reviewed,next_review,revisions,last_change,path"
            )?;
            for row in rows {
                let mut fields = cells(row).to_vec();
                fields.push(row.path.clone());
                writeln!(out, "{}", fields.iter().map(|f| escape::csv(f)).collect::<Vec<_>>().join(","))?;
            }
            Ok(())
        }
        TableFormat::Json => {
            let documents: Vec<_> = rows
                .iter()
                .map(|row| {
                    serde_json::json!({
                        "id": row.id, "title": row.title, "type": row.doc_type, "version": row.version, "status": row.status, "state": row.state.as_str(),
                        "owner": row.owner, "approver": row.approver, "approved": row.approved.map(|d| d.to_string()),
                        "effective": row.effective.map(|d| d.to_string()), "last_reviewed": row.last_reviewed.map(|d| d.to_string()),
                        "next_review": row.next_review.map(|d| d.to_string()), "revisions": row.revisions,
                        "last_change": row.last_change.as_ref().map(|(c, d)| serde_json::json!({"commit": c, "date": d.to_string()})),
                        "uncommitted": row.uncommitted, "path": row.path, "change": row.change, "aliases": row.aliases,
                        "revisions_before_control": row.header_revisions.iter().map(|r| serde_json::json!({
                            "date": r.date.to_string(), "comment": r.comment, "standing": crate::model::FROM_THE_HEADER,
                        })).collect::<Vec<_>>(),
                        "accepted": row.accepted.iter().map(|a| serde_json::json!({
                            "code": a.code, "commit": a.commit, "reason": a.reason, "by": a.by, "date": a.date.to_string(),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let mut json = serde_json::json!({ "as_of": as_of.map(|d| d.to_string()), "documents": documents });
            // Present only when some documents of that day were not yet under control.
            if let Some(before) = before_control {
                json["before_control"] = serde_json::json!({
                    "documents": before.documents, "controlled_from": before.controlled_from.map(|d| d.to_string()),
                });
            }
            escape::write_json(out, &json)
        }
    }
}

fn title_case(header: &str) -> String {
    let lower = header.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
