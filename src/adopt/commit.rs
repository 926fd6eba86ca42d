//! `qms adopt --commit`: the adoption as a commit of its own, then that commit recorded as
//! `[history] since` in `qms.toml` and committed too (DESIGN §8), with the user's git identity,
//! configuration and hooks. Nothing is written unless the commits can be made cleanly.

use crate::error::{Error, Result};
use std::path::Path;

/// The adoption commit's message.
pub const ADOPTION_MESSAGE: &str = "Adopt the document set with qms";
/// The message of the commit recording it as `[history] since`.
pub const SINCE_MESSAGE: &str = "Record the adoption commit as [history] since";

/// The two commits made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub adoption: String,
    pub since: String,
}

fn refused(message: String) -> Error {
    Error::AdoptCommit { message }
}

/// Refuses, before anything is written, a root outside a git work tree or a repository whose
/// index already holds staged changes (they would be committed with the adoption).
pub fn preflight(root: &Path) -> Result<()> {
    let staged = crate::git::commit::staged(root).map_err(|reason| {
        refused(format!("{} is not in a git work tree that can be committed to: {reason}", root.display()))
    })?;
    if let Some(first) = staged.first() {
        return Err(refused(format!(
            "the index holds {} staged change(s) unrelated to the adoption ({first}{}); commit or unstage them first (`git restore --staged PATH`), then adopt again; nothing was written",
            staged.len(),
            if staged.len() > 1 { ", …" } else { "" }
        )));
    }
    Ok(())
}

/// Commits the files the adoption wrote (relative to `root`), then sets `[history] since` to
/// that commit in `qms.toml` and commits it.
pub fn commit(root: &Path, written: &[String]) -> Result<Committed> {
    let git = |result: std::result::Result<String, String>| {
        result.map_err(|reason| refused(format!("the adoption is written but git did not commit it: {reason}")))
    };
    let adoption = git(crate::git::commit::commit_paths(root, written, ADOPTION_MESSAGE))?;
    let path = root.join(crate::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
    let edited = set_since(&text, &adoption);
    crate::config::parse(root, &edited).map_err(|error| {
        refused(format!("the adoption is committed as {adoption}, but qms.toml cannot take `[history] since`: {error}"))
    })?;
    crate::scaffold::replace_file(&path, &edited)?;
    let since = git(crate::git::commit::commit_paths(root, &[crate::config::CONFIG_FILE.to_owned()], SINCE_MESSAGE))?;
    Ok(Committed { adoption, since })
}

/// `text` (a `qms.toml`) with `[history] since` set to `commit`: the line replaced if there is
/// one, else added under `[history]`, else a `[history]` table appended.
pub fn set_since(text: &str, commit: &str) -> String {
    let line = format!("since = \"{commit}\"");
    let lines: Vec<&str> = text.lines().collect();
    let Some(header) = lines.iter().position(|l| l.trim() == "[history]") else {
        let separator = if text.is_empty() || text.ends_with("\n\n") {
            ""
        } else if text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        return format!(
            "{text}{separator}[history]\n{line}  # the adoption commit: earlier revisions are before control\n"
        );
    };
    let end = lines[header + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(lines.len(), |n| header + 1 + n);
    let is_since =
        |l: &&str| l.trim_start().strip_prefix("since").is_some_and(|rest| rest.trim_start().starts_with('='));
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match lines[header + 1..end].iter().position(is_since) {
        Some(n) => out[header + 1 + n] = line,
        None => out.insert(header + 1, line),
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::set_since;

    #[test]
    fn since_is_set_in_any_qms_toml() {
        let appended = set_since("[qms]\ndocuments = \".\"\n", "abc");
        assert!(appended.starts_with("[qms]\ndocuments = \".\"\n\n[history]\nsince = \"abc\""), "{appended}");
        let replaced = set_since("[history]\nsince = \"old\" # x\n\n[site]\ntitle = \"T\"\n", "abc");
        assert_eq!(replaced, "[history]\nsince = \"abc\"\n\n[site]\ntitle = \"T\"\n");
        let added = set_since("[history]\n\n[[history.accepted]]\ncode = \"x\"\n", "abc");
        assert_eq!(added, "[history]\nsince = \"abc\"\n\n[[history.accepted]]\ncode = \"x\"\n");
        let accepted = "[[history.accepted]]\ncode = \"version-not-bumped\"\ndocument = \"SOP-004\"\ncommit = \"9e21b07\"\nreason = \"Typo\"\nby = \"QM\"\ndate = 2026-11-29\n";
        let after_accepted = set_since(accepted, "abc");
        let config = crate::config::parse(std::path::Path::new("/q"), &after_accepted).unwrap();
        assert_eq!(config.history.since.as_ref().map(|s| s.value.as_str()), Some("abc"), "{after_accepted}");
    }
}
