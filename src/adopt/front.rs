//! The front matter `qms adopt` writes above a document's unchanged body: the fields every
//! document needs, the approval fields the chosen status requires (dated by the file's last
//! commit), the clauses, and what another tool's header held that has no field of its own.

use super::{Adopted, Options};
use crate::model::Status;
use crate::scaffold::yaml_text;
use std::fmt::Write as _;

/// The whole file: front matter, then `adopted.body` byte for byte.
pub fn render(adopted: &Adopted, options: &Options) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "id: {}", adopted.id.value);
    let _ = writeln!(text, "title: {}", yaml_text(&adopted.title.value));
    let _ = writeln!(text, "type: {}", adopted.doc_type.value);
    let _ = writeln!(text, "version: \"1.0\"");
    let _ = writeln!(text, "status: {}", options.status.as_str());
    let _ = writeln!(text, "owner: {}", yaml_text(&options.owner));
    let date = adopted.last_commit.unwrap_or(options.today);
    if matches!(options.status, Status::Approved | Status::Effective | Status::Obsolete)
        && let Some(approver) = &options.approver
    {
        let _ = writeln!(text, "approver: {}", yaml_text(approver));
    }
    if matches!(options.status, Status::Approved | Status::Effective) {
        let _ = writeln!(text, "approved: {date}");
    }
    if options.status == Status::Effective {
        let _ = writeln!(text, "effective: {date}");
    }
    if !adopted.clauses.is_empty() {
        text.push_str("clauses:\n");
        for (standard, clauses) in &adopted.clauses {
            let list = clauses.iter().map(|c| yaml_quoted(c)).collect::<Vec<_>>().join(", ");
            let _ = writeln!(text, "  {}: [{list}]", yaml_quoted(standard));
        }
    }
    if let Some(header) = &adopted.header {
        let aliases: Vec<String> = header.acronym.iter().chain(header.id.iter()).map(|a| yaml_quoted(a)).collect();
        if !aliases.is_empty() {
            let _ = writeln!(text, "aliases: [{}]", aliases.join(", "));
        }
        // No `change:` from the last of them: that is the reason of a revision before control,
        // shown as its own row, not of the version the adoption commits.
        if !header.revisions.is_empty() {
            text.push_str("major_revisions:\n");
            for (date, comment) in &header.revisions {
                // comply writes `Jun 1 2018`; kept as written when it is no date we can read.
                let date =
                    crate::load::major_revisions::loose_date(date).map_or_else(|| yaml_quoted(date), |d| d.to_string());
                let _ = writeln!(text, "  - date: {date}\n    comment: {}", yaml_quoted(comment));
            }
        }
        for (key, value) in &header.other {
            let _ = writeln!(text, "{key}: {}", yaml_quoted(value));
        }
    }
    text.push_str("---\n");
    text.push_str(&adopted.body);
    text
}

/// Always double-quoted (clause ids such as `7.10` must stay text).
fn yaml_quoted(text: &str) -> String {
    let plain = yaml_text(text);
    if plain.starts_with('"') { plain } else { format!("\"{plain}\"") }
}
