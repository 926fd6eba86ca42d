//! What `qms adopt` prints: per document the id, type and title it was given, where each came
//! from and how sure that is, then what a person still has to decide. Every name and title
//! comes from the adopted files and passes [`terminal`].

use crate::adopt::{Certainty, Plan};
use crate::report::escape::{clip, terminal};
use std::io::{self, Write};

/// With `commit`, the closing words wait for the commits ([`committed`]).
pub fn write(plan: &Plan, dry_run: bool, written: &[String], commit: bool, out: &mut dyn Write) -> io::Result<()> {
    let verb = if dry_run { "would adopt" } else { "adopted" };
    writeln!(
        out,
        "{verb} {} documents in {} ({} already under control, {} left as they are)",
        plan.documents.len(),
        terminal(&plan.documents_folder),
        plan.already,
        plan.skipped.len()
    )?;
    if plan.qms_toml.is_some() {
        let action = if dry_run { "would write" } else { "wrote" };
        writeln!(out, "{action} qms.toml (documents = \"{}\")", terminal(&plan.documents_folder))?;
        if !plan.exclude.is_empty() {
            writeln!(out, "  not documents: {}", terminal(&plan.exclude.join(", ")))?;
        }
    }
    if plan.gitignore.is_some() {
        writeln!(
            out,
            "{} .gitignore (/site/: the site `qms build` writes)",
            if dry_run { "would write" } else { "wrote" }
        )?;
    }
    for (path, _) in &plan.catalogs {
        writeln!(out, "{} {}", if dry_run { "would write" } else { "wrote" }, terminal(path))?;
    }
    writeln!(out)?;
    let width = plan.documents.iter().map(|d| d.id.value.len()).max().unwrap_or(0);
    for document in &plan.documents {
        let history = match document.revisions {
            0 => "no commits".to_owned(),
            1 => "1 commit before control".to_owned(),
            n => format!("{n} commits before control"),
        };
        writeln!(
            out,
            "{:width$}  {:16}  {}  ({}; {history})",
            terminal(&document.id.value),
            terminal(&document.doc_type.value),
            terminal(&clip(&document.title.value, 80)),
            terminal(&document.path),
        )?;
        let mut doubts = Vec::new();
        for (what, value) in [("id", &document.id), ("title", &document.title), ("type", &document.doc_type)] {
            if value.certainty != Certainty::Sure {
                doubts.push(format!("{what} {} from {}", value.certainty.as_str(), terminal(&value.from)));
            }
        }
        if !doubts.is_empty() {
            writeln!(out, "{:width$}  {}", "", doubts.join("; "))?;
        }
    }
    for (path, reason) in &plan.skipped {
        writeln!(out, "left as it is: {}: {}", terminal(path), terminal(reason))?;
    }
    let guesses = plan.documents.iter().filter(|d| d.doc_type.certainty == Certainty::Guess).count();
    if guesses > 0 || !plan.to_decide.is_empty() {
        writeln!(out, "\nTo decide:")?;
        if guesses > 0 {
            writeln!(out, "  {guesses} document types are guesses (procedure); correct `type:` where it is wrong")?;
        }
        for line in &plan.to_decide {
            writeln!(out, "  {}", terminal(&clip(line, 300)))?;
        }
    }
    if dry_run {
        writeln!(out, "\nNothing was written (--dry-run).")?;
    } else if !written.is_empty() && !commit {
        writeln!(
            out,
            "\nEvery body is unchanged; only front matter was added. Commit the change as one commit; its earlier\ncommits stay each document's history before control. Then set `[history] since = \"COMMIT\"` in qms.toml\nto that commit (`git rev-parse HEAD`), or adopt with --commit to have both done. Then run `qms check`."
        )?;
    }
    Ok(())
}

/// The two commits `--commit` made.
pub fn committed(committed: &crate::adopt::commit::Committed, out: &mut dyn Write) -> io::Result<()> {
    let short = |id: &str| id.chars().take(10).collect::<String>();
    writeln!(
        out,
        "\nEvery body is unchanged; only front matter was added. Two commits:\n  {}  {}\n  {}  {}\nEarlier commits stay each document's history before control. Then run `qms check`.",
        short(&committed.adoption),
        crate::adopt::commit::ADOPTION_MESSAGE,
        short(&committed.since),
        crate::adopt::commit::SINCE_MESSAGE
    )
}
