//! `qms new TYPE "Title" [PATH]`: one new draft document with the next free id.

use super::{CliError, ExitStatus, print_with};
use crate::error::Error;
use crate::project::Project;
use crate::report::escape::terminal;
use crate::scaffold::{self, NewDocument};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The document type: manual, policy, scope, objectives, procedure, work-instruction, form,
    /// plan, register, record, or one declared in `[qms] types`.
    #[arg(value_name = "TYPE")]
    doc_type: String,
    /// The document's title.
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
    let project = Project::open(&args.path)?;
    let config = &project.config;
    if !config.types.contains(&args.doc_type) {
        return Err(Error::InvalidArgument {
            message: format!(
                "unknown document type \"{}\"{}; use one of: {}",
                args.doc_type,
                crate::suggest::did_you_mean(&args.doc_type, config.types.iter().map(String::as_str)),
                config.types.join(", ")
            ),
        }
        .into());
    }
    let mut document = NewDocument {
        id: String::new(),
        title: args.title.clone(),
        doc_type: args.doc_type.clone(),
        owner: args.owner.clone(),
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
    let register = &project.loaded.register;
    let prefix =
        config.id_prefixes.get(&args.doc_type).cloned().unwrap_or_else(|| scaffold::default_prefix(&args.doc_type));
    // Ids are never reused: those of deleted documents count as taken.
    let history = project.history();
    let used: Vec<String> = history.documents.keys().cloned().collect();
    document.id = scaffold::next_id(&prefix, register, &used);
    let folder = scaffold::folder_for(&args.doc_type, register, &config.documents);
    let relative = PathBuf::from(&config.documents).join(folder).join(document.file_name());
    scaffold::write_new_file(&config.root.join(&relative), &document.render())?;
    let (title, path) = (terminal(&document.title), relative.display().to_string());
    print_with(|out| writeln!(out, "created {} {title}: {}", terminal(&document.id), terminal(&path)))?;
    Ok(ExitStatus::Success)
}
