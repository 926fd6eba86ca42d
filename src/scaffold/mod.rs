//! New documents and new QMS roots: `qms new` writes one document with the next free id and
//! complete front matter; `qms init` writes `qms.toml` and a skeleton of every document the
//! chosen standards require, with the clauses filled in and the sections a document controller
//! expects. Skeletons are drafts: approval and review are facts only a person can supply.

mod init;
mod sections;

pub use init::{InitPlan, plan_init};
pub use sections::sections;

use crate::error::{Error, Result};
use crate::model::{Register, slugify};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The id prefix used for a type when `[qms] id_prefixes` does not name one.
pub fn default_prefix(doc_type: &str) -> String {
    match doc_type {
        "manual" => "QM".to_owned(),
        "policy" => "POL".to_owned(),
        "scope" => "SCP".to_owned(),
        "objectives" => "OBJ".to_owned(),
        "procedure" => "SOP".to_owned(),
        "work-instruction" => "WI".to_owned(),
        "form" => "FRM".to_owned(),
        "plan" => "PLN".to_owned(),
        "register" => "REG".to_owned(),
        "record" => "REC".to_owned(),
        other => other.split('-').filter_map(|w| w.chars().next()).collect::<String>().to_uppercase(),
    }
}

/// The folder (under the documents folder) for a type when no document of it exists yet.
pub fn default_folder(doc_type: &str) -> String {
    match doc_type {
        "manual" | "scope" => "manual".to_owned(),
        "policy" => "policies".to_owned(),
        "objectives" | "plan" => "plans".to_owned(),
        "work-instruction" => "work-instructions".to_owned(),
        other => format!("{other}s"),
    }
}

/// The next free id with `prefix`: one more than the highest in use (also counting ids used
/// only in `used`, such as ids from history), zero-padded like the existing ones (3 digits by
/// default).
pub fn next_id(prefix: &str, register: &Register, used: &[String]) -> String {
    let numbers: Vec<(u64, usize)> = register
        .documents()
        .iter()
        .filter_map(|d| d.id().map(str::to_owned))
        .chain(used.iter().cloned())
        .filter_map(|id| {
            let digits = id.strip_prefix(prefix)?.strip_prefix('-')?;
            digits.parse::<u64>().ok().map(|n| (n, digits.len()))
        })
        .collect();
    let next = numbers.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    let width = numbers.iter().map(|(_, w)| *w).max().unwrap_or(3);
    format!("{prefix}-{next:0width$}")
}

/// The folder most documents of `doc_type` live in (relative to the documents folder).
pub fn folder_for(doc_type: &str, register: &Register, documents_dir: &str) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for document in
        register.documents().iter().filter(|d| d.meta.doc_type.as_ref().is_some_and(|t| t.value == doc_type))
    {
        let relative = document.path.strip_prefix(&format!("{documents_dir}/")).unwrap_or(&document.path);
        let folder = relative.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
        *counts.entry(folder).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map_or_else(|| default_folder(doc_type), |(folder, _)| folder)
}

/// What a new document is: its front matter values and body.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub id: String,
    pub title: String,
    pub doc_type: String,
    pub owner: String,
    /// Standard id and clause ids, in the order the standards are enabled.
    pub clauses: Vec<(String, Vec<String>)>,
    /// Extra front-matter lines, written as given (e.g. `soa: iso27001:2022`).
    pub extra: Vec<String>,
    /// Body after the sections (a table, a list of controls).
    pub appendix: String,
}

impl NewDocument {
    /// Adds `clause` of `standard`, keeping the order of first mention.
    pub fn cite(&mut self, standard: &str, clause: &str) {
        match self.clauses.iter_mut().find(|(s, _)| s == standard) {
            Some((_, clauses)) if clauses.iter().any(|c| c == clause) => {}
            Some((_, clauses)) => clauses.push(clause.to_owned()),
            None => self.clauses.push((standard.to_owned(), vec![clause.to_owned()])),
        }
    }

    /// `<ID>-<slug>.md`.
    pub fn file_name(&self) -> String {
        format!("{}-{}.md", self.id, slugify(&self.title).trim_matches('-'))
    }

    /// The whole file: front matter of a draft, heading, sections with guidance.
    pub fn render(&self) -> String {
        let mut text = String::from("---\n");
        let _ = writeln!(text, "id: {}", self.id);
        let _ = writeln!(text, "title: {}", yaml_text(&self.title));
        let _ = writeln!(text, "type: {}", self.doc_type);
        text.push_str("version: \"0.1\"\nstatus: draft\n");
        let _ = writeln!(text, "owner: {}", yaml_text(&self.owner));
        if !self.clauses.is_empty() {
            text.push_str("clauses:\n");
            for (standard, clauses) in &self.clauses {
                let list = clauses.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                let _ = writeln!(text, "  \"{standard}\": [{list}]");
            }
        }
        for line in &self.extra {
            let _ = writeln!(text, "{line}");
        }
        text.push_str("---\n\n");
        let _ = writeln!(text, "# {} {}\n", self.id, self.title);
        for (heading, guidance) in sections(&self.doc_type) {
            let _ = writeln!(text, "## {heading}\n\n> Guidance: {guidance}\n");
        }
        text.push_str(&self.appendix);
        text
    }
}

/// Writes a new file; never overwrites one.
pub fn write_new_file(path: &Path, contents: &str) -> Result<()> {
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
        std::io::Write::write_all(&mut file, contents.as_bytes())
    };
    write().map_err(|source| Error::WriteFile { path: path.to_path_buf(), source })
}

/// Writes the plan into `dir`: `qms.toml` and the documents. Refuses if `qms.toml` exists.
pub fn write_init(dir: &Path, plan: &InitPlan) -> Result<Vec<PathBuf>> {
    let config = dir.join(crate::config::CONFIG_FILE);
    if config.exists() {
        return Err(Error::AlreadyInitialized { path: config });
    }
    write_new_file(&config, &plan.qms_toml)?;
    let mut written = vec![config];
    for (folder, document) in &plan.documents {
        let path = dir.join("docs").join(folder).join(document.file_name());
        write_new_file(&path, &document.render())?;
        written.push(path);
    }
    Ok(written)
}

/// A YAML scalar for free text: quoted when it could be misread.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':');
    if plain { text.to_owned() } else { format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_continue_the_numbering_and_its_width() {
        let register = Register::default();
        assert_eq!(next_id("SOP", &register, &[]), "SOP-001");
        assert_eq!(next_id("SOP", &register, &["SOP-0041".into(), "SOP-0007".into(), "WI-0100".into()]), "SOP-0042");
    }

    #[test]
    fn titles_are_quoted_only_when_needed() {
        assert_eq!(yaml_text("Control of Documented Information"), "Control of Documented Information");
        assert_eq!(yaml_text("Scope: what we do"), "\"Scope: what we do\"");
        assert_eq!(yaml_text("\"Quoted\""), "\"\\\"Quoted\\\"\"");
    }
}
