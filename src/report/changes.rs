//! The document change notice of `qms changes`, with each version's reason for change:
//! Markdown for a pull-request comment or release notes, and JSON. Every text in the Markdown
//! passes [`escape::markdown`], commit subjects and author names cut to [`SUBJECT_LIMIT`]; the
//! JSON is exact.

use super::escape::{self, SUBJECT_LIMIT, clip};
use crate::model::{ChangeNotice, ChangedDocument, RevisionMeta};
use std::io::{self, Write};

/// Output formats of `qms changes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NoticeFormat {
    Markdown,
    Json,
}

fn text(value: Option<&String>) -> String {
    value.cloned().unwrap_or_default()
}

fn version(meta: Option<&RevisionMeta>) -> String {
    meta.and_then(|m| m.version.as_ref()).map_or_else(|| "—".to_owned(), ToString::to_string)
}

fn title(entry: &ChangedDocument) -> String {
    text(entry.after.or(entry.before).and_then(|m| m.title.as_ref()))
}

/// The reason for the new version (`change`), if it says one.
fn reason(entry: &ChangedDocument) -> String {
    text(entry.after.and_then(|m| m.change.as_ref()))
}

/// `a1b2c3d Subject (Author, date)` per commit; subjects and names cut to `limit` characters.
fn commits(entry: &ChangedDocument, limit: usize) -> Vec<String> {
    entry
        .revisions
        .iter()
        .filter_map(|r| r.commit.as_ref())
        .map(|c| {
            let (summary, author) = (clip(&c.summary, limit), clip(&c.author.name, limit));
            format!("{} {summary} ({author}, {})", &c.id[..c.id.len().min(7)], c.date)
        })
        .collect()
}

/// Writes the notice between `from` and `to` (labels as given on the command line).
pub fn write(format: NoticeFormat, notice: &ChangeNotice, from: &str, to: &str, out: &mut dyn Write) -> io::Result<()> {
    match format {
        NoticeFormat::Markdown => markdown(notice, from, to, out),
        NoticeFormat::Json => {
            let entry = |e: &ChangedDocument| {
                let meta = |m: Option<&RevisionMeta>| {
                    m.map(|m| {
                        serde_json::json!({
                            "version": m.version.as_ref().map(ToString::to_string), "status": m.status.map(crate::model::Status::as_str),
                            "approver": m.approver, "approved": m.approved.map(|d| d.to_string()),
                            "effective": m.effective.map(|d| d.to_string()), "title": m.title, "change": m.change,
                        })
                    })
                };
                serde_json::json!({ "id": e.id, "path": e.path, "title": title(e), "before": meta(e.before), "after": meta(e.after), "commits": commits(e, usize::MAX) })
            };
            let json = serde_json::json!({
                "from": from, "to": to,
                "summary": { "added": notice.added.len(), "withdrawn": notice.withdrawn.len(), "revised": notice.revised.len() },
                "added": notice.added.iter().map(entry).collect::<Vec<_>>(),
                "withdrawn": notice.withdrawn.iter().map(entry).collect::<Vec<_>>(),
                "revised": notice.revised.iter().map(entry).collect::<Vec<_>>(),
            });
            escape::write_json(out, &json)
        }
    }
}

fn markdown(notice: &ChangeNotice, from: &str, to: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Document change notice: {} → {}\n", escape::markdown_code(from), escape::markdown_code(to))?;
    writeln!(
        out,
        "{} added, {} withdrawn or made obsolete, {} revised.\n",
        notice.added.len(),
        notice.withdrawn.len(),
        notice.revised.len()
    )?;
    if !notice.added.is_empty() {
        writeln!(
            out,
            "### Added\n\n| Document | Title | Version | Status | Approver | Approved | Reason |\n|---|---|---|---|---|---|---|"
        )?;
        for e in &notice.added {
            let after = e.after;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                escape::markdown(e.id),
                escape::markdown(&title(e)),
                escape::markdown(&version(after)),
                after.and_then(|m| m.status).map_or("", |s| s.as_str()),
                escape::markdown(&text(after.and_then(|m| m.approver.as_ref()))),
                after.and_then(|m| m.approved).map_or_else(String::new, |d| d.to_string()),
                escape::markdown(&reason(e))
            )?;
        }
        writeln!(out)?;
    }
    if !notice.withdrawn.is_empty() {
        writeln!(
            out,
            "### Withdrawn or made obsolete\n\n| Document | Title | Last version | How |\n|---|---|---|---|"
        )?;
        for e in &notice.withdrawn {
            let how = if e.after.is_some() { "made obsolete" } else { "deleted" };
            writeln!(
                out,
                "| {} | {} | {} | {how} |",
                escape::markdown(e.id),
                escape::markdown(&title(e)),
                escape::markdown(&version(e.before))
            )?;
        }
        writeln!(out)?;
    }
    if !notice.revised.is_empty() {
        writeln!(
            out,
            "### Revised\n\n| Document | Title | Version | Status | Approver | Approved | Reason | Commits |\n|---|---|---|---|---|---|---|---|"
        )?;
        for e in &notice.revised {
            let status = |m: Option<&RevisionMeta>| m.and_then(|m| m.status).map_or("—", |s| s.as_str());
            let status = if status(e.before) == status(e.after) {
                status(e.after).to_owned()
            } else {
                format!("{} → {}", status(e.before), status(e.after))
            };
            writeln!(
                out,
                "| {} | {} | {} → {} | {status} | {} | {} | {} | {} |",
                escape::markdown(e.id),
                escape::markdown(&title(e)),
                escape::markdown(&version(e.before)),
                escape::markdown(&version(e.after)),
                escape::markdown(&text(e.after.and_then(|m| m.approver.as_ref()))),
                e.after.and_then(|m| m.approved).map_or_else(String::new, |d| d.to_string()),
                escape::markdown(&reason(e)),
                escape::markdown(&commits(e, SUBJECT_LIMIT).join("; "))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
