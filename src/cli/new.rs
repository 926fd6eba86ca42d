//! `qms new TYPE "Title" [PATH]`: one new draft document with the next free id.

use super::{CliError, ExitStatus, print_with};
use crate::diag::FileId;
use crate::error::Error;
use crate::model::RecordKind;
use crate::project::Project;
use crate::report::escape::terminal;
use crate::scaffold::{self, NewDocument, NewLock};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The document type: manual, policy, scope, objectives, procedure, work-instruction, form,
    /// plan, register, record, or one declared in `[qms] types`.
    #[arg(value_name = "TYPE")]
    doc_type: String,
    /// The document's title (one line of text).
    title: String,
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The role accountable for the content.
    #[arg(long, value_name = "ROLE", default_value = "Document Controller")]
    owner: String,
    /// A clause the document addresses, as STANDARD:CLAUSE (repeatable), e.g. iso9001:2015:7.5.
    #[arg(long = "clause", value_name = "STANDARD:CLAUSE")]
    clauses: Vec<String>,
}

pub fn run(args: &NewArgs) -> Result<ExitStatus, CliError> {
    scaffold::check_one_line("the title", &args.title)?;
    scaffold::check_one_line("--owner", &args.owner)?;
    // Spaces around a title or a role are never meant (and the register trims them).
    let (title, owner) = (args.title.trim(), args.owner.trim());
    if title.is_empty() || owner.is_empty() {
        let what = if title.is_empty() { "the title" } else { "--owner" };
        return Err(Error::InvalidArgument {
            message: format!(
                "{what} is empty; write the document's {}",
                if title.is_empty() { "title" } else { "owner (a role)" }
            ),
        }
        .into());
    }
    // Held from reading the documents to creating the file: concurrent runs take distinct ids.
    let root = crate::config::find_root(&args.path)?;
    let lock = NewLock::acquire(&root)?;
    let project = Project::open(&root)?;
    let config = &project.config;
    // `audit`, `nonconformity`, … make a record, unless the organization declared a document
    // type of that name.
    let record_kind = RecordKind::parse(&args.doc_type).filter(|_| !config.types.contains(&args.doc_type));
    if record_kind.is_none() && !config.types.contains(&args.doc_type) {
        return Err(Error::InvalidArgument {
            message: format!(
                "unknown document type \"{}\"{}; use one of: {}; or a record kind: audit, nonconformity, management-review, certificate",
                args.doc_type,
                crate::suggest::did_you_mean(&args.doc_type, config.types.iter().map(String::as_str)),
                config.types.join(", ")
            ),
        }
        .into());
    }
    let mut document = NewDocument {
        id: String::new(),
        title: title.to_owned(),
        doc_type: args.doc_type.clone(),
        owner: owner.to_owned(),
        clauses: Vec::new(),
        extra: Vec::new(),
        appendix: String::new(),
    };
    for spec in &args.clauses {
        let (standard, clause) =
            spec.rsplit_once(':').filter(|(s, c)| !s.is_empty() && !c.is_empty()).ok_or_else(|| {
                Error::InvalidArgument {
                    message: format!("--clause {spec}: write STANDARD:CLAUSE, such as iso9001:2015:7.5"),
                }
            })?;
        let known = project.catalogs.get(standard).is_some_and(|s| s.clause(clause).is_some());
        if !known {
            return Err(Error::InvalidArgument {
                message: format!("--clause {spec}: {standard} has no clause {clause}"),
            }
            .into());
        }
        document.cite(standard, clause);
    }
    if let Some(kind) = record_kind {
        let created = super::new_record::create(&project, kind, &document.title, owner, document.clauses)?;
        drop(lock);
        return Ok(created);
    }
    let register = &project.loaded.register;
    let prefix =
        config.id_prefixes.get(&args.doc_type).cloned().unwrap_or_else(|| scaffold::default_prefix(&args.doc_type));
    // Ids are never reused: those of deleted documents count as taken, and so do those in the
    // names of files whose front matter cannot be read.
    let history = project.history();
    let files = project.files();
    let in_file_names = (0..files.len())
        .filter_map(|n| u32::try_from(n).ok())
        .filter_map(|n| scaffold::id_in_file_name(&files.get(FileId(n)).path, &prefix));
    let used: Vec<String> = history.documents.keys().cloned().chain(in_file_names).collect();
    document.id = scaffold::next_id(&prefix, register, &used);
    let folder = scaffold::folder_for(&args.doc_type, register, &config.documents);
    let relative = PathBuf::from(&config.documents).join(folder).join(document.file_name());
    scaffold::write_document(&config.root, &relative, &document.render())?;
    drop(lock);
    let (title, path) = (terminal(&document.title), relative.display().to_string());
    print_with(|out| writeln!(out, "created {} {title}: {}", terminal(&document.id), terminal(&path)))?;
    Ok(ExitStatus::Success)
}
