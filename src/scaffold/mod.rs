//! New documents and new QMS roots: `qms new` writes one document with the next free id and
//! complete front matter; `qms init` writes `qms.toml` and a skeleton of every document the
//! chosen standards require, with the clauses filled in and the sections a document controller
//! expects. Skeletons are drafts: approval and review are facts only a person can supply.

mod init;
mod lock;
mod record_examples;
mod records;
mod reviewed;
mod sections;
mod skeletons;
mod text;
mod write;

pub use init::{InitPlan, plan_init};
pub use lock::{LOCK_FILE, NewLock};
pub use records::{NewRecord, next_record_id, record_prefix};
pub use reviewed::set_last_reviewed;
pub use sections::sections;
pub use text::{check_one_line, toml_text, yaml_text};
pub use write::Created;

use crate::error::{Error, Result};
use crate::model::Register;
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

/// The id with `prefix` a file's name starts with (`SOP-004` of `docs/SOP-004-audit.md`): taken
/// even when the file's front matter cannot be read, so `new` never hands it out again.
pub fn id_in_file_name(path: &str, prefix: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    let digits = name.strip_prefix(prefix)?.strip_prefix('-')?;
    let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
    (end > 0).then(|| format!("{prefix}-{}", &digits[..end]))
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

    /// `<ID>-<slug>.md`, or `<ID>.md` for a title with no letters or digits.
    pub fn file_name(&self) -> String {
        text::file_name(&self.id, &self.title)
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

/// Replaces the existing file `path` with `contents`: written beside it, then renamed over it,
/// so a failure leaves the old file whole.
pub fn replace_file(path: &Path, contents: &str) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.qms-new"));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| std::io::Write::write_all(&mut file, contents.as_bytes()).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        Error::WriteFile { path: path.to_path_buf(), source }
    })
}

/// Writes `relative` (below `root`) as a new file, through real folders only; on failure
/// nothing it created is left.
pub fn write_document(root: &Path, relative: &Path, contents: &str) -> Result<PathBuf> {
    let mut created = Created::default();
    created.file(root, relative, contents).inspect_err(|_| created.undo())
}

/// Writes the plan into `dir`: the documents, the records folder, then `qms.toml`. Refuses if
/// `qms.toml` exists; if any write fails, removes every file and folder it created, so a failed `init` leaves the
/// folder as it found it.
pub fn write_init(dir: &Path, plan: &InitPlan) -> Result<Vec<PathBuf>> {
    let config = dir.join(crate::config::CONFIG_FILE);
    if std::fs::symlink_metadata(&config).is_ok() {
        return Err(Error::AlreadyInitialized { path: config });
    }
    let mut created = Created::default();
    let mut write = || -> Result<Vec<PathBuf>> {
        created.root(dir)?;
        let mut written = Vec::new();
        for (folder, document) in &plan.documents {
            let relative = Path::new("docs").join(folder).join(document.file_name());
            written.push(created.file(dir, &relative, &document.render())?);
        }
        for (relative, text) in &plan.records {
            written.push(created.file(dir, &Path::new("records").join(relative), text)?);
        }
        written.insert(0, created.file(dir, Path::new(crate::config::CONFIG_FILE), &plan.qms_toml)?);
        // The site `qms build` writes by default is output, never committed.
        if std::fs::symlink_metadata(dir.join(".gitignore")).is_err() {
            written.push(created.file(dir, Path::new(".gitignore"), "# The site `qms build` writes.\n/site/\n")?);
        }
        Ok(written)
    };
    let result = write();
    if result.is_err() {
        created.undo();
    }
    result
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
    fn a_file_name_holds_its_id() {
        assert_eq!(id_in_file_name("docs/sops/SOP-004-audit.md", "SOP").as_deref(), Some("SOP-004"));
        assert_eq!(id_in_file_name("docs/SOP-12.md", "SOP").as_deref(), Some("SOP-12"));
        assert_eq!(id_in_file_name("docs/SOP-audit.md", "SOP"), None);
        assert_eq!(id_in_file_name("docs/WI-001.md", "SOP"), None);
        assert_eq!(id_in_file_name("docs/SOPX-001.md", "SOP"), None);
    }
}
